"""Fixtures of the guide's tests: the real content files and real regions, loaded once per test module.

Loading the 600-odd articles takes a few seconds, so modules share one load, committed outside the
tests' transactions and removed when the module ends; each test still runs in its own transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

# Daejeon (the demo city), Seoul and Busan: enough for names that exist in several cities (중앙동).
TEST_SIDO_CODES = {"30", "11", "26"}


@pytest.fixture(scope="module")
def guide_loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    from ondol.guide.models import GuideArticle, GuideTopic
    from ondol.guide.search import reset_engine
    from ondol.guide.services import do_load_guide

    with django_db_blocker.unblock():
        report = do_load_guide(None)
    reset_engine()
    yield report
    with django_db_blocker.unblock():
        GuideArticle.objects.all().delete()
        GuideTopic.objects.all().delete()
    reset_engine()


@pytest.fixture
def guide(db: Any, guide_loaded: Any) -> Any:
    """The real guide content, for a test that runs in a transaction."""
    return guide_loaded


@pytest.fixture(scope="module")
def regions_loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    from ondol.core.demo import load_agencies
    from ondol.core.models import Agency, Region
    from ondol.core.services import load_regions

    with django_db_blocker.unblock():
        load_regions(sido_codes=TEST_SIDO_CODES)
        load_agencies()
    yield
    with django_db_blocker.unblock():
        Agency.objects.all().delete()
        for level in ("dong", "sigungu", "sido"):
            Region.objects.filter(level=level).delete()


@pytest.fixture
def regions(db: Any, regions_loaded: None) -> None:
    """Daejeon, Seoul and Busan dongs, with Daejeon's community centres."""
