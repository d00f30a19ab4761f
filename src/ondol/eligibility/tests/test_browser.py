"""The wizard in a real browser, in the four complete languages (HTMX swaps, no page reloads)."""

from __future__ import annotations

from typing import Any

import pytest

FIRST_QUESTION = {
    "ko": "대한민국 국민인가요?",
    "en": "Are you a Korean national?",
    "vi": "Bạn có phải là công dân Hàn Quốc không?",
    "zh-hans": "您是韩国国民吗？",
}
RESULTS_TITLE = {
    "ko": "받을 수 있는 지원",
    "en": "What you may be able to get",
    "vi": "Những gì bạn có thể nhận",
    "zh-hans": "您可能获得的支援",
}
CHILD_ALLOWANCE = {"ko": "아동수당", "en": "Child allowance", "vi": "Trợ cấp trẻ em", "zh-hans": "儿童津贴"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["ko", "en", "vi", "zh-hans"])
def test_a_resident_screens_their_family_in_their_language(live_server: Any, page: Any, lang: str) -> None:
    page.goto(f"{live_server.url}/{lang}/eligibility/")
    page.locator("input[name=spouse][value=yes]").check()
    page.locator("input[name=children]").fill("1")
    page.locator("form.wizard-step button[type=submit]").click()

    page.locator("legend", has_text=FIRST_QUESTION[lang]).first.wait_for()
    assert page.get_by_text(FIRST_QUESTION[lang], exact=True).first.is_visible()
    assert page.get_by_text(RESULTS_TITLE[lang]).first.is_visible()
    asked_before = page.locator("fieldset.question").count()

    # Everyone is Korean, the child was born last year: the foreigner questions disappear.
    for member in ("applicant", "spouse", "child1"):
        box = page.locator(f"input[name='a:{member}:korean_national'][value=yes]")
        if box.count():
            box.check()
    page.locator("form.wizard-step button[type=submit]").click()
    page.locator("input[type=radio][name='a:applicant:korean_national']").first.wait_for(state="detached")
    birth = page.locator("input[type=date][name='a:child1:birth_date']")
    if birth.count():
        birth.fill("2025-06-01")
        page.locator("form.wizard-step button[type=submit]").click()
        birth.wait_for(state="detached")
    assert page.locator(".program", has_text=CHILD_ALLOWANCE[lang]).first.is_visible()
    assert page.locator("fieldset.question").count() <= asked_before
    assert page.locator("html").get_attribute("lang") == lang
