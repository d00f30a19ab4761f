"""Staff pages: intake with search-before-create, the profile, the case timeline, editing, the referral inbox."""

from __future__ import annotations

import datetime as dt

from django.test import Client as HttpClient

from ondol.cases.models import Case, Client, Consent, Referral
from ondol.cases.services import do_update_case
from ondol.core.tests.factories import make_staff


def signed_in(user) -> HttpClient:
    browser = HttpClient()
    browser.force_login(user)
    return browser


INTAKE = {"name_latin": "nguyen thi lan", "name_hangul": "응우옌 티 란", "birth_date": "1994-03-08", "sex": "F",
          "nationality": "vn", "preferred_language": "vi", "phone": "010-1111-2222", "identity_kind": "arc",
          "identity_number": "940308-6000001", "consent_consultation": "on", "consent_referral": "on"}


def test_intake_registers_the_person_with_their_consents(home_counsellor) -> None:
    response = signed_in(home_counsellor).post("/en/staff/cases/clients/new/", INTAKE)
    client = Client.objects.get()
    assert response["Location"] == f"/en/staff/cases/clients/{client.pk}/"
    assert (client.name_latin, client.nationality, client.identity_masked) == ("NGUYEN THI LAN", "VN", "**********001")
    assert set(Consent.objects.values_list("purpose", "language")) == {("consultation", "vi"), ("referral", "vi")}


def test_intake_shows_the_likely_duplicates_and_creates_only_after_confirmation(make_client, home_counsellor) -> None:
    existing = make_client(name_native="Nguyễn Thị Lan", name_latin="", birth_date=dt.date(1994, 3, 8))
    browser = signed_in(home_counsellor)
    data = {**INTAKE, "identity_number": ""}
    refused = browser.post("/en/staff/cases/clients/new/", data)
    assert refused.status_code == 409
    assert f"/en/staff/cases/clients/{existing.pk}/" in refused.content.decode()
    assert Client.objects.count() == 1
    browser.post("/en/staff/cases/clients/new/", {**data, "duplicates_checked": "on"})
    assert Client.objects.count() == 2


def test_the_duplicate_panel_updates_as_the_counsellor_types(make_client, home_counsellor) -> None:
    existing = make_client(name_latin="TRAN VAN MINH")
    fragment = signed_in(home_counsellor).get("/en/staff/cases/clients/duplicates/", {"name_hangul": "쩐 반 민"},
                                              HTTP_HX_REQUEST="true")
    assert existing.display_name in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def test_the_profile_shows_the_masked_number_and_reveals_it_only_on_request(make_client, home_counsellor) -> None:
    client = make_client(identity_number="940308-6000001")
    browser = signed_in(home_counsellor)
    page = browser.get(f"/en/staff/cases/clients/{client.pk}/").content.decode()
    assert "**********001" in page and "9403086000001" not in page
    revealed = browser.post(f"/en/staff/cases/clients/{client.pk}/reveal/", HTTP_HX_REQUEST="true")
    assert "9403086000001" in revealed.content.decode()


def test_a_consultation_is_recorded_and_a_case_opened_from_it(make_client, home_counsellor, consent_to_refer) -> None:
    client = make_client()
    consent_to_refer(client, purpose="consultation")
    browser = signed_in(home_counsellor)
    response = browser.post(f"/en/staff/cases/clients/{client.pk}/consultations/new/", {
        "channel": "visit", "topic": "lease-check", "language": "vi", "interpreter_kind": "volunteer",
        "interpreter_name": "Ms Hoa", "notes": "Chủ nhà không trả lại tiền đặt cọc.", "notes_language": "vi",
        "translation": "The landlord keeps the deposit.", "translation_language": "en", "minutes": "40"})
    consultation = client.consultations.get()
    assert response.status_code == 302
    assert consultation.translated_by == f"staff:{home_counsellor.username}"
    browser.post(f"/en/staff/cases/clients/{client.pk}/cases/new/", {
        "title": "Deposit not returned", "risk_level": "medium", "consultation": consultation.pk})
    case = Case.objects.get()
    assert case.consultations.get() == consultation
    page = browser.get(f"/en/staff/cases/{case.pk}/").content.decode()
    assert "Chủ nhà không trả lại tiền đặt cọc." in page and "The landlord keeps the deposit." in page


