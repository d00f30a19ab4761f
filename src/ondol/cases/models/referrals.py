"""Referrals between agencies: which sections of a case are shared, and what came of it."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ondol.cases.models.work import Case


class Section(models.TextChoices):
    """Parts of a client's record a referral may share. Codes are whole words and never substrings of
    one another, because `sections` is searched with a plain `LIKE`."""

    IDENTITY = "identity", _("Names, birth date, sex and nationality")
    CONTACT = "contact", _("Phone, email, messenger and language")
    RESIDENCE = "residence", _("Residence status and its expiry")
    ADDRESS = "address", _("Address and dong")
    HOUSEHOLD = "household", _("Household")
    CONSULTATIONS = "consultations", _("Consultation notes")
    PLAN = "plan", _("Plan of services and tasks")
    RISK = "risk", _("Risk level and case summary")


# Never shown to an agency typed as enforcement, whatever the sender chose.
ENFORCEMENT_WITHHELD = frozenset({Section.RESIDENCE, Section.ADDRESS})


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    REVOKED = "revoked", _("Revoked")


# The receiving agency sees the shared sections while a referral is in one of these states.
SHARING_STATUSES = (ReferralStatus.PENDING, ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)


class Outcome(models.TextChoices):
    DELIVERED = "delivered", _("Service delivered")
    NOT_DELIVERED = "not_delivered", _("Service not delivered")


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="referrals_sent",
                                    verbose_name=_("from"))
    to_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="referrals_received",
                                  verbose_name=_("to"))
    status = models.CharField(_("status"), max_length=10, choices=ReferralStatus.choices,
                              default=ReferralStatus.PENDING)
    # Space-delimited `Section` codes with a space at each end, e.g. " identity contact plan ".
    sections_text = models.CharField(max_length=200, default=" ")
    is_transfer = models.BooleanField(_("transfer the case"), default=False,
                                      help_text=_("On acceptance the receiving agency becomes responsible for the case."))
    note = models.TextField(_("reason for the referral"), blank=True)
    consent = models.ForeignKey("cases.Consent", null=True, on_delete=models.SET_NULL, related_name="referrals")
    respond_by = models.DateField(_("answer expected by"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)
    response_note = models.TextField(_("answer"), blank=True)
    complete_by = models.DateField(_("service expected by"), null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[models.Manager[Referral]]

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["to_agency", "status"]), models.Index(fields=["from_agency", "status"])]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(condition=~models.Q(from_agency=models.F("to_agency")),
                                   name="referral_to_another_agency"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.from_agency_id}→{self.to_agency_id} {self.status}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases_staff:referral", args=[self.pk])

    @property
    def sections(self) -> list[str]:
        return self.sections_text.split()

    @sections.setter
    def sections(self, codes: list[str]) -> None:
        ordered = [code for code in Section.values if code in set(codes)]
        self.sections_text = f" {' '.join(ordered)} "
