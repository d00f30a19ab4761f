"""Clients (the people we help), households, consents and the change log behind optimistic locking."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ondol.cases import crypto


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other or not stated")


class IdentityKind(models.TextChoices):
    REGISTRATION = "arc", _("Foreigner registration number")
    PASSPORT = "passport", _("Passport number")


class Client(models.Model):
    """A person who receives help. Owned by the agency that registered them; others see them through
    cases they own or referrals, never directly."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="clients",
                               verbose_name=_("registering agency"))
    name_latin = models.CharField(_("name in Latin letters"), max_length=120, blank=True,
                                  help_text=_("As written in the passport, e.g. NGUYEN THI LAN."))
    name_hangul = models.CharField(_("name in Hangul"), max_length=120, blank=True)
    name_native = models.CharField(_("name in the person's own script"), max_length=120, blank=True)
    # Every spelling any name part may take, space-delimited, so the duplicate finder can look up candidates.
    name_index = models.TextField(editable=False, blank=True, default="")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True, help_text=_("Two-letter country code."))
    residence_status = models.CharField(_("residence status"), max_length=10, blank=True,
                                        help_text=_("Visa type, e.g. E-9 or F-6."))
    residence_expiry = models.DateField(_("residence permitted until"), null=True, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES,
                                          default="ko")
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    messenger = models.CharField(_("messenger account"), max_length=120, blank=True,
                                 help_text=_("For example a KakaoTalk or Zalo ID."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    dong = models.ForeignKey("core.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("administrative dong"))
    identity_kind = models.CharField(_("identity document"), max_length=10, choices=IdentityKind.choices, blank=True)
    identity_encrypted = models.TextField(editable=False, blank=True, default="")
    identity_hash = models.CharField(editable=False, max_length=64, blank=True, default="", db_index=True)
    identity_masked = models.CharField(editable=False, max_length=40, blank=True, default="")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged",
                                    verbose_name=_("merged into"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    version = models.PositiveIntegerField(default=1)

    objects: ClassVar[models.Manager[Client]]

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [models.Index(fields=["birth_date"]), models.Index(fields=["agency", "merged_into"])]
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_native or self.name_latin or self.name_hangul or f"#{self.pk}"

    @property
    def all_names(self) -> list[str]:
        return [name for name in (self.name_latin, self.name_hangul, self.name_native) if name]

    def set_identity_number(self, raw: str, *, kind: str) -> None:
        """Store the number encrypted, its keyed hash and a masked form; never the clear text."""
        normalized = crypto.normalize_identity_number(raw)
        if not normalized:
            self.identity_kind = ""
            self.identity_encrypted = self.identity_hash = self.identity_masked = ""
            return
        self.identity_kind = kind
        self.identity_encrypted = crypto.encrypt(normalized)
        self.identity_hash = crypto.keyed_hash(normalized)
        self.identity_masked = crypto.mask(normalized)

    def reveal_identity_number(self) -> str:
        """The clear number; callers must audit the reveal (see services.clients.reveal_identity_number)."""
        return crypto.decrypt(self.identity_encrypted) if self.identity_encrypted else ""


class Household(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="households")
    name = models.CharField(_("household name"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name


class Relation(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")
    OTHER_RELATIVE = "relative", _("Other relative")
    OTHER = "other", _("Lives with the household")


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="household_membership")
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")

    def __str__(self) -> str:
        return f"{self.client_id} in {self.household_id} ({self.relation})"


class Purpose(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation records")
    REFERRAL = "referral", _("Referral to other agencies")
    DATA_SHARING = "data_sharing", _("Data sharing for welfare discovery")
    MESSAGES = "messages", _("Messages from us")


class ConsentBasis(models.TextChoices):
    CONSENT = "consent", _("Consent given by the person")
    EMERGENCY = "emergency", _("Emergency override by a centre manager")


class Consent(models.Model):
    """What the person agreed to, in which language and form version, until when; or an emergency
    override that a centre manager recorded with a reason."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    basis = models.CharField(_("basis"), max_length=10, choices=ConsentBasis.choices, default=ConsentBasis.CONSENT)
    # A referral consent names one agency, or one type of agency, or neither (any agency that is not enforcement).
    recipient_agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.CASCADE,
                                         related_name="+", verbose_name=_("named agency"))
    recipient_kind = models.CharField(_("type of agency"), max_length=40, blank=True)
    form_version = models.CharField(_("form version"), max_length=20, blank=True)
    language = models.CharField(_("language of the form"), max_length=10, choices=settings.LANGUAGES, default="ko")
    given_at = models.DateTimeField(_("given on"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires on"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(basis="emergency") | ~models.Q(reason=""), name="consent_override_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} {self.purpose} {self.basis}"

    def is_valid_at(self, moment: dt.datetime) -> bool:
        return (
            self.given_at <= moment
            and self.withdrawn_at is None
            and (self.expires_at is None or self.expires_at > moment)
        )


class ChangeLog(models.Model):
    """One saved edit of a client or case: which version it produced and what changed (old → new).
    Lets a refused save tell the second editor exactly what the first one changed."""

    target_type = models.CharField(max_length=20)
    target_id = models.PositiveBigIntegerField()
    version = models.PositiveIntegerField()
    changes = models.JSONField(default=dict)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_type", "target_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id", "version"], name="changelog_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.target_type}#{self.target_id} v{self.version}"
