"""Best-practice competitions: phases, entries, citizen votes, judges' rubric scores, awards.

Votes are counted on the entry; who voted is kept only as a keyed hash of their verified
contact per competition (to refuse a second vote), never linked to the entry they chose.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ondol.community.models.base import Row, TranslatedTitleMixin


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Not open yet")
    SUBMISSION = "submission", _("Taking entries")
    VOTING = "voting", _("Public vote")
    SCREENING = "screening", _("Expert screening")
    RESULTS = "results", _("Results")


class Competition(TranslatedTitleMixin):
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="community_competitions")
    slug = models.SlugField(unique=True)
    submission_opens = models.DateTimeField(_("entries open"))
    submission_closes = models.DateTimeField(_("entries close"))
    voting_opens = models.DateTimeField(_("public vote opens"))
    voting_closes = models.DateTimeField(_("public vote closes"))
    screening_closes = models.DateTimeField(_("screening ends"))
    results_published_at = models.DateTimeField(null=True, blank=True)
    vote_weight = models.PositiveSmallIntegerField(_("weight of the public vote (%)"), default=30)
    jury_weight = models.PositiveSmallIntegerField(_("weight of the judges (%)"), default=70)

    class Meta:
        ordering = ["-voting_opens"]
        constraints = [
            models.CheckConstraint(condition=Q(vote_weight__lte=100) & Q(jury_weight__lte=100)
                                   & Q(vote_weight=100 - F("jury_weight")), name="competition_weights_sum_to_100"),
            models.CheckConstraint(
                condition=Q(submission_closes__gt=F("submission_opens")) & Q(voting_opens__gte=F("submission_closes"))
                & Q(voting_closes__gt=F("voting_opens")) & Q(screening_closes__gte=F("voting_closes")),
                name="competition_phases_in_order",
            ),
        ]

    def phase_at(self, now: dt.datetime) -> str:
        if self.results_published_at is not None and now >= self.results_published_at:
            return Phase.RESULTS
        if now < self.submission_opens:
            return Phase.UPCOMING
        if now < self.submission_closes:
            return Phase.SUBMISSION
        if self.voting_opens <= now < self.voting_closes:
            return Phase.VOTING
        return Phase.SCREENING


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Entry(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="entries")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    submitter_name = models.CharField(_("submitted by"), max_length=120)
    attachment = models.FileField(_("file"), upload_to="community/entries/%Y/", blank=True)
    status = models.CharField(max_length=10, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED)
    vote_count = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Voter(Row):
    """That someone voted in a competition: a keyed hash of their contact, and nothing about their choice."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="voters")
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["competition", "digest"], name="one_vote_per_person")]


class Criterion(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    max_points = models.PositiveSmallIntegerField(default=10)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Judge(Row):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["competition", "user"], name="judge_once_per_competition")]


class ConflictDeclaration(Row):
    """Each judge declares, per entry, whether they have a conflict of interest before scoring it."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="declarations")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="declarations")
    has_conflict = models.BooleanField()
    note = models.CharField(max_length=300, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["judge", "entry"], name="declaration_once_per_entry")]


class Score(Row):
    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="scores")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    points = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["judge", "entry", "criterion"], name="score_once")]


class Award(Row):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="awards")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="awards")
    title = models.CharField(_("award"), max_length=120)
    rank = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["rank"]
