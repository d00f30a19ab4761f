"""Round results: each stage counted per dong and district, by nationality and language, and exported."""

from __future__ import annotations

import io

import pytest
from django.db.models import Q
from openpyxl import load_workbook

from ondol.core.models import AuditEntry
from ondol.fieldwork.models import Outcome, Source
from ondol.fieldwork.queries import round_results
from ondol.fieldwork.services import do_record_contact, do_record_need, do_record_outcome
from ondol.fieldwork.tests.conftest import DUNSAN1, ONCHEON2

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked_round(dong_official, make_item):
    reached = make_item(nationality="VN", language="vi")
    do_record_contact(dong_official, item=reached, channel="call", result="no_answer")
    do_record_contact(dong_official, item=reached, channel="visit", result="reached")
    do_record_need(dong_official, item=reached, need_confirmed=True, programs=["emergency-welfare"],
                   resources=["food_bank"])
    do_record_outcome(dong_official, item=reached, outcome=Outcome.PUBLIC_SUPPORT)
    gone = make_item(nationality="KR", language="ko")
    do_record_outcome(dong_official, item=gone, outcome=Outcome.UNREACHABLE)
    moved = make_item(nationality="KR", language="ko")
    do_record_outcome(dong_official, item=moved, outcome=Outcome.MOVED, new_address="대전 유성구 온천2동 7")
    reported = make_item(source=Source.NEIGHBOUR_REPORT, nationality="CN", language="zh-hans")
    do_record_need(dong_official, item=reported, need_confirmed=True, programs=[], resources=[])
    make_item(DUNSAN1, nationality="KR", language="ko")
    return reached.round


def test_the_results_count_every_stage_of_the_round(worked_round):
    rows, total = round_results(scope=Q(), round=worked_round, by="dong")
    counts = {row.label.split()[-1]: row.counts for row in rows}
    assert counts["온천1동"] == {"households": 4, "flagged": 3, "contacted": 1, "surveyed": 0, "need_confirmed": 2,
                               "supported_public": 1, "supported_private": 1, "newly_discovered": 1,
                               "unreachable": 1, "moved": 1}
    assert counts["온천2동"]["households"] == 1  # the hand-off, worked in its new dong
    assert total.counts["households"] == 6 and total.counts["flagged"] == 4


def test_the_district_sums_its_dongs(worked_round):
    rows, _total = round_results(scope=Q(), round=worked_round, by="district")
    by_district = {row.label: row.counts["households"] for row in rows}
    assert by_district == {"서구": 1, "유성구": 5}


def test_the_same_figures_are_given_by_nationality_and_by_language(worked_round):
    by_nationality = {row.key: row.counts for row in round_results(scope=Q(), round=worked_round,
                                                                   by="nationality")[0]}
    by_language = {row.key: row.counts for row in round_results(scope=Q(), round=worked_round, by="language")[0]}
    assert by_nationality["VN"]["supported_public"] == 1 and by_nationality["KR"]["households"] == 4
    assert by_language["zh-hans"]["newly_discovered"] == 1


def test_a_dong_official_sees_the_results_of_their_dong_only(client, dong_official, worked_round):
    client.force_login(dong_official)
    page = client.get("/ko/staff/fieldwork/results/", {"round": worked_round}).content.decode()
    assert "온천1동" in page and "둔산1동" not in page


def test_the_results_download_as_csv_and_xlsx_and_each_download_is_audited(client, dong_official, worked_round):
    client.force_login(dong_official)
    csv_text = client.get("/en/staff/fieldwork/results/export.csv", {"round": worked_round}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Dong,Households on the worklists,Flagged by the discovery round")
    xlsx = client.get("/en/staff/fieldwork/results/export.xlsx", {"round": worked_round, "by": "language"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "Language"
    assert AuditEntry.objects.filter(action="export", target_type="fieldwork.results").count() == 2


def test_a_district_planner_sees_results_but_no_household(client, make_user, centres, worked_round, make_item):
    planner = make_user(role="district_planner", agency=centres["유성구청"])
    client.force_login(planner)
    assert "온천2동" in client.get("/ko/staff/fieldwork/results/", {"round": worked_round}).content.decode()
    item = make_item(ONCHEON2)
    assert client.get(f"/ko/staff/fieldwork/items/{item.pk}/").status_code == 404
