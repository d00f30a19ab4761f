"""Donation campaigns: campaigns and per-centre sub-campaigns, donations, receipts, pledges, allocations.

Money is in whole won. Donations, receipts and ledger entries are insert-only; a correction is a
new donation that reverses an old one, so what was once reported can always be traced.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ondol.community.models.base import InsertOnlyModel, Row, TranslatedTitleMixin, new_token

MONEY = "KRW"  # the commodity code of money in the ledger; goods use their item name


class Campaign(TranslatedTitleMixin):
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="community_campaigns")
    slug = models.SlugField(unique=True)
    target_amount = models.PositiveBigIntegerField(_("target (won)"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    # 기부금품 모집등록 number, required by law above the registration threshold.
    registration_ref = models.CharField(_("legal registration reference"), max_length=80, blank=True)
    plaque_threshold = models.PositiveBigIntegerField(_("plaque for donors giving at least (won)"), default=1_000_000)
    is_public = models.BooleanField(default=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("donation campaign")


class SubCampaign(models.Model):
    """A community centre's part of a campaign, with its own counter and QR page."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="subcampaigns")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="community_subcampaigns")
    code = models.CharField(max_length=32, unique=True, default=new_token)
    target_amount = models.PositiveBigIntegerField(_("target (won)"), default=0)
    bank_account = models.CharField(_("bank account for transfers"), max_length=120, blank=True)

    class Meta:
        ordering = ["agency__name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "agency"], name="subcampaign_one_per_centre")]

    def __str__(self) -> str:
        return f"{self.campaign.title} · {self.agency.name}"


class Donor(models.Model):
    """Known to staff; shown publicly only as an aggregate or, if they agree, by name on a plaque."""

    name = models.CharField(_("name"), max_length=120)
    is_organisation = models.BooleanField(default=False)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    public_name_allowed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class DonationKind(models.TextChoices):
    MONEY = "money", _("Money")
    GOODS = "goods", _("Goods")


class DonationMethod(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    ONLINE = "online", _("Online payment")
    STAFF = "staff", _("Recorded by staff")
    IN_KIND = "in_kind", _("Goods handed in")


class Donation(InsertOnlyModel):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="donations")
    subcampaign = models.ForeignKey(SubCampaign, null=True, blank=True, on_delete=models.PROTECT, related_name="donations")
    donor = models.ForeignKey(Donor, null=True, blank=True, on_delete=models.PROTECT, related_name="donations")
    kind = models.CharField(max_length=6, choices=DonationKind.choices)
    method = models.CharField(max_length=16, choices=DonationMethod.choices)
    # Signed: a reversal carries the negative of what it reverses.
    amount = models.BigIntegerField(_("amount (won)"), default=0)
    item = models.CharField(_("item"), max_length=120, blank=True)
    quantity = models.BigIntegerField(_("quantity"), default=0)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    expires_on = models.DateField(_("best before"), null=True, blank=True)
    estimated_value = models.BigIntegerField(_("estimated value (won)"), default=0)
    is_anonymous = models.BooleanField(_("anonymous in public"), default=True)
    provider = models.CharField(max_length=30, blank=True)
    provider_ref = models.CharField(max_length=120, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.CharField(max_length=300, blank=True)
    received_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(reverses__isnull=True, amount__gte=0, quantity__gte=0)
                           | Q(reverses__isnull=False, amount__lte=0, quantity__lte=0)),
                name="donation_sign_matches_reversal",
            ),
            models.CheckConstraint(
                condition=Q(kind="money", quantity=0) | Q(kind="goods", amount=0), name="donation_kind_fields"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.amount or self.quantity}"

    @property
    def commodity(self) -> str:
        return MONEY if self.kind == DonationKind.MONEY else self.item

    @property
    def ledger_quantity(self) -> int:
        return self.amount if self.kind == DonationKind.MONEY else self.quantity


class Pledge(Row):
    """A promise to give; fulfilled by a later donation."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="pledges")
    subcampaign = models.ForeignKey(SubCampaign, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges")
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="pledges")
    amount = models.PositiveBigIntegerField(_("amount (won)"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    fulfilled_by = models.OneToOneField(Donation, null=True, blank=True, on_delete=models.PROTECT, related_name="pledge")
    created_at = models.DateTimeField(auto_now_add=True)


class ReceiptCounter(Row):
    """The last receipt number used by one issuing agency in one year; incremented under a row lock."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="receipt_counter_per_agency_year")]


class Receipt(InsertOnlyModel):
    """A donation receipt. Its number and content never change; reissues only add a ReceiptIssue."""

    donation = models.OneToOneField(Donation, on_delete=models.PROTECT, related_name="receipt")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(max_length=30)
    token = models.CharField(max_length=32, unique=True, default=new_token)
    # What the receipt says, frozen when issued, so a reissue reproduces it exactly.
    content = models.JSONField()
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "sequence"], name="receipt_sequence_unique"),
            models.UniqueConstraint(fields=["agency", "number"], name="receipt_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number


class ReceiptIssue(InsertOnlyModel):
    receipt = models.ForeignKey(Receipt, on_delete=models.PROTECT, related_name="issues")
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200, blank=True)


class RecipientKind(models.TextChoices):
    HOUSEHOLD = "household", _("Household")
    PROGRAM = "program", _("Program")
    OTHER = "other", _("Other purpose")


class AllocationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    REVERSED = "reversed", _("Reversed")


class Allocation(Row):
    """Money or goods given to a household (a client reference in the cases module) or a program."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="allocations")
    commodity = models.CharField(max_length=120, default=MONEY)
    quantity = models.PositiveBigIntegerField(_("amount or quantity"))
    recipient_kind = models.CharField(max_length=10, choices=RecipientKind.choices)
    client_ref = models.CharField(_("client reference"), max_length=64, blank=True)
    program = models.ForeignKey("community.Program", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=AllocationStatus.choices, default=AllocationStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class LedgerAccount(models.TextChoices):
    RECEIVED = "received", _("Received")
    HELD = "held", _("Held")
    ALLOCATED = "allocated", _("Allocated")


class LedgerEntry(InsertOnlyModel):
    """One line of the allocation ledger; every posting writes lines that keep received = allocated + held."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="ledger")
    account = models.CharField(max_length=10, choices=LedgerAccount.choices)
    commodity = models.CharField(max_length=120)
    quantity = models.BigIntegerField()
    donation = models.ForeignKey(Donation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    allocation = models.ForeignKey(Allocation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["campaign", "commodity", "account"])]
