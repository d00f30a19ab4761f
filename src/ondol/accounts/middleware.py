"""Send staff who have not passed two-factor to set it up or verify it, when it is required."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ondol.accounts.services import totp_device_for, two_factor_required

# Paths a signed-in but unverified user may still reach: the 2FA pages, logout, assets and health.
_ALLOWED_FRAGMENTS = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/healthz", "/i18n/")


class StaffTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            two_factor_required()
            and user is not None
            and user.is_authenticated
            and not user.is_verified()  # type: ignore[union-attr]
            and not any(fragment in request.path for fragment in _ALLOWED_FRAGMENTS)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"error": {"code": "two_factor_required",
                               "message": _("Two-factor verification is required for staff accounts."),
                               "fields": {}}},
                    status=403,
                )
            target = "accounts:2fa-verify" if totp_device_for(user) else "accounts:2fa-setup"  # type: ignore[arg-type]
            return redirect(target)
        return self.get_response(request)
