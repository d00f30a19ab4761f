"""Helpers shared by the staff pages."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest

from ondol.core.errors import DomainError


def form_errors(form: forms.Form, error: DomainError) -> None:
    """Show a domain error on the form: each named field, and the message on top."""
    shown = False
    for field, message in error.fields.items():
        if field in form.fields:
            form.add_error(field, str(message))
            shown = True
    if not shown or error.status == 409:
        form.add_error(None, str(error.message))


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
