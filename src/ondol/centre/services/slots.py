"""Bookable times: weekly availability minus exceptions, on a fixed grid, matched to the resident's language.

A slot is offered in a language when a free counsellor speaks it, or when a free counsellor can be paired
with an interpreter who covers it (an interpreter in person first, the phone line last).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from ondol.centre.models import (
    Appointment,
    AppointmentStatus,
    Interpretation,
    Provider,
    ProviderKind,
    ProviderSource,
)

SLOT_MINUTES = 30
Window = tuple[int, int]  # minutes since midnight, half-open

_SOURCE_ORDER: dict[str, int] = {ProviderSource.INTERNAL: 0, ProviderSource.PARTNER_AGENCY: 1,
                                  ProviderSource.PHONE_LINE: 2}
_INTERPRETATION_ORDER: dict[str, int] = {Interpretation.NONE: 0, Interpretation.IN_PERSON: 1, Interpretation.PHONE: 2}


@dataclass(frozen=True)
class Slot:
    starts_at: dt.datetime
    ends_at: dt.datetime
    counsellor_id: int
    interpreter_id: int | None
    interpretation: str

    @property
    def interpretation_label(self) -> str:
        return str(Interpretation(self.interpretation).label)


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _subtract(windows: list[Window], cut: Window) -> list[Window]:
    result: list[Window] = []
    for start, end in windows:
        if cut[1] <= start or cut[0] >= end:
            result.append((start, end))
            continue
        if start < cut[0]:
            result.append((start, cut[0]))
        if cut[1] < end:
            result.append((cut[1], end))
    return result


def windows_on(provider: Provider, day: dt.date) -> list[Window]:
    """The provider's free windows on `day` (rules and exceptions must be prefetched)."""
    windows: list[Window] = [
        (_minutes(rule.starts), _minutes(rule.ends))
        for rule in provider.rules.all()
        if rule.weekday == day.weekday()
        and (rule.valid_from is None or rule.valid_from <= day)
        and (rule.valid_until is None or day <= rule.valid_until)
    ]
    for exception in provider.exceptions.all():
        if exception.date != day:
            continue
        whole_day = exception.starts is None or exception.ends is None
        if exception.is_available and not whole_day:
            windows.append((_minutes(exception.starts), _minutes(exception.ends)))  # type: ignore[arg-type]
        elif not exception.is_available:
            windows = [] if whole_day else _subtract(
                windows, (_minutes(exception.starts), _minutes(exception.ends)))  # type: ignore[arg-type]
    return sorted(windows)


def grid_starts(windows: Iterable[Window], *, slot_minutes: int = SLOT_MINUTES) -> list[int]:
    """Slot starts on the day's fixed grid that fit entirely inside a window."""
    starts: set[int] = set()
    for start, end in windows:
        first = -(-start // slot_minutes) * slot_minutes
        starts.update(range(first, end - slot_minutes + 1, slot_minutes))
    return sorted(starts)


def _covers(provider: Provider, day: dt.date, minute: int, slot_minutes: int) -> bool:
    # A phone line with no rules is open whenever a counsellor is.
    if provider.is_shared_line and not provider.rules.all():
        return True
    return any(start <= minute and minute + slot_minutes <= end for start, end in windows_on(provider, day))


def free_slots(*, agency_id: int, language: str, start_day: dt.date, days: int = 1, now: dt.datetime | None = None,
               slot_minutes: int = SLOT_MINUTES, ignore_appointment_id: int | None = None) -> list[Slot]:
    """One slot per start time (the best pairing for `language`), from `start_day` for `days` days."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    providers = list(Provider.objects.filter(agency_id=agency_id, is_active=True)
                     .prefetch_related("rules", "exceptions"))
    counsellors = [p for p in providers if p.kind == ProviderKind.COUNSELLOR]
    interpreters = sorted((p for p in providers if p.kind == ProviderKind.INTERPRETER and language in p.languages),
                          key=lambda p: (_SOURCE_ORDER.get(p.source, 9), p.pk))
    first = dt.datetime.combine(start_day, dt.time.min, tzinfo=zone)
    booked = Appointment.objects.filter(agency_id=agency_id, status=AppointmentStatus.BOOKED, starts_at__gte=first,
                                        starts_at__lt=first + dt.timedelta(days=days))
    if ignore_appointment_id is not None:
        booked = booked.exclude(pk=ignore_appointment_id)
    busy: set[tuple[int, dt.datetime]] = set()
    for counsellor_id, interpreter_id, exclusive, starts_at in booked.values_list(
            "counsellor_id", "interpreter_id", "interpreter_exclusive", "starts_at"):
        busy.add((counsellor_id, starts_at))
        if interpreter_id and exclusive:
            busy.add((interpreter_id, starts_at))

    best: dict[dt.datetime, Slot] = {}
    for offset in range(days):
        day = start_day + dt.timedelta(days=offset)
        for counsellor in counsellors:
            for minute in grid_starts(windows_on(counsellor, day), slot_minutes=slot_minutes):
                starts_at = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=zone)
                if starts_at <= now or (counsellor.pk, starts_at) in busy:
                    continue
                slot = _pair(counsellor, interpreters, language, day, minute, starts_at, busy, slot_minutes)
                if slot is None:
                    continue
                current = best.get(starts_at)
                if current is None or _INTERPRETATION_ORDER[slot.interpretation] < _INTERPRETATION_ORDER[
                        current.interpretation]:
                    best[starts_at] = slot
    return [best[key] for key in sorted(best)]


def _pair(counsellor: Provider, interpreters: list[Provider], language: str, day: dt.date, minute: int,
          starts_at: dt.datetime, busy: set[tuple[int, dt.datetime]], slot_minutes: int) -> Slot | None:
    ends_at = starts_at + dt.timedelta(minutes=slot_minutes)
    if language in counsellor.languages:
        return Slot(starts_at, ends_at, counsellor.pk, None, Interpretation.NONE)
    for interpreter in interpreters:
        if not interpreter.is_shared_line and (interpreter.pk, starts_at) in busy:
            continue
        if _covers(interpreter, day, minute, slot_minutes):
            mode = Interpretation.PHONE if interpreter.is_shared_line else Interpretation.IN_PERSON
            return Slot(starts_at, ends_at, counsellor.pk, interpreter.pk, mode)
    return None
