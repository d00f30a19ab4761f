"""The demo shows the Daejeon picture; the registry refresh counts Ondol's own clients by dong."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils import translation

from ondol.core.models import AuditEntry, Region
from ondol.stats import residents
from ondol.stats.demo import LATEST_PERIOD, LATEST_SIZE, load_demo
from ondol.stats.filters import Filters, period_end
from ondol.stats.models import CountSource, ResidentCount
from ondol.stats.services import do_refresh_registry_counts

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_the_demo_shows_the_daejeon_picture_and_can_be_loaded_twice(daejeon_regions: None) -> None:
    load_demo(seed=2019, stdout=io.StringIO())
    cells = ResidentCount.objects.count()
    load_demo(seed=2019, stdout=io.StringIO())
    assert ResidentCount.objects.count() == cells
    with translation.override("en"):
        headline = residents.headline(Filters(period_from="2025-11", period_to=LATEST_PERIOD))
    assert headline.total == LATEST_SIZE
    assert headline.share == pytest.approx(0.023, abs=0.001)
    assert headline.top_nationalities == ["China", "Vietnam"]
    assert headline.top_districts == ["Yuseong-gu (유성구)", "Dong-gu (동구)"]
    assert headline.top_age_band == "20–24 years"


def test_the_registry_refresh_counts_clients_by_dong_age_band_and_language(daejeon_regions: None,
                                                                           make_user: Any) -> None:
    from ondol.cases.models import Client
    from ondol.core.tests.factories import AgencyFactory

    planner = make_user(role="district_planner")
    agency = AgencyFactory()
    dong = Region.objects.get(code="3020052000")
    # Clients count from the month they were registered in: this month, since they are created now.
    period = f"{dt.date.today():%Y-%m}"
    end = period_end(period)
    for number in range(6):
        # 23 years old at the end of the month: the 20–24 band.
        Client.objects.create(agency=agency, name_latin=f"P{number}", nationality="VN", sex="F",
                              preferred_language="vi", birth_date=end.replace(year=end.year - 23, day=1), dong=dong,
                              residence_status="E-9")
    Client.objects.create(agency=agency, name_latin="No dong", nationality="VN")
    report = do_refresh_registry_counts(planner, period=period)
    assert report is not None and report.residents == 6
    cell = ResidentCount.objects.get(source=CountSource.REGISTRY)
    assert (cell.region_code, cell.age_band, cell.language, cell.count) == ("3020052000", 20, "vi", 6)
    assert AuditEntry.objects.filter(action="refresh", target_type="stats.countbatch").exists()
    # Counting again replaces the month rather than adding to it.
    do_refresh_registry_counts(planner, period=period)
    assert ResidentCount.objects.get(source=CountSource.REGISTRY).count == 6
