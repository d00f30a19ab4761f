"""The demo screens the demo case registry once, so the staff page has newly eligible clients to show."""

from __future__ import annotations

import io

import pytest

from ondol.accounts.models import User
from ondol.core import demo as core_demo
from ondol.eligibility.models import RegistryScreeningResult
from ondol.eligibility.registry import newly_eligible_for


@pytest.mark.slow
def test_the_demo_screens_the_registry_once_and_lists_newly_eligible_clients(daejeon_regions) -> None:
    from ondol.cases.demo import load_demo as load_cases
    from ondol.eligibility.demo import load_demo as load_eligibility

    core_demo.load_staff(core_demo.load_agencies())
    load_cases(seed=2019, stdout=io.StringIO())
    out = io.StringIO()
    load_eligibility(seed=2019, stdout=out)
    results = RegistryScreeningResult.objects.count()
    listed = newly_eligible_for(User.objects.get(username="counsellor"))

    load_eligibility(seed=2019, stdout=io.StringIO())

    assert results > 0 and "clients screened" in out.getvalue()
    assert any(agency.clients for agency in listed)
    assert RegistryScreeningResult.objects.count() == results
    assert RegistryScreeningResult.objects.filter(newly_eligible=True).exists()
