"""What residents receive, written in their own language: confirmations, reminders, and calendar files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from babel import dates as babel_dates
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ondol.centre.models import Appointment, Interpretation
from ondol.centre.notify import send_to_person, site_url
from ondol.centre.topics import topic_title
from ondol.core.formatting import format_date
from ondol.core.languages import babel_locale, language_name_local


def manage_url(appointment: Appointment) -> str:
    from ondol.centre.services.appointments import manage_token

    with translation.override(appointment.language):
        return site_url() + reverse("centre:manage", args=[manage_token(appointment)])


def visit_sheet_url(appointment: Appointment) -> str:
    # The guide serves the sheet; we only link to it, in the resident's language.
    return f"{site_url()}/{appointment.language}/guide/{appointment.topic}/visit-sheet.pdf"


def format_when(value: dt.datetime, lang: str) -> str:
    """The full date with a short time, joined the way the locale joins them (e.g. "Monday, 4 March 2030 10:00")."""
    local = timezone.localtime(value)
    locale = babel_locale(lang)
    time_text = babel_dates.format_time(local.time(), "short", locale=locale)
    return str(babel_dates.get_datetime_format("long", locale=locale)).format(time_text, format_date(local, lang, style="full"))


def interpreter_sentence(appointment: Appointment) -> str:
    if appointment.interpretation == Interpretation.IN_PERSON:
        return _("An interpreter will be with you at the visit.")
    if appointment.interpretation == Interpretation.PHONE:
        return _("An interpreter will join your visit by phone.")
    return _("The counsellor speaks your language.")


def _details(appointment: Appointment) -> dict[str, str]:
    return {
        "when": format_when(appointment.starts_at, appointment.language),
        "centre": appointment.agency.name,
        "address": appointment.agency.address,
        "topic": topic_title(appointment.topic, appointment.language),
        "link": manage_url(appointment),
        "sheet": visit_sheet_url(appointment),
        "interpreter": interpreter_sentence(appointment),
    }


def send_confirmation(appointment_id: int, *, rescheduled: bool = False) -> None:
    appointment = Appointment.objects.select_related("agency").get(pk=appointment_id)
    with translation.override(appointment.language):
        values = _details(appointment)
        subject = (_("Your visit was moved to %(when)s") if rescheduled
                   else _("Your visit on %(when)s is booked")) % values
        body = _(
            "Hello. Your visit to %(centre)s (%(address)s) about “%(topic)s” is on %(when)s.\n"
            "%(interpreter)s\n"
            "What to bring: %(sheet)s\n"
            "To cancel or change the time, open %(link)s"
        ) % values
        sms = _("Ondol: visit to %(centre)s on %(when)s. %(interpreter)s Change or cancel: %(link)s") % values
        send_to_person(email=appointment.email, phone=appointment.phone, subject=subject, body=body, sms=sms,
                         attachments=[("visit.ics", appointments_to_ics([appointment]), "text/calendar")])


def send_reminder(appointment_id: int) -> None:
    appointment = Appointment.objects.select_related("agency").get(pk=appointment_id)
    with translation.override(appointment.language):
        values = _details(appointment)
        subject = _("Reminder: your visit on %(when)s") % values
        body = _(
            "Hello. This is a reminder of your visit to %(centre)s (%(address)s) on %(when)s.\n"
            "%(interpreter)s\n"
            "What to bring: %(sheet)s\n"
            "If you cannot come, please cancel: %(link)s"
        ) % values
        sms = _("Ondol reminder: visit to %(centre)s on %(when)s. Cannot come? %(link)s") % values
        send_to_person(email=appointment.email, phone=appointment.phone, subject=subject, body=body, sms=sms)


def appointments_to_ics(appointments: Iterable[Appointment], *, for_staff: bool = False) -> str:
    """An iCalendar file; the resident's copy is in their language, the staff copy names the resident."""
    calendar = Calendar()
    calendar.add("prodid", "-//Ondol//Centre appointments//EN")
    calendar.add("version", "2.0")
    for appointment in appointments:
        with translation.override("ko" if for_staff else appointment.language):
            event = Event()
            event.add("uid", f"appointment-{appointment.pk}@ondol")
            event.add("dtstamp", timezone.now().astimezone(dt.UTC))
            event.add("dtstart", appointment.starts_at.astimezone(dt.UTC))
            event.add("dtend", appointment.ends_at.astimezone(dt.UTC))
            topic = topic_title(appointment.topic, "ko" if for_staff else appointment.language)
            if for_staff:
                summary = _("%(name)s (%(language)s): %(topic)s") % {
                    "name": appointment.name, "language": appointment.language, "topic": topic}
            else:
                summary = _("Visit to %(centre)s: %(topic)s") % {"centre": appointment.agency.name, "topic": topic}
            event.add("summary", summary)
            event.add("location", appointment.agency.address or appointment.agency.name)
            event.add("description", interpreter_sentence(appointment))
            calendar.add_component(event)
    return calendar.to_ical().decode()


def notify_interpreter(appointment_id: int) -> None:
    """Tell the booked interpreter (or their partner agency) about the visit, in Korean, the staff language."""
    appointment = Appointment.objects.select_related("agency", "interpreter__partner_agency").get(pk=appointment_id)
    interpreter = appointment.interpreter
    if interpreter is None or interpreter.is_shared_line:
        return  # the phone line is called from the counselling room when the visit starts
    with translation.override("ko"):
        text = _("Interpretation booked: %(language)s at %(centre)s on %(when)s, with %(counsellor)s.") % {
            "language": language_name_local(appointment.language), "centre": appointment.agency.name,
            "when": format_when(appointment.starts_at, "ko"), "counsellor": appointment.counsellor.display_name}
        partner_email = interpreter.partner_agency.email if interpreter.partner_agency else ""
        send_to_person(email=partner_email, phone=interpreter.phone, subject=text, body=text, sms=text)


def send_clinic_confirmation(visit_id: int) -> None:
    from ondol.centre.models import ClinicVisit

    visit = ClinicVisit.objects.select_related("session__agency").get(pk=visit_id)
    session = visit.session
    starts_at = timezone.make_aware(dt.datetime.combine(session.date, session.starts))
    with translation.override(visit.language):
        text = _("Your place at the free clinic of %(centre)s on %(when)s is booked. Bring your residence card "
                 "if you have one.") % {"centre": session.agency.name, "when": format_when(starts_at, visit.language)}
        send_to_person(email="", phone=visit.phone, subject=text, body=text, sms=text)
