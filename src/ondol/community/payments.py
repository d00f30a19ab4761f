"""Payment providers behind one small interface.

A provider turns a donor's intent into a confirmed payment. Built in: "staff" (money handed in
or transferred and recorded by staff) and, outside production, "sandbox" (confirms at once, for
demos and tests). A card or easy-pay provider (e.g. a PG company) implements `charge` by
redirecting and confirming through its webhook, then calls `do_give_online` with its reference.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from ondol.core.errors import InvalidInput


@dataclass(frozen=True)
class PaymentResult:
    confirmed: bool
    reference: str


class PaymentProvider(Protocol):
    code: str
    label: Any  # a lazily translated name

    def charge(self, *, amount: int, description: str) -> PaymentResult: ...


class StaffRecordedProvider:
    """Money counted at a counter or seen on the bank statement; a staff member vouches for it."""

    code = "staff"
    label = _("Recorded by staff")

    def charge(self, *, amount: int, description: str) -> PaymentResult:
        return PaymentResult(confirmed=True, reference=f"staff-{secrets.token_hex(6)}")


class SandboxProvider:
    """Confirms every payment at once. Never offered in production."""

    code = "sandbox"
    label = _("Test payment (demo only)")

    def charge(self, *, amount: int, description: str) -> PaymentResult:
        return PaymentResult(confirmed=True, reference=f"sandbox-{secrets.token_hex(8)}")


def online_providers() -> dict[str, PaymentProvider]:
    """Providers a donor may choose on a centre's page."""
    providers: dict[str, PaymentProvider] = {}
    if not settings.PRODUCTION:
        providers[SandboxProvider.code] = SandboxProvider()
    for path in getattr(settings, "ONDOL_COMMUNITY_PAYMENT_PROVIDERS", []):
        provider = import_string(path)()
        providers[provider.code] = provider
    return providers


def online_provider(code: str) -> PaymentProvider:
    provider = online_providers().get(code)
    if provider is None:
        raise InvalidInput(fields={"provider": str(_("This way of paying is not available."))})
    return provider
