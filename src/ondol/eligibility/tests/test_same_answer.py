"""The API, the wizard and the batch command give the same answer for the same household."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import pytest
from django.core.management import call_command
from django.utils import timezone

from ondol.eligibility.engine import PROGRAMS
from ondol.eligibility.engine.batch import households_to_table
from ondol.eligibility.services import screen_clients
from ondol.eligibility.wizard import WizardState

# A marriage migrant mother, her Korean husband and baby, and the answers the wizard would collect.
WIZARD_ANSWERS = {
    "composed": "1", "spouse": "yes", "children": "1", "parents": "0", "others": "0",
    "a:applicant:korean_national": "no", "a:applicant:residence_status": "F-6", "a:applicant:registered": "yes",
    "a:applicant:married_to_korean": "yes", "a:applicant:birth_date": "1994-04-04", "a:applicant:employed": "no",
    "a:applicant:insured": "yes", "a:applicant:entry_date": "2023-02-01", "a:applicant:moved_in_on": "2026-03-20",
    "a:spouse:korean_national": "yes", "a:spouse:birth_date": "1988-08-08", "a:spouse:employed": "yes",
    "a:child1:korean_national": "yes", "a:child1:birth_date": "2025-12-01",
    "h:monthly_income_krw": "1000000", "h:assets_krw": "20000000", "h:region_dong_code": "26110",
}  # fmt: skip


def summary(programs: list[dict[str, Any]]) -> dict[str, tuple[str, Any]]:
    return {p["program"]: (p["status"], p["amount_krw"]) for p in programs}


@pytest.mark.django_db
def test_api_wizard_and_batch_agree_on_the_same_household(client: Any, tmp_path: Any, settings: Any) -> None:
    household = WizardState.from_post(WIZARD_ANSWERS).household()
    today = timezone.localdate()

    wizard = client.post("/en/eligibility/", WIZARD_ANSWERS).context["view"]
    api = client.post("/api/v1/eligibility/screen", {"household": household, "lang": "en"},
                      content_type="application/json").json()  # fmt: skip

    source, target = tmp_path / "in.parquet", tmp_path / "out.parquet"
    households_to_table([household]).write_parquet(source)
    call_command("eligibility", "screen", "--input", str(source), "--output", str(target), "--as-of", today.isoformat())
    row = pl.read_parquet(target).row(0, named=True)
    batch = {p.key: (row[f"{p.key}.status"], row.get(f"{p.key}.amount_krw")) for p in PROGRAMS}

    assert summary(wizard["programs"]) == summary(api["programs"]) == batch
    assert summary(api["programs"])["livelihood-benefit"] == ("eligible", 714892)
    api_due = {d["obligation"]: date.fromisoformat(d["legal_due"]) for d in api["deadlines"]}
    assert {d["obligation"]: d["legal_due"] for d in wizard["deadlines"]} == api_due
    assert row["residence-change-report.legal_due"] == api_due["residence-change-report"]


@pytest.mark.django_db
def test_screening_the_registry_lists_newly_eligible_clients_per_agency(counsellor: Any) -> None:
    household = WizardState.from_post(WIZARD_ANSWERS).household()
    clients = [
        {"client_id": 1, "agency_id": 7, "household": household, "eligible_before": []},
        {"client_id": 2, "agency_id": 7, "household": household, "eligible_before": ["livelihood-benefit", "child-allowance",
                                                                                      "parent-benefit", "first-meeting-voucher",
                                                                                      "nhi-local", "kiip",
                                                                                      "multicultural-family-visiting"]},
        {"client_id": 3, "agency_id": 9, "household": {"members": [{"id": "a", "role": "applicant"}]}},
    ]  # fmt: skip
    run = screen_clients(counsellor, clients=clients, as_of=date(2026, 4, 1))
    assert run.screened == 3
    assert [c.client_id for c in run.by_agency["7"]] == ["1"]
    assert "livelihood-benefit" in run.by_agency["7"][0].programs
    assert "9" not in run.by_agency
    assert run.statuses["3"]["livelihood-benefit"] == "needs_information"

    from ondol.core.models import AuditEntry

    assert AuditEntry.objects.filter(action="eligibility.screen_registry").exists()


@pytest.mark.django_db
def test_the_batch_command_refuses_a_missing_file(tmp_path: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No such file"):
        call_command("eligibility", "screen", "--input", str(tmp_path / "nope.parquet"), "--output", str(tmp_path / "o"))
