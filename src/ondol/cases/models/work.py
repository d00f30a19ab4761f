"""Consultations, cases with their workflow history, plans of services and tasks."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ondol.cases.models.clients import Client


class Channel(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE = "phone", _("Phone")
    MESSENGER = "messenger", _("Messenger")
    OUTREACH = "outreach", _("Outreach")


class InterpreterKind(models.TextChoices):
    NONE = "none", _("No interpreter")
    STAFF = "staff", _("Bilingual staff member")
    VOLUNTEER = "volunteer", _("Volunteer interpreter")
    PHONE = "phone", _("Telephone interpreting service")
    FAMILY = "family", _("Family member or friend")


class Consultation(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consultations")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="consultations")
    counsellor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="consultations")
    occurred_at = models.DateTimeField(_("date and time"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    topic = models.CharField(_("topic"), max_length=40)
    language = models.CharField(_("language used"), max_length=10, choices=settings.LANGUAGES)
    interpreter_kind = models.CharField(_("interpreter"), max_length=10, choices=InterpreterKind.choices,
                                        default=InterpreterKind.NONE)
    interpreter_name = models.CharField(_("interpreter's name"), max_length=120, blank=True)
    # Notes stay in the language they were written in; a translation sits beside them with its origin.
    notes = models.TextField(_("notes"), blank=True)
    notes_language = models.CharField(_("language of the notes"), max_length=10, choices=settings.LANGUAGES)
    translation = models.TextField(_("translation of the notes"), blank=True)
    translation_language = models.CharField(max_length=10, blank=True)
    translated_by = models.CharField(_("translated by"), max_length=120, blank=True,
                                     help_text=_("A staff member's name, or the translation system that produced it."))
    minutes = models.PositiveIntegerField(_("minutes spent"), default=0)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        # Months of consultations, for the whole city or one agency (statistics dashboards, recent lists).
        indexes = [models.Index(fields=["occurred_at"]), models.Index(fields=["agency", "occurred_at"])]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return f"{self.client_id} {self.occurred_at:%Y-%m-%d} {self.topic}"


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSESSMENT = "assessment", _("Assessment")
    PLAN = "plan", _("Planning")
    IN_SERVICE = "in_service", _("In service")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")


class CaseSource(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    COMPLAINT = "complaint", _("Civil complaint")
    DISCOVERY = "discovery", _("Discovery worklist")
    NEIGHBOUR = "neighbour_report", _("Neighbour report")
    REFERRAL = "referral", _("Referral from another agency")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class Case(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="cases")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="cases",
                               verbose_name=_("responsible agency"))
    counsellor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="cases", verbose_name=_("counsellor"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.NEW)
    source = models.CharField(_("opened from"), max_length=20, choices=CaseSource.choices)
    source_reference = models.CharField(_("source reference"), max_length=60, blank=True)
    risk_level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.LOW)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects: ClassVar[models.Manager[Case]]

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["counsellor", "status"])]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases_staff:case", args=[self.pk])


class CaseTransition(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=CaseStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.from_status}→{self.to_status}"


class PlanItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PlanItem(models.Model):
    """One service in a case's plan: what, by whom, by when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_items")
    service = models.CharField(_("service"), max_length=200)
    provider_agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("provider"))
    provider_name = models.CharField(_("other provider"), max_length=120, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=PlanItemStatus.choices,
                              default=PlanItemStatus.PLANNED)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.service


class Task(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="case_tasks", verbose_name=_("assigned to"))
    due_on = models.DateField(_("due on"))
    remind_on = models.DateField(_("remind on"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title
