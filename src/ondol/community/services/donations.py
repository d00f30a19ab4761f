"""Donations, receipts, pledges and the allocation ledger.

Ledger postings (each keeps received = allocated + held, per commodity):
  donation received      received +q, held +q
  donation reversed      received -q, held -q     (only while that much is still held)
  allocation approved    held -q, allocated +q    (only while that much is held)
  allocation reversed    allocated -q, held +q
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.accounts.access import has_role
from ondol.community.models import (
    Allocation,
    AllocationStatus,
    Campaign,
    Donation,
    DonationKind,
    DonationMethod,
    Donor,
    LedgerAccount,
    LedgerEntry,
    Pledge,
    Receipt,
    ReceiptCounter,
    ReceiptIssue,
    RecipientKind,
    SubCampaign,
)
from ondol.community.models.donations import MONEY
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput, PermissionDenied
from ondol.core.limits import retry_when_locked


def _post(campaign: Campaign, commodity: str, *lines: tuple[str, int], donation: Donation | None = None,
          allocation: Allocation | None = None) -> None:
    LedgerEntry.objects.bulk_create([
        LedgerEntry(campaign=campaign, account=account, commodity=commodity, quantity=quantity,
                    donation=donation, allocation=allocation) for account, quantity in lines])


def held(campaign: Campaign, commodity: str) -> int:
    return int(LedgerEntry.objects.filter(campaign=campaign, commodity=commodity, account=LedgerAccount.HELD)
               .aggregate(total=Sum("quantity"))["total"] or 0)


def balances(campaign: Campaign) -> dict[str, dict[str, int]]:
    """{commodity: {"received": q, "allocated": q, "held": q}} from the ledger."""
    result: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LedgerAccount.values, 0))
    rows = LedgerEntry.objects.filter(campaign=campaign).values("commodity", "account").annotate(total=Sum("quantity"))
    for row in rows:
        result[row["commodity"]][row["account"]] = int(row["total"])
    return dict(result)


def _lock_campaign(campaign: Campaign) -> None:
    # A no-op write: it takes the campaign's row lock (PostgreSQL) or the write lock (SQLite), so
    # postings of one campaign run one at a time and balance checks see every earlier posting.
    Campaign.objects.filter(pk=campaign.pk).update(target_amount=F("target_amount"))


@transaction.atomic
def do_record_donation(actor: Any, *, campaign: Campaign, kind: str, method: str, subcampaign: SubCampaign | None = None,
                       donor: Donor | None = None, amount: int = 0, item: str = "", quantity: int = 0, unit: str = "",
                       expires_on: dt.date | None = None, estimated_value: int = 0, is_anonymous: bool = True,
                       provider: str = "", provider_ref: str = "", received_at: dt.datetime | None = None) -> Donation:
    if subcampaign is not None and subcampaign.campaign_id != campaign.pk:
        raise InvalidInput(fields={"subcampaign": _("This centre is not part of the campaign.")})
    if kind == DonationKind.MONEY and amount <= 0:
        raise InvalidInput(fields={"amount": _("Enter an amount of at least 1 won.")})
    if kind == DonationKind.GOODS and (quantity <= 0 or not item.strip()):
        raise InvalidInput(fields={"quantity": _("Enter the item and a quantity of at least 1.")})
    if method not in DonationMethod.values:
        raise InvalidInput(fields={"method": _("Choose one of the allowed values.")})
    donation = Donation.objects.create(
        campaign=campaign, subcampaign=subcampaign, donor=donor, kind=kind, method=method,
        amount=amount if kind == DonationKind.MONEY else 0, item=item.strip() if kind == DonationKind.GOODS else "",
        quantity=quantity if kind == DonationKind.GOODS else 0, unit=unit, expires_on=expires_on,
        estimated_value=estimated_value, is_anonymous=is_anonymous, provider=provider, provider_ref=provider_ref,
        received_at=received_at or timezone.now(), recorded_by=actor if getattr(actor, "is_authenticated", False) else None)
    q = donation.ledger_quantity
    _post(campaign, donation.commodity, (LedgerAccount.RECEIVED, q), (LedgerAccount.HELD, q), donation=donation)
    audit.record_change(actor, donation, action="donation_recorded")
    return donation


@transaction.atomic
def do_reverse_donation(actor: Any, *, donation: Donation, reason: str) -> Donation:
    """Correct a donation by a reversing entry; the original and its receipt stay as they were."""
    if not reason.strip():
        raise InvalidInput(fields={"reason": _("Say why the donation is being reversed.")})
    if donation.reverses_id is not None or Donation.objects.filter(reverses=donation).exists():
        raise Conflict(_("This donation has already been reversed."), code="already_reversed")
    _lock_campaign(donation.campaign)
    q = donation.ledger_quantity
    if held(donation.campaign, donation.commodity) < q:
        raise Conflict(_("Part of this donation has already been allocated; reverse those allocations first."),
                       code="allocated")
    reversal = Donation.objects.create(
        campaign=donation.campaign, subcampaign=donation.subcampaign, donor=donation.donor, kind=donation.kind,
        method=donation.method, amount=-donation.amount, item=donation.item, quantity=-donation.quantity,
        unit=donation.unit, estimated_value=-donation.estimated_value, is_anonymous=donation.is_anonymous,
        reverses=donation, reason=reason.strip(), received_at=timezone.now(), recorded_by=actor)
    _post(donation.campaign, donation.commodity, (LedgerAccount.RECEIVED, -q), (LedgerAccount.HELD, -q),
          donation=reversal)
    audit.record_change(actor, donation, action="donation_reversed", detail=reason)
    return reversal


def _next_receipt_sequence(agency_id: int, year: int) -> int:
    """Increment the agency's counter for the year under its row lock; rolled back with the receipt."""
    for _attempt in range(2):
        if ReceiptCounter.objects.filter(agency_id=agency_id, year=year).update(last=F("last") + 1):
            return int(ReceiptCounter.objects.get(agency_id=agency_id, year=year).last)
        try:
            with transaction.atomic():
                ReceiptCounter.objects.create(agency_id=agency_id, year=year, last=1)
            return 1
        except IntegrityError:
            continue  # someone else created the year's counter first; increment theirs
    raise Conflict()


