"""Programs and sessions: sign-up with a confirmation code, race-safe places, waitlist, attendance.

A place is taken by one conditional UPDATE (`seats_taken < capacity`), which PostgreSQL re-checks
under the row lock and SQLite serialises with its write lock, so two people racing for the last
place cannot both get it; a CHECK constraint refuses overbooking even if a code path forgets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ondol.community import notify
from ondol.community.models import (
    DeliveryStatus,
    Material,
    MaterialDelivery,
    OneTimeCode,
    Program,
    Registration,
    RegistrationStatus,
    Session,
    SessionMode,
)
from ondol.community.verification import identity_provider, keyed_digest, parse_contact
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput, NotFound
from ondol.core.languages import normalize_language
from ondol.core.limits import retry_when_locked
from ondol.core.models import Agency

# Who may join: each tag is a sentence the resident confirms about themselves.
ELIGIBILITY_TAGS: dict[str, Any] = {
    "single_person_household": gettext_lazy("I live alone (single-person household)."),
    "kiip_level_2": gettext_lazy("I have finished KIIP level 1 or was placed at level 2."),
    "foreign_resident": gettext_lazy("I am a registered foreign resident."),
    "marriage_migrant": gettext_lazy("I came to Korea through marriage."),
    "dong_resident": gettext_lazy("I live in the dong of this community centre."),
}
REMINDER_BEFORE = dt.timedelta(hours=24)


def _purpose(registration: Registration) -> str:
    return f"signup:{registration.pk}"


@transaction.atomic
def do_create_program(actor: Any, *, agency: Agency, kind: str, title: str, description: str = "",
                      languages: Iterable[str] = ("ko",), eligibility_tags: Iterable[str] = (),
                      translations: dict[str, dict[str, str]] | None = None) -> Program:
    unknown = [tag for tag in eligibility_tags if tag not in ELIGIBILITY_TAGS]
    if unknown:
        raise InvalidInput(fields={"eligibility_tags": _("Unknown eligibility tags: %(tags)s.") % {"tags": ", ".join(unknown)}})
    program = Program.objects.create(
        agency=agency, kind=kind, title=title, description=description,
        languages=[normalize_language(code, default=code) for code in languages],
        eligibility_tags=list(eligibility_tags), translations=translations or {},
    )
    audit.record_change(actor, program, action="created")
    return program


def do_add_session(actor: Any, *, program: Program, starts_at: dt.datetime, ends_at: dt.datetime, capacity: int,
                   mode: str = SessionMode.IN_PERSON, place: str = "", online_url: str = "") -> Session:
    if ends_at <= starts_at:
        raise InvalidInput(fields={"ends_at": _("A session must end after it starts.")})
    session = Session.objects.create(program=program, starts_at=starts_at, ends_at=ends_at, capacity=capacity,
                                     mode=mode, place=place, online_url=online_url)
    audit.record_change(actor, session, action="created")
    return session


@transaction.atomic
def do_schedule_weekly(actor: Any, *, program: Program, first_starts_at: dt.datetime, duration: dt.timedelta,
                       weeks: int, capacity: int, mode: str = SessionMode.IN_PERSON, place: str = "",
                       online_url: str = "") -> list[Session]:
    """A recurring class: one session a week for `weeks` weeks (one session when `weeks` is 1)."""
    return [do_add_session(actor, program=program, starts_at=first_starts_at + dt.timedelta(weeks=week),
                           ends_at=first_starts_at + dt.timedelta(weeks=week) + duration, capacity=capacity,
                           mode=mode, place=place, online_url=online_url) for week in range(weeks)]


def _check_open(session: Session, declared_tags: Iterable[str]) -> None:
    if session.is_cancelled or not session.program.is_published or session.starts_at <= timezone.now():
        raise Conflict(_("Sign-up for this session is closed."), code="signup_closed")
    missing = [tag for tag in session.program.eligibility_tags if tag not in set(declared_tags)]
    if missing:
        raise InvalidInput(_("This program is only for people who meet all its conditions."),
                           fields={"declared_tags": _("Please confirm every condition to sign up.")})


def _create_registration(**fields: Any) -> Registration:
    try:
        return retry_when_locked(lambda: _insert_registration(fields))
    except IntegrityError as error:
        raise Conflict(_("You have already signed up for this session."), code="already_registered") from error


def do_request_signup(*, session: Session, name: str, contact: str, language: str,
                      declared_tags: Iterable[str] = ()) -> Registration:
    """A resident without an account asks for a place; a code is sent to confirm their phone or e-mail."""
    if not name.strip():
        raise InvalidInput(fields={"name": _("Please enter your name.")})
    parsed = parse_contact(contact)
    _check_open(session, declared_tags)
    lang = normalize_language(language, default="ko") or "ko"
    contact_key = keyed_digest(parsed.value, scope=f"session:{session.pk}")
    # An earlier sign-up that was never confirmed must not block a new try.
    Registration.objects.filter(session=session, contact_key=contact_key, status=RegistrationStatus.UNCONFIRMED).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now())
    with transaction.atomic():
        registration = _create_registration(
            session=session, name=name.strip(), language=lang, contact_key=contact_key,
            email=parsed.value if parsed.channel == "email" else "",
            phone=parsed.value if parsed.channel == "sms" else "", declared_tags=list(declared_tags))
        identity_provider().begin(contact=parsed, purpose=_purpose(registration),
                                  payload={"registration": registration.pk}, language=lang)
    return registration


def do_resend_signup_code(*, registration: Registration) -> None:
    """Send a fresh code to a sign-up that is still waiting for one (the old code stops working)."""
    if registration.status != RegistrationStatus.UNCONFIRMED:
        return
    contact = parse_contact(registration.email or registration.phone)
    with transaction.atomic():
        OneTimeCode.objects.filter(purpose=_purpose(registration), consumed_at=None).update(consumed_at=timezone.now())
        identity_provider().begin(contact=contact, purpose=_purpose(registration),
                                  payload={"registration": registration.pk}, language=registration.language)


def do_confirm_signup(*, registration: Registration, code: str) -> Registration:
    if registration.status != RegistrationStatus.UNCONFIRMED:
        return registration
    token = (OneTimeCode.objects.filter(purpose=_purpose(registration), consumed_at=None)
             .order_by("-created_at").values_list("token", flat=True).first())
    if token is None:
        raise InvalidInput(fields={"code": _("This code is not right or has expired. Ask for a new code.")})
    identity_provider().complete(token=token, purpose=_purpose(registration), response=code)
    return _take_place(registration)


def do_sign_up_client(actor: Any, *, session: Session, client_ref: str, name: str, phone: str = "", email: str = "",
                      language: str = "ko", declared_tags: Iterable[str] = ()) -> Registration:
    """Staff sign a client up on their behalf; the client reference links to the cases module."""
    if not client_ref.strip() or not name.strip():
        raise InvalidInput(fields={"client_ref": _("Enter the client's reference and name.")})
    _check_open(session, declared_tags)
    fields = {
        "session": session, "name": name.strip(), "phone": phone, "email": email, "client_ref": client_ref.strip(),
        "language": normalize_language(language, default="ko"), "registered_by": actor,
        "declared_tags": list(declared_tags),
        "contact_key": keyed_digest(f"client:{client_ref.strip()}", scope=f"session:{session.pk}"),
    }

    def sign_up() -> Registration:
        with transaction.atomic():
            registration = _create_registration(**fields)
            audit.record_change(actor, registration, action="signed_up_on_behalf", detail=client_ref)
            return _take_place(registration)

    return retry_when_locked(sign_up)


def _try_take_seat(session_id: int) -> bool:
    return Session.objects.filter(pk=session_id, seats_taken__lt=F("capacity")).update(
        seats_taken=F("seats_taken") + 1) == 1


def _insert_registration(fields: dict[str, Any]) -> Registration:
    with transaction.atomic():
        return Registration.objects.create(**fields)


def _take_place(registration: Registration) -> Registration:
    return retry_when_locked(lambda: _take_place_once(registration))


def _take_place_once(registration: Registration) -> Registration:
    with transaction.atomic():
        # The conditional UPDATE comes first, so SQLite takes its write lock before reading anything.
        got_place = _try_take_seat(registration.session_id)
        now = timezone.now()
        registration.status = RegistrationStatus.CONFIRMED if got_place else RegistrationStatus.WAITLISTED
        registration.confirmed_at = now if got_place else None
        registration.waitlisted_at = None if got_place else now
        registration.save(update_fields=["status", "confirmed_at", "waitlisted_at"])
        transaction.on_commit(lambda: notify.registration_changed(registration.pk))
    return registration


def _promote_waiting(session_id: int) -> list[int]:
    """Give freed places to the longest-waiting people; must run inside the freeing transaction."""
    promoted: list[int] = []
    waiting = (Registration.objects.select_for_update()
               .filter(session_id=session_id, status=RegistrationStatus.WAITLISTED).order_by("waitlisted_at", "id"))
    for registration in waiting:
        if not _try_take_seat(session_id):
            break
        Registration.objects.filter(pk=registration.pk).update(
            status=RegistrationStatus.CONFIRMED, confirmed_at=timezone.now())
        promoted.append(registration.pk)
    for pk in promoted:
        transaction.on_commit(partial(notify.registration_changed, pk, promoted=True))
    return promoted


def do_cancel_registration(actor: Any, *, registration: Registration) -> Registration:
    """Cancel a sign-up; a confirmed place goes to the first person on the waiting list."""
    with transaction.atomic():
        was = registration.status
        changed = Registration.objects.filter(pk=registration.pk).exclude(status=RegistrationStatus.CANCELLED).update(
            status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now())
        if changed and was == RegistrationStatus.CONFIRMED:
            Session.objects.filter(pk=registration.session_id).update(seats_taken=F("seats_taken") - 1)
            _promote_waiting(registration.session_id)
        if changed and actor is not None and getattr(actor, "is_authenticated", False):
            audit.record_change(actor, registration, action="cancelled")
    registration.refresh_from_db()
    return registration


def do_change_capacity(actor: Any, *, session: Session, capacity: int) -> Session:
    with transaction.atomic():
        updated = Session.objects.filter(pk=session.pk, seats_taken__lte=capacity).update(capacity=capacity)
        if not updated:
            raise Conflict(_("More people already have a place than the new number of places."), code="capacity_too_low")
        _promote_waiting(session.pk)
        audit.record_change(actor, session, action="capacity_changed", detail=str(capacity))
    session.refresh_from_db()
    return session


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return Registration.objects.filter(
        session_id=registration.session_id, status=RegistrationStatus.WAITLISTED,
        waitlisted_at__lte=registration.waitlisted_at, id__lte=registration.id).count()


def do_mark_attendance(actor: Any, *, registration: Registration, attended: bool) -> Registration:
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Conflict(_("Only people with a place can be marked as present."), code="not_confirmed")
    registration.attended = attended
    registration.attendance_marked_at = timezone.now()
    registration.save(update_fields=["attended", "attendance_marked_at"])
    audit.record_change(actor, registration, action="attendance", detail="present" if attended else "absent")
    return registration


def do_send_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind everyone with a place in a session starting within a day, once; run it every hour."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED, reminded_at=None, session__is_cancelled=False,
        session__starts_at__gt=now, session__starts_at__lte=now + REMINDER_BEFORE)
    sent = 0
    for registration in due:
        # Marking first means a crash never sends a reminder twice.
        if Registration.objects.filter(pk=registration.pk, reminded_at=None).update(reminded_at=now):
            notify.reminder(registration.pk)
            sent += 1
    return sent


def do_set_delivery(actor: Any, *, registration: Registration, material: Material, status: str) -> MaterialDelivery:
    if material.program_id != registration.session.program_id:
        raise NotFound(_("No such material."))
    if status not in DeliveryStatus.values:
        raise InvalidInput(fields={"status": _("Choose one of the allowed values.")})
    delivery, _created = MaterialDelivery.objects.update_or_create(
        registration=registration, material=material, defaults={"status": status})
    audit.record_change(actor, registration, action="material_delivery", detail=f"{material.name}: {status}")
    return delivery
