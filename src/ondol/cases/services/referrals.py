"""Referrals between agencies: pending → accepted | declined → completed, or revoked by the sender."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.cases.access import casework_agency_ids, require_case_owner
from ondol.cases.calendar import add_business_days
from ondol.cases.models import (
    ENFORCEMENT_WITHHELD,
    Case,
    CaseTransition,
    Outcome,
    Purpose,
    Referral,
    ReferralStatus,
    Section,
)
from ondol.cases.services.clients import touch
from ondol.cases.services.consent import valid_consent
from ondol.cases.workflow import OPEN_STATUSES
from ondol.core import audit
from ondol.core.errors import Conflict, ConsentMissing, InvalidInput, NotFound
from ondol.core.models import Agency

# An agency is expected to answer a referral within this many business days.
ANSWER_WITHIN_BUSINESS_DAYS = 3


@transaction.atomic
def do_refer_case(
    actor: Any,
    *,
    case: Case,
    to_agency: Agency,
    sections: list[str],
    note: str,
    transfer: bool = False,
    complete_by: dt.date | None = None,
) -> Referral:
    """Share the chosen sections of a case with another agency, if the person consented (or a centre manager
    recorded an emergency override). Residence status and address are never shared with enforcement."""
    require_case_owner(actor, case)
    errors: dict[str, Any] = {}
    if to_agency.pk == case.agency_id:
        errors["to_agency"] = _("Choose another agency than the one responsible for the case.")
    elif not to_agency.is_active:
        errors["to_agency"] = _("This agency no longer takes referrals.")
    unknown = set(sections) - set(Section.values)
    if unknown:
        errors["sections"] = _("Choose among the listed sections.")
    elif not sections:
        errors["sections"] = _("Choose at least one section to share.")
    if not note.strip():
        errors["note"] = _("Write what you are asking the other agency to do.")
    if case.status not in OPEN_STATUSES:
        errors["case"] = _("A closed case cannot be referred; reopen it first.")
    if errors:
        raise InvalidInput(fields=errors)
    consent = valid_consent(case.client, purpose=Purpose.REFERRAL, recipient=to_agency)
    if consent is None:
        raise ConsentMissing(_("%(name)s has not agreed to be referred to %(agency)s.") % {
            "name": case.client.display_name, "agency": to_agency.name})
    if Referral.objects.filter(case=case, to_agency=to_agency,
                               status__in=[ReferralStatus.PENDING, ReferralStatus.ACCEPTED]).exists():
        raise Conflict(_("This case is already referred to %(agency)s.") % {"agency": to_agency.name})
    shared = set(sections)
    if to_agency.is_enforcement:
        shared -= ENFORCEMENT_WITHHELD
    referral = Referral(
        case=case, from_agency=case.agency, to_agency=to_agency, is_transfer=transfer, note=note.strip(),
        consent=consent, created_by=actor, complete_by=complete_by,
        respond_by=add_business_days(timezone.localdate(), ANSWER_WITHIN_BUSINESS_DAYS),
    )
    referral.sections = sorted(shared)
    referral.save()
    touch(case.client)
    audit.record_change(actor, referral, action="referred",
                        detail=f"case={case.pk} to={to_agency.pk} sections={referral.sections_text.strip()} "
                               f"basis={consent.basis}")
    return referral


def _require_receiver(actor: Any, referral: Referral) -> None:
    if referral.to_agency_id not in casework_agency_ids(actor):
        raise NotFound(_("No such referral."))


def _require_sender(actor: Any, referral: Referral) -> None:
    if referral.from_agency_id not in casework_agency_ids(actor):
        raise NotFound(_("No such referral."))


def _require_status(referral: Referral, *allowed: str) -> None:
    if referral.status not in allowed:
        raise Conflict(_("This referral is “%(status)s” and cannot be changed that way.") % {
            "status": ReferralStatus(referral.status).label}, code="referral_state")


@transaction.atomic
def do_accept_referral(actor: Any, *, referral: Referral, note: str = "") -> Referral:
    """The receiving agency takes the referral on; for a transfer, it becomes responsible for the case."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _require_receiver(actor, referral)
    _require_status(referral, ReferralStatus.PENDING)
    referral.status = ReferralStatus.ACCEPTED
    referral.responded_by, referral.responded_at, referral.response_note = actor, timezone.now(), note.strip()
    referral.save()
    if referral.is_transfer:
        case = Case.objects.select_for_update().get(pk=referral.case_id)
        case.agency_id, case.counsellor = referral.to_agency_id, actor
        case.version += 1
        case.save(update_fields=["agency", "counsellor", "version", "updated_at"])
        CaseTransition.objects.create(case=case, from_status=case.status, to_status=case.status, by=actor,
                                      note=_("Transferred to %(agency)s.") % {"agency": referral.to_agency.name})
        audit.record_change(actor, case, action="transferred", detail=f"to={referral.to_agency_id}")
    audit.record_change(actor, referral, action="accepted")
    return referral


@transaction.atomic
def do_decline_referral(actor: Any, *, referral: Referral, reason: str) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _require_receiver(actor, referral)
    _require_status(referral, ReferralStatus.PENDING)
    if not reason.strip():
        raise InvalidInput(fields={"reason": _("Tell the sending agency why you cannot take this referral.")})
    referral.status = ReferralStatus.DECLINED
    referral.responded_by, referral.responded_at, referral.response_note = actor, timezone.now(), reason.strip()
    referral.save()
    audit.record_change(actor, referral, action="declined")
    return referral


@transaction.atomic
def do_complete_referral(actor: Any, *, referral: Referral, outcome: str, note: str = "") -> Referral:
    """Close the referral with its outcome: the service was delivered, or not and why."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _require_receiver(actor, referral)
    _require_status(referral, ReferralStatus.ACCEPTED)
    if outcome not in Outcome.values:
        raise InvalidInput(fields={"outcome": _("Say whether the service was delivered.")})
    if outcome == Outcome.NOT_DELIVERED and not note.strip():
        raise InvalidInput(fields={"note": _("Write why the service was not delivered.")})
    referral.status = ReferralStatus.COMPLETED
    referral.outcome, referral.outcome_note, referral.completed_at = outcome, note.strip(), timezone.now()
    referral.save()
    audit.record_change(actor, referral, action="completed", detail=outcome)
    return referral


@transaction.atomic
def do_revoke_referral(actor: Any, *, referral: Referral, reason: str) -> Referral:
    """The sender withdraws a referral (e.g. the person withdrew consent); the receiver stops seeing the case."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _require_sender(actor, referral)
    _require_status(referral, ReferralStatus.PENDING, ReferralStatus.ACCEPTED)
    if referral.is_transfer and referral.status == ReferralStatus.ACCEPTED:
        raise Conflict(_("The case has already been transferred, so the referral cannot be revoked."),
                       code="referral_state")
    if not reason.strip():
        raise InvalidInput(fields={"reason": _("Write why the referral is revoked.")})
    referral.status = ReferralStatus.REVOKED
    referral.revoked_at, referral.response_note = timezone.now(), reason.strip()
    referral.save()
    audit.record_change(actor, referral, action="revoked")
    return referral


def is_overdue(referral: Referral, *, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    if referral.status == ReferralStatus.PENDING:
        return referral.respond_by < today
    if referral.status == ReferralStatus.ACCEPTED and referral.complete_by is not None:
        return referral.complete_by < today
    return False
