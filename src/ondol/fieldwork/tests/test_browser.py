"""A dong official works one household through the worklist in Chromium: a failed call, a visit, the need
confirmed, a program linked and a case opened; the round results count it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ondol.cases.models import Case
from ondol.fieldwork.models import Outcome, WorkItem

PASSWORD = "correct horse battery staple"


@pytest.mark.browser
def test_a_dong_official_works_a_household_from_the_worklist_to_a_case(live_server, page, dong_official,
                                                                       make_item) -> None:
    item = make_item(household_id="HH-0042", head_name="NGUYEN THI LAN", nationality="VN", language="vi",
                     actual_address="대전광역시 유성구 온천1동 99-9 지하")
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=username]", "dong.official")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/console/")

    page.goto(f"{live_server.url}/en/staff/fieldwork/")
    page.click("text=HH-0042")
    assert "Electricity bill overdue for 3 months" in page.inner_text(".reasons")
    assert "99-9 지하" in page.inner_text(".facts")

    page.select_option("#contact_channel", "call")
    page.select_option("#contact_result", "no_answer")
    page.click("button[name=save-contact]")
    page.select_option("#contact_channel", "visit")
    page.select_option("#contact_result", "reached")
    page.fill("#contact_note", "Lives alone in the basement; the gas was cut off in October.")
    page.click("button[name=save-contact]")
    assert page.locator("#attempts li").count() == 2

    page.select_option("#need_need_confirmed", "yes")
    page.check("#need input[value=emergency-welfare]")
    page.click("button[name=save-need]")
    assert "Emergency welfare support" in page.inner_text("#linked-programs")

    page.fill("#case_title", "Emergency support for a household in a basement")
    page.click("button[name=open-case]")
    assert page.inner_text("#item-outcome") == "Case management opened"
    assert page.locator("#case-link").count() == 1

    page.goto(f"{live_server.url}/en/staff/fieldwork/results/?round={item.round}")
    totals = page.locator("#results tfoot td").all_inner_texts()
    # households, flagged, contacted, surveyed, need confirmed, public support, private support, new, unreachable, moved
    assert totals == ["1", "1", "1", "0", "1", "1", "0", "0", "0", "0"]

    worked = WorkItem.objects.get(pk=item.pk)
    assert worked.outcome == Outcome.CASE_MANAGEMENT and worked.programs == ["emergency-welfare"]
    assert Case.objects.get(pk=worked.case_id).client.name_latin == "NGUYEN THI LAN"


def _settle(page) -> None:
    """Leave the field (its change re-draws the questions) and wait until HTMX has no request in flight."""
    page.keyboard.press("Tab")
    page.wait_for_timeout(100)
    # A locator, not wait_for_function: the page's CSP forbids the eval that a JavaScript predicate needs.
    expect(page.locator(".htmx-request")).to_have_count(0)


@pytest.mark.browser
def test_survey_questions_appear_and_disappear_with_the_answers(live_server, page, dong_official, make_item,
                                                                tmp_path) -> None:
    from ondol.fieldwork.models import SurveyResponse
    from ondol.fieldwork.services.surveys import do_import_survey
    from ondol.fieldwork.surveys.make_single_person_survey import build

    survey = do_import_survey(None, path=build(tmp_path / "single.xlsx"))
    item = make_item()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=username]", "dong.official")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/console/")
    page.goto(f"{live_server.url}/en/staff/fieldwork/items/{item.pk}/surveys/{survey.pk}/?lang=en")

    illness = page.locator("#q-chronic_illness")
    page.check("#q-health input[value=good]")
    illness.wait_for(state="hidden")
    page.check("#q-health input[value=poor]")
    illness.wait_for(state="visible")
    page.check("#q-meals input[value='3']")
    page.locator("#q-skipped_meals").wait_for(state="hidden")
    assert page.is_checked("#q-health input[value=poor]")

    page.check("#q-chronic_illness input[value=yes]")
    page.check("#q-health input[value=good]")
    illness.wait_for(state="hidden")
    page.check("#q-social_contact input[value=weekly]")
    page.check("#q-emergency_contact input[value=yes]")
    page.fill("#f-rent_overdue_months", "99")
    _settle(page)
    page.click("button[name=save-survey]")
    assert "Enter a number of months from 0 to 60." in page.inner_text("#q-rent_overdue_months")
    page.fill("#f-rent_overdue_months", "0")
    _settle(page)
    page.click("button[name=save-survey]")
    page.wait_for_url(f"**/items/{item.pk}/")
    answers = SurveyResponse.objects.get(item=item).answers
    assert "chronic_illness" not in answers and "skipped_meals" not in answers and answers["rent_overdue_months"] == 0
