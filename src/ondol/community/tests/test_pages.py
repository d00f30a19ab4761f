"""The public and staff pages, the files they hand out (.ics, PDF, QR, SVG) and the JSON API."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ondol.community.models import Registration, RegistrationStatus
from ondol.community.services import donations, programs
from ondol.community.tests.factories import CampaignFactory, ProgramFactory, SessionFactory, SubCampaignFactory
from ondol.core.models import AuditEntry
from ondol.core.tests.factories import make_staff

pytestmark = pytest.mark.django_db


def _code(outbox: list[Any]) -> str:
    return re.search(r"\d{6}", outbox[-1].text).group(0)


def test_a_resident_signs_up_on_the_program_page_in_vietnamese(client: Any, sms_outbox: list[Any]) -> None:
    session = SessionFactory(capacity=5)

    page = client.get(f"/vi/community/programs/{session.program_id}/")
    assert "Lớp tiếng Hàn" in page.content.decode()
    response = client.post(f"/vi/community/sessions/{session.pk}/signup/",
                           {"name": "Nguyen Thi C", "contact": "010-3333-4444"})
    registration = Registration.objects.get(name="Nguyen Thi C")
    assert response.status_code == 302 and registration.language == "vi"

    client.post(response["Location"], {"code": _code(sms_outbox)})

    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CONFIRMED


def test_a_wrong_code_on_the_page_says_so_next_to_the_field(client: Any, sms_outbox: list[Any]) -> None:
    session = SessionFactory()
    registration = programs.do_request_signup(session=session, name="A", contact="01033334444", language="en")
    wrong = "000000" if _code(sms_outbox) != "000000" else "111111"

    response = client.post(f"/en/community/signups/{registration.token}/", {"code": wrong})

    assert response.status_code == 422
    assert "This code is not right or has expired" in response.content.decode()


def test_a_session_downloads_as_an_icalendar_event(client: Any) -> None:
    session = SessionFactory()

    response = client.get(f"/en/community/sessions/{session.pk}/calendar.ics")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and f"UID:community-session-{session.pk}@" in body
    assert "SUMMARY:Korean class" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_the_campaign_page_shows_totals_and_a_thermometer_but_no_donor_names(client: Any) -> None:
    sub = SubCampaignFactory(campaign=CampaignFactory(target_amount=1_000_000))
    donor = donations.find_or_create_donor(name="홍길동", phone="01055556666")
    donations.do_record_donation(None, campaign=sub.campaign, subcampaign=sub, donor=donor, kind="money",
                                 method="counter", amount=250_000)

    body = client.get(f"/en/community/campaigns/{sub.campaign.slug}/").content.decode()

    assert "<svg" in body and 'data-ratio="0.2500"' in body
    assert "₩250,000" in body
    assert "홍길동" not in body


def test_a_donor_gives_on_a_centres_page_and_downloads_a_numbered_pdf_receipt(client: Any) -> None:
    sub = SubCampaignFactory()

    response = client.post(f"/ko/community/give/{sub.code}/",
                           {"amount": "30000", "name": "", "email": "", "anonymous": "on", "provider": "sandbox"})
    receipt_page = client.get(response["Location"])
    pdf = client.get(response["Location"] + "receipt.pdf")

    number = receipt_page.context["receipt"].number
    assert number.endswith("-000001")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert number in text


def test_staff_of_another_agency_cannot_open_a_session(client: Any) -> None:
    session = SessionFactory()
    client.force_login(make_staff(role="counsellor"))

    assert client.get(f"/ko/staff/community/sessions/{session.pk}/").status_code == 404


def test_staff_sign_up_a_client_and_mark_them_present_on_the_attendance_page(client: Any) -> None:
    program = ProgramFactory()
    session = SessionFactory(program=program)
    staff = make_staff(role="counsellor", agency=program.agency)
    client.force_login(staff)

    client.post(f"/ko/staff/community/sessions/{session.pk}/",
                {"client_ref": "CL-9", "name": "Pham", "phone": "", "language": "vi"})
    registration = Registration.objects.get(client_ref="CL-9")
    response = client.post(f"/ko/staff/community/sessions/{session.pk}/attendance/",
                           {"registration": registration.pk, "attended": "1"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200 and f'id="attendance-{registration.pk}"' in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).attended is True
    assert AuditEntry.objects.filter(action="attendance", target_id=str(registration.pk)).exists()


def test_a_present_participant_gets_an_attendance_certificate_pdf(client: Any) -> None:
    program = ProgramFactory()
    staff = make_staff(role="counsellor", agency=program.agency)
    registration = programs.do_sign_up_client(staff, session=SessionFactory(program=program), client_ref="CL-1",
                                              name="Pham Van D")
    client.force_login(staff)
    url = reverse("community_staff:certificate", kwargs={"registration_id": registration.pk})
    assert client.get(url).status_code == 404

    programs.do_mark_attendance(staff, registration=registration, attended=True)
    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert "Pham Van D" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_the_staff_campaign_page_shows_a_qr_code_per_centre(client: Any) -> None:
    sub = SubCampaignFactory()
    client.force_login(make_staff(role="counsellor", agency=sub.campaign.agency))

    body = client.get(f"/ko/staff/community/campaigns/{sub.campaign_id}/").content.decode()

    assert body.count('src="data:image/svg+xml') == 1


def test_the_api_signs_a_resident_up_and_confirms_with_the_code(client: Any, sms_outbox: list[Any]) -> None:
    session = SessionFactory(capacity=1)

    started = client.post(f"/api/v1/community/sessions/{session.pk}/signups",
                          json.dumps({"name": "Li Wei", "contact": "liwei@example.org", "language": "zh"}),
                          content_type="application/json")
    from django.core import mail

    code = re.search(r"\d{6}", mail.outbox[-1].body).group(0)
    confirmed = client.post(f"/api/v1/community/signups/{started.json()['token']}/confirm",
                            json.dumps({"code": code}), content_type="application/json")

    assert started.status_code == 201
    assert confirmed.json()["status"] == "confirmed"
    assert Registration.objects.get(token=started.json()["token"]).language == "zh-hans"


def test_api_errors_have_the_one_error_shape(client: Any) -> None:
    session = SessionFactory()

    response = client.post(f"/api/v1/community/sessions/{session.pk}/signups",
                           json.dumps({"name": "X", "contact": "not a phone"}), content_type="application/json")

    assert response.status_code == 422
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert "contact" in response.json()["error"]["fields"]


def test_the_staff_ledger_api_needs_a_staff_login(client: Any) -> None:
    campaign = CampaignFactory()

    assert client.get(f"/api/v1/community/staff/campaigns/{campaign.pk}/ledger").status_code == 401
    client.force_login(make_staff(role="counsellor", agency=campaign.agency))
    assert client.get(f"/api/v1/community/staff/campaigns/{campaign.pk}/ledger").json() == []


def test_the_progress_api_gives_totals_per_centre_and_no_names(client: Any) -> None:
    sub = SubCampaignFactory()
    donor = donations.find_or_create_donor(name="홍길동", phone="01055556666")
    donations.do_record_donation(None, campaign=sub.campaign, subcampaign=sub, donor=donor, kind="money",
                                 method="counter", amount=40_000)

    body = client.get(f"/api/v1/community/campaigns/{sub.campaign.slug}/progress").json()

    assert body["raised"] == 40_000 and body["centres"] == [{"centre": sub.agency.name, "raised": 40_000,
                                                             "target": sub.target_amount}]
    assert "홍길동" not in json.dumps(body, ensure_ascii=False)


def test_the_api_counts_a_verified_vote_and_refuses_a_second(client: Any, sms_outbox: list[Any]) -> None:
    from ondol.community.models import Entry
    from ondol.community.tests.factories import CompetitionFactory

    competition = CompetitionFactory()
    entry = Entry.objects.create(competition=competition, title="A", summary="…", submitter_name="X")
    url = f"/api/v1/community/competitions/{competition.slug}/votes"
    payload = json.dumps({"entry": entry.pk, "contact": "010-4444-5555"})

    token = client.post(url, payload, content_type="application/json").json()["token"]
    counted = client.post(f"{url}/{token}", json.dumps({"code": _code(sms_outbox)}), content_type="application/json")
    again = client.post(url, payload, content_type="application/json")

    assert counted.json() == {"counted": True}
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_voted"
