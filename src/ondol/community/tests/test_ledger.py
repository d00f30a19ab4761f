"""The allocation ledger always balances: received = allocated + held, for money and every kind of goods."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ondol.community.models import Allocation, AllocationStatus, Donation
from ondol.community.models.donations import MONEY
from ondol.community.services import donations
from ondol.community.tests.factories import CampaignFactory
from ondol.core.errors import Conflict, PermissionDenied
from ondol.core.tests.factories import make_staff

COMMODITIES = [MONEY, "kimchi kit", "rice 10 kg"]

operation = st.one_of(
    st.tuples(st.just("give"), st.sampled_from(COMMODITIES), st.integers(1, 500)),
    st.tuples(st.just("reverse_gift"), st.integers(0, 30)),
    st.tuples(st.just("propose"), st.sampled_from(COMMODITIES), st.integers(1, 500)),
    st.tuples(st.just("decide"), st.integers(0, 30), st.booleans()),
    st.tuples(st.just("reverse_allocation"), st.integers(0, 30)),
)


def _give(campaign: Any, commodity: str, quantity: int) -> Donation:
    if commodity == MONEY:
        return donations.do_record_donation(None, campaign=campaign, kind="money", method="counter", amount=quantity)
    return donations.do_record_donation(None, campaign=campaign, kind="goods", method="in_kind", item=commodity,
                                        quantity=quantity, unit="pcs")


def _apply(step: tuple[Any, ...], campaign: Any, counsellor: Any, manager: Any) -> None:
    kind = step[0]
    gifts = list(Donation.objects.filter(campaign=campaign, reverses=None).order_by("id"))
    allocations = list(Allocation.objects.filter(campaign=campaign).order_by("id"))
    try:
        if kind == "give":
            _give(campaign, step[1], step[2])
        elif kind == "reverse_gift" and gifts:
            donations.do_reverse_donation(counsellor, donation=gifts[step[1] % len(gifts)], reason="correction")
        elif kind == "propose":
            donations.do_propose_allocation(counsellor, campaign=campaign, commodity=step[1], quantity=step[2],
                                            recipient_kind="household", client_ref="CL-1")
        elif kind == "decide" and allocations:
            donations.do_decide_allocation(manager, allocation=allocations[step[1] % len(allocations)], approve=step[2])
        elif kind == "reverse_allocation" and allocations:
            donations.do_reverse_allocation(manager, allocation=allocations[step[1] % len(allocations)], reason="x")
    except (Conflict, PermissionDenied):
        pass  # refused operations must leave the ledger as it was, which the invariant checks


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(operation, max_size=20))
def test_the_ledger_balances_and_never_holds_less_than_nothing_after_any_sequence(steps: list[Any]) -> None:
    agency_campaign = CampaignFactory()
    counsellor = make_staff(role="counsellor", agency=agency_campaign.agency)
    manager = make_staff(role="centre_manager", agency=agency_campaign.agency)

    for step in steps:
        _apply(step, agency_campaign, counsellor, manager)

        for commodity, accounts in donations.balances(agency_campaign).items():
            assert accounts["received"] == accounts["allocated"] + accounts["held"]
            assert accounts["held"] >= 0
            # Cross-check against the source tables, which the ledger is posted from separately.
            gifts = Donation.objects.filter(campaign=agency_campaign)
            received = (gifts.filter(kind="money").aggregate(s=Sum("amount"))["s"] if commodity == MONEY
                        else gifts.filter(item=commodity).aggregate(s=Sum("quantity"))["s"]) or 0
            approved = Allocation.objects.filter(campaign=agency_campaign, commodity=commodity,
                                                 status=AllocationStatus.APPROVED).aggregate(s=Sum("quantity"))["s"] or 0
            assert accounts["received"] == received
            assert accounts["allocated"] == approved


@pytest.mark.django_db
def test_an_allocation_needs_a_manager_other_than_the_person_who_proposed_it(counsellor: Any) -> None:
    campaign = CampaignFactory()
    manager = make_staff(role="centre_manager", agency=campaign.agency)
    _give(campaign, MONEY, 100_000)
    mine = donations.do_propose_allocation(manager, campaign=campaign, quantity=50_000, recipient_kind="household",
                                           client_ref="CL-7")

    with pytest.raises(PermissionDenied):
        donations.do_decide_allocation(manager, allocation=mine, approve=True)
    with pytest.raises(PermissionDenied):
        donations.do_decide_allocation(counsellor, allocation=mine, approve=True)


@pytest.mark.django_db
def test_more_than_the_campaign_holds_cannot_be_allocated() -> None:
    campaign = CampaignFactory()
    counsellor = make_staff(role="counsellor", agency=campaign.agency)
    manager = make_staff(role="centre_manager", agency=campaign.agency)
    _give(campaign, MONEY, 10_000)
    allocation = donations.do_propose_allocation(counsellor, campaign=campaign, quantity=20_000,
                                                 recipient_kind="program")

    with pytest.raises(Conflict):
        donations.do_decide_allocation(manager, allocation=allocation, approve=True)
    assert donations.balances(campaign)[MONEY] == {"received": 10_000, "held": 10_000, "allocated": 0}


@pytest.mark.django_db
def test_donors_reaching_the_threshold_are_listed_for_a_plaque() -> None:
    campaign = CampaignFactory(plaque_threshold=1_000_000)
    generous = donations.find_or_create_donor(name="대전상회", phone="0425550000")
    modest = donations.find_or_create_donor(name="이웃", phone="0425550001")
    for amount in (600_000, 500_000):
        donations.do_record_donation(None, campaign=campaign, kind="money", method="counter", amount=amount,
                                     donor=generous)
    donations.do_record_donation(None, campaign=campaign, kind="money", method="counter", amount=300_000, donor=modest)

    assert [row["name"] for row in donations.plaque_donors(campaign)] == ["대전상회"]
