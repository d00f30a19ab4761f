"""Tables of the stats domain: counts of foreign residents, never people.

A `ResidentCount` row is one cell of an aggregate table: how many residents of one nationality, age band,
sex, residence status and language lived in one region in one month, according to one source. Rows come
from official tables (CSV imports) or from Ondol's own client registry (a refresh). Nothing here names a
person, so every dashboard can be built from these rows alone.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

PERIOD_VALIDATOR = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Write the month as YYYY-MM."))

# Five-year bands by their first year; the last band (65) holds everyone aged 65 or more.
AGE_BANDS: list[int] = list(range(0, 70, 5))
UNKNOWN = "??"  # nationality, sex, status or language not recorded
# Not NULL, so that the one-cell constraint also holds for residents whose age is unknown.
UNKNOWN_AGE = 999


class CountSource(models.TextChoices):
    OFFICIAL = "official", _("Official statistics")
    REGISTRY = "registry", _("Ondol's client registry")


class ResidentCount(models.Model):
    period = models.CharField(_("month"), max_length=7, validators=[PERIOD_VALIDATOR])
    source = models.CharField(_("source"), max_length=10, choices=CountSource.choices)
    # A dong (10 digits) or a whole district (5 digits) when the table is not broken down by dong.
    region_code = models.CharField(_("region code"), max_length=10)
    # The district part of `region_code`, kept as its own column so "by district" is a plain GROUP BY.
    sigungu_code = models.CharField(_("district code"), max_length=5, editable=False)
    nationality = models.CharField(_("nationality"), max_length=2)
    age_band = models.PositiveSmallIntegerField(_("age band"))
    sex = models.CharField(_("sex"), max_length=2)
    residence_status = models.CharField(_("residence status"), max_length=10)
    language = models.CharField(_("preferred language"), max_length=10)
    count = models.PositiveIntegerField(_("number of residents"))
    batch = models.ForeignKey("stats.CountBatch", on_delete=models.CASCADE, related_name="rows")

    objects: ClassVar[models.Manager[ResidentCount]]

    class Meta:
        verbose_name = _("resident count")
        verbose_name_plural = _("resident counts")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "period", "region_code", "nationality", "age_band", "sex", "residence_status",
                        "language"],
                name="residentcount_one_cell",
            ),
        ]
        indexes = [
            models.Index(fields=["source", "period", "sigungu_code"]),
            models.Index(fields=["source", "period", "nationality"]),
            models.Index(fields=["source", "region_code", "period"]),
            # The filter lists: every district and nationality in the tables (residents._distinct).
            models.Index(fields=["sigungu_code"]),
            models.Index(fields=["nationality"]),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.region_code} {self.nationality} {self.count}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.sigungu_code = self.region_code[:5]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class CountBatch(models.Model):
    """One import or refresh: which file or registry snapshot produced which rows, by whom."""

    source = models.CharField(_("source"), max_length=10, choices=CountSource.choices)
    period = models.CharField(_("month"), max_length=7, validators=[PERIOD_VALIDATOR])
    label = models.CharField(_("file or description"), max_length=200, blank=True)
    checksum = models.CharField(_("checksum"), max_length=64, blank=True)
    rows_loaded = models.PositiveIntegerField(_("rows"), default=0)
    residents = models.PositiveIntegerField(_("residents"), default=0)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at", "-id"]
        verbose_name = _("count batch")
        verbose_name_plural = _("count batches")

    def __str__(self) -> str:
        return f"{self.source} {self.period} ({self.rows_loaded})"


# --- Rollup of consultations (PostgreSQL only) ----------------------------------------------------
# A year of a city's consultations is about a million rows, and "by topic for the whole city" would read
# every one of them. These rows hold the same counts per month, kept exact by statement-level triggers on
# cases_consultation (migration 0002_consultation_rollup; see `ondol.stats.rollup`).


class ConsultationMonth(models.Model):
    """Consultations that took place in one month (in `RollupState.time_zone`) with one language, topic,
    channel and interpreter use. A count may fall to 0 (rows are kept); readers skip those."""

    month = models.DateField()
    language = models.TextField()
    topic = models.TextField()
    channel = models.TextField()
    interpreter_kind = models.TextField()
    consultations = models.IntegerField(default=0)

    objects: ClassVar[models.Manager[ConsultationMonth]]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "language", "topic", "channel", "interpreter_kind"],
                                    name="consultationmonth_one_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.language} {self.topic} {self.channel} {self.interpreter_kind}"


class RollupState(models.Model):
    """Whether a rollup can be trusted: the triggers set `valid` to False if they ever fail (e.g. a column
    they read was renamed) rather than fail the other app's write; readers then count the source table."""

    name = models.CharField(max_length=40, primary_key=True)
    time_zone = models.CharField(max_length=64)
    valid = models.BooleanField(default=False)
    built_at = models.DateTimeField(null=True)

    objects: ClassVar[models.Manager[RollupState]]

    def __str__(self) -> str:
        return f"{self.name} ({self.time_zone}, {'valid' if self.valid else 'not valid'})"
