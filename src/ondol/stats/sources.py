"""The only place statistics read other apps' tables: small read-only aggregate queries.

Every function returns plain counts (never rows about a person), or None when the source app has no
model or table yet, so each dashboard panel shows "no data yet" until its module lands.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import connection, models
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ondol.stats.filters import Filters

T = TypeVar("T")
CONSULTATION_DIMENSIONS = ("topic", "language", "channel", "interpreter_kind")
# Days a case has been open, by the first day of each bucket.
CASE_AGE_BUCKETS = (0, 30, 90, 180, 365)


_EXISTING_TABLES: set[tuple[str, str]] = set()


def _model(app_label: str, name: str) -> Any:
    """The model if its app defines it and its table exists in this database."""
    try:
        model = apps.get_model(app_label, name)
    except LookupError:
        return None
    key = (connection.alias, model._meta.db_table)
    # Tables appear (a module lands) but do not vanish, so only their presence is remembered.
    if key not in _EXISTING_TABLES:
        if model._meta.db_table not in connection.introspection.table_names():
            return None
        _EXISTING_TABLES.add(key)
    return model


def guarded(function: Callable[..., T]) -> Callable[..., T | None]:
    """A source whose app changed its fields under us shows "no data yet" rather than an error page."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T | None:
        try:
            return function(*args, **kwargs)
        except (LookupError, FieldError, FieldDoesNotExist, ImportError):
            return None

    return wrapper


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _time_range(field: str, filters: Filters) -> Q:
    return Q(**{f"{field}__gte": _aware(filters.start), f"{field}__lt": _aware(filters.end + dt.timedelta(days=1))})


def _dong_ids(filters: Filters) -> Any:
    from ondol.core.models import Region

    if filters.dong:
        return Region.objects.filter(code=filters.dong).values("id")
    return Region.objects.filter(code__startswith=filters.district, level="dong").values("id")


def _client_filter(prefix: str, filters: Filters) -> Q:
    """Where the client lives and who they are, for any table that links to a client."""
    where = Q()
    if filters.region_code:
        where &= Q(**{f"{prefix}dong_id__in": _dong_ids(filters)})
    if filters.nationality:
        where &= Q(**{f"{prefix}nationality": filters.nationality})
    return where


def _counted(queryset: Any, field: str) -> dict[str, int]:
    rows = queryset.values(field).annotate(n=Count("id")).order_by()
    return {str(row[field] or ""): int(row["n"]) for row in rows}


# --- Consultations and cases -----------------------------------------------------------------


def _consultations(filters: Filters) -> Any:
    model = _model("cases", "Consultation")
    if model is None:
        return None
    where = _time_range("occurred_at", filters) & _client_filter("client__", filters)
    if filters.agency:
        where &= Q(agency_id=filters.agency)
    if filters.language:
        where &= Q(language=filters.language)
    return model.objects.filter(where)


def _consultation_months(filters: Filters) -> Any:
    """The monthly rollup (`stats.rollup`), when it can answer these filters exactly; else None.

    It knows month, language, topic, channel and interpreter use, not the client or the agency, so it
    serves the whole city (optionally one consultation language): the case that would otherwise count
    every consultation of the year.
    """
    if filters.region_code or filters.nationality or filters.agency:
        return None
    from ondol.stats import rollup
    from ondol.stats.models import ConsultationMonth

    if not rollup.usable():
        return None
    months = ConsultationMonth.objects.filter(month__gte=filters.start, month__lte=filters.end)
    return months.filter(language=filters.language) if filters.language else months


@guarded
def consultations_by(filters: Filters, dimension: str) -> dict[str, int] | None:
    """Consultations in the months chosen, by topic, language, channel or interpreter use."""
    if dimension not in CONSULTATION_DIMENSIONS:
        raise ValueError(dimension)
    consultations = _consultations(filters)
    if consultations is None:
        return None
    months = _consultation_months(filters)
    if months is not None:
        rows = months.values(dimension).annotate(n=Sum("consultations")).filter(n__gt=0).order_by()
        return {str(row[dimension] or ""): int(row["n"]) for row in rows}
    return _counted(consultations, dimension)


@guarded
def consultations_by_month(filters: Filters) -> dict[str, int] | None:
    consultations = _consultations(filters)
    if consultations is None:
        return None
    rows = consultations.annotate(month=TruncMonth("occurred_at")).values("month").annotate(n=Count("id")).order_by()
    return {f"{row['month']:%Y-%m}": int(row["n"]) for row in rows}


