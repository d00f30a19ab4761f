"""Staff accounts: creation, API tokens and TOTP two-factor set-up."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ondol.accounts.models import ApiToken, Membership, User
from ondol.core import audit
from ondol.core.errors import InvalidInput
from ondol.core.models import Agency


@transaction.atomic
def do_create_staff_user(
    actor: Any,
    *,
    username: str,
    password: str | None,
    agency: Agency,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    preferred_language: str = "ko",
) -> User:
    """Create (or extend) a staff account with a role at an agency."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": email,
                  "preferred_language": preferred_language},
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.is_staff = role == "admin"
        user.save()
    Membership.objects.get_or_create(user=user, agency=agency, role=role)
    audit.record_change(actor, user, action="create" if created else "add_role", detail=f"{agency.pk}:{role}")
    return user


@transaction.atomic
def do_create_api_token(actor: User, *, name: str, days: int = 90) -> tuple[ApiToken, str]:
    """Issue a bearer token for `actor`; the raw value is shown once and never stored."""
    if not name.strip():
        raise InvalidInput(fields={"name": _("Give the token a name so you can recognise it later.")})
    raw = ApiToken.new_raw_token()
    token = ApiToken.objects.create(
        user=actor,
        name=name.strip()[:80],
        prefix=raw[4:12],
        digest=ApiToken.digest_of(raw),
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit.record_change(actor, token, action="create")
    return token, raw


def user_for_token(raw: str) -> User | None:
    """The active user behind a bearer token, or None for unknown, revoked or expired tokens."""
    if not raw or not raw.startswith("ond_"):
        return None
    token = (
        ApiToken.objects.select_related("user").filter(digest=ApiToken.digest_of(raw), revoked=False).first()
    )
    if token is None or (token.expires_at and token.expires_at < timezone.now()) or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def totp_device_for(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def start_totp_setup(user: User) -> tuple[TOTPDevice, str]:
    """Create (or reuse) an unconfirmed TOTP device and return it with a QR code SVG to scan."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=4, dark="#111", light="#fff")
    return device, svg


def confirm_totp(request: Any, *, user: User, code: str) -> bool:
    """Check a code from the authenticator app; on success mark the session as verified."""
    device = totp_device_for(user) or TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not code.strip().isdigit() or not device.verify_token(code.strip()):
        audit.record_event(user, action="2fa_failed", target_type="accounts.user", target_id=user.pk,
                           request=request)
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit.record_event(user, action="2fa_verified", target_type="accounts.user", target_id=user.pk,
                       request=request)
    return True


def two_factor_required() -> bool:
    return bool(settings.ONDOL_REQUIRE_2FA)
