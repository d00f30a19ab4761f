"""Booking, rescheduling and cancelling visits, reminders and no-shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.centre import messages
from ondol.centre.models import Appointment, AppointmentStatus, Provider
from ondol.centre.ratelimit import check_contact_quota
from ondol.centre.services.slots import Slot, free_slots
from ondol.centre.topics import topic_keys
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput, NotFound
from ondol.core.languages import normalize_language
from ondol.core.models import Agency

_SALT = "ondol.centre.appointment"


def manage_token(appointment: Appointment) -> str:
    return signing.dumps(appointment.pk, salt=_SALT, compress=True)


def appointment_from_token(token: str) -> Appointment:
    """The appointment a signed link points to; a forged or mangled link finds nothing."""
    try:
        pk = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise NotFound(_("This link is not valid. Please use the link from your confirmation message.")) from None
    appointment = Appointment.objects.select_related("agency", "counsellor", "interpreter").filter(pk=pk).first()
    if appointment is None:
        raise NotFound(_("This link is not valid. Please use the link from your confirmation message."))
    return appointment


def _slot_at(*, agency: Agency, language: str, starts_at: dt.datetime, now: dt.datetime | None,
             ignore_appointment_id: int | None = None) -> Slot:
    local_start = timezone.localtime(starts_at)
    for slot in free_slots(agency_id=agency.pk, language=language, start_day=local_start.date(), now=now,
                           ignore_appointment_id=ignore_appointment_id):
        if slot.starts_at == local_start:
            return slot
    raise Conflict(_("This time is no longer free. Please choose another time."), code="slot_taken")


def _validate(*, topic: str, language: str | None, name: str, phone: str, email: str) -> str:
    fields: dict[str, Any] = {}
    if topic not in topic_keys():
        fields["topic"] = _("Choose what your visit is about.")
    code = normalize_language(language)
    if code is None:
        fields["language"] = _("Choose your language.")
    if not name.strip():
        fields["name"] = _("Enter your name.")
    if not phone.strip() and not email.strip():
        fields["phone"] = _("Enter a phone number or an email address so that we can confirm your visit.")
    if fields:
        raise InvalidInput(fields=fields)
    return code  # type: ignore[return-value]


def do_book_appointment(actor: Any, *, agency: Agency, topic: str, language: str, starts_at: dt.datetime,
                        name: str, phone: str = "", email: str = "", note: str = "",
                        now: dt.datetime | None = None) -> Appointment:
    """Book a free slot for a resident (no account needed) and confirm it in their language after commit."""
    code = _validate(topic=topic, language=language, name=name, phone=phone, email=email)
    check_contact_quota(phone=phone, email=email, now=now or timezone.now())
    slot = _slot_at(agency=agency, language=code, starts_at=starts_at, now=now)
    interpreter = Provider.objects.filter(pk=slot.interpreter_id).first() if slot.interpreter_id else None
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                agency=agency, topic=topic, language=code, starts_at=slot.starts_at, ends_at=slot.ends_at,
                counsellor_id=slot.counsellor_id, interpreter=interpreter, interpretation=slot.interpretation,
                interpreter_exclusive=bool(interpreter and not interpreter.is_shared_line),
                name=name.strip(), phone=phone.strip(), email=email.strip(), note=note.strip(),
            )
            audit.record_change(actor, appointment, action="booked")
            transaction.on_commit(lambda: messages.send_confirmation(appointment.pk))
            transaction.on_commit(lambda: messages.notify_interpreter(appointment.pk))
    except IntegrityError:
        # Someone took the counsellor or the interpreter between our look-up and our insert.
        raise Conflict(_("This time is no longer free. Please choose another time."), code="slot_taken") from None
    return appointment


def do_reschedule_appointment(actor: Any, *, appointment: Appointment, starts_at: dt.datetime,
                              now: dt.datetime | None = None) -> Appointment:
    if appointment.status != AppointmentStatus.BOOKED:
        raise Conflict(_("This appointment was cancelled or has already taken place."), code="not_booked")
    slot = _slot_at(agency=appointment.agency, language=appointment.language, starts_at=starts_at, now=now,
                    ignore_appointment_id=appointment.pk)
    interpreter = Provider.objects.filter(pk=slot.interpreter_id).first() if slot.interpreter_id else None
    appointment.starts_at, appointment.ends_at = slot.starts_at, slot.ends_at
    appointment.counsellor_id = slot.counsellor_id
    appointment.interpreter, appointment.interpretation = interpreter, slot.interpretation
    appointment.interpreter_exclusive = bool(interpreter and not interpreter.is_shared_line)
    appointment.reminder_sent_at = None
    try:
        with transaction.atomic():
            appointment.save()
            audit.record_change(actor, appointment, action="rescheduled")
            transaction.on_commit(lambda: messages.send_confirmation(appointment.pk, rescheduled=True))
            transaction.on_commit(lambda: messages.notify_interpreter(appointment.pk))
    except IntegrityError:
        raise Conflict(_("This time is no longer free. Please choose another time."), code="slot_taken") from None
    return appointment


@transaction.atomic
def do_cancel_appointment(actor: Any, *, appointment: Appointment) -> Appointment:
    if appointment.status != AppointmentStatus.BOOKED:
        raise Conflict(_("This appointment was cancelled or has already taken place."), code="not_booked")
    appointment.status = AppointmentStatus.CANCELLED
    appointment.save(update_fields=["status"])
    audit.record_change(actor, appointment, action="cancelled")
    return appointment


@transaction.atomic
def do_record_attendance(actor: Any, *, appointment: Appointment, attended: bool,
                         now: dt.datetime | None = None) -> Appointment:
    """Staff mark a past visit as attended or as a no-show."""
    if appointment.starts_at > (now or timezone.now()):
        raise Conflict(_("You can record attendance only once the appointment has started."), code="too_early")
    if appointment.status == AppointmentStatus.CANCELLED:
        raise Conflict(_("This appointment was cancelled or has already taken place."), code="not_booked")
    appointment.status = AppointmentStatus.ATTENDED if attended else AppointmentStatus.NO_SHOW
    appointment.save(update_fields=["status"])
    audit.record_change(actor, appointment, action=appointment.status)
    return appointment


def no_show_count(*, phone: str, email: str) -> int:
    """Earlier no-shows by the same phone or email, shown to staff when they confirm a booking."""
    from django.db.models import Q

    match = Q()
    if phone:
        match |= Q(phone=phone)
    if email:
        match |= Q(email__iexact=email)
    if not match:
        return 0
    return Appointment.objects.filter(match, status=AppointmentStatus.NO_SHOW).count()


def send_due_reminders(*, now: dt.datetime | None = None, ahead: dt.timedelta = dt.timedelta(hours=24)) -> int:
    """Remind residents of visits within `ahead`; each visit is reminded once (again after a reschedule)."""
    now = now or timezone.now()
    due = Appointment.objects.filter(status=AppointmentStatus.BOOKED, reminder_sent_at__isnull=True,
                                     starts_at__gt=now, starts_at__lte=now + ahead)
    sent = 0
    for appointment in due:
        messages.send_reminder(appointment.pk)
        Appointment.objects.filter(pk=appointment.pk).update(reminder_sent_at=now)
        sent += 1
    return sent
