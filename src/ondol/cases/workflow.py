"""The case workflow as an explicit state machine: new → assessment → plan → in_service → closed, and reopened.

Any open state may be closed (the person moved away, the need ended); a closed case can only be reopened,
and a reopened case resumes at assessment, plan or service.
"""

from __future__ import annotations

from ondol.cases.models import CaseStatus

TRANSITIONS: dict[str, tuple[str, ...]] = {
    CaseStatus.NEW: (CaseStatus.ASSESSMENT, CaseStatus.CLOSED),
    CaseStatus.ASSESSMENT: (CaseStatus.PLAN, CaseStatus.CLOSED),
    CaseStatus.PLAN: (CaseStatus.IN_SERVICE, CaseStatus.ASSESSMENT, CaseStatus.CLOSED),
    CaseStatus.IN_SERVICE: (CaseStatus.PLAN, CaseStatus.CLOSED),
    CaseStatus.CLOSED: (CaseStatus.REOPENED,),
    CaseStatus.REOPENED: (CaseStatus.ASSESSMENT, CaseStatus.PLAN, CaseStatus.IN_SERVICE, CaseStatus.CLOSED),
}
OPEN_STATUSES = tuple(status for status in CaseStatus.values if status != CaseStatus.CLOSED)


def allowed_transitions(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in allowed_transitions(from_status)
