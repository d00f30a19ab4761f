"""Screening the case registry: every client a staff member works with, and who is newly eligible per agency.

The last answer per client and benefit is kept (`RegistryScreeningResult`); a run lists the clients who are
eligible now and were not, or were not screened, at the run before. Running again with nothing changed
lists nobody. Only clients whose whole record the actor may read are screened: those registered by, or
with a case at, an agency where the actor does casework (`ondol.cases.access`); a client known only through
a referral shares chosen sections, which may not include the facts the rules read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.cases.access import casework_agency_ids, clients_visible_to, is_enforcement_viewer
from ondol.cases.models import Case, Client
from ondol.core import audit
from ondol.core.errors import NotFound, PermissionDenied
from ondol.core.models import Agency

from .engine import PROGRAMS, PROGRAMS_BY_KEY, Kind, Status
from .engine.batch import households_to_table, screen_table
from .engine.results import translated
from .models import RegistryScreeningResult
from .registry_inputs import registry_households
from .services import today

BENEFITS = tuple(p.key for p in PROGRAMS if p.kind == Kind.BENEFIT)
CHUNK = 5_000
WRITE_BATCH = 1_000


@dataclass
class NewlyEligibleClient:
    client: Client
    programs: list[str]
    eligible_since: dt.date | None


@dataclass
class AgencyList:
    agency: Agency
    clients: list[NewlyEligibleClient] = field(default_factory=list)


@dataclass
class RegistryRun:
    as_of: dt.date
    rules_version: str
    screened: int
    agencies: list[AgencyList]

    @property
    def newly_eligible(self) -> int:
        return len({c.client.pk for a in self.agencies for c in a.clients})


@dataclass
class _Scope:
    clients: QuerySet[Client]
    agencies: list[Agency]
    agencies_of: Callable[[Client], set[int]]


def _scope(actor: Any, agency_id: int | None) -> _Scope:
    """The clients the actor may screen (whole record readable) and, per client, the actor's agencies for them."""
    if is_enforcement_viewer(actor):
        raise PermissionDenied(_("Staff of an enforcement agency cannot screen the case registry."))
    ids = casework_agency_ids(actor)
    if not ids:
        raise PermissionDenied(_("Your role does not include casework."))
    if agency_id is not None:
        if agency_id not in ids:
            raise NotFound(_("No such agency."))
        ids = {agency_id}
    clients = Client.objects.filter(clients_visible_to(actor), merged_into__isnull=True).filter(
        Q(agency_id__in=ids) | Q(pk__in=Case.objects.filter(agency_id__in=ids).values("client_id")))
    by_case: dict[int, set[int]] = defaultdict(set)
    for client_id, case_agency in Case.objects.filter(client__in=clients, agency_id__in=ids).values_list(
            "client_id", "agency_id").distinct():
        by_case[client_id].add(case_agency)

    def agencies_of(client: Client) -> set[int]:
        return ({client.agency_id} & ids) | by_case.get(client.pk, set())

    return _Scope(clients, list(Agency.objects.filter(pk__in=ids).order_by("name", "pk")), agencies_of)


def _grouped(scope: _Scope, found: Iterable[NewlyEligibleClient]) -> list[AgencyList]:
    lists = {agency.pk: AgencyList(agency) for agency in scope.agencies}
    for item in found:
        for agency_id in sorted(scope.agencies_of(item.client)):
            lists[agency_id].clients.append(item)
    return list(lists.values())


def _audit(actor: Any, *, action: str, detail: str, listed: Iterable[NewlyEligibleClient]) -> None:
    ids = sorted({item.client.pk for item in listed})
    audit.record_event(actor, action=action, target_type="cases.client", detail=f"{detail}; listed ids={ids[:200]}")


