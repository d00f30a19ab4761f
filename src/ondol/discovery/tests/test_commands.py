from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

from ondol.discovery.models import DiscoveryItem, DiscoveryRound
from ondol.discovery.tests.conftest import ROUND
from ondol.discovery.tests.feedmaker import household, person, record, write_feed


def _call(*args: str, language: str = "en") -> str:
    out = StringIO()
    with translation.override(language):
        call_command("discover", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_synth_writes_a_feed_with_its_hidden_truth(tmp_path):
    info = json.loads(_call("synth", "--households", "300", "--seed", "4", "--out", str(tmp_path), "--json"))
    assert info["households"] == 300
    for name in ("households", "persons", "indicators", "outcomes"):
        assert (tmp_path / f"{name}.parquet").exists()
    assert pq.read_table(tmp_path / "truth" / "outcomes.parquet").num_rows == 300


@pytest.fixture(scope="module")
def a_run(synthetic_feed: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("run")
    summary = json.loads(_call("run", "--feeds", str(synthetic_feed), "--round", ROUND, "--out", str(out),
                               "--per-dong", "5", "--json"))
    return out, summary


def test_run_scores_every_household_and_writes_worklists_per_dong(a_run):
    tmp_path, summary = a_run
    scores = pq.read_table(tmp_path / "scores.parquet").to_pylist()
    assert len(scores) == summary["households"] == 2500
    assert all(0.0 <= row["score"] <= 1.0 for row in scores)
    selected = [row for row in scores if row["selected"]]
    assert len(selected) == summary["selected"] == 5 * summary["dongs"]
    assert all(row["reasons_text"] for row in selected)
    links = pq.read_table(tmp_path / "links.parquet")
    assert set(links.column("method").to_pylist()) == {"id", "probabilistic"}
    assert summary["scored_with"] == "learned"
    worklists = sorted((tmp_path / "worklists").glob("*.csv"))
    assert len(worklists) == summary["dongs"]
    with worklists[0].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(row["rank_in_dong"]) for row in rows] == [1, 2, 3, 4, 5]


def test_the_learned_model_ranks_need_clearly_better_than_chance_but_not_impossibly_well(synthetic_feed, a_run):
    tmp_path, _summary = a_run
    result = json.loads(_call("evaluate", "--scores", str(tmp_path / "scores.parquet"), "--outcomes",
                              str(synthetic_feed / "truth" / "outcomes.parquet"), "--json"))
    assert 0.65 <= result["overall"]["roc_auc"] <= 0.85
    assert result["overall"]["precision_at_k"] > 0.3
    assert {"korean", "foreign", "single_person"} <= set(result["groups"])
    assert all(Path(chart).exists() for chart in result["charts"])


def test_a_strict_run_over_a_feed_with_bad_rows_writes_nothing(tmp_path):
    feed = write_feed(tmp_path / "feed", households=[household("H1")],
                      persons=[person("P1", "H1", "홍길동", "1950-13-01")],
                      indicators=[record("R1", "job_loss", "2025-04-01", person_id="P1")])
    with pytest.raises(CommandError, match="--strict"):
        _call("run", "--feeds", str(feed), "--round", ROUND, "--out", str(tmp_path / "out"), "--strict")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_feed_without_households_is_refused_with_a_plain_message(tmp_path):
    with pytest.raises(CommandError, match="no households table"):
        _call("run", "--feeds", str(tmp_path), "--round", ROUND, "--out", str(tmp_path / "out"))


def test_messages_come_in_the_language_of_the_reader(tmp_path):
    with pytest.raises(CommandError, match="households 표"):
        _call("run", "--feeds", str(tmp_path), "--round", ROUND, "--out", str(tmp_path / "out"), language="ko")


@pytest.mark.django_db
def test_publishing_loads_the_selected_households_for_field_work_once(synthetic_feed, tmp_path):
    get_user_model().objects.create_user(username="planner", password="a long enough password")
    _call("run", "--feeds", str(synthetic_feed), "--round", ROUND, "--out", str(tmp_path), "--per-dong", "3",
          "--no-model", "--publish", "--user", "planner")
    published = DiscoveryRound.objects.get(name=ROUND)
    assert published.created_by.username == "planner"
    items = DiscoveryItem.objects.filter(round=published)
    assert items.count() == 3 * len({item.dong_code for item in items})
    first = items.order_by("dong_code", "rank_in_dong").first()
    assert first.rank_in_dong == 1 and first.reasons and first.reasons[0]["indicator"]
    with pytest.raises(CommandError, match="already been published"):
        _call("run", "--feeds", str(synthetic_feed), "--round", ROUND, "--out", str(tmp_path), "--per-dong", "3",
              "--no-model", "--publish")
