"""A resident searches in Vietnamese, opens the article and gets the visit sheet, in a real browser."""

from __future__ import annotations

import pytest

from ondol.guide.search import reset_engine
from ondol.guide.services import do_load_guide

pytestmark = pytest.mark.browser


@pytest.fixture
def guide_live(transactional_db):
    """The real guide, committed, so that the live server's thread sees it."""
    do_load_guide(None)
    reset_engine()
    yield
    reset_engine()


def test_a_resident_searches_in_vietnamese_and_opens_the_visit_sheet(live_server, page, guide_live):
    page.goto(f"{live_server.url}/vi/guide/search/")
    page.fill("#guide-q", "toi bi mat the cu tru")
    result = page.locator("#search-results a.result-title").first
    result.wait_for()
    assert "/vi/guide/arc-reissue/" in result.get_attribute("href")
    assert "q=toi" in page.url  # results as you type keep the question in the address bar
    result.click()
    page.wait_for_url("**/vi/guide/arc-reissue/")
    sheet_link = page.locator("a[data-visit-sheet]")
    href = sheet_link.get_attribute("href")
    assert href.startswith("/vi/guide/arc-reissue/visit-sheet.pdf")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
