"""The public statistics page in a real browser, in the four complete languages."""

from __future__ import annotations

from typing import Any

import pytest

from ondol.core.services import load_regions
from ondol.stats.services import do_import_official_table
from ondol.stats.tests.tables import SMALL_TABLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS = {
    "ko": "숫자로 보는 외국인 주민과 서비스",
    "en": "Foreign residents and services in numbers",
    "vi": "Cư dân nước ngoài và dịch vụ qua các con số",
    "zh-hans": "数字中的外籍居民与服务",
}
LARGEST_GROUP = {"ko": "중국", "en": "China", "vi": "Trung Quốc", "zh-hans": "中国"}


def test_the_public_statistics_page_renders_in_korean_english_vietnamese_and_chinese(live_server: Any,
                                                                                     page: Any) -> None:
    load_regions(sido_codes={"30"})
    do_import_official_table(None, text=SMALL_TABLE, check_access=False)
    for language, heading in HEADINGS.items():
        page.goto(f"{live_server.url}/{language}/stats/?to=2026-10")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").inner_text() == heading
        nationality = page.locator("#panel-nationality")
        assert nationality.locator("svg").count() == 1
        nationality.locator("summary").click()
        assert nationality.locator("tbody th").first.inner_text() == LARGEST_GROUP[language]
        assert page.locator("#panel-map circle").count() == 3
        # Consultation panels load after the page; there are no consultations in this test.
        page.wait_for_selector("#panel-consultations_topic:not([aria-busy])")
        assert page.locator("#panel-consultations_topic .stats-none").count() == 1
    # Filtering by district keeps the page working and shows that district's total.
    page.select_option("#f-district", "30110")
    page.click("form.stats-filters button[type=submit]")
    page.wait_for_url("**district=30110**")
    assert "24" in page.locator(".stats-big").inner_text()
