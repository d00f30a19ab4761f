"""The free clinic: evening sessions, volunteer doctors, visits and referrals. Visits are for clinic staff only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClinicDoctor(models.Model):
    name = models.CharField(_("name"), max_length=80)
    specialty = models.CharField(_("specialty"), max_length=80, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("volunteer doctor")
        verbose_name_plural = _("volunteer doctors")

    def __str__(self) -> str:
        return self.name


class ClinicStaff(models.Model):
    """The few people allowed to see visit records; being centre staff is not enough."""

    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("clinic staff member")
        verbose_name_plural = _("clinic staff")
        constraints = [models.UniqueConstraint(fields=["agency", "user"], name="centre_clinic_staff_once")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency}"


class ClinicSession(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="centre_clinic_sessions")
    date = models.DateField(_("date"))
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    place = models.CharField(_("place"), max_length=80, blank=True)
    capacity = models.PositiveIntegerField(_("appointments offered"), default=10)
    doctors = models.ManyToManyField(ClinicDoctor, blank=True, related_name="sessions")

    class Meta:
        ordering = ["date", "starts"]
        verbose_name = _("clinic session")
        verbose_name_plural = _("clinic sessions")

    def __str__(self) -> str:
        return f"{self.date} {self.starts:%H:%M}"

    def languages(self) -> list[str]:
        spoken: list[str] = []
        for doctor in self.doctors.all():
            spoken += [code for code in doctor.languages if code not in spoken]
        return spoken


class VisitKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Appointment")
    WALK_IN = "walk_in", _("Walk-in")


class VisitStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SEEN = "seen", _("Seen")
    CANCELLED = "cancelled", _("Cancelled")


class ReferralTarget(models.TextChoices):
    PUBLIC_HEALTH_CENTRE = "public-health-center", _("Public health centre")
    UNINSURED_SUPPORT = "uninsured-medical-support", _("Medical support for uninsured foreign residents")


class ClinicVisit(models.Model):
    """The minimal record the clinic keeps: who came, in which language, seen or not, and a short note."""

    session = models.ForeignKey(ClinicSession, on_delete=models.PROTECT, related_name="visits")
    kind = models.CharField(_("kind"), max_length=20, choices=VisitKind.choices)
    name = models.CharField(_("name"), max_length=80)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.WAITING)
    doctor = models.ForeignKey(ClinicDoctor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Deliberately short: the clinic decides what little it keeps; no diagnosis fields.
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "created_at"]
        verbose_name = _("clinic visit")
        verbose_name_plural = _("clinic visits")

    def __str__(self) -> str:
        return f"{self.session} #{self.pk}"


class ClinicReferral(models.Model):
    visit = models.ForeignKey(ClinicVisit, on_delete=models.PROTECT, related_name="referrals")
    target = models.CharField(_("referred to"), max_length=40, choices=ReferralTarget.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # What the cases module created for it: the case opened at the centre and, for the public health
    # centre, the referral to it. The clinic keeps only these links, not the patient's record.
    to_agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("receiving agency"))
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("case"))
    case_referral = models.ForeignKey("cases.Referral", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("referral in the cases module"))

    class Meta:
        verbose_name = _("clinic referral")
        verbose_name_plural = _("clinic referrals")

    def __str__(self) -> str:
        return f"{self.visit} → {self.target}"
