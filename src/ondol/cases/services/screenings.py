"""Keep an eligibility screening with a client's record (the wizard's "save to my case")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from ondol.cases.access import require_client_owner
from ondol.cases.models import Client, Screening
from ondol.core import audit
from ondol.eligibility.services import screen_household


@transaction.atomic
def do_save_screening(
    actor: Any, *, client: Client, household: Mapping[str, Any], as_of: dt.date | None = None
) -> Screening:
    """Screen the household again under today's rules and keep the facts and the answer with the client."""
    require_client_owner(actor, client)
    answer = screen_household(actor, household=household, as_of=as_of, lang="en")
    benefits = [p for p in answer["programs"] if p["kind"] == "benefit"]
    screening = Screening.objects.create(
        client=client,
        as_of=answer["as_of"],
        rules_version=str(answer["rules_version"])[:80],
        household=dict(household),
        eligible_programs=[p["program"] for p in benefits if p["status"] == "eligible"],
        check_programs=[p["program"] for p in benefits if p["status"] == "check_with_office"],
        created_by=actor,
    )
    audit.record_change(actor, screening, action="create", detail=f"client {client.pk}")
    return screening