def _cases(filters: Filters) -> Any:
    model = _model("cases", "Case")
    if model is None:
        return None
    where = Q(opened_at__lt=_aware(filters.end + dt.timedelta(days=1))) & _client_filter("client__", filters)
    if filters.agency:
        where &= Q(agency_id=filters.agency)
    if filters.language:
        where &= Q(client__preferred_language=filters.language)
    return model.objects.filter(where)


@guarded
def cases_by_stage(filters: Filters) -> dict[str, int] | None:
    """Cases opened in the months chosen, by their current stage."""
    cases = _cases(filters)
    return None if cases is None else _counted(cases.filter(_time_range("opened_at", filters)), "status")


@guarded
def open_cases_by_age(filters: Filters, *, today: dt.date | None = None) -> dict[str, int] | None:
    """Cases still open at the end of the months chosen, by how long they have been open (days)."""
    cases = _cases(filters)
    if cases is None:
        return None
    moment = min(filters.end, today or timezone.localdate())
    cutoff = _aware(moment + dt.timedelta(days=1))
    still_open = cases.filter(Q(closed_at__isnull=True) | Q(closed_at__gte=cutoff))
    whens = [models.When(opened_at__gt=cutoff - dt.timedelta(days=days), then=models.Value(str(previous)))
             for previous, days in itertools.pairwise(CASE_AGE_BUCKETS)]
    bucket = models.Case(*whens, default=models.Value(str(CASE_AGE_BUCKETS[-1])), output_field=models.CharField())
    return _counted(still_open.annotate(bucket=bucket), "bucket")


@guarded
def referral_flows(filters: Filters, *, today: dt.date | None = None) -> list[dict[str, Any]] | None:
    """Referrals made in the months chosen, per (from agency, to agency): made, accepted, completed, overdue."""
    model = _model("cases", "Referral")
    if model is None:
        return None
    today = today or timezone.localdate()
    where = _time_range("created_at", filters) & _client_filter("case__client__", filters)
    if filters.agency:
        where &= Q(from_agency_id=filters.agency) | Q(to_agency_id=filters.agency)
    if filters.language:
        where &= Q(case__client__preferred_language=filters.language)
    overdue = Q(status="pending", respond_by__lt=today) | Q(status="accepted", complete_by__lt=today)
    rows = (model.objects.filter(where).values("from_agency_id", "to_agency_id", "from_agency__name",
                                               "to_agency__name")
            .annotate(made=Count("id"), accepted=Count("id", filter=Q(status__in=["accepted", "completed"])),
                      completed=Count("id", filter=Q(status="completed")), overdue=Count("id", filter=overdue))
            .order_by("-made", "from_agency__name", "to_agency__name"))
    return [dict(row) for row in rows]


@guarded
def registry_resident_cells(end: dt.date) -> list[dict[str, Any]] | None:
    """Clients registered by `end` who have a dong, grouped like a resident table (age band at `end`)."""
    model = _model("cases", "Client")
    if model is None:
        return None
    from ondol.stats.models import AGE_BANDS, UNKNOWN_AGE

    def years_before(years: int) -> dt.date:
        try:
            return end.replace(year=end.year - years)
        except ValueError:  # 29 February
            return end.replace(year=end.year - years, day=28)

    # Someone is in band b if they were born after the day they would have turned b+5 and not after turning b.
    whens = [models.When(birth_date__gt=years_before(band + 5), birth_date__lte=years_before(band),
                         then=models.Value(band)) for band in AGE_BANDS[:-1]]
    whens.append(models.When(birth_date__lte=years_before(AGE_BANDS[-1]), then=models.Value(AGE_BANDS[-1])))
    band = models.Case(*whens, default=models.Value(UNKNOWN_AGE), output_field=models.IntegerField())
    clients = model.objects.filter(merged_into__isnull=True, dong__isnull=False, created_at__lt=_aware(
        end + dt.timedelta(days=1)))
    rows = (clients.annotate(age_band=band)
            .values("dong__code", "nationality", "age_band", "sex", "residence_status", "preferred_language")
            .annotate(n=Count("id")).order_by())
    return [{"region_code": row["dong__code"], "nationality": row["nationality"], "age_band": row["age_band"],
             "sex": row["sex"], "residence_status": row["residence_status"], "language": row["preferred_language"],
             "n": row["n"]} for row in rows]


# --- Complaints, discovery, community ----------------------------------------------------------


