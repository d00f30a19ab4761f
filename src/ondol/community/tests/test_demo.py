"""The demo data loads, and loading it twice changes nothing."""

from __future__ import annotations

import io

import pytest

from ondol.community import demo
from ondol.community.models import Campaign, Competition, Donation, Program, Receipt, Session
from ondol.community.models.competitions import Phase


@pytest.mark.django_db
def test_the_demo_loads_every_example_once_even_when_run_twice() -> None:
    demo.load_demo(seed=1, stdout=io.StringIO())
    counts = (Program.objects.count(), Session.objects.count(), Donation.objects.count(), Receipt.objects.count())
    demo.load_demo(seed=1, stdout=io.StringIO())

    assert (Program.objects.count(), Session.objects.count(), Donation.objects.count(),
            Receipt.objects.count()) == counts
    assert set(Program.objects.values_list("kind", flat=True)) == {"language_class", "kiip", "event"}
    assert Campaign.objects.get(slug="winter-2026").donations.count() > 0
    from django.utils import timezone

    assert Competition.objects.get(slug="best-practice-2026").phase_at(timezone.now()) == Phase.VOTING
