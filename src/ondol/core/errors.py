"""Domain errors: services raise them, the HTML and JSON edges turn them into 4xx responses."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A failure a user can understand and act on; carries a stable code and a translated message."""

    status = 400
    code = "invalid_request"
    default_message: Any = _("The request could not be completed.")

    def __init__(self, message: Any = None, *, code: str | None = None, fields: dict[str, Any] | None = None):
        self.message = message if message is not None else self.default_message
        if code is not None:
            self.code = code
        self.fields = fields or {}
        super().__init__(str(self.message))

    def as_body(self) -> dict[str, Any]:
        """The error as the API's one error body shape."""
        return {
            "error": {
                "code": self.code,
                "message": str(self.message),
                "fields": {name: str(text) for name, text in self.fields.items()},
            }
        }


class NotFound(DomainError):
    """Missing and forbidden records both end here, so that nobody can probe for their existence."""

    status = 404
    code = "not_found"
    default_message = _("We could not find what you asked for.")


class InvalidInput(DomainError):
    status = 422
    code = "invalid_input"
    default_message = _("Some of the information is not valid. Please check the marked fields.")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    default_message = _("Someone else changed this record. Please reload it and try again.")


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"
    default_message = _("You do not have permission to do this.")


class ConsentMissing(DomainError):
    status = 409
    code = "consent_missing"
    default_message = _("The person has not given consent for this.")


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    default_message = _("Too many requests. Please wait a few minutes and try again.")
