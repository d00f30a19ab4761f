"""Staff work the queue: states, vetted replies in the resident's language, messages, cases, retention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from ondol.cases.messaging.channels import ConsoleSmsBackend
from ondol.cases.models import Message
from ondol.complaints.models import Complaint, Reply
from ondol.complaints.services import (
    do_change_complaint_status,
    do_file_complaint,
    do_open_case_from_complaint,
    do_reply_to_complaint,
    purge_expired_complaints,
)
from ondol.core.errors import Conflict, InvalidInput
from ondol.core.tests.factories import AgencyFactory


class EchoTranslator:
    """A stand-in machine translator for tests."""

    name = "echo-test-double"

    def translate(self, text: str, *, source: str, target: str) -> str:
        return f"[{source}→{target}] {text}"


def _filed(django_capture_on_commit_callbacks, **extra):
    fields = {"category_code": "housing", "description": "Mould in the bedroom.", "language": "zh-hans",
              "name": "王丽", "email": "wangli@example.org", "wants_updates": True, **extra}
    with django_capture_on_commit_callbacks(execute=True):
        return do_file_complaint(None, **fields)


def test_filing_sends_the_receipt_by_email_in_the_residents_language(support_centre,
                                                                    django_capture_on_commit_callbacks) -> None:
    complaint = _filed(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["wangli@example.org"]
    assert f"您的查询编号是 {complaint.tracking_number}" in mail.outbox[0].body
    message = Message.objects.get()
    assert (message.produced_by, message.phrase_key, message.status) == ("phrasebook", "complaint_received", "sent")


def test_a_phone_only_resident_gets_a_text_through_the_sms_backend(support_centre,
                                                                   django_capture_on_commit_callbacks) -> None:
    ConsoleSmsBackend.outbox.clear()
    _filed(django_capture_on_commit_callbacks, email="", phone="010-3333-4444", language="th")
    assert ConsoleSmsBackend.outbox[-1]["to"] == "010-3333-4444"
    assert "เราได้รับคำร้องของคุณแล้ว" in ConsoleSmsBackend.outbox[-1]["body"]


def test_referring_a_complaint_tells_the_resident_who_is_responsible(support_centre, handler,
                                                                     django_capture_on_commit_callbacks) -> None:
    complaint = _filed(django_capture_on_commit_callbacks)
    landlord_office = AgencyFactory(name="Housing office", name_en="Housing Office")
    with pytest.raises(InvalidInput):
        do_change_complaint_status(handler, complaint=complaint, to_status="referred",
                                   expected_version=complaint.version)
    complaint = do_change_complaint_status(handler, complaint=complaint, to_status="referred",
                                           expected_version=complaint.version, referred_to=landlord_office)
    assert complaint.public_status == "in_progress"
    assert "Housing Office" in Reply.objects.filter(complaint=complaint).last().body


def test_two_handlers_changing_the_state_at_once_cannot_both_win(support_centre, handler,
                                                                 django_capture_on_commit_callbacks) -> None:
    complaint = _filed(django_capture_on_commit_callbacks)
    opened = complaint.version
    do_change_complaint_status(handler, complaint=complaint, to_status="investigating", expected_version=opened)
    with pytest.raises(Conflict):
        do_change_complaint_status(handler, complaint=complaint, to_status="no_further_action", expected_version=opened)
    assert Complaint.objects.get(pk=complaint.pk).status == "investigating"


def test_staff_free_text_becomes_the_nearest_vetted_reply(support_centre, handler,
                                                          django_capture_on_commit_callbacks) -> None:
    complaint = _filed(django_capture_on_commit_callbacks)
    reply = do_reply_to_complaint(handler, complaint=complaint, text="여권과 외국인등록증을 가지고 센터에 와 주세요",
                                  text_language="ko")
    assert (reply.produced_by, reply.phrase_key) == ("phrasebook_match", "visit_with_documents")
    assert reply.body == "请携带护照和外国人登录证到中心来。"


def test_text_no_phrase_says_is_refused_without_a_machine_translator(support_centre, handler,
                                                                     django_capture_on_commit_callbacks) -> None:
    complaint = _filed(django_capture_on_commit_callbacks)
    with pytest.raises(InvalidInput):
        do_reply_to_complaint(handler, complaint=complaint, text="The plumber comes Thursday at 3 with a ladder.",
                              text_language="en")


def test_a_configured_machine_translator_is_used_and_recorded(support_centre, handler, settings,
                                                              django_capture_on_commit_callbacks) -> None:
    settings.ONDOL_MACHINE_TRANSLATOR = "ondol.complaints.tests.test_staff_queue.EchoTranslator"
    complaint = _filed(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        reply = do_reply_to_complaint(handler, complaint=complaint, text="The plumber comes Thursday at 3.",
                                      text_language="en")
    assert (reply.produced_by, reply.body) == ("machine_translation", "[en→zh-hans] The plumber comes Thursday at 3.")
    assert Message.objects.filter(produced_by="machine_translation", translator="echo-test-double").exists()


def test_a_complaint_opens_a_case_for_the_person_who_wrote_it(support_centre, handler,
                                                              django_capture_on_commit_callbacks) -> None:
    complaint = _filed(django_capture_on_commit_callbacks)
    case = do_open_case_from_complaint(handler, complaint=complaint)
    assert (case.source, case.source_reference, case.client.name_native) == (
        "complaint", complaint.tracking_number, "王丽")
    assert Complaint.objects.get(pk=complaint.pk).case == case
    with pytest.raises(Conflict):
        do_open_case_from_complaint(handler, complaint=Complaint.objects.get(pk=complaint.pk))


def test_an_anonymous_complaint_cannot_open_a_case_without_choosing_the_person(
        support_centre, handler, django_capture_on_commit_callbacks) -> None:
    complaint = _filed(django_capture_on_commit_callbacks, is_anonymous=True)
    with pytest.raises(InvalidInput):
        do_open_case_from_complaint(handler, complaint=complaint)


def test_the_queue_shows_deadlines_and_filters_by_category(support_centre, handler,
                                                           django_capture_on_commit_callbacks) -> None:
    housing = _filed(django_capture_on_commit_callbacks)
    noise = _filed(django_capture_on_commit_callbacks, category_code="noise")
    Complaint.objects.filter(pk=noise.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    browser = Client()
    browser.force_login(handler)
    page = browser.get("/en/staff/complaints/").content.decode()
    assert housing.tracking_number in page and noise.tracking_number in page
    assert "Deadline passed" in page
    only_housing = browser.get("/en/staff/complaints/?category=housing").content.decode()
    assert noise.tracking_number not in only_housing


def test_the_staff_detail_page_replies_with_a_vetted_phrase(support_centre, handler,
                                                            django_capture_on_commit_callbacks) -> None:
    complaint = _filed(django_capture_on_commit_callbacks)
    browser = Client()
    browser.force_login(handler)
    assert browser.get(f"/ko/staff/complaints/{complaint.pk}/").status_code == 200
    browser.post(f"/ko/staff/complaints/{complaint.pk}/reply/", {"phrase_key": "interpreter_available"})
    assert Reply.objects.filter(complaint=complaint, phrase_key="interpreter_available").exists()


def test_the_personal_details_of_old_closed_complaints_are_cleared(support_centre, handler,
                                                                   django_capture_on_commit_callbacks) -> None:
    complaint = _filed(django_capture_on_commit_callbacks)
    do_change_complaint_status(handler, complaint=complaint, to_status="resolved", expected_version=complaint.version)
    Complaint.objects.filter(pk=complaint.pk).update(closed_at=timezone.now() - dt.timedelta(days=4 * 365))
    assert purge_expired_complaints() == 1
    cleared = Complaint.objects.get(pk=complaint.pk)
    assert (cleared.name, cleared.email, cleared.description, cleared.tracking_number) == (
        "", "", "", complaint.tracking_number)
