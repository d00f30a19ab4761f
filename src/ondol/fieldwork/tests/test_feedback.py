"""Visit outcomes flow back: `ondol fieldwork export-outcomes` writes the feed's outcomes table, and the next
`ondol discover run` loads them and learns from them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from ondol.fieldwork.models import Outcome, WorkItem
from ondol.fieldwork.services import do_record_need, do_record_outcome
from ondol.fieldwork.services.rounds import sync_published_rounds

pytestmark = pytest.mark.django_db


def _run(feed: Path, out: Path, round: str, *extra: str) -> dict:
    buffer = io.StringIO()
    call_command("discover", "run", "--feeds", str(feed), "--round", round, "--out", str(out), "--json", *extra,
                 stdout=buffer)
    return json.loads(buffer.getvalue())


def test_outcomes_recorded_in_the_field_are_consumed_by_the_next_discovery_run(tmp_path, centres, dong_official):
    feed = tmp_path / "feed"
    call_command("discover", "synth", "--households", "1500", "--seed", "7", "--out", str(feed), "--round",
                 "2026-05", stdout=io.StringIO())
    _run(feed, tmp_path / "may", "2026-05", "--per-dong", "12", "--publish")
    assert sync_published_rounds(None) > 0
    baseline = _run(feed, tmp_path / "july-before", "2026-07")
    before = pq.read_table(feed / "outcomes.parquet").num_rows

    items = list(WorkItem.objects.filter(round="2026-05").order_by("id"))
    for index, item in enumerate(items):
        if index % 3 == 0:
            do_record_need(dong_official, item=item, need_confirmed=True, programs=["livelihood-benefit"],
                           resources=[])
            do_record_outcome(dong_official, item=item, outcome=Outcome.PUBLIC_SUPPORT)
        elif index % 3 == 1:
            do_record_outcome(dong_official, item=item, outcome=Outcome.NO_NEED)
        else:
            do_record_outcome(dong_official, item=item, outcome=Outcome.UNREACHABLE)
    call_command("fieldwork", "export-outcomes", "--out", str(feed / "outcomes.parquet"), stdout=io.StringIO())

    exported = pq.read_table(feed / "outcomes.parquet")
    ours = [row for row in exported.to_pylist() if row["round"] == "2026-05"]
    assert exported.num_rows == before + len(items) and len(ours) == len(items)
    assert {row["outcome"] for row in ours} == {"public_support", "no_need", "unreachable"}

    after = _run(feed, tmp_path / "july-after", "2026-07")
    assert after["tables"]["outcomes"]["loaded"] == before + len(items)
    assessed = sum(1 for row in ours if row["outcome"] != "unreachable")
    assert after["model"]["training_rows"] == baseline["model"]["training_rows"] + assessed


def test_exporting_twice_does_not_count_a_visit_twice(tmp_path, dong_official, make_item):
    item = make_item()
    do_record_outcome(dong_official, item=item, outcome=Outcome.NO_NEED)
    out = tmp_path / "outcomes.parquet"
    call_command("fieldwork", "export-outcomes", "--out", str(out), stdout=io.StringIO())
    call_command("fieldwork", "export-outcomes", "--out", str(out), stdout=io.StringIO())
    assert pq.read_table(out).to_pylist() == [
        {"household_id": item.household_id, "round": item.round, "outcome": "no_need", "need_confirmed": False}]