def _receipt_content(donation: Donation, number: str) -> dict[str, Any]:
    campaign = donation.campaign
    return {
        "number": number,
        "donor_name": donation.donor.name if donation.donor else "",
        "kind": donation.kind,
        "amount": donation.amount,
        "item": donation.item,
        "quantity": donation.quantity,
        "unit": donation.unit,
        "estimated_value": donation.estimated_value,
        "received_on": timezone.localdate(donation.received_at).isoformat(),
        "campaign": campaign.title,
        "organiser": campaign.agency.name,
        "centre": donation.subcampaign.agency.name if donation.subcampaign else "",
        "registration_ref": campaign.registration_ref,
        "method": donation.method,
    }


def do_issue_receipt(actor: Any, *, donation: Donation) -> Receipt:
    """Give a donation its receipt with the issuer's next number: no gaps, no duplicates, never renumbered."""
    if donation.reverses_id is not None or Donation.objects.filter(reverses=donation).exists():
        raise Conflict(_("A reversed donation cannot get a receipt."), code="reversed")
    agency = donation.campaign.agency
    year = timezone.localdate(donation.received_at).year
    content = _receipt_content(donation, "")

    def issue() -> Receipt:
        with transaction.atomic():
            # The counter UPDATE is the transaction's first statement: it takes the lock before any read.
            sequence = _next_receipt_sequence(agency.pk, year)
            number = f"{year}-{sequence:06d}"
            receipt = Receipt.objects.create(donation=donation, agency=agency, year=year, sequence=sequence,
                                             number=number, content={**content, "number": number})
            ReceiptIssue.objects.create(receipt=receipt, issued_by=actor if getattr(actor, "is_authenticated", False)
                                        else None, reason="first issue")
            audit.record_change(actor, receipt, action="receipt_issued", detail=number)
            return receipt

    try:
        receipt = retry_when_locked(issue)
    except IntegrityError as error:
        # The donation already had a receipt; this transaction's number was rolled back, leaving no gap.
        raise Conflict(_("This donation already has a receipt. Reissue it instead."), code="receipt_exists") from error
    return receipt


