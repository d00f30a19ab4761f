"""Eligibility screenings kept with a client's record ("save to my case" from the eligibility wizard)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Screening(models.Model):
    """One eligibility screening of a client's household: the facts given and the answer of the rules."""

    client = models.ForeignKey("cases.Client", on_delete=models.CASCADE, related_name="screenings")
    as_of = models.DateField(_("screened as of"))
    rules_version = models.CharField(_("rules version"), max_length=80)
    household = models.JSONField(_("facts given"))
    eligible_programs = models.JSONField(_("programs the household may receive"), default=list)
    check_programs = models.JSONField(_("programs to check with the office"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("eligibility screening")
        verbose_name_plural = _("eligibility screenings")

    def __str__(self) -> str:
        return f"{self.client_id} {self.as_of} {self.rules_version}"
