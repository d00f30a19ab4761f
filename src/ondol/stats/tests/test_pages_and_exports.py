"""The public page, the staff dashboard, downloads (always audited) and the district PDF."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from ondol.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "words"), [("ko", "외국인 주민"), ("en", "foreign residents"),
                                                 ("vi", "cư dân nước ngoài"), ("zh-hans", "外籍居民")])
def test_the_public_page_shows_the_figures_in_each_complete_language(client: Any, small_table: Any, language: str,
                                                                     words: str) -> None:
    with translation.override(language):
        url = reverse("stats:index")
    page = client.get(url, {"to": "2026-10"}).content.decode()
    assert words in page.lower() or words in page
    assert "<svg" in page
    assert "lang=\"" + language in page


def test_the_public_page_never_offers_downloads(client: Any, small_table: Any) -> None:
    page = client.get(reverse("stats:index"), {"to": "2026-10"}).content.decode()
    assert "/export/" not in page


def test_a_bad_filter_is_explained_and_the_page_still_renders(client: Any, small_table: Any) -> None:
    with translation.override("en"):
        response = client.get(reverse("stats:index"), {"to": "October"})
    assert response.status_code == 200
    assert "Write the month as YYYY-MM" in response.content.decode()


def test_the_staff_dashboard_shows_every_panel_to_a_planner(client: Any, small_table: Any, planner: Any) -> None:
    client.force_login(planner)
    with translation.override("en"):
        page = client.get(reverse("stats_staff:home"), {"to": "2026-10"}).content.decode()
    assert "Referrals between agencies" in page and "Load the table" in page


def test_people_who_are_not_staff_cannot_open_the_dashboard(client: Any, small_table: Any) -> None:
    response = client.get(reverse("stats_staff:home"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_csv_download_is_audited_and_shows_small_groups_merged(client: Any, small_table: Any, planner: Any) -> None:
    client.force_login(planner)
    with translation.override("en"):
        url = reverse("stats_staff:export", args=["nationality", "csv"])
    response = client.get(url, {"to": "2026-10", "from": "2026-10"})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines() == ["Group,Number", "China,38", "Other (small groups combined),36"]
    entry = AuditEntry.objects.get(action="export", target_type="stats.panel")
    assert entry.actor == planner and entry.target_id == "nationality" and "format=csv" in entry.detail


def test_an_xlsx_download_is_audited_and_writes_hidden_figures_as_words(client: Any, daejeon_regions: None,
                                                                        planner: Any) -> None:
    from ondol.stats.tests.services_fixture import build_world

    build_world()
    client.force_login(planner)
    with translation.override("en"):
        url = reverse("stats_staff:export", args=["referrals", "xlsx"])
    response = client.get(url, {"from": "2026-09", "to": "2026-10"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[1] == ["Family centre", "Rights centre", 8, 5, "fewer than 5", 5]
    assert AuditEntry.objects.filter(action="export", target_id="referrals").count() == 1


def test_an_unknown_panel_cannot_be_downloaded(client: Any, small_table: Any, planner: Any) -> None:
    client.force_login(planner)
    assert client.get(reverse("stats_staff:export", args=["people", "csv"])).status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_monthly_district_report_is_a_pdf_and_is_audited(client: Any, small_table: Any, planner: Any,
                                                             language: str) -> None:
    client.force_login(planner)
    response = client.get(reverse("stats_staff:report", args=["30200", "2026-10", language]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert ("유성구" in text) and (("외국인 주민" in text) if language == "ko" else ("foreign residents" in text))
    assert AuditEntry.objects.filter(action="export", target_type="stats.report", target_id="30200").exists()


def test_the_api_gives_public_panels_without_sign_in_and_staff_panels_with_it(client: Any, small_table: Any,
                                                                              planner: Any) -> None:
    public = client.get("/api/v1/stats/public/sex", {"to": "2026-10", "from": "2026-10"}, HTTP_ACCEPT_LANGUAGE="en")
    assert public.status_code == 200
    assert [row["count"] for row in public.json()["rows"]] == [51, 23]
    assert client.get("/api/v1/stats/public/referrals").status_code == 404
    assert client.get("/api/v1/stats/panels/referrals").status_code == 401
    client.force_login(planner)
    assert client.get("/api/v1/stats/panels/referrals").json()["available"] is True


def test_slow_panels_load_after_the_page_and_also_work_without_javascript(client: Any, daejeon_regions: None,
                                                                        planner: Any) -> None:
    from ondol.stats.tests.services_fixture import build_world

    build_world()
    client.force_login(planner)
    with translation.override("en"):
        page = client.get(reverse("stats_staff:home"), {"from": "2026-09", "to": "2026-10"}).content.decode()
        url = reverse("stats_staff:panel", args=["referrals"])
    assert f'hx-get="{url}?from=2026-09&amp;to=2026-10"' in page
    fragment = client.get(url, {"from": "2026-09", "to": "2026-10"}, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith("<section") and "Rights centre" in fragment
    whole_page = client.get(url, {"from": "2026-09", "to": "2026-10"}).content.decode()
    assert "<html" in whole_page and "Rights centre" in whole_page


def test_the_public_site_cannot_load_staff_only_panels(client: Any, small_table: Any) -> None:
    assert client.get(reverse("stats:panel", args=["referrals"])).status_code == 404
    assert client.get(reverse("stats:panel", args=["consultations_topic"])).status_code == 200
