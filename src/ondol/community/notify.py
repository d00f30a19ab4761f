"""Messages to residents about their sign-ups, in their own language. Called after commit."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from ondol.community.models import Registration, RegistrationStatus
from ondol.community.verification import Contact, deliver
from ondol.core.formatting import format_datetime


def _contact_of(registration: Registration) -> Contact | None:
    if registration.email:
        return Contact("email", registration.email)
    if registration.phone:
        return Contact("sms", registration.phone)
    return None  # signed up by staff without a contact: staff tell the client themselves


def _send(registration_id: int, kind: str) -> None:
    registration = Registration.objects.select_related("session__program").get(pk=registration_id)
    contact = _contact_of(registration)
    if contact is None:
        return
    lang = registration.language
    with translation.override(lang):
        values = {
            "program": registration.session.program.localized("title", lang),
            "when": format_datetime(registration.session.starts_at, lang, style="short"),
        }
        texts = {
            "confirmed": _("You have a place in %(program)s on %(when)s."),
            "waitlisted": _("%(program)s on %(when)s is full. You are on the waiting list; we will tell you if a place frees up."),
            "promoted": _("Good news: a place freed up. You now have a place in %(program)s on %(when)s."),
            "reminder": _("Reminder: %(program)s starts on %(when)s."),
            "cancelled": _("Your place in %(program)s on %(when)s has been cancelled."),
        }
        subject = _("Ondol: %(program)s") % values
        text = texts[kind] % values
    deliver(contact, subject=subject, text=text)


def registration_changed(registration_id: int, *, promoted: bool = False) -> None:
    status = Registration.objects.values_list("status", flat=True).get(pk=registration_id)
    kinds: dict[str, str] = {RegistrationStatus.CONFIRMED: "promoted" if promoted else "confirmed",
                             RegistrationStatus.WAITLISTED: "waitlisted", RegistrationStatus.CANCELLED: "cancelled"}
    kind = kinds.get(str(status))
    if kind:
        _send(registration_id, kind)


def reminder(registration_id: int) -> None:
    _send(registration_id, "reminder")
