"""Fixtures of the stats tests: Daejeon's regions and a planner who may load tables."""

from __future__ import annotations

from typing import Any

import pytest

from ondol.core.models import Region
from ondol.stats.services import do_import_official_table
from ondol.stats.tests.tables import SMALL_TABLE


@pytest.fixture
def planner(daejeon_regions: None, make_user: Any) -> Any:
    return make_user(role="district_planner")


@pytest.fixture
def small_table(planner: Any) -> Any:
    Region.objects.filter(code="30").update(population=1000)
    return do_import_official_table(planner, text=SMALL_TABLE, label="small.csv")
