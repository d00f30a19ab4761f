"""Token issuing for staff API clients."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from ondol.accounts import services
from ondol.accounts.access import is_staff_member
from ondol.core.errors import InvalidInput, PermissionDenied

router = Router(tags=["accounts"])


class TokenIn(Schema):
    username: str
    password: str
    name: str = "api"
    otp: str | None = None


class TokenOut(Schema):
    token: str
    name: str
    expires_at: str


@router.post("/token", response={201: TokenOut}, auth=None)
def create_token(request: HttpRequest, payload: TokenIn) -> Status:
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        raise InvalidInput(_("The username or password is not right."), code="bad_credentials")
    if not is_staff_member(user):
        raise PermissionDenied()
    if services.two_factor_required():
        device = services.totp_device_for(user)  # type: ignore[arg-type]
        if device is None or not payload.otp or not device.verify_token(payload.otp):
            raise PermissionDenied(_("A valid two-factor code is required for staff accounts."),
                                   code="two_factor_required")
    token, raw = services.do_create_api_token(user, name=payload.name)  # type: ignore[arg-type]
    expires = token.expires_at.isoformat() if token.expires_at else ""
    return Status(201, {"token": raw, "name": token.name, "expires_at": expires})
