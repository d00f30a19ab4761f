"""Referrals from the free clinic through the cases module: find or register the patient, consent, case, referral."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from ondol.cases.access import casework_agency_ids
from ondol.cases.models import CaseSource, Channel, Client, Purpose, Section
from ondol.cases.services import (
    allows,
    do_open_case,
    do_record_consent,
    do_record_consultation,
    do_refer_case,
    do_register_client,
)
from ondol.centre.access import clinic_agency_ids
from ondol.centre.models import ClinicReferral, ClinicVisit
from ondol.centre.models.clinic import ReferralTarget
from ondol.core import audit
from ondol.core.errors import Conflict, ConsentMissing, InvalidInput, NotFound, PermissionDenied
from ondol.core.models import Agency, AgencyKind

# What the public health centre sees of the case: who the person is, how to reach them, and the clinic's note.
SHARED_SECTIONS = [Section.IDENTITY, Section.CONTACT, Section.CONSULTATIONS]


@dataclass(frozen=True)
class Patient:
    """What the clinic asks to register a patient who is not yet a client; the visit gives phone and language."""

    name_latin: str = ""
    name_hangul: str = ""
    name_native: str = ""
    birth_date: dt.date | None = None
    nationality: str = ""


def public_health_centres(centre: Agency) -> QuerySet[Agency]:
    """Active public health centres (보건소), those serving the clinic's district first."""
    served = centre.regions.all()
    district = (Q(regions__in=served) | Q(regions__in=served.values("parent"))
                | Q(regions__parent__in=served.values("parent")))
    return (Agency.objects.filter(is_active=True, kind=AgencyKind.PUBLIC_HEALTH_CENTRE).exclude(pk=centre.pk)
            .annotate(rank=models.Min(models.Case(models.When(district, then=models.Value(0)), default=models.Value(1))))
            .order_by("rank", "name"))


def patient_from_visit(visit: ClinicVisit) -> Patient:
    """The visit's name in the field of its script, as the clinic wrote it down."""
    name = visit.name.strip()
    if name.isascii():
        return Patient(name_latin=name)
    if any("\uac00" <= char <= "\ud7a3" for char in name):
        return Patient(name_hangul=name)
    return Patient(name_native=name)


def _check(actor: Any, *, visit: ClinicVisit, target: str, note: str, to_agency: Agency | None) -> None:
    if visit.session.agency_id not in clinic_agency_ids(actor):
        raise NotFound()
    errors: dict[str, Any] = {}
    if target not in ReferralTarget.values:
        errors["target"] = _("Choose where to refer the patient.")
    elif target == ReferralTarget.PUBLIC_HEALTH_CENTRE:
        if to_agency is None or not public_health_centres(visit.session.agency).filter(pk=to_agency.pk).exists():
            errors["to_agency"] = _("Choose the public health centre.")
        if not note.strip():
            errors["note"] = _("Write what you are asking the public health centre to do.")
    if errors:
        raise InvalidInput(fields=errors)
    if visit.session.agency_id not in casework_agency_ids(actor):
        raise PermissionDenied(_("Only clinic staff who also do casework at this centre can refer a patient "
                                 "through the cases module."))


def _require_consents(*, client: Client | None, patient_name: str, to_agency: Agency | None,
                      consent_to_consultation: bool, consent_to_referral: bool) -> tuple[bool, bool]:
    """Which consents to record now; refuse when one is missing and the form did not collect it."""
    need_consultation = client is None or not allows(client, purpose=Purpose.CONSULTATION)
    need_referral = to_agency is not None and (
        client is None or not allows(client, purpose=Purpose.REFERRAL, recipient=to_agency))
    name = client.display_name if client is not None else patient_name
    fields: dict[str, Any] = {}
    if need_consultation and not consent_to_consultation:
        fields["consent_to_consultation"] = _("Ask the patient and tick this box if they agree.")
    if need_referral and not consent_to_referral:
        fields["consent_to_referral"] = _("Ask the patient and tick this box if they agree.")
    if fields:
        if to_agency is not None and "consent_to_referral" in fields:
            message = _("%(name)s has not agreed to be referred to %(agency)s. Without their consent the referral "
                        "cannot be made.") % {"name": name, "agency": to_agency.name}
        else:
            message = _("%(name)s has not agreed to have this visit recorded in the cases module. Without their "
                        "consent the referral cannot be made.") % {"name": name}
        raise ConsentMissing(message, fields=fields)
    return need_consultation, need_referral


@transaction.atomic
def do_refer_clinic_visit(
    actor: Any,
    *,
    visit: ClinicVisit,
    target: str,
    note: str = "",
    to_agency: Agency | None = None,
    client: Client | None = None,
    patient: Patient | None = None,
    duplicates_checked: bool = False,
    consent_to_consultation: bool = False,
    consent_to_referral: bool = False,
) -> ClinicReferral:
    """Refer a clinic patient through the cases module: a case at the centre, and a referral to the health centre.

    The patient is an existing client (chosen after the duplicate search) or registered from `patient`
    (`PossibleDuplicates` when they may already exist). Consent to record the visit and, for the public health
    centre, to be referred there must exist or be given now (`consent_to_*`); otherwise `ConsentMissing`.
    """
    visit = ClinicVisit.objects.select_for_update().select_related("session__agency").get(pk=visit.pk)
    if target != ReferralTarget.PUBLIC_HEALTH_CENTRE:
        to_agency = None
    _check(actor, visit=visit, target=target, note=note, to_agency=to_agency)
    if visit.referrals.filter(target=target).exists():
        raise Conflict(_("This patient is already referred there from this visit."), code="already_referred")
    centre = visit.session.agency
    details = patient or patient_from_visit(visit)
    need_consultation, need_referral = _require_consents(
        client=client, patient_name=details.name_native or details.name_latin or details.name_hangul or visit.name,
        to_agency=to_agency, consent_to_consultation=consent_to_consultation, consent_to_referral=consent_to_referral)
    if client is None:
        client = do_register_client(
            actor, agency=centre, duplicates_checked=duplicates_checked, name_latin=details.name_latin,
            name_hangul=details.name_hangul, name_native=details.name_native, birth_date=details.birth_date,
            nationality=details.nationality, phone=visit.phone, preferred_language=visit.language)
    if need_consultation:
        do_record_consent(actor, client=client, purpose=Purpose.CONSULTATION, language=visit.language)
    if need_referral:
        do_record_consent(actor, client=client, purpose=Purpose.REFERRAL, language=visit.language,
                          recipient_agency=to_agency)
    consultation = do_record_consultation(actor, client=client, channel=Channel.VISIT, topic=target,
                                          language=visit.language, notes=note.strip())
    with translation.override("ko"):
        title = _("Free clinic: %(target)s") % {"target": ReferralTarget(target).label}
    case = do_open_case(actor, client=client, title=title, source=CaseSource.CONSULTATION,
                        source_reference=f"centre-clinic-visit-{visit.pk}", summary=note.strip(),
                        consultation=consultation, agency=centre)
    case_referral = None
    if to_agency is not None:
        case_referral = do_refer_case(actor, case=case, to_agency=to_agency, sections=list(SHARED_SECTIONS),
                                      note=note)
    referral = ClinicReferral.objects.create(visit=visit, target=target, note=note.strip()[:300], created_by=actor,
                                             to_agency=to_agency, case=case, case_referral=case_referral)
    audit.record_change(actor, referral, action="referred",
                        detail=f"{target} client={client.pk} case={case.pk}"
                               + (f" referral={case_referral.pk} to={to_agency.pk}" if case_referral and to_agency
                                  else ""))
    return referral
