"""Tables of the eligibility domain: the last registry screening per client and program."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScreeningStatus(models.TextChoices):
    ELIGIBLE = "eligible", _("Likely eligible")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    NEEDS_INFORMATION = "needs_information", _("We need more information")
    CHECK_WITH_OFFICE = "check_with_office", _("Ask your community centre")


class RegistryScreeningResult(models.Model):
    """The rules' last answer for one registry client and one benefit: what "newly eligible" compares with."""

    client = models.ForeignKey("cases.Client", on_delete=models.CASCADE, related_name="+", verbose_name=_("client"))
    program = models.CharField(_("program"), max_length=60)
    status = models.CharField(_("status"), max_length=20, choices=ScreeningStatus.choices)
    screened_on = models.DateField(_("screened as of"))
    rules_version = models.CharField(_("rules version"), max_length=80)
    # The screening date of the run that first found the client eligible; kept while they stay eligible.
    eligible_since = models.DateField(_("eligible since"), null=True, blank=True)
    # Eligible at the last run and not (or not screened) at the run before it.
    newly_eligible = models.BooleanField(_("newly eligible"), default=False)
    screened_at = models.DateTimeField(_("screened at"), default=timezone.now)

    objects: ClassVar[models.Manager[RegistryScreeningResult]]

    class Meta:
        ordering = ["client_id", "program"]
        verbose_name = _("registry screening result")
        verbose_name_plural = _("registry screening results")
        constraints = [
            models.UniqueConstraint(fields=["client", "program"], name="registry_result_one_per_client_program"),
        ]
        indexes = [models.Index(fields=["newly_eligible", "client"])]

    def __str__(self) -> str:
        return f"{self.client_id} {self.program} {self.status}"
