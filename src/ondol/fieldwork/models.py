"""Tables of the field-work domain: worklist items, contact attempts, neighbour reports and surveys.

A worklist item copies what the dong official needs from the discovery round (reasons as data, the
addresses, nationality, language) so that a later re-run of the pipeline never changes a list that is
being worked; `discovery_item_id` keeps the link back without tying our migrations to theirs.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    DISCOVERY = "discovery", _("Discovery round")
    NEIGHBOUR_REPORT = "neighbour_report", _("Neighbour report")
    SURVEY = "survey", _("Survey")
    HANDOFF = "handoff", _("Hand-off from another dong")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    """The fixed list the discovery pipeline learns from; keep the codes in step with its `outcomes` table."""

    PUBLIC_SUPPORT = "public_support", _("Linked to public support")
    PRIVATE_SUPPORT = "private_support", _("Linked to private support")
    CASE_MANAGEMENT = "case_management", _("Case management opened")
    NO_NEED = "no_need", _("No need found")
    UNREACHABLE = "unreachable", _("Could not be reached")
    MOVED = "moved", _("Moved away")


class Channel(models.TextChoices):
    SMS = "sms", _("Text message")
    CALL = "call", _("Phone call")
    VISIT = "visit", _("Home visit")


class ContactResult(models.TextChoices):
    REACHED = "reached", _("Reached the person")
    NO_ANSWER = "no_answer", _("No answer")
    WRONG_NUMBER = "wrong_number", _("Wrong or disconnected number")
    NOT_HOME = "not_home", _("Nobody at home")
    NOT_LIVING_THERE = "not_living_there", _("Does not live there any more")
    REFUSED = "refused", _("Refused to talk")


REACHED_RESULTS = (ContactResult.REACHED, ContactResult.REFUSED)


class WorkItem(models.Model):
    """One household on one dong's worklist in one round."""

    round = models.CharField(_("round"), max_length=7, db_index=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # Null dong: the address could not be placed; the district's triage queue holds the item.
    dong = models.ForeignKey("core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("dong"))
    district = models.ForeignKey("core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("district"))
    household_id = models.CharField(_("household id"), max_length=64, blank=True, db_index=True)
    discovery_item_id = models.IntegerField(null=True, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    rank_in_dong = models.PositiveIntegerField(_("rank in dong"), null=True, blank=True)
    # Discovery reasons as data ({"indicator", "observed_on", "months", "amount_krw"}) or {"text": ...}.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    head_name = models.CharField(_("name of the head of household"), max_length=120, blank=True)
    head_birth_year = models.PositiveIntegerField(_("birth year"), null=True, blank=True)
    # Known only when staff write it down (reports, door-to-door surveys): with the name, it lets the next
    # discovery round link this household's field-work records by name when it has no feed household id.
    head_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    registered_address = models.CharField(_("registered address"), max_length=200, blank=True)
    actual_address = models.CharField(_("actual address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    members = models.PositiveSmallIntegerField(_("household members"), null=True, blank=True)
    single_person = models.BooleanField(_("lives alone"), default=False)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("assigned to"))
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    need_confirmed = models.BooleanField(_("need confirmed"), null=True, blank=True)
    programs = models.JSONField(_("public programs"), default=list, blank=True)
    resources = models.JSONField(_("private resources"), default=list, blank=True)
    new_address = models.CharField(_("new address"), max_length=200, blank=True)
    outcome_note = models.TextField(_("consultation notes"), blank=True)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    handoff_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="handoffs", verbose_name=_("handed off from"))
    report = models.ForeignKey("NeighbourReport", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="items")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["round", "dong_id", "rank_in_dong", "id"]
        indexes = [models.Index(fields=["round", "dong"]), models.Index(fields=["dong", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["round", "source", "household_id", "dong"],
                                    condition=~models.Q(household_id=""), name="fieldwork_item_once_per_round"),
        ]
        verbose_name = _("worklist item")
        verbose_name_plural = _("worklist items")

    def __str__(self) -> str:
        return f"{self.round} {self.household_id or self.pk}"

    @property
    def address_differs(self) -> bool:
        return bool(self.actual_address) and self.actual_address != self.registered_address


class ContactAttempt(models.Model):
    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="attempts")
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    attempted_on = models.DateField(_("date"))
    result = models.CharField(_("result"), max_length=20, choices=ContactResult.choices)
    note = models.TextField(_("notes of the conversation"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attempted_on", "id"]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")

    def __str__(self) -> str:
        return f"{self.attempted_on} {self.channel} {self.result}"

    @property
    def reached(self) -> bool:
        return self.result in REACHED_RESULTS


class ReportChannel(models.TextChoices):
    WEB = "web", _("Public web form")
    HOTLINE = "hotline", _("Hotline call")
    MESSENGER = "messenger", _("Messenger channel")
    IN_PERSON = "in_person", _("In person at the centre")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ROUTED = "routed", _("Passed to the community centre")
    TRIAGE = "triage", _("Waiting for the district to find the right centre")
    CLOSED = "closed", _("Looked into")


class Concern(models.TextChoices):
    UTILITIES = "utilities", _("Electricity, gas or water seem cut off")
    NOT_SEEN = "not_seen", _("Has not been seen for a while")
    NO_FOOD = "no_food", _("Seems not to have enough food")
    ILLNESS = "illness", _("Seems ill or unable to look after themselves")
    DEBTS = "debts", _("Mail or notices are piling up")
    HOUSING = "housing", _("Is about to lose their home")
    OTHER = "other", _("Something else")


class NeighbourReport(models.Model):
    """A report about a household that may need help; the reporter may stay anonymous."""

    tracking_number = models.CharField(_("tracking number"), max_length=16, unique=True)
    channel = models.CharField(_("channel"), max_length=12, choices=ReportChannel.choices)
    language = models.CharField(_("language"), max_length=10)
    address = models.CharField(_("address"), max_length=200)
    concerns = models.JSONField(_("concerns"), default=list, blank=True)
    description = models.TextField(_("what the reporter saw"))
    reporter_name = models.CharField(_("reporter's name"), max_length=120, blank=True)
    reporter_contact = models.CharField(_("reporter's contact"), max_length=120, blank=True)
    dong = models.ForeignKey("core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices,
                              default=ReportStatus.RECEIVED)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("neighbour report")
        verbose_name_plural = _("neighbour reports")

    def __str__(self) -> str:
        return self.tracking_number


class SurveyForm(models.Model):
    """A survey imported from an XLSForm; `definition` is pyxform's JSON, `risk_rules` our own sheet."""

    form_id = models.CharField(_("form id"), max_length=80)
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    languages = models.JSONField(_("languages"), default=list)
    default_language = models.CharField(_("default language"), max_length=10, default="ko")
    definition = models.JSONField(_("definition"))
    risk_rules = models.JSONField(_("risk rules"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["form_id", "-version"]
        constraints = [models.UniqueConstraint(fields=["form_id", "version"], name="fieldwork_survey_version")]
        verbose_name = _("survey form")
        verbose_name_plural = _("survey forms")

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class SurveyResponse(models.Model):
    form = models.ForeignKey(SurveyForm, on_delete=models.PROTECT, related_name="responses")
    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="surveys")
    answers = models.JSONField(_("answers"), default=dict)
    language = models.CharField(_("language"), max_length=10)
    # The risk rules the answers matched: [{"rule": i, "question": name, "reason": {lang: text}}].
    risks = models.JSONField(_("risks found"), default=list, blank=True)
    filled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.form} #{self.pk}"

    def answer(self, name: str) -> Any:
        return self.answers.get(name)