@guarded
def complaints_by_category(filters: Filters, *, now: dt.datetime | None = None) -> list[dict[str, Any]] | None:
    """Complaints submitted in the months chosen, per category: received, answered on time, late, open past due."""
    model = _model("complaints", "Complaint")
    if model is None:
        return None
    now = now or timezone.now()
    where = _time_range("submitted_at", filters)
    if filters.region_code:
        where &= Q(dong_id__in=_dong_ids(filters))
    if filters.agency:
        where &= Q(agency_id=filters.agency)
    if filters.language:
        where &= Q(language=filters.language)
    closed = Q(closed_at__isnull=False)
    rows = (model.objects.filter(where).values("category__code", "category__names")
            .annotate(received=Count("id"),
                      on_time=Count("id", filter=closed & Q(closed_at__lte=models.F("due_at"))),
                      late=Count("id", filter=closed & Q(closed_at__gt=models.F("due_at"))),
                      open_overdue=Count("id", filter=Q(closed_at__isnull=True, due_at__lt=now)))
            .order_by("-received", "category__code"))
    return [dict(row) for row in rows]


# The funnel of a discovery round. Discovery publishes who was flagged; whether a household was contacted,
# its need confirmed, support given or it was newly discovered is recorded by field work (issue 6), so those
# stages stay None ("not available yet") until that module has tables.
DISCOVERY_STAGES = ("flagged", "contacted", "need_confirmed", "supported", "newly_discovered")


@guarded
def discovery_funnel(filters: Filters) -> dict[str, dict[str, int | None]] | None:
    """Per published round (named YYYY-MM, within the months chosen): households at each stage of the funnel."""
    model = _model("discovery", "DiscoveryItem")
    if model is None:
        return None
    where = Q(round__name__gte=filters.period_from, round__name__lte=filters.period_to) & ~Q(
        round__status="withdrawn")
    if filters.region_code:
        where &= Q(dong_code__startswith=filters.region_code)
    if filters.nationality:
        where &= Q(head_nationality=filters.nationality)
    if filters.language:
        where &= Q(language=filters.language)
    rows = model.objects.filter(where).values("round__name").annotate(flagged=Count("id")).order_by("round__name")
    return {row["round__name"]: {stage: (int(row["flagged"]) if stage == "flagged" else None)
                                 for stage in DISCOVERY_STAGES} for row in rows}


@guarded
def campaigns(filters: Filters) -> list[dict[str, Any]] | None:
    """Donation campaigns running in the months chosen: target, money raised and number of gifts."""
    model = _model("community", "Campaign")
    if model is None:
        return None
    where = Q(starts_on__lte=filters.end, ends_on__gte=filters.start)
    if filters.agency:
        where &= Q(agency_id=filters.agency)
    money = Q(donations__kind="money")
    rows = (model.objects.filter(where).values("id", "title", "target_amount", "starts_on", "ends_on")
            .annotate(raised=Sum("donations__amount", filter=money),
                      gifts=Count("donations", filter=Q(donations__reverses__isnull=True)))
            .order_by("-starts_on", "id"))
    return [dict(row, raised=row["raised"] or 0) for row in rows]


@guarded
def programs_by_kind(filters: Filters) -> dict[str, dict[str, int]] | None:
    """Sessions held in the months chosen, per kind of program: sessions, places taken, attended."""
    model = _model("community", "Session")
    if model is None:
        return None
    where = _time_range("starts_at", filters) & Q(is_cancelled=False)
    if filters.agency:
        where &= Q(program__agency_id=filters.agency)
    sessions = {row["program__kind"]: row for row in model.objects.filter(where).values("program__kind")
                .annotate(sessions=Count("id"), places=Sum("seats_taken")).order_by()}
    registration = _model("community", "Registration")
    attended: dict[str, int] = {}
    if registration is not None:
        attended = {row["session__program__kind"]: row["n"] for row in registration.objects.filter(
            session__in=model.objects.filter(where), attended=True).values("session__program__kind")
            .annotate(n=Count("id")).order_by()}
    return {kind: {"sessions": int(row["sessions"]), "places": int(row["places"] or 0),
                   "attended": int(attended.get(kind, 0))} for kind, row in sessions.items()}


@guarded
def choice_labels(app_label: str, model_name: str, field_name: str) -> dict[str, str] | None:
    """The translated labels of a field's choices in another app (e.g. case stages, channels)."""
    model = apps.get_model(app_label, model_name)
    field = model._meta.get_field(field_name)
    labels = {str(value): str(label) for value, label in (getattr(field, "choices", None) or [])}
    if (app_label, model_name, field_name) == ("cases", "Consultation", "topic"):
        from ondol.cases.topics import COUNSELLING_AREAS

        labels.update({key: str(label) for key, label in COUNSELLING_AREAS})
    return labels
