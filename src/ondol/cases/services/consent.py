"""Consent per purpose, its withdrawal, and the emergency override a centre manager may record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.accounts.access import has_role
from ondol.accounts.models import Role
from ondol.cases.access import require_client_owner
from ondol.cases.models import Client, Consent, ConsentBasis, Purpose
from ondol.core import audit
from ondol.core.errors import InvalidInput, PermissionDenied
from ondol.core.languages import normalize_language
from ondol.core.models import Agency, AgencyKind

# The consent form the agencies agreed on; a new wording gets a new version.
CONSENT_FORM_VERSION = "2026-01"
EMERGENCY_OVERRIDE_HOURS = 72


def valid_consent(client: Client, *, purpose: str, recipient: Agency | None = None,
                  at: dt.datetime | None = None) -> Consent | None:
    """The consent (or emergency override) that covers `purpose` for `recipient` now, if any.

    A referral consent covers the agency it names, or every agency of the type it names, or, naming
    neither, every agency except enforcement ones: those must always be named one by one.
    """
    moment = at or timezone.now()
    consents = Consent.objects.filter(client=client, purpose=purpose, withdrawn_at__isnull=True,
                                      given_at__lte=moment).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=moment))
    if recipient is not None:
        scope = Q(recipient_agency=recipient) | Q(recipient_agency__isnull=True, recipient_kind=recipient.kind)
        if not recipient.is_enforcement:
            scope |= Q(recipient_agency__isnull=True, recipient_kind="")
        consents = consents.filter(scope)
    # A real consent is preferred over an override when both exist.
    return consents.order_by("basis", "-given_at").first()


def allows(client: Client, *, purpose: str, recipient: Agency | None = None) -> bool:
    return valid_consent(client, purpose=purpose, recipient=recipient) is not None


@transaction.atomic
def do_record_consent(
    actor: Any,
    *,
    client: Client,
    purpose: str,
    language: str,
    form_version: str = CONSENT_FORM_VERSION,
    recipient_agency: Agency | None = None,
    recipient_kind: str = "",
    expires_at: dt.datetime | None = None,
) -> Consent:
    """Record what the person agreed to, in the language of the form they saw."""
    require_client_owner(actor, client)
    errors: dict[str, Any] = {}
    if purpose not in Purpose.values:
        errors["purpose"] = _("Choose one of the listed purposes.")
    if recipient_kind and recipient_kind not in AgencyKind.values:
        errors["recipient_kind"] = _("Choose one of the listed types of agency.")
    if recipient_agency is not None and recipient_kind:
        errors["recipient_kind"] = _("Name either one agency or one type of agency, not both.")
    site_language = normalize_language(language)
    if site_language is None:
        errors["language"] = _("Choose the language of the form the person read.")
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = _("The expiry date must be in the future.")
    if errors:
        raise InvalidInput(fields=errors)
    consent = Consent.objects.create(
        client=client, purpose=purpose, basis=ConsentBasis.CONSENT, recipient_agency=recipient_agency,
        recipient_kind=recipient_kind, form_version=form_version, language=site_language or "ko", expires_at=expires_at,
        recorded_by=actor,
    )
    audit.record_change(actor, consent, action="consent_given", detail=f"client={client.pk} purpose={purpose}")
    return consent


@transaction.atomic
def do_withdraw_consent(actor: Any, *, consent: Consent) -> Consent:
    """The person takes their consent back; what was shared before stays recorded, nothing new is shared."""
    require_client_owner(actor, consent.client)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit.record_change(actor, consent, action="consent_withdrawn", detail=f"client={consent.client_id}")
        _stop_sharing_without_consent(actor, consent)
    return consent


def _stop_sharing_without_consent(actor: Any, consent: Consent) -> None:
    """Referrals that relied on a withdrawn consent stop sharing, unless another consent still covers them.
    A completed transfer stays: the receiving agency is now responsible for the person's case."""
    from ondol.cases.models import Referral, ReferralStatus

    for referral in Referral.objects.filter(consent=consent, status__in=[ReferralStatus.PENDING,
                                                                          ReferralStatus.ACCEPTED]):
        if referral.is_transfer and referral.status == ReferralStatus.ACCEPTED:
            continue
        other = valid_consent(consent.client, purpose=consent.purpose, recipient=referral.to_agency)
        if other is not None:
            referral.consent = other
            referral.save(update_fields=["consent"])
            continue
        referral.status = ReferralStatus.REVOKED
        referral.revoked_at = timezone.now()
        referral.response_note = _("The person withdrew their consent.")
        referral.save(update_fields=["status", "revoked_at", "response_note"])
        audit.record_change(actor, referral, action="revoked", detail="consent withdrawn")


@transaction.atomic
def do_record_emergency_override(actor: Any, *, client: Client, purpose: str, recipient_agency: Agency,
                                 reason: str) -> Consent:
    """Allow one sharing without consent in an emergency (danger to life or safety), for 72 hours.

    Only a centre manager of an agency responsible for the person may do this, with a written reason.
    """
    require_client_owner(actor, client)
    if not has_role(actor, Role.CENTRE_MANAGER):
        raise PermissionDenied(_("Only a centre manager can record an emergency override."))
    if not reason.strip():
        raise InvalidInput(fields={"reason": _("Write why this cannot wait for the person's consent.")})
    if purpose not in Purpose.values:
        raise InvalidInput(fields={"purpose": _("Choose one of the listed purposes.")})
    override = Consent.objects.create(
        client=client, purpose=purpose, basis=ConsentBasis.EMERGENCY, recipient_agency=recipient_agency,
        language=client.preferred_language, reason=reason.strip(), recorded_by=actor,
        expires_at=timezone.now() + dt.timedelta(hours=EMERGENCY_OVERRIDE_HOURS),
    )
    audit.record_change(actor, override, action="emergency_override",
                        detail=f"client={client.pk} purpose={purpose} agency={recipient_agency.pk}: {reason.strip()}")
    return override
