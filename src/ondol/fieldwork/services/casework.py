"""The `case_management` outcome: open a case in the cases module through its own services."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ondol.cases.access import access_client_by_id
from ondol.cases.models import CaseSource, RiskLevel
from ondol.cases.services import do_open_case, do_register_client
from ondol.core.errors import Conflict, InvalidInput
from ondol.fieldwork.models import Outcome, Source, WorkItem
from ondol.fieldwork.services.worklists import do_record_outcome

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _name_fields(name: str) -> dict[str, Any]:
    name = name.strip()
    return {"name_hangul": name} if _HANGUL.search(name) else {"name_latin": name}


@transaction.atomic
def do_open_case_for_item(actor: Any, *, item: WorkItem, name: str, title: str, summary: str = "",
                          risk_level: str = RiskLevel.MEDIUM, client_id: int | None = None,
                          duplicates_checked: bool = False, need_confirmed: bool = True, note: str = "") -> Any:
    """Register the person (or take the existing client the worker chose), open the case and close the item
    with `case_management`. Raises the cases module's PossibleDuplicates so the worker can choose."""
    if item.case_id is not None:
        raise Conflict(_("A case is already open for this household."))
    if client_id is not None:
        client = access_client_by_id(actor, client_id)
    else:
        if not name.strip():
            raise InvalidInput(fields={"name": _("Write the person's name.")})
        client = do_register_client(
            actor, duplicates_checked=duplicates_checked, nationality=item.nationality,
            preferred_language=item.language or "ko", address=item.actual_address or item.registered_address,
            dong=item.dong, phone=item.phone, **_name_fields(name),
        )
    source = CaseSource.NEIGHBOUR if item.source == Source.NEIGHBOUR_REPORT else CaseSource.DISCOVERY
    reference = f"fieldwork:{item.round}:{item.household_id or item.pk}"
    case = do_open_case(actor, client=client, title=title, source=source, source_reference=reference,
                        summary=summary, risk_level=risk_level)
    do_record_outcome(actor, item=item, outcome=Outcome.CASE_MANAGEMENT, need_confirmed=need_confirmed,
                      note=note or summary, case=case)
    return case
