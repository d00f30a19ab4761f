"""Building worklists from discovery rounds, assigning them, logging contacts and recording outcomes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.accounts.models import Membership
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput, PermissionDenied
from ondol.core.models import Region, RegionLevel
from ondol.fieldwork.access import WORK_ROLES, is_admin
from ondol.fieldwork.models import (
    Channel,
    ContactAttempt,
    ContactResult,
    ItemStatus,
    Outcome,
    Source,
    WorkItem,
)
from ondol.fieldwork.services.places import place_address

# The language a household most likely speaks, from the head's nationality; staff correct it after contact.
NATIONALITY_LANGUAGE = {
    "KR": "ko", "VN": "vi", "CN": "zh-hans", "TW": "zh-hans", "TH": "th", "RU": "ru", "KZ": "ru", "UZ": "uz",
    "MN": "mn", "NP": "ne", "PH": "tl", "ID": "id", "JP": "ja", "KH": "km", "LA": "lo", "US": "en",
    "GB": "en", "CA": "en", "AU": "en", "NZ": "en", "IN": "en", "PK": "en", "LK": "en", "BD": "en", "MM": "en",
}


def language_for(nationality: str) -> str:
    return NATIONALITY_LANGUAGE.get((nationality or "").upper(), "en" if nationality else "ko")


def _dong(code: str) -> Region | None:
    return Region.objects.filter(code=code, level=RegionLevel.DONG).first()


@transaction.atomic
def import_round(actor: Any, *, round: str, rows: Iterable[Mapping[str, Any]]) -> int:
    """Put the selected households of a published round on their dongs' worklists (idempotent).

    `rows` have the shape of the pipeline's selected households: household_id, dong_code, score,
    rank_in_dong, reasons, registered_address, actual_address, head_nationality, members,
    single_person, and optionally discovery_item_id, head_name, head_birth_year, phone.
    """
    created = 0
    for row in rows:
        dong = _dong(str(row["dong_code"]))
        if dong is None:
            continue
        nationality = str(row.get("head_nationality") or "").upper()
        _item, was_created = WorkItem.objects.get_or_create(
            round=round, source=Source.DISCOVERY, household_id=str(row["household_id"]), dong=dong,
            defaults={
                "district": dong.parent, "discovery_item_id": row.get("discovery_item_id"),
                "score": row.get("score"), "rank_in_dong": row.get("rank_in_dong"),
                "reasons": [dict(reason) for reason in (row.get("reasons") or [])],
                "registered_address": row.get("registered_address") or "",
                "actual_address": row.get("actual_address") or "", "nationality": nationality,
                "language": row.get("language") or language_for(nationality), "members": row.get("members"),
                "single_person": bool(row.get("single_person")), "head_name": row.get("head_name") or "",
                "head_birth_year": row.get("head_birth_year"), "phone": row.get("phone") or "",
            },
        )
        created += was_created
    audit.record_event(actor, action="import", target_type="fieldwork.round", target_id=round,
                       detail=f"created={created}")
    return created


def colleagues(item: WorkItem) -> list[Any]:
    """Staff who may be assigned the item: active members of the centre serving its dong."""
    if item.dong_id is None:
        return []
    memberships = Membership.objects.filter(agency__regions=item.dong, is_active=True, role__in=WORK_ROLES)
    return sorted({m.user for m in memberships.select_related("user")}, key=lambda user: user.username)


@transaction.atomic
def do_assign_item(actor: Any, *, item: WorkItem, assignee: Any) -> WorkItem:
    """Give the item to a colleague at the centre (or to oneself)."""
    if assignee is not None and assignee not in colleagues(item):
        raise InvalidInput(fields={"assignee": _("Choose someone who works at this community centre.")})
    item.assigned_to = assignee
    item.save(update_fields=["assigned_to", "updated_at"])
    audit.record_change(actor, item, action="assign", detail=f"to={getattr(assignee, 'pk', '')}")
    return item


def _require_open(item: WorkItem) -> None:
    if item.status == ItemStatus.CLOSED:
        raise Conflict(_("This household's outcome is already recorded. Reopen it to change it."))


@transaction.atomic
def do_record_contact(actor: Any, *, item: WorkItem, channel: str, result: str, attempted_on: dt.date | None = None,
                      note: str = "") -> ContactAttempt:
    """Log one SMS, call or visit and what came of it."""
    _require_open(item)
    errors: dict[str, Any] = {}
    if channel not in Channel.values:
        errors["channel"] = _("Choose how you tried to reach the household.")
    if result not in ContactResult.values:
        errors["result"] = _("Choose what came of it.")
    attempted_on = attempted_on or timezone.localdate()
    if attempted_on > timezone.localdate():
        errors["attempted_on"] = _("The date cannot be in the future.")
    if errors:
        raise InvalidInput(fields=errors)
    attempt = ContactAttempt.objects.create(item=item, channel=channel, result=result, attempted_on=attempted_on,
                                            note=note.strip(), by=actor)
    fields = ["status", "updated_at"]
    item.status = ItemStatus.IN_PROGRESS
    if item.assigned_to_id is None:
        item.assigned_to = actor
        fields.append("assigned_to")
    item.save(update_fields=fields)
    audit.record_change(actor, attempt, action="create", detail=f"item={item.pk} {channel} {result}")
    return attempt


def _clean_outcome(outcome: str, need_confirmed: bool | None, programs: list[str], resources: list[str]) -> None:
    from ondol.fieldwork.services.programs import program_keys

    errors: dict[str, Any] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose one of the listed outcomes.")
    if outcome == Outcome.PUBLIC_SUPPORT and not programs:
        errors["programs"] = _("Choose the public programs the household was linked to.")
    unknown = set(programs) - program_keys()
    if unknown:
        errors["programs"] = _("Choose programs from the list.")
    if outcome == Outcome.PRIVATE_SUPPORT and not resources:
        errors["resources"] = _("Name the private resources the household was linked to.")
    if outcome in (Outcome.PUBLIC_SUPPORT, Outcome.PRIVATE_SUPPORT, Outcome.CASE_MANAGEMENT) and need_confirmed is False:
        errors["need_confirmed"] = _("Support was linked, so the need cannot be marked as not confirmed.")
    if outcome == Outcome.NO_NEED and need_confirmed:
        errors["need_confirmed"] = _("A household with no need cannot have a confirmed need.")
    if errors:
        raise InvalidInput(fields=errors)


@transaction.atomic
def do_record_outcome(actor: Any, *, item: WorkItem, outcome: str, need_confirmed: bool | None = None,
                      programs: list[str] | None = None, resources: list[str] | None = None,
                      new_address: str = "", note: str = "", case: Any = None) -> WorkItem:
    """Close the item with an outcome from the fixed list; a move hands the household to its new dong."""
    _require_open(item)
    programs = list(item.programs or []) if programs is None else list(programs)
    resources = list(item.resources or []) if resources is None else [r.strip() for r in resources if r.strip()]
    if need_confirmed is None:
        need_confirmed = item.need_confirmed
    if outcome in (Outcome.PUBLIC_SUPPORT, Outcome.PRIVATE_SUPPORT, Outcome.CASE_MANAGEMENT) and need_confirmed is None:
        need_confirmed = True
    if outcome == Outcome.NO_NEED and need_confirmed is None:
        need_confirmed = False
    _clean_outcome(outcome, need_confirmed, programs, resources)
    if outcome == Outcome.CASE_MANAGEMENT and case is None and item.case_id is None:
        raise InvalidInput(fields={"outcome": _("Open the case first, then record case management.")})
    item.outcome, item.need_confirmed = outcome, need_confirmed
    item.programs, item.resources = programs, resources
    item.new_address, item.outcome_note = new_address.strip(), note.strip()
    if case is not None:
        item.case = case
    item.status, item.closed_at = ItemStatus.CLOSED, timezone.now()
    item.save()
    audit.record_change(actor, item, action="outcome", detail=f"{outcome} need={need_confirmed}")
    if outcome == Outcome.MOVED and item.new_address:
        hand_off(actor, item=item)
    return item


@transaction.atomic
def do_record_need(actor: Any, *, item: WorkItem, need_confirmed: bool | None, programs: list[str],
                   resources: list[str]) -> WorkItem:
    """Record, before closing, whether a need was confirmed and which programs and resources were linked."""
    _require_open(item)
    from ondol.fieldwork.services.programs import program_keys

    resources = [r.strip() for r in resources if r.strip()]
    if set(programs) - program_keys():
        raise InvalidInput(fields={"programs": _("Choose programs from the list.")})
    if (programs or resources) and need_confirmed is False:
        raise InvalidInput(fields={"need_confirmed": _(
            "Support was linked, so the need cannot be marked as not confirmed.")})
    item.need_confirmed, item.programs, item.resources = need_confirmed, list(programs), resources
    item.status = ItemStatus.IN_PROGRESS
    item.save(update_fields=["need_confirmed", "programs", "resources", "status", "updated_at"])
    audit.record_change(actor, item, action="need", detail=f"need={need_confirmed} programs={','.join(programs)}")
    return item


@transaction.atomic
def do_update_household(actor: Any, *, item: WorkItem, language: str, nationality: str, phone: str,
                        actual_address: str, head_name: str | None = None,
                        head_birth_date: dt.date | None = None) -> WorkItem:
    """Correct what the pipeline guessed (language from nationality) or did not know, after a contact."""
    from ondol.core.languages import normalize_language

    errors: dict[str, Any] = {}
    site_language = normalize_language(language)
    if site_language is None:
        errors["language"] = _("Choose one of the languages we serve.")
    nationality = nationality.strip().upper()
    if nationality and not re.fullmatch(r"[A-Z]{2}", nationality):
        errors["nationality"] = _("Use the two-letter country code, e.g. VN or CN.")
    if head_birth_date and not dt.date(1900, 1, 1) <= head_birth_date <= timezone.localdate():
        errors["head_birth_date"] = _("Enter a date of birth that is not in the future.")
    if errors:
        raise InvalidInput(fields=errors)
    item.language, item.nationality = site_language or "ko", nationality
    item.phone, item.actual_address = phone.strip()[:40], " ".join(actual_address.split())[:200]
    fields = ["language", "nationality", "phone", "actual_address", "updated_at"]
    if head_name is not None:
        item.head_name, item.head_birth_date = " ".join(head_name.split())[:120], head_birth_date
        fields += ["head_name", "head_birth_date"]
    item.save(update_fields=fields)
    audit.record_change(actor, item, action="update", detail="household details")
    return item


@transaction.atomic
def do_reopen_item(actor: Any, *, item: WorkItem) -> WorkItem:
    if item.status != ItemStatus.CLOSED:
        raise Conflict(_("This household is still open."))
    if item.handoffs.exists():
        raise Conflict(_("This household was already handed to another dong; ask that centre instead."))
    item.status, item.closed_at = ItemStatus.IN_PROGRESS, None
    item.save(update_fields=["status", "closed_at", "updated_at"])
    audit.record_change(actor, item, action="reopen")
    return item


def hand_off(actor: Any, *, item: WorkItem) -> WorkItem:
    """A new item for the dong the household moved to, or for the triage queue when the address is unknown."""
    dong, district = place_address(item.new_address)
    if dong is not None and dong.pk == item.dong_id:
        raise InvalidInput(fields={"new_address": _("The new address is in the same dong; record the visit there.")})
    handoff = WorkItem.objects.create(
        round=item.round, source=Source.HANDOFF, dong=dong, district=district or item.district,
        household_id=item.household_id, discovery_item_id=item.discovery_item_id, score=item.score,
        reasons=item.reasons, head_name=item.head_name, head_birth_year=item.head_birth_year,
        registered_address=item.registered_address, actual_address=item.new_address, phone=item.phone,
        nationality=item.nationality, language=item.language, members=item.members,
        single_person=item.single_person, handoff_from=item,
    )
    audit.record_change(actor, handoff, action="handoff", detail=f"from_item={item.pk}")
    return handoff


@transaction.atomic
def do_route_item(actor: Any, *, item: WorkItem, dong: Region) -> WorkItem:
    """Move an item from the district's triage queue to the dong the district found for it."""
    if dong.level != RegionLevel.DONG:
        raise InvalidInput(fields={"dong": _("Choose a dong.")})
    if item.dong_id is not None and not is_admin(actor):
        raise Conflict(_("This item is already on a dong's worklist."))
    if item.district_id and dong.parent_id != item.district_id and not is_admin(actor):
        raise PermissionDenied(_("You can only route items to dongs of your district."))
    item.dong, item.district = dong, dong.parent
    item.save(update_fields=["dong", "district", "updated_at"])
    report = item.report
    if report is not None:
        from ondol.fieldwork.models import ReportStatus

        report.dong, report.status = dong, ReportStatus.ROUTED
        report.save(update_fields=["dong", "status"])
    audit.record_change(actor, item, action="route", detail=f"dong={dong.code}")
    return item


def history_of(item: WorkItem) -> list[WorkItem]:
    """The household's earlier worklist items (earlier rounds, and the dong it was handed from)."""
    if not item.household_id:
        return []
    return list(WorkItem.objects.filter(household_id=item.household_id).exclude(pk=item.pk)
                .select_related("dong").order_by("-round", "-id")[:20])

