"""What the field learns flows back: `ondol fieldwork export-outcomes` writes the feed's outcomes table, and the
next `ondol discover run` learns from them; survey risks and neighbour reports join its indicators by themselves."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pyarrow as pa
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


def test_survey_risks_and_neighbour_reports_reach_the_next_discovery_run_by_themselves(tmp_path, centres,
                                                                                      dong_official):
    from ondol.fieldwork.services import do_update_household
    from ondol.fieldwork.services.reports import do_file_report
    from ondol.fieldwork.services.surveys import do_import_survey, do_record_survey
    from ondol.fieldwork.surveys.make_single_person_survey import OUTPUT

    feed = tmp_path / "feed"
    call_command("discover", "synth", "--households", "600", "--seed", "11", "--out", str(feed), "--round",
                 "2026-05", stdout=io.StringIO())
    _run(feed, tmp_path / "may", "2026-05", "--per-dong", "12", "--publish")
    sync_published_rounds(None)
    item = WorkItem.objects.filter(round="2026-05").order_by("id").first()
    survey = do_import_survey(None, path=OUTPUT)
    response = do_record_survey(dong_official, item=item, form=survey, language="ko", answers={
        "meals": "1", "skipped_meals": "yes", "health": "fair", "social_contact": "rarely", "emergency_contact": "no"})
    assert response.risks

    # A neighbour worries about someone the data did not flag; the visit finds out who lives there.
    households = {row["household_id"]: row for row in pq.read_table(feed / "households.parquet").to_pylist()}
    flagged = set(WorkItem.objects.values_list("household_id", flat=True))
    person = next(p for p in pq.read_table(feed / "persons.parquet").to_pylist()
                  if p["nationality"] == "KR" and households[p["household_id"]]["single_person"]
                  and p["household_id"] not in flagged)
    home = households[person["household_id"]]
    report = do_file_report(None, channel="web", address=home["registered_address"], concerns=["not_seen"],
                            description="The post has been piling up for weeks.", language="ko")
    reported = report.items.get()
    do_update_household(dong_official, item=reported, language="ko", nationality="KR", phone="",
                        actual_address=home["registered_address"], head_name=person["name"],
                        head_birth_date=dt.date.fromisoformat(str(person["birth_date"])[:10]))
    indicators_before = pq.read_table(feed / "indicators.parquet").num_rows
    baseline = _run(feed, tmp_path / "feed-only", "2027-01", "--without-fieldwork")
    assert baseline["fieldwork"] is None

    first = _run(feed, tmp_path / "next", "2027-01")
    assert first["fieldwork"] == {"offered": 2, "merged": 2, "already_in_feed": 0}
    assert first["tables"]["indicators"]["loaded"] == baseline["tables"]["indicators"]["loaded"] + 2
    links = {row["record_id"]: row for row in pq.read_table(tmp_path / "next" / "links.parquet").to_pylist()}
    assert links[f"fieldwork-survey-{response.pk}"]["household_id"] == item.household_id
    assert links[f"fieldwork-report-{report.pk}"]["household_id"] == person["household_id"]
    assert pq.read_table(feed / "indicators.parquet").num_rows == indicators_before  # the feed is left as it was

    # Run again, and once more after someone also appended the export by hand: never counted twice.
    second = _run(feed, tmp_path / "again", "2027-01")
    assert second["tables"]["indicators"] == first["tables"]["indicators"]
    call_command("fieldwork", "export-indicators", "--out", str(tmp_path / "ours.parquet"), stdout=io.StringIO())
    original = pq.read_table(feed / "indicators.parquet")
    ours = pq.read_table(tmp_path / "ours.parquet").select(original.column_names).cast(original.schema)
    pq.write_table(pa.concat_tables([original, ours]), feed / "indicators.parquet")
    third = _run(feed, tmp_path / "third", "2027-01")
    assert third["fieldwork"] == {"offered": 2, "merged": 0, "already_in_feed": 2}
    assert third["tables"]["indicators"]["loaded"] == first["tables"]["indicators"]["loaded"]


def test_a_run_that_asks_for_field_work_stops_when_the_database_cannot_be_read(tmp_path, monkeypatch):
    from django.core.management.base import CommandError
    from django.db import OperationalError

    from ondol.fieldwork.services import feedback

    def broken(**_kwargs: object) -> list:
        raise OperationalError("no such table: fieldwork_surveyresponse")

    monkeypatch.setattr(feedback, "indicator_rows", broken)
    feed = tmp_path / "feed"
    call_command("discover", "synth", "--households", "200", "--seed", "3", "--out", str(feed), stdout=io.StringIO())
    with pytest.raises(CommandError, match="no such table: fieldwork_surveyresponse"):
        _run(feed, tmp_path / "out", "2026-01", "--with-fieldwork")
    assert _run(feed, tmp_path / "out", "2026-01")["fieldwork"] is None  # by default: the feed alone
