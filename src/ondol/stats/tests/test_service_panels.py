"""Each service panel against the hand-counted records of services_fixture (months 2026-09 to 2026-10)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from ondol.stats.filters import Filters
from ondol.stats.panels import build_panel
from ondol.stats.tests.services_fixture import World, build_community, build_complaints, build_world

pytestmark = pytest.mark.django_db
AUTUMN = Filters(period_from="2026-09", period_to="2026-10")
OTHER = "Other (small groups combined)"


@pytest.fixture
def world(daejeon_regions: None) -> World:
    return build_world()


def panel(key: str, filters: Filters = AUTUMN) -> Any:
    with translation.override("en"):
        return build_panel(filters, key, language="en")


def test_consultations_by_topic_merge_the_small_topics(world: World) -> None:
    # visa 8, labour 6; legal 2 + medical 3 = 5 merged. The August consultation is outside the months.
    assert panel("consultations_topic").rows == [("Visa and residence", 8), ("Work and labour", 6), (OTHER, 5)]


def test_consultations_by_language_channel_and_interpreter(world: World) -> None:
    assert panel("consultations_language").rows == [("Vietnamese", 13), ("Simplified Chinese", 6)]
    assert panel("consultations_channel").rows == [("Visit", 13), ("Phone", 6)]
    # staff 8+2 = 10, none 6, volunteer 3 (under 5; joins the next smallest, none).
    assert panel("consultations_interpreter_kind").rows == [("Bilingual staff member", 10), (OTHER, 9)]


def test_filters_by_nationality_and_dong_apply_to_consultations(world: World) -> None:
    assert panel("consultations_channel", AUTUMN.with_(nationality="CN")).rows == [("Phone", 6)]
    assert panel("consultations_channel", AUTUMN.with_(district="30200")).rows == [("Visit", 13)]
    assert panel("consultations_channel", AUTUMN.with_(agency=world.rights.pk)).rows == []


def test_cases_by_stage(world: World) -> None:
    # assessment 6, in service 5, closed 2 (under 5: joins in service).
    assert panel("cases_stage").rows == [("Assessment", 6), (OTHER, 7)]


def test_open_cases_by_how_long_they_have_been_open(world: World) -> None:
    # 11 cases still open at the end of October, all opened on 2 October: 29 days.
    assert panel("cases_age").rows == [("open 0–29 days", 11)]


def test_referral_flows_hide_small_figures_and_small_pairs(world: World) -> None:
    flows = panel("referrals")
    # made 8, accepted 3+2 = 5, completed 3 (hidden), overdue 2 accepted + 3 pending = 5.
    assert flows.table == [["Family centre", "Rights centre", 8, 5, None, 5]]
    assert flows.note  # the family → welfare pair (2 referrals) is not listed
    assert "<svg" in flows.chart


def test_complaints_by_category_and_deadline(world: World) -> None:
    build_complaints(world.family)
    assert panel("complaints").table == [["Noise", 10, 5, None, None]]


def test_campaigns_and_programs(world: World) -> None:
    build_community(world.family)
    assert panel("campaigns").table == [["Winter coats", 1_000_000, 150_000, 2]]
    assert panel("programs").table == [["Korean class", 1, 6, 5]]


def test_discovery_rounds_count_flagged_households_and_wait_for_field_work_for_the_rest(world: World) -> None:
    from ondol.discovery.models import DiscoveryItem, DiscoveryRound

    october = DiscoveryRound.objects.create(name="2026-10")
    for number in range(7):
        DiscoveryItem.objects.create(round=october, household_id=f"h{number}", dong_code="3020052000", score=0.9,
                                     rank_in_dong=number + 1, head_nationality="VN" if number < 5 else "NP")
    DiscoveryRound.objects.create(name="2026-05")  # before the months asked for
    assert panel("discovery").table == [["2026-10", 7, "—", "—", "—", "—"]]
    assert panel("discovery", AUTUMN.with_(nationality="NP")).table == [["2026-10", None, "—", "—", "—", "—"]]


def test_a_module_without_tables_shows_no_data_yet(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from ondol.stats import sources

    monkeypatch.setattr(sources, "_model", lambda app_label, name: None)
    assert [panel(key).available for key in ("discovery", "referrals", "campaigns", "complaints")] == [
        False, False, False, False]