@transaction.atomic
def screen_registry(actor: Any, *, agency_id: int | None = None, as_of: dt.date | None = None,
                    progress: Callable[[int, int], None] | None = None) -> RegistryRun:
    """Screen every client the actor works with and list, per agency, who became eligible since the last run.

    `progress(n, total)` is told after each chunk of n clients (the command's progress bar).
    """
    scope = _scope(actor, agency_id)
    day = as_of or today()
    pairs = list(registry_households(scope.clients, as_of=day))
    total = len(pairs)
    before = {(r.client_id, r.program): r
              for r in RegistryScreeningResult.objects.filter(client__in=scope.clients, program__in=BENEFITS)}
    rules_version = ""
    rows: list[RegistryScreeningResult] = []
    found: list[NewlyEligibleClient] = []
    if pairs:
        table = households_to_table([h for _c, h in pairs], ids=[str(c.pk) for c, _h in pairs])
        answer = screen_table(table, day, chunk_size=CHUNK, progress=(lambda n: progress(n, total)) if progress else None)
        rules_version = str(answer["rules_version"][0])[:80]
        now = timezone.now()
        for (client, _household), record in zip(pairs, answer.iter_rows(named=True), strict=True):
            new = []
            for key in BENEFITS:
                status = record[f"{key}.status"]
                last = before.get((client.pk, key))
                was_eligible = last is not None and last.status == Status.ELIGIBLE.value
                eligible = status == Status.ELIGIBLE.value
                since = None if not eligible else (last.eligible_since if was_eligible and last else None) or day
                if eligible and not was_eligible:
                    new.append(key)
                rows.append(RegistryScreeningResult(
                    client=client, program=key, status=status, screened_on=day, rules_version=rules_version,
                    eligible_since=since, newly_eligible=eligible and not was_eligible, screened_at=now))  # fmt: skip
            if new:
                found.append(NewlyEligibleClient(client, new, day))
        RegistryScreeningResult.objects.bulk_create(
            rows, batch_size=WRITE_BATCH, update_conflicts=True, unique_fields=["client", "program"],
            update_fields=["status", "screened_on", "rules_version", "eligible_since", "newly_eligible", "screened_at"],
        )
    _audit(actor, action="eligibility.screen_registry", listed=found,
           detail=f"{total} clients screened as of {day}, rules {rules_version or '-'}, agency {agency_id or 'all'}")
    return RegistryRun(as_of=day, rules_version=rules_version, screened=total, agencies=_grouped(scope, found))


def newly_eligible_for(actor: Any, *, agency_id: int | None = None) -> list[AgencyList]:
    """Who the last run found newly eligible, per agency of the actor (the staff page between runs)."""
    scope = _scope(actor, agency_id)
    results = (RegistryScreeningResult.objects.filter(client__in=scope.clients, newly_eligible=True)
               .select_related("client").order_by("client_id", "program"))  # fmt: skip
    per_client: dict[int, NewlyEligibleClient] = {}
    for result in results:
        item = per_client.setdefault(result.client_id, NewlyEligibleClient(result.client, [], result.eligible_since))
        item.programs.append(result.program)
        if result.eligible_since and (item.eligible_since is None or result.eligible_since < item.eligible_since):
            item.eligible_since = result.eligible_since
    found = list(per_client.values())
    for item in found:
        item.programs.sort(key=BENEFITS.index)  # in the order of the rules, as a run lists them
    _audit(actor, action="eligibility.list_newly_eligible", listed=found, detail=f"agency {agency_id or 'all'}")
    return _grouped(scope, found)


def agencies_as_data(lists: list[AgencyList]) -> list[dict[str, Any]]:
    """The per-agency lists as plain data in the active language (the API's body, the page's context)."""
    return [
        {
            "agency_id": item.agency.pk,
            "agency_name": item.agency.name,
            "clients": [
                {
                    "client_id": entry.client.pk,
                    "display_name": entry.client.display_name,
                    "eligible_since": entry.eligible_since,
                    "programs": [{"program": key, "title": translated(PROGRAMS_BY_KEY[key].title)}
                                 for key in entry.programs],
                }
                for entry in item.clients
            ],
        }
        for item in lists
    ]
