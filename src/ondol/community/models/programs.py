"""Programs (classes, counselling days, events), their sessions, sign-ups and one-time codes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ondol.community.models.base import Row, TranslatedTitleMixin, new_token


class ProgramKind(models.TextChoices):
    LANGUAGE_CLASS = "language_class", _("Korean class")
    KIIP = "kiip", _("KIIP (social integration program) class")
    EDUCATION = "education", _("Life-adjustment education")
    COUNSELLING = "counselling", _("Legal or medical counselling day")
    FORUM = "forum", _("Forum")
    EVENT = "event", _("Community event")


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class Program(TranslatedTitleMixin):
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="community_programs")
    kind = models.CharField(_("type"), max_length=20, choices=ProgramKind.choices)
    languages = models.JSONField(_("languages of instruction"), default=list, blank=True)
    # Every tag must be declared by the person signing up (see services.programs.ELIGIBILITY_TAGS).
    eligibility_tags = models.JSONField(_("who may join"), default=list, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("program")


class Session(models.Model):
    """One meeting of a program; `seats_taken` is the race-safe counter of confirmed places."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    mode = models.CharField(_("mode"), max_length=10, choices=SessionMode.choices, default=SessionMode.IN_PERSON)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    seats_taken = models.PositiveIntegerField(default=0)
    is_cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        constraints = [
            # The database refuses an overbooked session even if a code path forgets to lock.
            models.CheckConstraint(condition=Q(seats_taken__lte=F("capacity")), name="session_not_overbooked"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.program.title} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)


class RegistrationStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for the confirmation code")
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A sign-up for one session: by a resident (confirmed by code) or by staff for a client."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.UNCONFIRMED)
    token = models.CharField(max_length=32, unique=True, default=new_token)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    language = models.CharField(max_length=10, default="ko")
    # Keyed hash of the normalised contact (or client reference): one active sign-up per person and session.
    contact_key = models.CharField(max_length=64)
    declared_tags = models.JSONField(default=list, blank=True)
    # A client id in the cases module; kept as a plain reference so this app does not depend on it.
    client_ref = models.CharField(_("client reference"), max_length=64, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    attendance_marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "contact_key"], condition=~Q(status="cancelled"), name="registration_one_active_per_person"
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "waitlisted_at"])]

    def __str__(self) -> str:
        return f"{self.name} → {self.session}"


class OneTimeCode(Row):
    """A code sent by e-mail or SMS; only digests are kept, and the payload is cleared once used."""

    token = models.CharField(max_length=32, unique=True, default=new_token)
    purpose = models.CharField(max_length=40, db_index=True)
    channel = models.CharField(max_length=8)  # "email" or "sms"
    contact_digest = models.CharField(max_length=64, db_index=True)
    code_digest = models.CharField(max_length=64)
    payload = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    consumed_at = models.DateTimeField(null=True, blank=True)


class Material(models.Model):
    """Something to deliver to each participant before the event, e.g. a kimchi kit."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("material"), max_length=120)
    quantity_per_person = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.name


class DeliveryStatus(models.TextChoices):
    TO_SEND = "to_send", _("To send")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    RETURNED = "returned", _("Returned")


class MaterialDelivery(Row):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="deliveries")
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.TO_SEND)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "material"], name="delivery_once_per_material")]
