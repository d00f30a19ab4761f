"""The JSON API under /api/v1/: one NinjaAPI, one error shape, routers contributed by each app."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from ondol.accounts.access import is_staff_member
from ondol.accounts.services import user_for_token
from ondol.core.errors import DomainError


class StaffTokenAuth(HttpBearer):
    """`Authorization: Bearer ond_...` for scripts and partner systems."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None or not is_staff_member(user):
            return None
        request.user = user
        return user


class StaffSessionAuth(SessionAuth):
    """The signed-in browser session of a staff member (CSRF-checked by Ninja for unsafe methods)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None or not is_staff_member(user):
            return None
        return user


staff_auth = [StaffTokenAuth(), StaffSessionAuth()]

api = NinjaAPI(
    title="Ondol API",
    version="1",
    description=(
        "Ondol's JSON API: the service guide, eligibility screening, cases and referrals, complaints, "
        "discovery, community work and statistics. Errors always have the body "
        '`{"error": {"code": ..., "message": ..., "fields": {...}}}`.'
    ),
    urls_namespace="api",
)

_FIELD_MESSAGES = {
    "missing": lambda: _("This field is required."),
    "extra_forbidden": lambda: _("This field is not allowed here."),
    "int_parsing": lambda: _("Enter a whole number."),
    "int_type": lambda: _("Enter a whole number."),
    "bool_parsing": lambda: _("Enter true or false."),
    "bool_type": lambda: _("Enter true or false."),
    "date_from_datetime_parsing": lambda: _("Enter a date as YYYY-MM-DD."),
    "date_parsing": lambda: _("Enter a date as YYYY-MM-DD."),
    "date_type": lambda: _("Enter a date as YYYY-MM-DD."),
    "string_type": lambda: _("Enter text."),
    "literal_error": lambda: _("Choose one of the allowed values."),
    "enum": lambda: _("Choose one of the allowed values."),
    "greater_than_equal": lambda: _("The value is too small."),
    "less_than_equal": lambda: _("The value is too large."),
    "string_too_long": lambda: _("The text is too long."),
    "string_too_short": lambda: _("The text is too short."),
    "string_pattern_mismatch": lambda: _("The value does not have the expected format."),
}


def field_errors(errors: list[dict[str, Any]]) -> dict[str, str]:
    """Pydantic error list → {"dotted.field": "translated sentence"}."""
    fields: dict[str, str] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query", "path")]
        name = ".".join(location) or "__all__"
        kind = str(error.get("type", ""))
        message = _FIELD_MESSAGES.get(kind)
        fields.setdefault(name, message() if message else _("This value is not valid."))
    return fields


def _error(request: HttpRequest, status: int, code: str, message: str, fields: dict[str, str] | None = None) -> HttpResponse:
    return api.create_response(
        request, {"error": {"code": code, "message": message, "fields": fields or {}}}, status=status
    )


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_body(), status=exc.status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, 422, "invalid_input",
                  _("Some of the information is not valid. Please check the marked fields."),
                  field_errors(list(exc.errors)))


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "unauthorized", _("Sign in or send a valid API token."))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", _("We could not find what you asked for."))


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "http_error", str(exc))


_ROUTERS = [
    ("/auth", "ondol.accounts.api"),
    ("/regions", "ondol.core.api"),
    ("/guide", "ondol.guide.api"),
    ("/eligibility", "ondol.eligibility.api"),
    ("/", "ondol.cases.api"),
    ("/complaints", "ondol.complaints.api"),
    ("/discovery", "ondol.discovery.api"),
    ("/fieldwork", "ondol.fieldwork.api"),
    ("/community", "ondol.community.api"),
    ("/centre", "ondol.centre.api"),
    ("/stats", "ondol.stats.api"),
]


def _mount_routers() -> None:
    from importlib import import_module

    for prefix, module_name in _ROUTERS:
        api.add_router(prefix, import_module(module_name).router)


_mount_routers()