@transaction.atomic
def do_reissue_receipt(actor: Any, *, receipt: Receipt, reason: str) -> ReceiptIssue:
    issue = ReceiptIssue.objects.create(receipt=receipt, issued_by=actor, reason=reason.strip() or "reissue")
    audit.record_change(actor, receipt, action="receipt_reissued", detail=reason)
    return issue


def find_or_create_donor(*, name: str, email: str = "", phone: str = "", public_name_allowed: bool = False) -> Donor:
    donor = None
    if email:
        donor = Donor.objects.filter(email__iexact=email).first()
    if donor is None and phone:
        donor = Donor.objects.filter(phone=phone).first()
    if donor is None:
        donor = Donor.objects.create(name=name.strip(), email=email, phone=phone, public_name_allowed=public_name_allowed)
    return donor


@transaction.atomic
def do_pledge(actor: Any, *, campaign: Campaign, donor: Donor, amount: int, subcampaign: SubCampaign | None = None,
              due_on: dt.date | None = None) -> Pledge:
    if amount <= 0:
        raise InvalidInput(fields={"amount": _("Enter an amount of at least 1 won.")})
    pledge = Pledge.objects.create(campaign=campaign, subcampaign=subcampaign, donor=donor, amount=amount, due_on=due_on)
    audit.record_change(actor, pledge, action="pledged")
    return pledge


@transaction.atomic
def do_fulfil_pledge(actor: Any, *, pledge: Pledge, method: str) -> Donation:
    if pledge.fulfilled_by_id:
        raise Conflict(_("This pledge has already been paid."), code="pledge_paid")
    donation = do_record_donation(actor, campaign=pledge.campaign, subcampaign=pledge.subcampaign, donor=pledge.donor,
                                  kind=DonationKind.MONEY, method=method, amount=pledge.amount)
    pledge.fulfilled_by = donation
    pledge.save(update_fields=["fulfilled_by"])
    return donation


@transaction.atomic
def do_propose_allocation(actor: Any, *, campaign: Campaign, quantity: int, recipient_kind: str,
                          commodity: str = MONEY, client_ref: str = "", program: Any = None,
                          purpose: str = "") -> Allocation:
    if quantity <= 0:
        raise InvalidInput(fields={"quantity": _("Enter an amount of at least 1.")})
    if recipient_kind == RecipientKind.HOUSEHOLD and not client_ref.strip():
        raise InvalidInput(fields={"client_ref": _("Enter the client reference of the household.")})
    allocation = Allocation.objects.create(
        campaign=campaign, commodity=commodity, quantity=quantity, recipient_kind=recipient_kind,
        client_ref=client_ref.strip(), program=program, purpose=purpose, proposed_by=actor)
    audit.record_change(actor, allocation, action="allocation_proposed")
    return allocation


@transaction.atomic
def do_decide_allocation(actor: Any, *, allocation: Allocation, approve: bool) -> Allocation:
    """A manager other than the proposer approves (if enough is held) or rejects an allocation."""
    if not (has_role(actor, "centre_manager", "admin", agency=allocation.campaign.agency) or actor.is_superuser):
        raise PermissionDenied(_("Only a manager of the organising agency can approve allocations."))
    if allocation.proposed_by_id == actor.pk:
        raise PermissionDenied(_("Someone other than the proposer must approve an allocation."))
    _lock_campaign(allocation.campaign)
    if not Allocation.objects.filter(pk=allocation.pk, status=AllocationStatus.PROPOSED).exists():
        raise Conflict(_("This allocation has already been decided."), code="decided")
    if approve:
        if held(allocation.campaign, allocation.commodity) < allocation.quantity:
            raise Conflict(_("The campaign does not hold enough to allocate this."), code="insufficient_funds")
        _post(allocation.campaign, allocation.commodity, (LedgerAccount.HELD, -allocation.quantity),
              (LedgerAccount.ALLOCATED, allocation.quantity), allocation=allocation)
    allocation.status = AllocationStatus.APPROVED if approve else AllocationStatus.REJECTED
    allocation.decided_by = actor
    allocation.decided_at = timezone.now()
    allocation.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record_change(actor, allocation, action="allocation_approved" if approve else "allocation_rejected")
    return allocation


