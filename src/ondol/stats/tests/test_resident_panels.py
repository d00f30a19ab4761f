"""Each resident panel against figures worked out by hand from tables.SMALL_TABLE (month 2026-10: 74 people)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from ondol.stats import residents
from ondol.stats.filters import Filters
from ondol.stats.panels import build_panel

pytestmark = pytest.mark.django_db
OCTOBER = Filters(period_from="2026-09", period_to="2026-10")


def rows(key: str, filters: Filters = OCTOBER) -> list[tuple[str, int | None]]:
    with translation.override("en"):
        return build_panel(filters, key).rows


def test_nationalities_with_fewer_than_five_people_are_merged_with_the_next_smallest(small_table: Any) -> None:
    # CN 38, VN 32, NP 3, UZ 1: NP+UZ = 4 is still under 5, so VN joins them.
    assert rows("nationality") == [("China", 38), ("Other (small groups combined)", 36)]


def test_residents_by_district(small_table: Any) -> None:
    assert rows("district") == [("Yuseong-gu (유성구)", 50), ("Dong-gu (동구)", 24)]


def test_residents_by_age_band_in_order_of_age(small_table: Any) -> None:
    # 20–24: 30+12+3 = 45; 30–34: 20; 25–29 (8) and 65+ (1) merged = 9.
    assert rows("age") == [("20–24 years", 45), ("30–34 years", 20), ("Other (small groups combined)", 9)]


def test_residents_by_sex(small_table: Any) -> None:
    assert rows("sex") == [("Women", 51), ("Men", 23)]


def test_residents_by_status(small_table: Any) -> None:
    # D-2 30, F-6 20, E-9 12+3 = 15, F-4 8+1 = 9.
    assert rows("status") == [("D-2", 30), ("F-6", 20), ("E-9", 15), ("F-4", 9)]


def test_month_by_month_totals(small_table: Any) -> None:
    assert rows("trend") == [("2026-09", 47), ("2026-10", 74)]


def test_a_district_filter_keeps_only_its_dongs(small_table: Any) -> None:
    dong_gu = OCTOBER.with_(district="30110")
    assert residents.headline(dong_gu).total == 24
    # Women 21, men 3: the 3 men cannot be shown, and showing 21 of 24 would reveal them.
    assert rows("sex", dong_gu) == [("Other (small groups combined)", 24)]


def test_a_filter_matching_fewer_than_five_people_shows_nothing(small_table: Any) -> None:
    panel = build_panel(OCTOBER.with_(nationality="UZ"), "sex")
    assert panel.rows == [] and panel.total is None and panel.note


def test_the_map_has_a_dot_for_each_dong_with_five_or_more_residents(small_table: Any) -> None:
    points = residents.map_points(OCTOBER)
    assert [(point.code, point.count) for point in points] == [
        ("3020052000", 42), ("3011051500", 23), ("3020052600", 8)]
    assert "<svg" in build_panel(OCTOBER, "map").chart


def test_the_headline_gives_the_share_of_the_population_and_the_largest_groups(small_table: Any) -> None:
    with translation.override("en"):
        headline = residents.headline(OCTOBER)
    assert headline.total == 74 and headline.population == 1000
    assert headline.share == pytest.approx(0.074)
    assert headline.top_nationalities == ["China"]
    assert headline.top_districts == ["Yuseong-gu (유성구)", "Dong-gu (동구)"]
    assert headline.top_age_band == "20–24 years"
