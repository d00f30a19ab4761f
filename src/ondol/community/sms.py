"""SMS behind a small adapter; the console backend logs messages and keeps them for tests."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmsMessage:
    to: str
    text: str


class SmsBackend(Protocol):
    def send(self, message: SmsMessage) -> None: ...


outbox: list[SmsMessage] = []


class ConsoleSmsBackend:
    """For development and tests: nothing leaves the machine."""

    def send(self, message: SmsMessage) -> None:
        outbox.append(message)
        logger.info("SMS to %s: %s", message.to, message.text)


def send_sms(to: str, text: str) -> None:
    path = getattr(settings, "ONDOL_COMMUNITY_SMS_BACKEND", "ondol.community.sms.ConsoleSmsBackend")
    backend: SmsBackend = import_string(path)()
    backend.send(SmsMessage(to=to, text=text))