def test_recording_a_consultation_without_consent_is_refused(make_client, home_counsellor) -> None:
    client = make_client()
    response = signed_in(home_counsellor).post(f"/en/staff/cases/clients/{client.pk}/consultations/new/", {
        "channel": "phone", "topic": "life", "language": "vi", "interpreter_kind": "none", "notes_language": "vi",
        "minutes": "5"})
    assert response.status_code == 200
    assert "has not agreed" in response.content.decode()
    assert not client.consultations.exists()


def test_the_second_of_two_edits_shows_what_the_first_one_changed(make_case, home_counsellor, home_agency) -> None:
    case = make_case(title="Rent arrears")
    colleague = make_staff(role="counsellor", agency=home_agency, username="colleague")
    opened = case.version
    do_update_case(colleague, case=case, expected_version=opened, changes={"title": "Rent arrears (urgent)"})
    response = signed_in(home_counsellor).post(f"/en/staff/cases/{case.pk}/edit/", {
        "version": opened, "title": "Rent and deposit", "risk_level": "low", "summary": ""})
    page = response.content.decode()
    assert response.status_code == 409
    assert "colleague" in page and "Rent arrears (urgent)" in page
    assert Case.objects.get(pk=case.pk).title == "Rent arrears (urgent)"


def test_the_staff_home_lists_overdue_tasks(make_case, home_counsellor) -> None:
    case = make_case()
    case.counsellor = home_counsellor
    case.save()
    case.tasks.create(title="Call the landlord", due_on=dt.date.today() - dt.timedelta(days=2),
                      assigned_to=home_counsellor)
    page = signed_in(home_counsellor).get("/en/staff/cases/").content.decode()
    assert "Call the landlord" in page


def test_referring_from_the_case_page_and_answering_from_the_inbox(make_case, home_counsellor, partner_agency,
                                                                   partner_staff, consent_to_refer) -> None:
    case = make_case()
    consent_to_refer(case.client)
    signed_in(home_counsellor).post(f"/en/staff/cases/{case.pk}/refer/", {
        "to_agency": partner_agency.pk, "sections": ["identity", "contact"], "note": "Please help with the lease."})
    referral = Referral.objects.get()
    partner = signed_in(partner_staff)
    assert f"/en/staff/cases/referrals/{referral.pk}/" in partner.get("/en/staff/cases/referrals/").content.decode()
    partner.post(f"/en/staff/cases/referrals/{referral.pk}/accept/", {"note": "We will call her."})
    partner.post(f"/en/staff/cases/referrals/{referral.pk}/complete/", {"outcome": "delivered", "note": "Done."})
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("completed", "delivered")


def test_a_referral_without_consent_is_refused_on_the_page(make_case, home_counsellor, partner_agency) -> None:
    case = make_case()
    response = signed_in(home_counsellor).post(f"/en/staff/cases/{case.pk}/refer/", {
        "to_agency": partner_agency.pk, "sections": ["identity"], "note": "Please help."})
    assert response.status_code == 422
    assert "has not agreed" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_staff_pages_speak_korean_vietnamese_and_chinese(make_case, home_counsellor) -> None:
    case = make_case()
    browser = signed_in(home_counsellor)
    expected = {"ko": "내 진행 중 사례", "vi": "Hồ sơ đang mở của tôi", "zh-hans": "我的进行中个案"}
    for language, text in expected.items():
        assert text in browser.get(f"/{language}/staff/cases/").content.decode()
        for path in (f"clients/{case.client_id}/", f"{case.pk}/", "referrals/", "clients/new/"):
            assert browser.get(f"/{language}/staff/cases/{path}").status_code == 200
    assert "민원 처리 목록" in browser.get("/ko/staff/complaints/").content.decode()
