"""Donation receipts: numbered in sequence without gaps or duplicates, reissued but never renumbered."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from ondol.community.models import Donation, Receipt, ReceiptIssue
from ondol.community.services import donations
from ondol.community.tests.factories import CampaignFactory, SubCampaignFactory
from ondol.core.errors import Conflict


def _money(campaign: Any, amount: int = 50_000, **fields: Any) -> Donation:
    return donations.do_record_donation(None, campaign=campaign, kind="money", method="counter", amount=amount, **fields)


@pytest.mark.django_db
def test_receipts_of_one_agency_are_numbered_one_after_another_per_year() -> None:
    campaign = CampaignFactory()
    numbers = [donations.do_issue_receipt(None, donation=_money(campaign)).number for _ in range(3)]

    year = numbers[0][:4]
    assert numbers == [f"{year}-000001", f"{year}-000002", f"{year}-000003"]


@pytest.mark.django_db
def test_a_donation_gets_only_one_receipt_and_a_refused_second_one_leaves_no_gap() -> None:
    campaign = CampaignFactory()
    first = _money(campaign)
    donations.do_issue_receipt(None, donation=first)

    with pytest.raises(Conflict):
        donations.do_issue_receipt(None, donation=first)
    following = donations.do_issue_receipt(None, donation=_money(campaign))

    assert following.sequence == 2


@pytest.mark.django_db
def test_a_reissued_receipt_keeps_its_number_and_content(counsellor: Any) -> None:
    receipt = donations.do_issue_receipt(None, donation=_money(CampaignFactory()))

    donations.do_reissue_receipt(counsellor, receipt=receipt, reason="lost")

    again = Receipt.objects.get(pk=receipt.pk)
    assert (again.number, again.content) == (receipt.number, receipt.content)
    assert ReceiptIssue.objects.filter(receipt=receipt).count() == 2


@pytest.mark.django_db
def test_an_issued_receipt_cannot_be_edited_or_deleted() -> None:
    receipt = donations.do_issue_receipt(None, donation=_money(CampaignFactory()))

    receipt.number = "2026-999999"
    with pytest.raises(PermissionError):
        receipt.save()
    with pytest.raises(PermissionError):
        receipt.delete()


@pytest.mark.django_db
def test_a_wrong_donation_is_corrected_by_a_reversing_entry_and_its_receipt_stays(counsellor: Any) -> None:
    campaign = CampaignFactory()
    donation = _money(campaign, amount=30_000)
    receipt = donations.do_issue_receipt(None, donation=donation)

    reversal = donations.do_reverse_donation(counsellor, donation=donation, reason="typed 30,000 instead of 3,000")

    assert reversal.amount == -30_000 and reversal.reverses == donation
    assert Receipt.objects.get(pk=receipt.pk).number == receipt.number
    assert donations.campaign_progress(campaign)["raised"] == 0
    with pytest.raises(Conflict):
        donations.do_reverse_donation(counsellor, donation=donation, reason="again")


@pytest.mark.django_db
def test_a_donor_gives_online_on_a_centre_page_and_gets_a_numbered_receipt() -> None:
    sub = SubCampaignFactory()

    receipt = donations.do_give_online(subcampaign=sub, amount=20_000, provider_code="sandbox", name="김나눔",
                                       email="give@example.org", anonymous=True)

    assert receipt.number.endswith("-000001")
    assert receipt.content["amount"] == 20_000 and receipt.content["centre"] == sub.agency.name
    assert receipt.donation.subcampaign == sub and receipt.donation.is_anonymous


@pytest.mark.django_db
def test_a_campaign_that_has_ended_takes_no_more_online_gifts() -> None:
    import datetime as dt

    from django.utils import timezone

    ended = CampaignFactory(starts_on=timezone.localdate() - dt.timedelta(days=100),
                            ends_on=timezone.localdate() - dt.timedelta(days=1))
    sub = SubCampaignFactory(campaign=ended)

    with pytest.raises(Conflict):
        donations.do_give_online(subcampaign=sub, amount=10_000, provider_code="sandbox")
    assert not Donation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_receipts_issued_at_the_same_time_get_distinct_numbers_with_no_gaps() -> None:
    campaign = CampaignFactory()
    gifts = [_money(campaign) for _ in range(6)]
    barrier = threading.Barrier(len(gifts))
    errors: list[Exception] = []

    def issue(donation: Donation) -> None:
        try:
            barrier.wait()
            donations.do_issue_receipt(None, donation=donation)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(gift,)) for gift in gifts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(Receipt.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4, 5, 6]