@transaction.atomic
def do_reverse_allocation(actor: Any, *, allocation: Allocation, reason: str) -> Allocation:
    _lock_campaign(allocation.campaign)
    if not Allocation.objects.filter(pk=allocation.pk, status=AllocationStatus.APPROVED).update(
            status=AllocationStatus.REVERSED):
        raise Conflict(_("Only an approved allocation can be reversed."), code="not_approved")
    _post(allocation.campaign, allocation.commodity, (LedgerAccount.ALLOCATED, -allocation.quantity),
          (LedgerAccount.HELD, allocation.quantity), allocation=allocation)
    allocation.refresh_from_db()
    audit.record_change(actor, allocation, action="allocation_reversed", detail=reason)
    return allocation


def campaign_progress(campaign: Campaign) -> dict[str, Any]:
    """Aggregates only, for the public page: totals, per-centre totals, number of gifts."""
    money = Donation.objects.filter(campaign=campaign, kind=DonationKind.MONEY)
    raised = int(money.aggregate(total=Sum("amount"))["total"] or 0)
    goods_value = int(Donation.objects.filter(campaign=campaign, kind=DonationKind.GOODS)
                      .aggregate(total=Sum("estimated_value"))["total"] or 0)
    gifts = Donation.objects.filter(campaign=campaign, reverses=None).exclude(reversed_by__isnull=False).count()
    centres = (SubCampaign.objects.filter(campaign=campaign).select_related("agency")
               .annotate(raised=Sum("donations__amount", filter=Q(donations__kind=DonationKind.MONEY)),
                         gifts=Count("donations", filter=Q(donations__reverses=None))))
    return {
        "raised": raised, "goods_value": goods_value, "gifts": gifts, "target": campaign.target_amount,
        "ratio": raised / campaign.target_amount if campaign.target_amount else 0.0,
        "centres": [{"subcampaign": sub, "raised": int(sub.raised or 0), "target": sub.target_amount}
                    for sub in centres],
    }


def plaque_donors(campaign: Campaign) -> list[dict[str, Any]]:
    """Donors whose money and goods (after reversals) reach the campaign's plaque threshold."""
    rows = (Donation.objects.filter(campaign=campaign, donor__isnull=False).values("donor_id", "donor__name")
            .annotate(total=Sum("amount") + Sum("estimated_value")).filter(total__gte=campaign.plaque_threshold)
            .order_by("-total"))
    return [{"donor_id": row["donor_id"], "name": row["donor__name"], "total": int(row["total"])} for row in rows]


def do_give_online(*, subcampaign: SubCampaign, amount: int, provider_code: str, name: str = "", email: str = "",
                   phone: str = "", anonymous: bool = True) -> Receipt:
    """A donor gives on a centre's QR page; once the provider confirms, the gift gets its numbered receipt."""
    from ondol.community.payments import online_provider

    campaign = subcampaign.campaign
    if not (campaign.starts_on <= timezone.localdate() <= campaign.ends_on):
        raise Conflict(_("This campaign is not taking gifts now. Thank you for thinking of it."), code="campaign_closed")
    if amount < 1000:
        raise InvalidInput(fields={"amount": _("The smallest online gift is 1,000 won.")})
    provider = online_provider(provider_code)
    result = provider.charge(amount=amount, description=subcampaign.campaign.title)
    if not result.confirmed:
        raise Conflict(_("The payment was not completed. Nothing was charged."), code="payment_failed")
    with transaction.atomic():
        donor = find_or_create_donor(name=name, email=email, phone=phone) if name.strip() else None
        donation = do_record_donation(None, campaign=subcampaign.campaign, subcampaign=subcampaign, donor=donor,
                                      kind=DonationKind.MONEY, method=DonationMethod.ONLINE, amount=amount,
                                      is_anonymous=anonymous, provider=provider.code, provider_ref=result.reference)
        return do_issue_receipt(None, donation=donation)
