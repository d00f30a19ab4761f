"""The demo data: a published round for several Daejeon dongs, visits in progress, safe to load twice."""

from __future__ import annotations

import io

import pytest

from ondol.core.demo import load_staff
from ondol.discovery.models import DiscoveryRound
from ondol.fieldwork.demo import DEMO_DONGS, load_demo
from ondol.fieldwork.models import ContactAttempt, ItemStatus, NeighbourReport, WorkItem

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_a_round_with_visits_in_progress_and_can_be_loaded_twice(centres):
    load_staff(centres)
    load_demo(seed=1, stdout=io.StringIO())
    counts = (WorkItem.objects.count(), ContactAttempt.objects.count(), NeighbourReport.objects.count())
    load_demo(seed=1, stdout=io.StringIO())
    assert (WorkItem.objects.count(), ContactAttempt.objects.count(), NeighbourReport.objects.count()) == counts
    assert DiscoveryRound.objects.count() == 1
    dongs = set(WorkItem.objects.filter(source="discovery").values_list("dong__code", flat=True))
    assert dongs == set(DEMO_DONGS)
    oncheon = WorkItem.objects.filter(dong__code=DEMO_DONGS[0])
    assert oncheon.filter(status=ItemStatus.IN_PROGRESS).exists() and oncheon.filter(status=ItemStatus.CLOSED).exists()
    assert oncheon.filter(assigned_to__username="dong.official").exists()
