"""Published discovery rounds: the households each dong is asked to visit.

The batch pipeline (`ondol discover run ... --publish`) writes these; the field-work app reads
them to build worklists and records visits against them. Scores and reasons are copied from the
run, so a worklist still explains itself after the run's files are gone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DiscoveryRound(models.Model):
    """One round of discovery, named by its month (`name` is `YYYY-MM`, e.g. "2025-05")."""

    name = models.CharField(_("round"), max_length=7, unique=True, help_text=_("Year and month, e.g. 2025-05."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices,
                              default=RoundStatus.PUBLISHED)
    engine = models.CharField(_("engine"), max_length=10, blank=True)
    summary = models.JSONField(_("run summary"), default=dict, blank=True)

    class Meta:
        ordering = ["-name"]
        verbose_name = _("discovery round")
        verbose_name_plural = _("discovery rounds")

    def __str__(self) -> str:
        return self.name


class DiscoveryItem(models.Model):
    """A household selected for a visit in one round, with its score and reasons."""

    round = models.ForeignKey(DiscoveryRound, on_delete=models.CASCADE, related_name="items",
                              verbose_name=_("round"))
    household_id = models.CharField(_("household id"), max_length=64)
    # The dong as a region when the regions are loaded; the code itself is always kept.
    dong = models.ForeignKey("core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("dong"))
    dong_code = models.CharField(_("dong code"), max_length=10, db_index=True)
    score = models.FloatField(_("score"))
    rank_in_dong = models.PositiveIntegerField(_("rank in dong"))
    # A list of {"indicator", "points", "observed_on", "months", "amount_krw"}; ondol.discovery.reasons
    # puts them into words in the reader's language.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    registered_address = models.CharField(_("registered address"), max_length=300, blank=True)
    actual_address = models.CharField(_("actual address"), max_length=300, blank=True)
    head_nationality = models.CharField(_("nationality of the head of household"), max_length=2)
    language = models.CharField(_("likely language"), max_length=10, blank=True)
    single_person = models.BooleanField(_("single-person household"), default=False)
    members = models.PositiveSmallIntegerField(_("members"), default=1)

    class Meta:
        ordering = ["round", "dong_code", "rank_in_dong"]
        verbose_name = _("discovery item")
        verbose_name_plural = _("discovery items")
        constraints = [
            models.UniqueConstraint(fields=["round", "household_id"], name="discovery_item_unique_household"),
        ]
        indexes = [models.Index(fields=["round", "dong_code", "rank_in_dong"])]

    def __str__(self) -> str:
        return f"{self.round} {self.dong_code} #{self.rank_in_dong}"
