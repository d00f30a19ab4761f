"""Search before create: likely duplicates of a person across scripts, name orders and spellings.

Candidates are looked up cheaply (same identity-number hash, same birth date, or a shared name part in
`Client.name_index`) among the clients the user may see, then scored with RapidFuzz token by token, so
"Nguyễn Thị Lan", "NGUYEN THI LAN", "응우옌 티 란" and "Lan Nguyen" meet. Two records with the same
common name but different birth dates are different people and are never proposed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from rapidfuzz import fuzz

from ondol.cases import crypto
from ondol.cases.access import clients_visible_to
from ondol.cases.models import Client
from ondol.cases.names import Position, name_positions, name_tokens

# A name part matches another when one of its spellings is this close (allows a typo in a long part).
PART_THRESHOLD = 85
# A candidate is shown from this score (0–100).
CANDIDATE_THRESHOLD = 80
MAX_CANDIDATES = 500


@dataclass(frozen=True)
class Candidate:
    client: Client
    score: float
    reasons: list[str] = field(default_factory=list)


def _part_similarity(left: Position, right: Position) -> float:
    return max(fuzz.ratio(a, b) for a in left for b in right)


def name_similarity(left: str, right: str) -> float:
    """0–100: the share of the shorter name's parts found in the other name, in any order.

    Single-part names only match single-part names, so that "Lan" alone does not match every Lan.
    """
    left_parts, right_parts = name_positions(left), name_positions(right)
    if not left_parts or not right_parts:
        return 0.0
    shorter, longer = sorted((left_parts, right_parts), key=len)
    if len(shorter) == 1 and len(longer) > 1:
        return 0.0
    unused = list(longer)
    matched = 0.0
    for part in shorter:
        best_index, best = -1, 0.0
        for index, other in enumerate(unused):
            similarity = _part_similarity(part, other)
            if similarity > best:
                best_index, best = index, similarity
        if best >= PART_THRESHOLD:
            matched += best / 100
            unused.pop(best_index)
    return 100 * matched / len(shorter)


def best_name_similarity(names: list[str], other_names: list[str]) -> float:
    return max((name_similarity(a, b) for a in names for b in other_names), default=0.0)


def birth_dates_agree(left: dt.date | None, right: dt.date | None) -> bool | None:
    """True if equal, None if either is unknown, False otherwise. Day and month swapped counts as equal:
    forms from abroad often write dates month-first."""
    if left is None or right is None:
        return None
    if left == right:
        return True
    return left.year == right.year and left.month == right.day and left.day == right.month


def find_duplicates(
    user: Any,
    *,
    names: list[str],
    birth_date: dt.date | None = None,
    identity_number: str = "",
    nationality: str = "",
    exclude_id: int | None = None,
    limit: int = 10,
) -> list[Candidate]:
    """Likely existing records of the person described, best first, among the clients `user` may see."""
    names = [name for name in names if name and name.strip()]
    identity_hash = crypto.keyed_hash(identity_number) if crypto.normalize_identity_number(identity_number) else ""
    lookup = Q()
    for token in name_tokens(*names):
        lookup |= Q(name_index__contains=f" {token} ")
    if birth_date is not None:
        lookup |= Q(birth_date=birth_date)
    if identity_hash:
        lookup |= Q(identity_hash=identity_hash)
    if not lookup:
        return []
    pool = Client.objects.filter(clients_visible_to(user)).filter(lookup, merged_into__isnull=True)
    if exclude_id is not None:
        pool = pool.exclude(pk=exclude_id)
    candidates: list[Candidate] = []
    for client in pool[:MAX_CANDIDATES]:
        candidate = _score(client, names=names, birth_date=birth_date, identity_hash=identity_hash,
                           nationality=nationality)
        if candidate is not None:
            candidates.append(candidate)
    candidates.sort(key=lambda item: (-item.score, item.client.pk))
    return candidates[:limit]


def _score(client: Client, *, names: list[str], birth_date: dt.date | None, identity_hash: str,
           nationality: str) -> Candidate | None:
    if identity_hash and client.identity_hash == identity_hash:
        return Candidate(client, 100.0, ["identity_number"])
    dates = birth_dates_agree(birth_date, client.birth_date)
    if dates is False:
        return None
    score = best_name_similarity(names, client.all_names)
    reasons = ["name"] if score >= CANDIDATE_THRESHOLD else []
    if dates is True:
        reasons.append("birth_date")
        score = min(100.0, score + 5)
    if nationality and client.nationality and nationality.upper() != client.nationality:
        score -= 20
    if score < CANDIDATE_THRESHOLD:
        return None
    return Candidate(client, round(score, 1), reasons)
