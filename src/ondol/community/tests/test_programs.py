"""Signing up for programs: codes, waiting list, staff sign-ups, attendance, reminders."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from ondol.community.models import Registration, RegistrationStatus, Session
from ondol.community.services import programs
from ondol.community.tests.factories import ProgramFactory, SessionFactory
from ondol.core.errors import Conflict, InvalidInput

pytestmark = pytest.mark.django_db


def _last_code(sms_outbox: list[Any]) -> str:
    text = sms_outbox[-1].text if sms_outbox else mail.outbox[-1].body
    return re.search(r"\d{6}", text).group(0)


def _signed_up(session: Session, phone: str, sms_outbox: list[Any], *, name: str = "Nguyen Van A") -> Registration:
    registration = programs.do_request_signup(session=session, name=name, contact=phone, language="vi")
    return programs.do_confirm_signup(registration=registration, code=_last_code(sms_outbox))


def test_a_resident_gets_a_place_after_entering_the_code_sent_to_their_phone(sms_outbox: list[Any]) -> None:
    session = SessionFactory(capacity=2)

    registration = programs.do_request_signup(session=session, name="Tran Thi B", contact="010-1234-5678",
                                              language="vi")
    assert registration.status == RegistrationStatus.UNCONFIRMED
    assert sms_outbox[-1].to == "01012345678"

    confirmed = programs.do_confirm_signup(registration=registration, code=_last_code(sms_outbox))
    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert Session.objects.get(pk=session.pk).seats_taken == 1


def test_the_code_and_the_confirmation_reach_the_resident_in_their_language(sms_outbox: list[Any]) -> None:
    session = SessionFactory(capacity=2)
    _signed_up(session, "01012345678", sms_outbox)

    assert "Lớp tiếng Hàn" in sms_outbox[-1].text
    assert "Bạn" in sms_outbox[-1].text or "bạn" in sms_outbox[-1].text


def test_a_code_can_be_sent_by_email_too() -> None:
    session = SessionFactory()
    registration = programs.do_request_signup(session=session, name="Ana", contact="ana@example.org", language="en")

    programs.do_confirm_signup(registration=registration, code=_last_code([]))

    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CONFIRMED
    assert mail.outbox[-1].to == ["ana@example.org"]


def test_a_wrong_code_is_refused_and_after_five_tries_even_the_right_one_is(sms_outbox: list[Any]) -> None:
    registration = programs.do_request_signup(session=SessionFactory(), name="A", contact="01011112222", language="ko")
    right = _last_code(sms_outbox)
    wrong = "000000" if right != "000000" else "111111"
    for _try in range(5):
        with pytest.raises(InvalidInput):
            programs.do_confirm_signup(registration=registration, code=wrong)

    with pytest.raises(InvalidInput):
        programs.do_confirm_signup(registration=registration, code=right)


def test_when_the_session_is_full_the_next_person_goes_on_the_waiting_list(sms_outbox: list[Any]) -> None:
    session = SessionFactory(capacity=1)
    _signed_up(session, "01011110001", sms_outbox)

    second = _signed_up(session, "01011110002", sms_outbox)

    assert second.status == RegistrationStatus.WAITLISTED
    assert programs.waitlist_position(second) == 1


def test_cancelling_a_place_promotes_the_longest_waiting_person_and_tells_them(sms_outbox: list[Any]) -> None:
    session = SessionFactory(capacity=1)
    first = _signed_up(session, "01011110001", sms_outbox)
    second = _signed_up(session, "01011110002", sms_outbox)
    third = _signed_up(session, "01011110003", sms_outbox)

    programs.do_cancel_registration(None, registration=first)

    assert Registration.objects.get(pk=second.pk).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.get(pk=third.pk).status == RegistrationStatus.WAITLISTED
    assert sms_outbox[-1].to == "01011110002"
    assert Session.objects.get(pk=session.pk).seats_taken == 1


def test_more_places_go_to_the_waiting_list_at_once(counsellor: Any, sms_outbox: list[Any]) -> None:
    session = SessionFactory(capacity=1, program=ProgramFactory(agency=counsellor.memberships.get().agency))
    _signed_up(session, "01011110001", sms_outbox)
    waiting = _signed_up(session, "01011110002", sms_outbox)

    programs.do_change_capacity(counsellor, session=session, capacity=2)

    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.CONFIRMED


def test_places_cannot_be_cut_below_the_people_who_already_have_one(counsellor: Any, sms_outbox: list[Any]) -> None:
    session = SessionFactory(capacity=2)
    _signed_up(session, "01011110001", sms_outbox)
    _signed_up(session, "01011110002", sms_outbox)

    with pytest.raises(Conflict):
        programs.do_change_capacity(counsellor, session=session, capacity=1)


def test_the_same_phone_cannot_hold_two_places_in_one_session(sms_outbox: list[Any]) -> None:
    session = SessionFactory()
    _signed_up(session, "01011110001", sms_outbox)

    with pytest.raises(Conflict):
        programs.do_request_signup(session=session, name="Again", contact="010-1111-0001", language="ko")


def test_a_program_for_single_person_households_asks_people_to_confirm_they_live_alone(sms_outbox: list[Any]) -> None:
    session = SessionFactory(program=ProgramFactory(eligibility_tags=["single_person_household"]))

    with pytest.raises(InvalidInput):
        programs.do_request_signup(session=session, name="A", contact="01011110001", language="ko")
    registration = programs.do_request_signup(session=session, name="A", contact="01011110001", language="ko",
                                              declared_tags=["single_person_household"])
    assert registration.declared_tags == ["single_person_household"]


def test_staff_sign_up_a_client_by_reference_without_a_code(counsellor: Any) -> None:
    session = SessionFactory(capacity=3)

    registration = programs.do_sign_up_client(counsellor, session=session, client_ref="CL-2026-0042", name="Bui")

    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.client_ref == "CL-2026-0042"
    assert registration.registered_by == counsellor


def test_a_session_that_has_started_takes_no_more_sign_ups() -> None:
    session = SessionFactory(starts_at=timezone.now() - dt.timedelta(minutes=5))

    with pytest.raises(Conflict):
        programs.do_request_signup(session=session, name="Late", contact="01011110001", language="ko")


def test_attendance_is_recorded_only_for_people_with_a_place(counsellor: Any, sms_outbox: list[Any]) -> None:
    session = SessionFactory(capacity=1)
    present = _signed_up(session, "01011110001", sms_outbox)
    waiting = _signed_up(session, "01011110002", sms_outbox)

    programs.do_mark_attendance(counsellor, registration=present, attended=True)

    assert Registration.objects.get(pk=present.pk).attended is True
    with pytest.raises(Conflict):
        programs.do_mark_attendance(counsellor, registration=waiting, attended=True)


def test_reminders_go_once_to_people_whose_session_starts_within_a_day(sms_outbox: list[Any]) -> None:
    soon = SessionFactory(starts_at=timezone.now() + dt.timedelta(hours=20))
    later = SessionFactory(starts_at=timezone.now() + dt.timedelta(days=3))
    _signed_up(soon, "01011110001", sms_outbox)
    _signed_up(later, "01011110002", sms_outbox)

    assert programs.do_send_reminders() == 1
    assert programs.do_send_reminders() == 0
    assert sms_outbox[-1].to == "01011110001"


def test_a_weekly_class_gets_one_session_a_week(counsellor: Any) -> None:
    program = ProgramFactory()
    start = timezone.now() + dt.timedelta(days=2)

    sessions = programs.do_schedule_weekly(counsellor, program=program, first_starts_at=start,
                                           duration=dt.timedelta(hours=2), weeks=4, capacity=20)

    assert [s.starts_at - start for s in sessions] == [dt.timedelta(weeks=w) for w in range(4)]


def test_a_new_code_replaces_the_old_one(sms_outbox: list[Any]) -> None:
    registration = programs.do_request_signup(session=SessionFactory(), name="A", contact="01011112222", language="ko")
    old = _last_code(sms_outbox)

    programs.do_resend_signup_code(registration=registration)
    new = _last_code(sms_outbox)

    if old != new:
        with pytest.raises(InvalidInput):
            programs.do_confirm_signup(registration=registration, code=old)
    assert programs.do_confirm_signup(registration=registration, code=new).status == RegistrationStatus.CONFIRMED


def test_the_reminder_command_reports_how_many_it_sent(sms_outbox: list[Any]) -> None:
    import io

    from django.core.management import call_command

    _signed_up(SessionFactory(starts_at=timezone.now() + dt.timedelta(hours=3)), "01011110009", sms_outbox)
    out = io.StringIO()

    call_command("community_reminders", stdout=out)

    assert out.getvalue().strip() == "Reminders sent: 1."
