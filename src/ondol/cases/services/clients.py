"""Registering, editing, merging clients and grouping them in households."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.cases.access import casework_agency_ids, require_client_owner
from ondol.cases.duplicates import Candidate, birth_dates_agree, find_duplicates
from ondol.cases.models import (
    ChangeLog,
    Client,
    Household,
    HouseholdMember,
    IdentityKind,
    Relation,
    Sex,
)
from ondol.cases.names import index_text
from ondol.cases.services.locking import save_versioned
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput, PermissionDenied
from ondol.core.languages import normalize_language
from ondol.core.models import Agency

EDITABLE_FIELDS = (
    "name_latin", "name_hangul", "name_native", "birth_date", "sex", "nationality", "residence_status",
    "residence_expiry", "preferred_language", "needs_interpreter", "phone", "email", "messenger", "address", "dong",
)
IDENTITY_FIELDS = frozenset({"identity_kind", "identity_encrypted", "identity_hash", "identity_masked"})


class PossibleDuplicates(Conflict):
    """Raised by intake when the person may already be registered; carries the candidates to show."""

    code = "possible_duplicates"

    def __init__(self, candidates: list[Candidate]):
        super().__init__(_("This person may already be registered. Check the records below, or confirm that "
                           "none of them is the same person."),
                         fields={f"candidate_{item.client.pk}": str(item.score) for item in candidates})
        self.candidates = candidates


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Normalise and check client fields; raise InvalidInput naming every wrong field."""
    cleaned = dict(values)
    errors: dict[str, Any] = {}
    for name in ("name_latin", "name_hangul", "name_native", "phone", "messenger", "address", "residence_status"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "name_latin" in cleaned:
        cleaned["name_latin"] = re.sub(r"\s+", " ", cleaned["name_latin"]).upper()
    if {"name_latin", "name_hangul", "name_native"} & cleaned.keys() and not any(
        cleaned.get(name) for name in ("name_latin", "name_hangul", "name_native")
    ):
        errors["name_latin"] = _("Write the person's name in at least one script.")
    birth_date = cleaned.get("birth_date")
    if birth_date and birth_date > timezone.localdate():
        errors["birth_date"] = _("The date of birth cannot be in the future.")
    if cleaned.get("sex") and cleaned["sex"] not in Sex.values:
        errors["sex"] = _("Choose one of the listed values.")
    if "nationality" in cleaned:
        cleaned["nationality"] = (cleaned["nationality"] or "").strip().upper()
        if cleaned["nationality"] and not re.fullmatch(r"[A-Z]{2}", cleaned["nationality"]):
            errors["nationality"] = _("Use the two-letter country code, e.g. VN or CN.")
    if "residence_status" in cleaned:
        cleaned["residence_status"] = cleaned["residence_status"].upper()
    if "preferred_language" in cleaned:
        language = normalize_language(cleaned["preferred_language"])
        if language is None:
            errors["preferred_language"] = _("Choose one of the languages we serve.")
        cleaned["preferred_language"] = language or "ko"
    if cleaned.get("email"):
        cleaned["email"] = cleaned["email"].strip()
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors["email"] = _("Enter a valid email address.")
    if errors:
        raise InvalidInput(fields=errors)
    return cleaned


def _registering_agency(actor: Any, agency: Agency | None) -> Agency:
    ids = casework_agency_ids(actor)
    if agency is None:
        if not ids:
            raise PermissionDenied(_("Your account has no role that can register clients."))
        return Agency.objects.filter(id__in=ids).order_by("id").first()  # type: ignore[return-value]
    if agency.pk not in ids:
        raise PermissionDenied(_("You can only register clients for your own agency."))
    return agency


@transaction.atomic
def do_register_client(
    actor: Any,
    *,
    agency: Agency | None = None,
    identity_number: str = "",
    identity_kind: str = IdentityKind.REGISTRATION,
    duplicates_checked: bool = False,
    **fields: Any,
) -> Client:
    """Register a person after searching for them: refuse while likely duplicates are unconfirmed, and always
    when a visible record carries the same identity number."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown client fields: {sorted(unknown)}")
    cleaned = _clean(fields)
    if not any(cleaned.get(name) for name in ("name_latin", "name_hangul", "name_native")):
        raise InvalidInput(fields={"name_latin": _("Write the person's name in at least one script.")})
    if identity_number and identity_kind not in IdentityKind.values:
        raise InvalidInput(fields={"identity_kind": _("Choose the kind of identity document.")})
    owner = _registering_agency(actor, agency)
    candidates = find_duplicates(
        actor, names=[cleaned.get(name, "") for name in ("name_latin", "name_hangul", "name_native")],
        birth_date=cleaned.get("birth_date"), identity_number=identity_number,
        nationality=cleaned.get("nationality", ""),
    )
    same_number = [item for item in candidates if "identity_number" in item.reasons]
    if same_number:
        raise PossibleDuplicates(same_number)
    if candidates and not duplicates_checked:
        raise PossibleDuplicates(candidates)
    client = Client(agency=owner, created_by=actor, **cleaned)
    if identity_number:
        client.set_identity_number(identity_number, kind=identity_kind)
    client.name_index = index_text(*client.all_names)
    client.save()
    audit.record_change(actor, client, action="create",
                        detail=f"duplicates_shown={len(candidates)}" if candidates else "")
    return client


@transaction.atomic
def do_update_client(actor: Any, *, client: Client, expected_version: int, changes: dict[str, Any],
                     identity_number: str | None = None, identity_kind: str | None = None) -> Client:
    """Edit a client's record from the version the editor saw (see services.locking)."""
    require_client_owner(actor, client)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(fields={name: _("This field cannot be changed here.") for name in unknown})
    cleaned = _clean(changes)
    if identity_number is not None:
        probe = Client()
        probe.set_identity_number(identity_number, kind=identity_kind or client.identity_kind or "arc")
        if probe.identity_hash != client.identity_hash or (identity_kind and identity_kind != client.identity_kind):
            cleaned.update({name: getattr(probe, name) for name in IDENTITY_FIELDS})
    names = {name: cleaned.get(name, getattr(client, name)) for name in ("name_latin", "name_hangul", "name_native")}
    if not any(names.values()):
        raise InvalidInput(fields={"name_latin": _("Write the person's name in at least one script.")})
    merged_names = [name for other in client.merged.all() for name in other.all_names]
    cleaned["name_index"] = index_text(*names.values(), *merged_names)
    saved, diff = save_versioned(actor, client, target_type="client", expected_version=expected_version,
                                 changes=cleaned, hidden_fields=IDENTITY_FIELDS | {"name_index"})
    if diff:
        audit.record_change(actor, saved, action="update", detail=", ".join(sorted(diff)))
    return saved


def reveal_identity_number(actor: Any, *, client: Client, request: HttpRequest | None = None) -> str:
    """The clear identity number, for an agency responsible for the person; every reveal is audited."""
    require_client_owner(actor, client)
    audit.record_change(actor, client, action="reveal_identity_number", request=request)
    return client.reveal_identity_number()


_MERGE_FILL = [name for name in EDITABLE_FIELDS if name != "needs_interpreter"] + list(IDENTITY_FIELDS)


@transaction.atomic
def do_merge_clients(actor: Any, *, keep: Client, duplicate: Client) -> Client:
    """Merge `duplicate` into `keep`: its consultations, cases, consents, messages and household move over,
    blank fields of `keep` are filled from it, and the duplicate stays as an inactive record that points
    to `keep`, so nothing is lost and the merge can be traced."""
    if keep.pk == duplicate.pk:
        raise InvalidInput(fields={"duplicate": _("Choose two different records.")})
    require_client_owner(actor, keep)
    require_client_owner(actor, duplicate)
    if duplicate.merged_into_id is not None or keep.merged_into_id is not None:
        raise Conflict(_("One of these records has already been merged."))
    if birth_dates_agree(keep.birth_date, duplicate.birth_date) is False:
        raise Conflict(_("These records have different dates of birth, so they are treated as different people. "
                         "Correct the date of birth first if one of them is wrong."), code="different_people")
    filled = {}
    for name in _MERGE_FILL:
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))
            filled[name] = ["", "•••" if name in IDENTITY_FIELDS else str(getattr(duplicate, name))]
    keep.needs_interpreter = keep.needs_interpreter or duplicate.needs_interpreter
    moved = {
        "consultations": duplicate.consultations.update(client=keep),
        "cases": duplicate.cases.update(client=keep),
        "consents": duplicate.consents.update(client=keep),
        "messages": duplicate.messages.update(client=keep),
    }
    membership = HouseholdMember.objects.filter(client=duplicate).first()
    if membership is not None and not HouseholdMember.objects.filter(client=keep).exists():
        membership.client = keep
        membership.save(update_fields=["client"])
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    merged_names = [name for other in keep.merged.all() for name in other.all_names]
    keep.name_index = index_text(*keep.all_names, *merged_names)
    keep.version += 1
    keep.last_activity_at = timezone.now()
    keep.save()
    ChangeLog.objects.create(target_type="client", target_id=keep.pk, version=keep.version, changed_by=actor,
                             changes={"merged_from": [None, duplicate.pk], **filled})
    audit.record_change(actor, keep, action="merge",
                        detail=f"merged client {duplicate.pk}; moved {moved}; filled {sorted(filled)}")
    return keep


@transaction.atomic
def do_add_to_household(actor: Any, *, client: Client, relation: str, household: Household | None = None,
                        household_name: str = "") -> HouseholdMember:
    """Put a person in a household (a new one when none is given); a person belongs to one household."""
    require_client_owner(actor, client)
    if relation not in Relation.values:
        raise InvalidInput(fields={"relation": _("Choose one of the listed relations.")})
    if household is None:
        if not household_name.strip():
            raise InvalidInput(fields={"household_name": _("Name the household, e.g. after its head.")})
        household = Household.objects.create(agency=client.agency, name=household_name.strip())
    elif household.agency_id not in casework_agency_ids(actor):
        raise PermissionDenied(_("You can only add people to households of your own agency."))
    member, _created = HouseholdMember.objects.update_or_create(
        client=client, defaults={"household": household, "relation": relation}
    )
    audit.record_change(actor, member.household, action="add_member", detail=f"client={client.pk} {relation}")
    return member


def touch(client: Client) -> None:
    """Mark recent activity; the retention period runs from the last activity."""
    Client.objects.filter(pk=client.pk).update(last_activity_at=timezone.now())


def age_on(client: Client, day: dt.date) -> int | None:
    if client.birth_date is None:
        return None
    born = client.birth_date
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
