"""Fixtures of the field-work tests: Daejeon's dongs and centres, a dong official, worklist items."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache

from ondol.core.models import Agency, Region

ONCHEON1 = "3020053000"
ONCHEON2 = "3020054000"
DUNSAN1 = "3017063000"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Rate limits live in the cache; each test starts with none used.
    cache.clear()


@pytest.fixture
def centres(daejeon_regions: None) -> dict[str, Agency]:
    from ondol.core.demo import load_agencies

    return load_agencies()


@pytest.fixture
def oncheon1(centres: dict[str, Agency]) -> Region:
    return Region.objects.get(code=ONCHEON1)


@pytest.fixture
def dong_official(centres: dict[str, Agency], make_user: Callable[..., Any]) -> Any:
    return make_user(role="counsellor", agency=centres["온천1동 행정복지센터"], username="dong.official")


@pytest.fixture
def make_item(centres: dict[str, Agency]) -> Callable[..., Any]:
    from ondol.fieldwork.tests.factories import WorkItemFactory

    def make(dong_code: str = ONCHEON1, **fields: Any) -> Any:
        dong = Region.objects.get(code=dong_code)
        return WorkItemFactory(dong=dong, district=dong.parent, **fields)

    return make
