"""Regions (sido → sigungu → dong), the agencies that serve them, and the audit log."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    SIDO = "sido", _("Province or metropolitan city")
    SIGUNGU = "sigungu", _("City, county or district")
    DONG = "dong", _("Administrative dong")


class Region(models.Model):
    """One administrative area; dongs carry the 10-digit code of the Ministry of the Interior."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=RegionLevel.choices)
    name = models.CharField(_("name"), max_length=60)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    sido_name = models.CharField(_("province or city"), max_length=40)
    sigungu_name = models.CharField(_("district"), max_length=40, blank=True)
    stat_code = models.CharField(_("statistics code"), max_length=8, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"]), models.Index(fields=["sigungu_name", "name"])]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        parts = [self.sido_name]
        if self.level != RegionLevel.SIDO:
            parts.append(self.sigungu_name)
        if self.level == RegionLevel.DONG:
            parts.append(self.name)
        return " ".join(part for part in parts if part)


class AgencyKind(models.TextChoices):
    COMMUNITY_CENTRE = "community_centre", _("Community centre (주민센터)")
    DISTRICT_OFFICE = "district_office", _("District office")
    INTEGRATED_SUPPORT_CENTRE = "integrated_support_centre", _("Integrated support centre for foreign residents")
    MULTICULTURAL_FAMILY_CENTRE = "multicultural_family_centre", _("Multicultural family centre")
    HUMAN_RIGHTS_CENTRE = "human_rights_centre", _("Human-rights and labour counselling centre")
    WELFARE_CENTRE = "welfare_centre", _("Welfare centre")
    COMMUNITY_SECURITY_COUNCIL = "community_security_council", _("Community security council")
    PUBLIC_HEALTH_CENTRE = "public_health_centre", _("Public health centre (보건소)")
    ENFORCEMENT = "enforcement", _("Enforcement agency (immigration control, police)")
    OTHER_PARTNER = "other_partner", _("Other partner")


class Agency(models.Model):
    """An organisation that uses Ondol; a community centre serves exactly one dong."""

    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=160, blank=True)
    kind = models.CharField(_("type"), max_length=40, choices=AgencyKind.choices)
    regions = models.ManyToManyField(Region, blank=True, related_name="agencies", verbose_name=_("regions served"))
    languages = models.JSONField(_("languages served"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # A list of {"days": [0..6], "opens": "09:00", "closes": "18:00"}; rendered per locale.
    opening_hours = models.JSONField(_("opening hours"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="agency_unique_name_kind")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_enforcement(self) -> bool:
        """Residence status and addresses must never reach enforcement agencies."""
        return self.kind == AgencyKind.ENFORCEMENT


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log cannot be deleted.")


class AuditEntry(models.Model):
    """Who did what to which record, when and from where. Written once, never changed."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=40, db_index=True)
    target_type = models.CharField(_("record type"), max_length=80, db_index=True)
    target_id = models.CharField(_("record id"), max_length=64, db_index=True, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)

    objects: ClassVar[models.Manager[AuditEntry]] = AuditQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_type}#{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log cannot be deleted.")
