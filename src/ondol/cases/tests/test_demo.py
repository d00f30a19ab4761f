"""The demo data loads quickly, twice without duplicating anything, and gives every page something to show."""

from __future__ import annotations

import io

import pytest

from ondol.cases.models import Case, Client, Referral
from ondol.complaints.models import Complaint
from ondol.core import demo as core_demo


@pytest.mark.slow
def test_the_demo_loads_clients_cases_referrals_and_complaints_once(daejeon_regions) -> None:
    from ondol.cases.demo import load_demo as load_cases
    from ondol.complaints.demo import load_demo as load_complaints

    core_demo.load_staff(core_demo.load_agencies())
    for _ in range(2):
        load_cases(seed=2019, stdout=io.StringIO())
        load_complaints(seed=2019, stdout=io.StringIO())
    assert Client.objects.count() == 2000
    assert Case.objects.count() == 320
    assert Referral.objects.filter(to_agency__name="대전광역시 가족센터(다문화가족지원센터)").exists()
    assert set(Complaint.objects.values_list("language", flat=True)) >= {"vi", "zh-hans", "uz", "th", "ko"}
    assert Complaint.objects.exclude(status="new").exists()
