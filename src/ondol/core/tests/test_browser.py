"""A visitor switches language, and a staff member signs in, in a real browser."""

from __future__ import annotations

import pytest

from ondol.core.tests.factories import AgencyFactory, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_switches_to_vietnamese_and_a_counsellor_signs_in(live_server, page) -> None:
    agency = AgencyFactory(name="온천1동 행정복지센터")
    make_staff(role="counsellor", agency=agency, username="lan.counsellor")

    page.goto(f"{live_server.url}/ko/")
    assert page.locator("html").get_attribute("lang") == "ko"
    page.select_option("#language-select", "vi")
    page.wait_for_url(f"{live_server.url}/vi/")
    assert page.locator("html").get_attribute("lang") == "vi"

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("#id_username", "lan.counsellor")
    page.fill("#id_password", "correct horse battery staple")
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/console/")
    assert "온천1동 행정복지센터" in page.content()
    assert "Counsellor" in page.content()
