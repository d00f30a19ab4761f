"""Verifying a resident's phone or e-mail with a one-time code, behind an identity-provider adapter.

The built-in provider sends a six-digit code. Korean identity providers (PASS, Kakao, ...) fit
the same interface: `begin` returns a token to carry through the flow, `complete` returns the
verified contact. Only keyed hashes of contacts and codes are stored.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from ondol.community import sms
from ondol.community.models import OneTimeCode
from ondol.core.errors import InvalidInput, RateLimited

CODE_LIFETIME = dt.timedelta(minutes=15)
MAX_ATTEMPTS = 5
MAX_CODES_PER_HOUR = 5


@dataclass(frozen=True)
class Contact:
    channel: str  # "email" or "sms"
    value: str  # normalised


def normalize_phone(raw: str) -> str:
    """Korean mobile numbers in any common spelling → 010XXXXXXXX."""
    digits = re.sub(r"\D", "", raw or "")
    if digits.startswith("82"):
        digits = "0" + digits[2:]
    return digits


def parse_contact(raw: str) -> Contact:
    """An e-mail address or a Korean mobile number; InvalidInput otherwise."""
    text = (raw or "").strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError as error:
            raise InvalidInput(fields={"contact": _("Enter a valid e-mail address.")}) from error
        return Contact("email", text.lower())
    phone = normalize_phone(text)
    if not re.fullmatch(r"01[016789]\d{7,8}", phone):
        raise InvalidInput(fields={"contact": _("Enter a mobile phone number such as 010-1234-5678, or an e-mail address.")})
    return Contact("sms", phone)


def keyed_digest(value: str, *, scope: str) -> str:
    """HMAC of `value` with the site key, scoped so digests of one purpose cannot be matched to another's."""
    return salted_hmac(f"ondol.community.{scope}", value, algorithm="sha256").hexdigest()


def deliver(contact: Contact, *, subject: str, text: str) -> None:
    if contact.channel == "email":
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [contact.value])
    else:
        sms.send_sms(contact.value, text)


@dataclass(frozen=True)
class Verified:
    contact_digest: str
    payload: dict[str, Any]


class IdentityProvider(Protocol):
    code: str

    def begin(self, *, contact: Contact, purpose: str, payload: dict[str, Any], language: str) -> str: ...

    def complete(self, *, token: str, purpose: str, response: str) -> Verified: ...


class OneTimeCodeProvider:
    """The built-in provider: a six-digit code by SMS or e-mail."""

    code = "one_time_code"

    def begin(self, *, contact: Contact, purpose: str, payload: dict[str, Any], language: str) -> str:
        contact_digest = keyed_digest(contact.value, scope="contact")
        since = timezone.now() - dt.timedelta(hours=1)
        if OneTimeCode.objects.filter(contact_digest=contact_digest, created_at__gte=since).count() >= MAX_CODES_PER_HOUR:
            raise RateLimited()
        code = f"{secrets.randbelow(1_000_000):06d}"
        record = OneTimeCode.objects.create(
            purpose=purpose, channel=contact.channel, contact_digest=contact_digest,
            code_digest=keyed_digest(code, scope="code"), payload=payload,
            expires_at=timezone.now() + CODE_LIFETIME,
        )
        with translation.override(language):
            subject = _("Your Ondol confirmation code")
            text = _("Your Ondol confirmation code is %(code)s. It is valid for 15 minutes.") % {"code": code}
        transaction.on_commit(lambda: deliver(contact, subject=subject, text=text))
        return record.token

    def complete(self, *, token: str, purpose: str, response: str) -> Verified:
        wrong = InvalidInput(fields={"code": _("This code is not right or has expired. Ask for a new code.")})
        with transaction.atomic():
            record = OneTimeCode.objects.select_for_update().filter(token=token, purpose=purpose).first()
            if record is None or record.consumed_at or record.expires_at < timezone.now() or record.attempts >= MAX_ATTEMPTS:
                raise wrong
            if not hmac.compare_digest(record.code_digest, keyed_digest(re.sub(r"\D", "", response or ""), scope="code")):
                OneTimeCode.objects.filter(pk=record.pk).update(attempts=record.attempts + 1)
                raise_after = wrong  # raised after the block, so the counted attempt is committed
            else:
                raise_after = None
                payload = record.payload
                record.consumed_at = timezone.now()
                record.payload = {}  # e.g. the entry chosen in a vote: not kept once counted
                record.save(update_fields=["consumed_at", "payload"])
        if raise_after is not None:
            raise raise_after
        return Verified(contact_digest=record.contact_digest, payload=payload)


def identity_provider(code: str = OneTimeCodeProvider.code) -> IdentityProvider:
    providers: dict[str, IdentityProvider] = {OneTimeCodeProvider.code: OneTimeCodeProvider()}
    for path in getattr(settings, "ONDOL_COMMUNITY_IDENTITY_PROVIDERS", []):
        provider = import_string(path)()
        providers[provider.code] = provider
    return providers[code]
