"""The free clinic: booking and walk-ins and the minimal visit record (referrals: services/clinic_referrals.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ondol.centre import messages
from ondol.centre.access import clinic_agency_ids
from ondol.centre.models import ClinicDoctor, ClinicSession, ClinicVisit
from ondol.centre.models.clinic import VisitKind, VisitStatus
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput, PermissionDenied
from ondol.core.languages import normalize_language


def _require_clinic_staff(actor: Any, session: ClinicSession) -> None:
    if session.agency_id not in clinic_agency_ids(actor):
        raise PermissionDenied()


def places_left(session: ClinicSession) -> int:
    booked = session.visits.filter(kind=VisitKind.APPOINTMENT).exclude(status=VisitStatus.CANCELLED).count()
    return max(session.capacity - booked, 0)


@transaction.atomic
def do_book_clinic_visit(actor: Any, *, session: ClinicSession, name: str, phone: str, language: str,
                         walk_in: bool = False) -> ClinicVisit:
    """A resident books one of the evening's appointments; clinic staff add walk-ins beyond the limit."""
    if walk_in:
        _require_clinic_staff(actor, session)
    code = normalize_language(language)
    fields: dict[str, Any] = {}
    if not name.strip():
        fields["name"] = _("Enter your name.")
    if code is None:
        fields["language"] = _("Choose your language.")
    if fields or code is None:
        raise InvalidInput(fields=fields)
    # Lock the session row (PostgreSQL) so that two last-minute bookings cannot both take the last place.
    session = ClinicSession.objects.select_for_update().get(pk=session.pk)
    if not walk_in and places_left(session) == 0:
        raise Conflict(_("This clinic evening is fully booked. You can still come as a walk-in."), code="full")
    visit = ClinicVisit.objects.create(session=session, kind=VisitKind.WALK_IN if walk_in else VisitKind.APPOINTMENT,
                                       name=name.strip(), phone=phone.strip(), language=code)
    audit.record_change(actor, visit, action="booked")
    if not walk_in and visit.phone:
        transaction.on_commit(lambda: messages.send_clinic_confirmation(visit.pk))
    return visit


@transaction.atomic
def do_record_clinic_visit(actor: Any, *, visit: ClinicVisit, doctor: ClinicDoctor | None, note: str) -> ClinicVisit:
    _require_clinic_staff(actor, visit.session)
    visit.status, visit.doctor, visit.note = VisitStatus.SEEN, doctor, note.strip()[:300]
    visit.save(update_fields=["status", "doctor", "note"])
    audit.record_change(actor, visit, action="seen")
    return visit
