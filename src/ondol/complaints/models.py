"""Civil complaints (민원): categories with service levels, complaints with tracking numbers, photos, replies."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A kind of complaint or request; also an Open311 service (its `code` is the service_code)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    group = models.CharField(_("group"), max_length=40, blank=True)
    # {"ko": "...", "en": "...", ...}: category names are data staff may add to, so they are not in gettext.
    names = models.JSONField(_("names"), default=dict)
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    sla_business_days = models.PositiveSmallIntegerField(_("answer within (business days)"), default=7)
    agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("responsible agency"))
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")

    def __str__(self) -> str:
        return self.code

    def name_in(self, language: str) -> str:
        return str(self.names.get(language) or self.names.get("en") or self.names.get("ko") or self.code)

    def description_in(self, language: str) -> str:
        return str(self.descriptions.get(language) or self.descriptions.get("en") or "")


class InternalStatus(models.TextChoices):
    NEW = "new", _("New")
    INVESTIGATING = "investigating", _("Investigating")
    REFERRED = "referred", _("Referred to another agency")
    DUPLICATE = "duplicate", _("Duplicate")
    NOT_OURS = "not_ours", _("Not our responsibility")
    NO_FURTHER_ACTION = "no_further_action", _("No further action")
    RESOLVED = "resolved", _("Resolved")


class PublicStatus(models.TextChoices):
    OPEN = "open", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


PUBLIC_STATUS_OF = {
    InternalStatus.NEW: PublicStatus.OPEN,
    InternalStatus.INVESTIGATING: PublicStatus.IN_PROGRESS,
    InternalStatus.REFERRED: PublicStatus.IN_PROGRESS,
    InternalStatus.DUPLICATE: PublicStatus.CLOSED,
    InternalStatus.NOT_OURS: PublicStatus.CLOSED,
    InternalStatus.NO_FURTHER_ACTION: PublicStatus.CLOSED,
    InternalStatus.RESOLVED: PublicStatus.CLOSED,
}
CLOSED_STATUSES = tuple(status for status, public in PUBLIC_STATUS_OF.items() if public == PublicStatus.CLOSED)


class Source(models.TextChoices):
    WEB = "web", _("Public website")
    OPEN311 = "open311", _("Open311 client")
    PHONE = "phone", _("Phone")
    COUNTER = "counter", _("Counter")


class TrackingCounter(models.Model):
    """The last tracking number handed out per year; incremented inside the complaint's own transaction, so a
    failed filing rolls its number back and numbers have no gaps."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_value}"


class Complaint(models.Model):
    tracking_number = models.CharField(_("tracking number"), max_length=20, unique=True)
    # Open311 clients that cannot wait for a number get this token back and look the number up later.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="complaints",
                                 verbose_name=_("category"))
    description = models.TextField(_("description"))
    # Staff may publish a cleaned-up description; the resident's own words may name people, so they stay internal.
    public_description = models.TextField(_("public description"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    source = models.CharField(_("received through"), max_length=10, choices=Source.choices, default=Source.WEB)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    # Personal fields: accepted, used for replies, never shown publicly, cleared after retention.
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    wants_updates = models.BooleanField(_("send me updates"), default=False)
    address = models.CharField(_("address or place"), max_length=200, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    dong = models.ForeignKey("core.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="complaints",
                               verbose_name=_("responsible agency"))
    referred_to = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="complaints_referred", verbose_name=_("referred to"))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="complaints", verbose_name=_("assigned to"))
    status = models.CharField(_("status"), max_length=20, choices=InternalStatus.choices, default=InternalStatus.NEW)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("case"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    due_at = models.DateTimeField(_("answer due"))
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    personal_data_cleared_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects: ClassVar[models.Manager[Complaint]]

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["category", "status"])]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def public_status(self) -> str:
        return PUBLIC_STATUS_OF[InternalStatus(self.status)]

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


def photo_path(instance: ComplaintPhoto, filename: str) -> str:
    # Random names: the resident's file name may carry their name, and guessable paths invite scraping.
    return f"complaints/{instance.complaint.submitted_at:%Y/%m}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class ComplaintPhoto(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=photo_path)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.content_type}"


class ComplaintEvent(models.Model):
    """The internal history: status changes, assignments, notes. Never shown publicly."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"


class Reply(models.Model):
    """A reply to the resident, in their language, shown on the public status page."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("reply"))
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    produced_by = models.CharField(max_length=20)
    phrase_key = models.CharField(max_length=60, blank=True)
    source_text = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.language}"
