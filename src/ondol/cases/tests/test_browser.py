"""A counsellor takes a person in, records a consultation, opens a case and refers it; the partner agency
accepts the referral and closes it. Driven through Chromium."""

from __future__ import annotations

import pytest

from ondol.cases.models import Case, Client, Referral
from ondol.core.models import AgencyKind
from ondol.core.tests.factories import AgencyFactory, make_staff

PASSWORD = "correct horse battery staple"


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/console/")


@pytest.mark.browser
def test_a_counsellor_refers_a_new_client_and_the_partner_accepts_and_closes_it(live_server, page, browser) -> None:
    centre = AgencyFactory(name="Integrated support centre", kind=AgencyKind.INTEGRATED_SUPPORT_CENTRE)
    partner = AgencyFactory(name="Family centre", kind=AgencyKind.MULTICULTURAL_FAMILY_CENTRE)
    make_staff(role="counsellor", agency=centre, username="counsellor.kim")
    make_staff(role="partner_staff", agency=partner, username="partner.lee")

    sign_in(page, live_server, "counsellor.kim")
    page.click("text=Clients and cases")
    page.click("text=Register a new client")
    page.fill("#id_name_latin", "Nguyen Thi Lan")
    page.fill("#id_name_hangul", "응우옌 티 란")
    page.fill("#id_birth_date", "1994-03-08")
    page.fill("#id_nationality", "VN")
    page.select_option("#id_preferred_language", "vi")
    page.fill("#id_phone", "010-1111-2222")
    page.fill("#id_identity_number", "940308-6000001")
    page.check("#id_consent_consultation")
    page.check("#id_consent_referral")
    page.get_by_role("button", name="Register", exact=True).click()
    page.wait_for_selector("h1:has-text('Nguyen Thi Lan')")
    assert "**********001" in page.content()

    page.click("text=Record a consultation")
    page.select_option("#id_channel", "visit")
    page.select_option("#id_topic", "lease-check")
    page.select_option("#id_notes_language", "vi")
    page.fill("#id_notes", "Chủ nhà không trả lại tiền đặt cọc.")
    page.get_by_role("button", name="Save the consultation", exact=True).click()
    page.wait_for_selector("#open-case[open]")
    page.fill("#id_title", "Deposit not returned")
    page.select_option("#id_risk_level", "medium")
    page.get_by_role("button", name="Open the case", exact=True).click()
    page.wait_for_selector("h1:has-text('Deposit not returned')")

    page.click("text=Refer to another agency")
    page.select_option("#id_to_agency", label="Family centre")
    page.fill("#id_note", "She needs help to get her deposit back; she speaks Vietnamese.")
    page.get_by_role("button", name="Send the referral", exact=True).click()
    page.wait_for_selector("text=Waiting for an answer")

    partner_page = browser.new_context(locale="en-US").new_page()
    sign_in(partner_page, live_server, "partner.lee")
    partner_page.goto(f"{live_server.url}/en/staff/cases/referrals/")
    partner_page.click("table a:has-text('#')")
    partner_page.get_by_role("button", name="Accept", exact=True).click()
    partner_page.wait_for_selector("text=Close the referral")
    partner_page.check("input[value=delivered]")
    partner_page.fill("#id_note", "Deposit returned after a call to the landlord.")
    partner_page.get_by_role("button", name="Complete the referral", exact=True).click()
    partner_page.wait_for_selector("[data-status=completed]")
    partner_page.context.close()

    client = Client.objects.get()
    case = Case.objects.get(client=client)
    referral = Referral.objects.get(case=case)
    assert (client.name_latin, case.consultations.count()) == ("NGUYEN THI LAN", 1)
    assert (referral.to_agency, referral.status, referral.outcome) == (partner, "completed", "delivered")
