"""Messages to residents and interpreters: Django email, and text messages through a pluggable backend (console by default).

`settings.ONDOL_CENTRE_SMS_BACKEND` names a class with `send(*, to, body)`. The console backend prints the
message and keeps it in `outbox`, so tests can read what a resident would have received.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, ClassVar, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsBackend(Protocol):
    def send(self, *, to: str, body: str) -> None: ...


class ConsoleSmsBackend:
    outbox: ClassVar[list[dict[str, str]]] = []

    def __init__(self, stream: Any = None):
        self.stream = stream or sys.stdout

    def send(self, *, to: str, body: str) -> None:
        ConsoleSmsBackend.outbox.append({"to": to, "body": body})
        self.stream.write(f"[sms → {to}] {body}\n")


def sms_backend() -> SmsBackend:
    path = getattr(settings, "ONDOL_CENTRE_SMS_BACKEND", "ondol.centre.notify.ConsoleSmsBackend")
    backend: SmsBackend = import_string(path)()
    return backend


def site_url() -> str:
    return str(getattr(settings, "ONDOL_SITE_URL", "http://localhost:8000")).rstrip("/")


def send_to_person(*, email: str, phone: str, subject: str, body: str, sms: str,
                     attachments: list[tuple[str, str, str]] | None = None) -> None:
    """Send by every channel the person gave us; the text message is the short form.

    Called after the booking has committed: a failing mail server must not turn a booked visit into an
    error page, so failures are logged for staff and the other channel is still tried.
    """
    if email:
        try:
            message = EmailMessage(subject, body, to=[email])
            for name, content, mimetype in attachments or []:
                message.attach(name, content, mimetype)
            message.send(fail_silently=False)
        except Exception:
            logger.exception("Could not send an email.")
    if phone:
        try:
            sms_backend().send(to=phone, body=sms)
        except Exception:
            logger.exception("Could not send a text message.")
