"""End to end in Chromium: sign-up with waiting list in Vietnamese, giving by QR page, voting once."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ondol.community.models import Entry, Registration, RegistrationStatus
from ondol.community.services import programs
from ondol.community.tests.factories import CompetitionFactory, SessionFactory, SubCampaignFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_sent_to(outbox: list[Any], phone: str) -> str:
    message = [m for m in outbox if m.to == phone][-1]
    return re.search(r"\d{6}", message.text).group(0)


def test_a_resident_signs_up_in_vietnamese_waits_and_is_promoted_when_someone_cancels(
        live_server: Any, page: Any, sms_outbox: list[Any], counsellor: Any) -> None:
    session = SessionFactory(capacity=1)
    holder = programs.do_sign_up_client(counsellor, session=session, client_ref="CL-1", name="Kim")

    page.goto(f"{live_server.url}/vi/community/programs/{session.program_id}/")
    page.get_by_text("Lớp tiếng Hàn").first.wait_for()
    page.get_by_label("Tên của bạn").fill("Nguyen Thi Lan")
    page.get_by_label("Số điện thoại di động hoặc địa chỉ e-mail của bạn").fill("010-7777-8888")
    page.get_by_role("button", name="Gửi mã cho tôi").click()
    page.get_by_label("Mã xác nhận").fill(_code_sent_to(sms_outbox, "01077778888"))
    page.get_by_role("button", name="Xác nhận").click()

    status = page.locator("#registration-status")
    assert status.get_attribute("data-status") == "waitlisted"
    assert "danh sách chờ" in status.inner_text()

    programs.do_cancel_registration(counsellor, registration=holder)
    page.reload()

    assert page.locator("#registration-status").get_attribute("data-status") == "confirmed"
    assert Registration.objects.get(name="Nguyen Thi Lan").status == RegistrationStatus.CONFIRMED
    assert "Lớp tiếng Hàn" in [m for m in sms_outbox if m.to == "01077778888"][-1].text


def test_a_donor_gives_through_a_centres_qr_page_and_gets_a_numbered_receipt(live_server: Any, page: Any) -> None:
    sub = SubCampaignFactory()

    page.goto(f"{live_server.url}/en/community/give/{sub.code}/")
    page.get_by_label("Amount in won").fill("50000")
    page.get_by_label("How would you like to pay?").select_option("sandbox")
    page.get_by_role("button", name="Give now").click()

    assert re.search(r"Receipt number \d{4}-000001", page.locator("main").inner_text())
    pdf_path = page.get_by_role("link", name="Download the receipt (PDF)").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{pdf_path}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"


def test_a_citizen_votes_once_and_a_second_vote_with_the_same_phone_is_refused(
        live_server: Any, page: Any, sms_outbox: list[Any]) -> None:
    competition = CompetitionFactory()
    Entry.objects.create(competition=competition, title="Kimchi day", summary="…", submitter_name="A")
    Entry.objects.create(competition=competition, title="Interpreters", summary="…", submitter_name="B")

    def vote_for(title: str) -> None:
        page.goto(f"{live_server.url}/en/community/competitions/{competition.slug}/")
        page.get_by_label(title).check()
        page.get_by_label("Your mobile phone number or e-mail address").fill("010-5555-1234")
        page.get_by_role("button", name="Send me a code to vote").click()

    vote_for("Kimchi day")
    page.get_by_label("Confirmation code").fill(_code_sent_to(sms_outbox, "01055551234"))
    page.get_by_role("button", name="Cast my vote").click()
    page.locator("#vote-done").wait_for()

    vote_for("Interpreters")

    assert "has already voted in this competition" in page.locator("main").inner_text()
    assert [e.vote_count for e in Entry.objects.filter(competition=competition).order_by("id")] == [1, 0]
