"""Who can see residents when (availability), in which languages, and the visits residents book."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProviderKind(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    INTERPRETER = "interpreter", _("Interpreter")


class ProviderSource(models.TextChoices):
    INTERNAL = "internal", _("Centre staff")
    PARTNER_AGENCY = "partner_agency", _("Partner agency")
    PHONE_LINE = "phone_line", _("Phone interpretation line")


class Provider(models.Model):
    """A counsellor who sees residents, or an interpreter who joins them, with the languages they cover."""

    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="centre_providers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="centre_providers")
    display_name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    source = models.CharField(_("source"), max_length=20, choices=ProviderSource.choices,
                              default=ProviderSource.INTERNAL)
    partner_agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("partner agency"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "display_name"]
        verbose_name = _("counsellor or interpreter")
        verbose_name_plural = _("counsellors and interpreters")

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_shared_line(self) -> bool:
        """A phone line takes many calls at once, so booking it never blocks another resident."""
        return self.source == ProviderSource.PHONE_LINE


class AvailabilityRule(models.Model):
    """A weekly recurring window, e.g. Tuesdays 10:00–16:00, optionally within a date range."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="rules")
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # 0 = Monday, as in datetime.weekday()
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("weekly availability")
        verbose_name_plural = _("weekly availability")
        constraints = [
            models.CheckConstraint(condition=Q(starts__lt=models.F("ends")), name="centre_rule_starts_before_ends"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="centre_rule_weekday_0_to_6"),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.weekday} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def weekday_name(self) -> str:
        """The weekday in the reader's language (Babel counts from Monday, like `datetime.weekday`)."""
        from babel.dates import get_day_names

        from ondol.core.languages import babel_locale

        return str(get_day_names("wide", locale=babel_locale())[self.weekday])


class AvailabilityException(models.Model):
    """One date that differs from the weekly rules: away (all day or some hours) or an extra window."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    starts = models.TimeField(_("from"), null=True, blank=True)  # empty: the whole day
    ends = models.TimeField(_("until"), null=True, blank=True)
    is_available = models.BooleanField(_("available"), default=False)
    note = models.CharField(_("note"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("availability exception")
        verbose_name_plural = _("availability exceptions")

    def __str__(self) -> str:
        return f"{self.provider} {self.date}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


class Interpretation(models.TextChoices):
    NONE = "none", _("No interpreter needed")
    IN_PERSON = "in_person", _("Interpreter in person")
    PHONE = "phone", _("Interpreter by phone")


class Appointment(models.Model):
    """A resident's visit; residents have no account, so they manage it through a signed link."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="centre_appointments")
    topic = models.CharField(_("topic"), max_length=60)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    counsellor = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="appointments")
    interpreter = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="interpreted_appointments")
    interpretation = models.CharField(_("interpretation"), max_length=20, choices=Interpretation.choices,
                                      default=Interpretation.NONE)
    # Copied from the interpreter so that the database can tell exclusive bookings from a shared phone line.
    interpreter_exclusive = models.BooleanField(default=False)
    name = models.CharField(_("name"), max_length=80)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    note = models.CharField(_("what you would like to ask"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AppointmentStatus.choices,
                              default=AppointmentStatus.BOOKED)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            # Slots start on a fixed grid, so one booked start per person is the whole double-booking rule.
            models.UniqueConstraint(fields=["counsellor", "starts_at"], condition=Q(status="booked"),
                                    name="centre_counsellor_once_per_slot"),
            models.UniqueConstraint(fields=["interpreter", "starts_at"],
                                    condition=Q(status="booked", interpreter_exclusive=True),
                                    name="centre_interpreter_once_per_slot"),
        ]
        indexes = [models.Index(fields=["agency", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.topic} ({self.language})"
