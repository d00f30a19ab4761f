"""Which sections of a record a user may read, and the record reduced to those sections.

Every page, API response and export goes through `client_view` / `case_view`, so a field that a referral
did not share, or residence status and address for an enforcement agency, never reaches a template or
a JSON body by accident.
"""

from __future__ import annotations

from typing import Any

from ondol.cases.access import casework_agency_ids, is_enforcement_viewer
from ondol.cases.models import (
    ENFORCEMENT_WITHHELD,
    SHARING_STATUSES,
    Case,
    Client,
    Referral,
    Section,
)
from ondol.core.languages import language_name_local

ALL_SECTIONS = frozenset(Section.values)


def _referred_sections(agency_ids: set[int], referrals: Any) -> set[str]:
    sections: set[str] = set()
    for text in referrals.filter(to_agency_id__in=agency_ids, status__in=SHARING_STATUSES).values_list(
        "sections_text", flat=True
    ):
        sections.update(text.split())
    return sections


def _without_enforcement(user: Any, sections: set[str] | frozenset[str]) -> frozenset[str]:
    if is_enforcement_viewer(user):
        return frozenset(sections) - ENFORCEMENT_WITHHELD
    return frozenset(sections)


def sections_for_client(user: Any, client: Client) -> frozenset[str]:
    ids = casework_agency_ids(user)
    if client.agency_id in ids or client.cases.filter(agency_id__in=ids).exists():
        return _without_enforcement(user, ALL_SECTIONS)
    referrals = Referral.objects.filter(case__client=client)
    return _without_enforcement(user, _referred_sections(ids, referrals))


def sections_for_case(user: Any, case: Case) -> frozenset[str]:
    ids = casework_agency_ids(user)
    if case.agency_id in ids or case.client.agency_id in ids:
        return _without_enforcement(user, ALL_SECTIONS)
    return _without_enforcement(user, _referred_sections(ids, case.referrals.all()))


def client_view(user: Any, client: Client, *, sections: frozenset[str] | None = None) -> dict[str, Any]:
    """The client as a plain dict holding only the sections `user` may read."""
    allowed = sections if sections is not None else sections_for_client(user, client)
    view: dict[str, Any] = {"id": client.pk, "sections": sorted(allowed), "version": client.version,
                            "merged_into": client.merged_into_id}
    if Section.IDENTITY in allowed:
        view.update(
            display_name=client.display_name,
            name_latin=client.name_latin,
            name_hangul=client.name_hangul,
            name_native=client.name_native,
            birth_date=client.birth_date,
            sex=client.sex,
            nationality=client.nationality,
            identity_kind=client.identity_kind,
            identity_masked=client.identity_masked,
        )
    else:
        view["display_name"] = f"#{client.pk}"
    if Section.CONTACT in allowed:
        view.update(
            preferred_language=client.preferred_language,
            preferred_language_name=language_name_local(client.preferred_language),
            needs_interpreter=client.needs_interpreter,
            phone=client.phone,
            email=client.email,
            messenger=client.messenger,
        )
    if Section.RESIDENCE in allowed:
        view.update(residence_status=client.residence_status, residence_expiry=client.residence_expiry)
    if Section.ADDRESS in allowed:
        view.update(address=client.address, dong=client.dong.full_name if client.dong else "")
    if Section.HOUSEHOLD in allowed:
        membership = getattr(client, "household_membership", None) if _has_household(client) else None
        view["household"] = (
            {"id": membership.household_id, "name": membership.household.name, "relation": membership.relation,
             "members": [
                 {"client_id": member.client_id, "relation": member.relation}
                 for member in membership.household.members.all()
             ]}
            if membership else None
        )
    return view


def _has_household(client: Client) -> bool:
    from ondol.cases.models import HouseholdMember

    return HouseholdMember.objects.filter(client=client).exists()


def case_view(user: Any, case: Case, *, sections: frozenset[str] | None = None) -> dict[str, Any]:
    """The case as a plain dict; plan, consultations and risk only when shared."""
    allowed = sections if sections is not None else sections_for_case(user, case)
    view: dict[str, Any] = {
        "id": case.pk,
        "title": case.title,
        "status": case.status,
        "source": case.source,
        "agency": {"id": case.agency_id, "name": case.agency.name},
        "client": client_view(user, case.client, sections=allowed),
        "opened_at": case.opened_at,
        "closed_at": case.closed_at,
        "version": case.version,
        "sections": sorted(allowed),
        "owned": case.agency_id in casework_agency_ids(user),
    }
    if Section.RISK in allowed:
        view.update(risk_level=case.risk_level, summary=case.summary,
                    counsellor=case.counsellor.get_username() if case.counsellor else None)
    if Section.PLAN in allowed:
        view["plan"] = [
            {"id": item.pk, "service": item.service, "provider": item.provider_agency.name if item.provider_agency
             else item.provider_name, "due_on": item.due_on, "status": item.status}
            for item in case.plan_items.select_related("provider_agency")
        ]
        view["tasks"] = [
            {"id": task.pk, "title": task.title, "due_on": task.due_on, "done": task.done_at is not None,
             "assigned_to": task.assigned_to.get_username() if task.assigned_to else None}
            for task in case.tasks.select_related("assigned_to")
        ]
    if Section.CONSULTATIONS in allowed:
        view["consultations"] = [
            {"id": item.pk, "occurred_at": item.occurred_at, "channel": item.channel, "topic": item.topic,
             "language": item.language, "notes": item.notes, "notes_language": item.notes_language,
             "translation": item.translation, "translated_by": item.translated_by, "minutes": item.minutes}
            for item in case.consultations.all()
        ]
    return view


def referral_view(user: Any, referral: Referral, *, with_case: bool = False) -> dict[str, Any]:
    """A referral as both agencies see it; the case itself only as far as the reader may see it."""
    from ondol.cases.access import cases_visible_to
    from ondol.cases.services.referrals import is_overdue

    view: dict[str, Any] = {
        "id": referral.pk,
        "case_id": referral.case_id,
        "from_agency": {"id": referral.from_agency_id, "name": referral.from_agency.name},
        "to_agency": {"id": referral.to_agency_id, "name": referral.to_agency.name},
        "status": referral.status,
        "sections": referral.sections,
        "is_transfer": referral.is_transfer,
        "note": referral.note,
        "respond_by": referral.respond_by,
        "complete_by": referral.complete_by,
        "overdue": is_overdue(referral),
        "created_at": referral.created_at,
        "responded_at": referral.responded_at,
        "response_note": referral.response_note,
        "outcome": referral.outcome,
        "outcome_note": referral.outcome_note,
        "completed_at": referral.completed_at,
    }
    if with_case and Case.objects.filter(cases_visible_to(user), pk=referral.case_id).exists():
        view["case"] = case_view(user, referral.case)
    return view
