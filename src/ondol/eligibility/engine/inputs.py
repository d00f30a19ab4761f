"""The household the rules look at, and the closed vocabularies its fields use.

Every fact is optional: None means "not known yet", which the rules answer with
`needs_information` when it matters, never with `not_eligible`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

ROLES = ("applicant", "spouse", "child", "parent", "other")

# Reasons a household can be in crisis, after 긴급복지지원법 Art. 2 (위기상황).
CRISIS_EVENTS = (
    "none",
    "earner_lost",  # the main earner died, left, went missing or was detained
    "serious_illness",
    "neglect_or_abuse",
    "violence",  # domestic or sexual violence
    "fire_or_disaster",  # the home cannot be lived in after a fire, flood or similar
    "crime_victim",
    "business_closure",
    "job_loss",
    "other",
)

# Main residence-status categories (the letter-number part of e.g. "F-2-4").
RESIDENCE_STATUSES = (
    *(f"A-{n}" for n in range(1, 4)),
    "B-1", "B-2",
    "C-1", "C-3", "C-4",
    *(f"D-{n}" for n in range(1, 11)),
    *(f"E-{n}" for n in range(1, 11)),
    *(f"F-{n}" for n in range(1, 7)),
    "G-1",
    "H-1", "H-2",
)  # fmt: skip
SHORT_STAY_STATUSES = frozenset({"B-1", "B-2", "C-3"})
STATUS_PATTERN = re.compile(r"^([A-H]-\d{1,2})(-\d{1,2}[A-Z]?)?$")
DONG_CODE_PATTERN = re.compile(r"^\d{10}$")


def main_status(raw: str | None) -> str | None:
    """'F-2-4' → 'F-2'; the rules only look at the main category."""
    if raw is None:
        return None
    match = STATUS_PATTERN.match(raw.strip().upper())
    return match.group(1) if match else None


@dataclass(frozen=True)
class Member:
    id: str
    role: str
    birth_date: date | None = None
    korean_national: bool | None = None
    residence_status: str | None = None
    entry_date: date | None = None
    registered: bool | None = None
    married_to_korean: bool | None = None
    divorced_or_widowed_from_korean: bool | None = None
    pregnant: bool | None = None
    recognized_refugee: bool | None = None
    employed: bool | None = None
    residence_months: int | None = None
    moved_in_on: date | None = None
    student: bool | None = None
    disability: bool | None = None
    insured: bool | None = None
    crisis_event: str | None = None
    # Dates of events that start a reporting duty (beyond the fields of the schema).
    details_changed_on: date | None = None
    card_lost_on: date | None = None
    permanent_card_expires_on: date | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"Unknown role {self.role!r}.")
        if self.crisis_event is not None and self.crisis_event not in CRISIS_EVENTS:
            raise ValueError(f"Unknown crisis event {self.crisis_event!r}.")
        if self.residence_status is not None and main_status(self.residence_status) is None:
            raise ValueError(f"Unknown residence status {self.residence_status!r}.")


@dataclass(frozen=True)
class Household:
    size: int | None = None
    monthly_income_krw: int | None = None
    assets_krw: int | None = None
    region_dong_code: str | None = None
    members: tuple[Member, ...] = ()

    def __post_init__(self) -> None:
        if self.region_dong_code is not None and not DONG_CODE_PATTERN.match(self.region_dong_code):
            raise ValueError("A dong code has 10 digits.")
        if not self.members:
            raise ValueError("A household has at least one member.")
        ids = [m.id for m in self.members]
        if len(ids) != len(set(ids)):
            raise ValueError("Member ids must be unique within a household.")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Household:
        """Build from plain JSON-like data (dates as ISO strings or dates); unknown keys are refused."""
        member_fields = {f.name: f for f in fields(Member)}
        members = []
        for raw in data.get("members") or ():
            unknown = set(raw) - set(member_fields)
            if unknown:
                raise ValueError(f"Unknown member fields: {', '.join(sorted(unknown))}.")
            values: dict[str, Any] = {k: _coerce_date(v) if k in _DATE_FIELDS else v for k, v in raw.items()}
            members.append(Member(**values))
        unknown = set(data) - {"size", "monthly_income_krw", "assets_krw", "region_dong_code", "members"}
        if unknown:
            raise ValueError(f"Unknown household fields: {', '.join(sorted(unknown))}.")
        return cls(
            size=data.get("size"),
            monthly_income_krw=data.get("monthly_income_krw"),
            assets_krw=data.get("assets_krw"),
            region_dong_code=data.get("region_dong_code"),
            members=tuple(members),
        )

    def to_dict(self) -> dict[str, Any]:
        """The inverse of `from_dict`, leaving out unknown (None) facts."""
        out: dict[str, Any] = {
            k: v
            for k, v in (
                ("size", self.size),
                ("monthly_income_krw", self.monthly_income_krw),
                ("assets_krw", self.assets_krw),
                ("region_dong_code", self.region_dong_code),
            )
            if v is not None
        }
        out["members"] = [
            {
                f.name: (v.isoformat() if isinstance(v, date) else v)
                for f in fields(Member)
                if (v := getattr(m, f.name)) is not None
            }
            for m in self.members
        ]
        return out


MEMBER_FIELDS = tuple(f.name for f in fields(Member))
_DATE_FIELDS = frozenset(
    {"birth_date", "entry_date", "moved_in_on", "details_changed_on", "card_lost_on", "permanent_card_expires_on"}
)
DATE_FIELDS = _DATE_FIELDS
BOOL_FIELDS = tuple(
    name
    for name in MEMBER_FIELDS
    if name
    in {
        "korean_national",
        "registered",
        "married_to_korean",
        "divorced_or_widowed_from_korean",
        "pregnant",
        "recognized_refugee",
        "employed",
        "student",
        "disability",
        "insured",
    }
)


def _coerce_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
