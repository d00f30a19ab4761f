"""The only way to fetch clients, cases, consultations and referrals for a user.

A user works with the records of the agencies where they hold a casework role (counsellor, centre manager,
partner staff, administrator), plus what another agency referred to one of those agencies. A district
planner holds no casework role and so reaches no personal record at all: they get aggregates
(`queries.aggregates_for`). Each model has one `visible_to(user)` Q used by lists and single look-ups
alike, and missing and forbidden records both raise NotFound.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from ondol.accounts.access import agency_ids_of
from ondol.accounts.models import Role
from ondol.cases.models import (
    SHARING_STATUSES,
    Case,
    Client,
    Consultation,
    Referral,
    Section,
)
from ondol.core import audit
from ondol.core.errors import NotFound, PermissionDenied
from ondol.core.models import Agency, AgencyKind

CASEWORK_ROLES = (Role.COUNSELLOR, Role.CENTRE_MANAGER, Role.PARTNER_STAFF, Role.ADMIN)


def casework_agency_ids(user: Any) -> set[int]:
    """Agencies whose clients and cases the user works with."""
    return agency_ids_of(user, *CASEWORK_ROLES)


def is_enforcement_viewer(user: Any) -> bool:
    """True if the user belongs to any enforcement agency: residence status and address stay hidden from
    them in every role, so that a shared login or a second membership cannot leak them."""
    return Agency.objects.filter(id__in=agency_ids_of(user), kind=AgencyKind.ENFORCEMENT).exists()


def _referred_cases(agency_ids: set[int], *, section: str | None = None) -> QuerySet[Referral]:
    referrals = Referral.objects.filter(to_agency_id__in=agency_ids, status__in=SHARING_STATUSES)
    if section is not None:
        referrals = referrals.filter(sections_text__contains=f" {section} ")
    return referrals


def cases_visible_to(user: Any) -> Q:
    ids = casework_agency_ids(user)
    return Q(agency_id__in=ids) | Q(pk__in=_referred_cases(ids).values("case_id"))


def clients_visible_to(user: Any) -> Q:
    ids = casework_agency_ids(user)
    return (
        Q(agency_id__in=ids)
        | Q(pk__in=Case.objects.filter(agency_id__in=ids).values("client_id"))
        | Q(pk__in=_referred_cases(ids).values("case__client_id"))
    )


def consultations_visible_to(user: Any) -> Q:
    ids = casework_agency_ids(user)
    return (
        Q(agency_id__in=ids)
        | Q(client__agency_id__in=ids)
        | Q(case__agency_id__in=ids)
        | Q(case_id__in=_referred_cases(ids, section=Section.CONSULTATIONS).values("case_id"))
    )


def referrals_visible_to(user: Any) -> Q:
    ids = casework_agency_ids(user)
    return Q(from_agency_id__in=ids) | Q(to_agency_id__in=ids)


def _one(queryset: QuerySet[Any], pk: int, *, for_update: bool, message: str) -> Any:
    if for_update:
        queryset = queryset.select_for_update()
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFound(message)
    return found


def access_client_by_id(user: Any, client_id: int, *, for_update: bool = False,
                        request: HttpRequest | None = None) -> Client:
    """The client if `user` may see them; NotFound otherwise (missing and forbidden look alike)."""
    client: Client = _one(Client.objects.filter(clients_visible_to(user)).select_related("agency", "dong"),
                          client_id, for_update=for_update, message=_("No such client."))
    audit.record_view(user, client, request=request)
    return client


def access_case_by_id(user: Any, case_id: int, *, for_update: bool = False,
                      request: HttpRequest | None = None) -> Case:
    case: Case = _one(Case.objects.filter(cases_visible_to(user)).select_related("client", "agency", "counsellor"),
                      case_id, for_update=for_update, message=_("No such case."))
    audit.record_view(user, case, request=request)
    return case


def access_consultation_by_id(user: Any, consultation_id: int, *, request: HttpRequest | None = None) -> Consultation:
    consultation: Consultation = _one(Consultation.objects.filter(consultations_visible_to(user)), consultation_id,
                                      for_update=False, message=_("No such consultation."))
    audit.record_view(user, consultation, request=request)
    return consultation


def access_referral_by_id(user: Any, referral_id: int, *, for_update: bool = False,
                          request: HttpRequest | None = None) -> Referral:
    referral: Referral = _one(
        Referral.objects.filter(referrals_visible_to(user)).select_related("case", "from_agency", "to_agency"),
        referral_id, for_update=for_update, message=_("No such referral."),
    )
    audit.record_view(user, referral, request=request)
    return referral


def owns_case(user: Any, case: Case) -> bool:
    return case.agency_id in casework_agency_ids(user)


def require_case_owner(user: Any, case: Case) -> None:
    """Only the responsible agency changes a case; a referred agency may read what was shared."""
    if not owns_case(user, case):
        raise PermissionDenied(_("Only the agency responsible for this case can change it."))


def require_client_owner(user: Any, client: Client) -> None:
    ids = casework_agency_ids(user)
    if client.agency_id not in ids and not client.cases.filter(agency_id__in=ids).exists():
        raise PermissionDenied(_("Only an agency responsible for this person can change their record."))
