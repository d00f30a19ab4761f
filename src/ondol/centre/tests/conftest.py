from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from ondol.centre.notify import ConsoleSmsBackend


@pytest.fixture(autouse=True)
def empty_sms_outbox() -> Any:
    from django.core.cache import cache

    cache.clear()  # the booking rate limit counts in the cache
    ConsoleSmsBackend.outbox.clear()
    yield ConsoleSmsBackend.outbox


@pytest.fixture
def centre(db: Any) -> Any:
    from ondol.core.models import AgencyKind
    from ondol.core.tests.factories import AgencyFactory

    return AgencyFactory(name="대전광역시 외국인주민통합지원센터", kind=AgencyKind.INTEGRATED_SUPPORT_CENTRE,
                         address="대전광역시 동구 중앙로 215",
                         opening_hours=[{"days": [0, 1, 2, 3, 4], "opens": "09:00", "closes": "18:00"},
                                        {"days": [5], "opens": "10:00", "closes": "15:00"}])


# A Monday well in the future, so that "now" never hides a slot by accident.
MONDAY = dt.date(2030, 3, 4)


def at(day: dt.date, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def long_ago() -> dt.datetime:
    return at(dt.date(2020, 1, 1), "09:00")
