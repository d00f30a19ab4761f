"""The case registry in the words of the rules: a client and their recorded household as a screening input.

Only what the registry records is passed on; everything else stays unknown (None), so the rules answer
`needs_information` rather than guess. In short (docs/eligibility.md has the table):

- a member's birth date, nationality ("KR" → Korean national, another code → not), residence status
  (when it parses, e.g. "F-2-4") and dong come from the client's record; a foreigner registration
  number on file means the person registered;
- a client who heads a recorded household is screened with its members, their roles read from the
  relation to the head, and the household size is the number of people recorded; anyone else is
  screened alone with the size unknown, as their relation to the others cannot be read without guessing;
- monthly income and assets come from the client's latest saved screening ("save to my case"), if it
  is at most `SAVED_FACTS_MAX_AGE_DAYS` old on the screening date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import QuerySet

from ondol.cases.models import Client, HouseholdMember, IdentityKind, Relation, Screening
from ondol.core.models import Region, RegionLevel

from .engine import Household, Member
from .engine.inputs import DONG_CODE_PATTERN, main_status

KOREA = "KR"
SAVED_FACTS_MAX_AGE_DAYS = 365
ROLE_OF_RELATION = {
    Relation.HEAD: "applicant",
    Relation.SPOUSE: "spouse",
    Relation.CHILD: "child",
    Relation.PARENT: "parent",
    Relation.SIBLING: "other",
    Relation.OTHER_RELATIVE: "other",
    Relation.OTHER: "other",
}


def korean_national(nationality: str) -> bool | None:
    """'KR' → True, another country code → False, nothing recorded → unknown."""
    code = (nationality or "").strip().upper()
    return None if not code else code == KOREA


def residence_status(raw: str) -> str | None:
    """The recorded status if the rules can read it ('F-2-4', 'e-9'); unknown otherwise."""
    text = (raw or "").strip().upper()
    return text if text and main_status(text) is not None else None


def dong_code(region: Region | None) -> str | None:
    if region is None or region.level != RegionLevel.DONG or not DONG_CODE_PATTERN.match(region.code):
        return None
    return region.code


def member_of(client: Client, *, role: str, partner: Client | None = None) -> Member:
    """One person as the rules see them; `partner` is their recorded spouse, if any."""
    return Member(
        id=str(client.pk),
        role=role,
        birth_date=client.birth_date,
        korean_national=korean_national(client.nationality),
        residence_status=residence_status(client.residence_status),
        # A foreigner registration number exists only once the person has registered.
        registered=True if client.identity_kind == IdentityKind.REGISTRATION else None,
        married_to_korean=korean_national(partner.nationality) if partner is not None else None,
    )


def _money(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def household_of(client: Client, *, members: list[HouseholdMember] | None = None,
                 saved: Mapping[str, Any] | None = None) -> Household:
    """The screening input for `client`; `members` is their recorded household when they head it."""
    saved = saved or {}
    people: list[Member] = []
    size: int | None = None
    if members:
        spouses = [m.client for m in members if m.relation == Relation.SPOUSE]
        spouse = spouses[0] if len(spouses) == 1 else None
        for m in sorted(members, key=lambda m: (m.client_id != client.pk, m.client_id)):
            role = ROLE_OF_RELATION[Relation(m.relation)] if m.client_id != client.pk else "applicant"
            partner = spouse if role == "applicant" else client if role == "spouse" and spouse is not None else None
            people.append(member_of(m.client, role=role, partner=partner))
        size = len(people)
    else:
        people.append(member_of(client, role="applicant"))
    return Household(
        size=size,
        monthly_income_krw=_money(saved.get("monthly_income_krw")),
        assets_krw=_money(saved.get("assets_krw")),
        region_dong_code=dong_code(client.dong),
        members=tuple(people),
    )


def recorded_households(clients: QuerySet[Client]) -> dict[int, list[HouseholdMember]]:
    """client id → the members of the household that client heads (only clients heading one)."""
    heads = HouseholdMember.objects.filter(client__in=clients, relation=Relation.HEAD)
    head_of = dict(heads.values_list("household_id", "client_id"))
    members = (HouseholdMember.objects.filter(household_id__in=heads.values("household_id"),
                                              client__merged_into__isnull=True)
               .select_related("client", "client__dong").order_by("household_id", "client_id"))  # fmt: skip
    out: dict[int, list[HouseholdMember]] = {}
    for member in members:
        out.setdefault(head_of[member.household_id], []).append(member)
    # A household with two heads is a data error: its members' roles cannot be read, so screen each alone.
    return {head: found for head, found in out.items()
            if sum(m.relation == Relation.HEAD for m in found) == 1}  # fmt: skip


def saved_facts(clients: QuerySet[Client], *, as_of: dt.date) -> dict[int, Mapping[str, Any]]:
    """client id → household facts of their latest saved screening, if recent enough on `as_of`."""
    since = as_of - dt.timedelta(days=SAVED_FACTS_MAX_AGE_DAYS)
    screenings = (Screening.objects.filter(client__in=clients, as_of__gte=since, as_of__lte=as_of)
                  .order_by("client_id", "-as_of", "-created_at", "-id").values_list("client_id", "household"))  # fmt: skip
    out: dict[int, Mapping[str, Any]] = {}
    for client_id, household in screenings:
        if client_id not in out and isinstance(household, Mapping):
            out[client_id] = household
    return out


def registry_households(clients: QuerySet[Client], *, as_of: dt.date) -> Iterable[tuple[Client, Household]]:
    """Each client of `clients` with their screening input, in a stable order."""
    households = recorded_households(clients)
    facts = saved_facts(clients, as_of=as_of)
    for client in clients.select_related("dong").order_by("pk"):
        yield client, household_of(client, members=households.get(client.pk), saved=facts.get(client.pk))
