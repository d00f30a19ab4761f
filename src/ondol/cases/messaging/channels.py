"""Delivery channels: email through Django's mail backends, text and messenger through a pluggable backend.

`settings.ONDOL_SMS_BACKEND` names a class with `send(*, channel, to, body)`. The console backend prints
the message (development) and keeps it in `outbox` (tests), like Django's locmem mail backend.
"""

from __future__ import annotations

import sys
from typing import Any, ClassVar, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "ondol.cases.messaging.channels.ConsoleSmsBackend"
_FOUNDATION_PLACEHOLDER = "ondol.core.messaging.ConsoleSmsBackend"


class SmsBackend(Protocol):
    def send(self, *, channel: str, to: str, body: str) -> None: ...


class ConsoleSmsBackend:
    """Writes text and messenger messages to the console instead of sending them."""

    outbox: ClassVar[list[dict[str, str]]] = []

    def __init__(self, stream: Any = None):
        self.stream = stream or sys.stdout

    def send(self, *, channel: str, to: str, body: str) -> None:
        ConsoleSmsBackend.outbox.append({"channel": channel, "to": to, "body": body})
        del ConsoleSmsBackend.outbox[:-1000]  # a development server runs for days; keep the recent ones
        self.stream.write(f"[{channel} → {to}] {body}\n")
        self.stream.flush()


def sms_backend() -> SmsBackend:
    path = getattr(settings, "ONDOL_SMS_BACKEND", "") or DEFAULT_BACKEND
    try:
        backend_class = import_string(path)
    except ImportError:
        # The foundation's settings name a core module that does not exist (yet); only that name falls back.
        if path != _FOUNDATION_PLACEHOLDER:
            raise
        backend_class = ConsoleSmsBackend
    backend: SmsBackend = backend_class()
    return backend


def send_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject, body, None, [to], fail_silently=False)
