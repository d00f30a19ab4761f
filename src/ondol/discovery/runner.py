"""One discovery round end to end: read the feed, link, score, rank, write the outputs.

The outputs are written to a staging folder inside OUT and moved into place only when every step
has succeeded, so a failed run never leaves half a round behind.
"""

# ruff: noqa: S608 - SQL here is built from table names and catalogue codes of our own, never from feed values.
from __future__ import annotations

import csv
import importlib
import json
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from ondol.discovery.pipeline.catalogue import Catalogue, load_catalogue
from ondol.discovery.pipeline.engine import Engine, make_engine, sql_identifier
from ondol.discovery.pipeline.feeds import Feed, find_feed_file, load_feed
from ondol.discovery.pipeline.linking import LinkOptions, link_records
from ondol.discovery.pipeline.model import (
    ASSESSED_OUTCOMES,
    MAX_TRAINING_ROWS,
    MIN_TRAINING_ROWS,
    LearnedModel,
    feature_names,
    train,
)
from ondol.discovery.pipeline.rounds import round_start
from ondol.discovery.pipeline.scoring import features, record_points, score_households, strongest_per_indicator
from ondol.discovery.reasons import describe_reasons

STEPS = ("read", "link", "features", "train", "score", "write")
# The feed's tables stay in their Parquet files; only derived tables live in DuckDB, in memory (spilling
# to the work directory past the memory limit) unless the feed is larger than this: writing them to a
# database file made the national run a fifth slower (measured on tier L, docs/benchmarks.md).
DISK_TABLES_ABOVE_BYTES = 8_000_000_000
WORKLIST_COLUMNS = ("rank_in_dong", "household_id", "score", "registered_address", "actual_address",
                    "head_nationality", "members", "single_person", "reasons")


class RejectedRows(Exception):
    """`strict` was asked for and some rows were rejected."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__(counts)
        self.counts = counts


@dataclass
class RunOptions:
    feeds: Path
    round: str
    out: Path
    engine: str = "duckdb"
    per_dong: int | None = 20
    total: int | None = None
    catalogue: Path | None = None
    strict: bool = False
    language: str = "ko"
    link: LinkOptions = field(default_factory=LinkOptions)
    memory_limit: str | None = None
    use_model: bool = True
    # Records to add to the feed's indicators for this run only (field work's survey_risk and
    # neighbour_report rows, in the indicators schema); those whose record_id the feed has are skipped.
    extra_indicators: pa.Table | None = None


@dataclass
class RunSummary:
    round: str
    engine: str
    households: int = 0
    tables: dict[str, Any] = field(default_factory=dict)
    unknown_indicators: dict[str, int] = field(default_factory=dict)
    linking: dict[str, Any] = field(default_factory=dict)
    model: dict[str, Any] | None = None
    scored_with: str = "weighted"
    selected: int = 0
    dongs: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    fieldwork: dict[str, int] | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


StepCallback = Callable[[str], None]


class _Timer:
    def __init__(self, summary: RunSummary, on_step: StepCallback | None) -> None:
        self.summary, self.on_step = summary, on_step

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        if self.on_step:
            self.on_step(name)
        started = time.perf_counter()
        yield
        self.summary.seconds[name] = round(time.perf_counter() - started, 3)


def _training_table(engine: Engine, feed: Feed, *, links: str, catalogue: Catalogue, current: str) -> pa.Table:
    """Features as of each past round for the households visited then, with the need found."""
    outcomes = feed.tables["outcomes"]
    assessed = ", ".join(f"'{o}'" for o in ASSESSED_OUTCOMES)
    per_round = engine.fetch(f"""SELECT round, COUNT(*) AS n FROM {outcomes}
        WHERE round < '{current}' AND outcome IN ({assessed}) GROUP BY round ORDER BY round""").to_pylist()
    if sum(r["n"] for r in per_round) < MIN_TRAINING_ROWS:
        return pa.table({})  # too few visits to learn from: do not compute their features at all
    rounds = [r["round"] for r in per_round]
    parts = []
    for index, past in enumerate(rounds):
        visited = engine.view(f"train_visited_{index}", f"""SELECT h.* FROM {feed.tables['households']} AS h
            JOIN (SELECT DISTINCT household_id FROM {outcomes} WHERE round = '{past}'
                  AND outcome IN ({assessed})) AS o ON o.household_id = h.household_id""")
        as_of = round_start(past)
        points = record_points(engine, name=f"train_points_{index}", links=links,
                               indicators=feed.tables["indicators"], catalogue=catalogue, as_of=as_of,
                               households=visited)
        strongest = strongest_per_indicator(engine, name=f"train_strongest_{index}", points=points, keep=False)
        feats = features(engine, name=f"train_features_{index}", households=visited, strongest=strongest,
                         catalogue=catalogue, as_of=as_of, keep=False)
        parts.append(f"""SELECT f.*, o.need_confirmed FROM {feats} AS f JOIN (
            SELECT household_id, BOOL_OR(need_confirmed) AS need_confirmed FROM {outcomes}
            WHERE round = '{past}' AND outcome IN ({assessed}) GROUP BY household_id) AS o
            ON o.household_id = f.household_id""")
    if not parts:
        return pa.table({})
    columns = ", ".join(["household_id", "need_confirmed", *feature_names(catalogue.codes)])
    # At most MAX_TRAINING_ROWS visits, picked by a hash both engines compute alike (a larger sample
    # hardly changes 26 coefficients), in a fixed order: cross-validation folds follow it.
    return engine.fetch(f"""SELECT * FROM (
            SELECT {columns} FROM ({' UNION ALL '.join(parts)}) AS t
            ORDER BY md5(household_id), need_confirmed LIMIT {MAX_TRAINING_ROWS}) AS sample
        ORDER BY household_id, need_confirmed""")


def _write_worklists(selected: pa.Table, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    rows = sorted(selected.to_pylist(), key=lambda r: (r["dong_code"], r["rank_in_dong"]))
    by_dong: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_dong.setdefault(row["dong_code"], []).append(row)
    for dong, items in by_dong.items():
        with (folder / f"{dong}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(WORKLIST_COLUMNS)
            for item in items:
                writer.writerow([
                    item["rank_in_dong"], item["household_id"], f"{item['score']:.3f}",
                    item["registered_address"] or "", item["actual_address"] or "", item["head_nationality"],
                    item["members"], "yes" if item["single_person"] else "no", " ".join(item["reasons_text"]),
                ])
    return len(by_dong)


def _with_extra_indicators(engine: Engine, feeds: Path, extra: pa.Table, folder: Path) -> tuple[Path, dict[str, int]]:
    """A feed folder like `feeds` whose indicators also hold the records of `extra` that the feed does not
    have yet (by record_id), so records appended to the feed by hand as well are never counted twice.
    The feed itself is not changed; the other tables are linked, not copied."""
    counts = {"offered": extra.num_rows, "merged": 0, "already_in_feed": 0}
    source = find_feed_file(feeds, "indicators") if feeds.is_dir() else None
    if source is None or not extra.num_rows:
        return feeds, counts  # load_feed reports a missing table
    present = engine.read_file("feed_indicators_text", source, as_text=True)
    if "record_id" not in present:
        return feeds, counts  # load_feed reports the missing column
    text = extra.cast(pa.schema([(name, pa.string()) for name in extra.column_names]))
    engine.from_arrow("extra_indicators", text)
    engine.view("extra_indicators_new", """SELECT e.* FROM extra_indicators AS e
        LEFT JOIN (SELECT DISTINCT TRIM(record_id) AS known FROM feed_indicators_text) AS f
        ON f.known = TRIM(e.record_id) WHERE f.known IS NULL""")
    counts["merged"] = int(engine.scalar("SELECT COUNT(*) FROM extra_indicators_new") or 0)
    counts["already_in_feed"] = counts["offered"] - counts["merged"]
    if not counts["merged"]:
        return feeds, counts
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("households", "persons", "outcomes"):
        path = find_feed_file(feeds, name)
        if path is not None:
            (folder / path.name).symlink_to(path.resolve())
    columns = [*present, *(name for name in extra.column_names if name not in present)]

    def select(has: list[str]) -> str:
        return ", ".join(sql_identifier(c) if c in has else f"CAST(NULL AS VARCHAR) AS {sql_identifier(c)}"
                         for c in columns)

    engine.write_parquet(f"""SELECT {select(present)} FROM feed_indicators_text
        UNION ALL SELECT {select(extra.column_names)} FROM extra_indicators_new""",
                         folder / "indicators.parquet")
    return folder, counts


def _publishable(selected: pa.Table) -> list[dict[str, Any]]:
    return selected.to_pylist()


def _warm_imports(*, use_model: bool) -> None:
    """Import Splink and scikit-learn in the background while DuckDB reads the feed."""
    # Together they take seconds to import, a fifth of a small round; DuckDB releases the GIL while reading.
    modules = ["splink"] + (["sklearn.calibration", "sklearn.linear_model", "sklearn.metrics"] if use_model else [])
    threading.Thread(target=lambda: [importlib.import_module(m) for m in modules], name="ondol-warm-imports",
                     daemon=True).start()


def run(options: RunOptions, *, on_step: StepCallback | None = None,
        engine: Engine | None = None) -> tuple[RunSummary, list[dict[str, Any]]]:
    """Run one round; return the summary and the selected households (for publishing)."""
    _warm_imports(use_model=options.use_model)
    catalogue = load_catalogue(options.catalogue)
    as_of = round_start(options.round)
    summary = RunSummary(round=options.round, engine=options.engine)
    timer = _Timer(summary, on_step)
    options.out.mkdir(parents=True, exist_ok=True)
    staging = options.out / f".staging-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    own_engine = engine is None
    if engine is None:
        extra: dict[str, Any] = {}
        if options.engine == "duckdb":
            feed_bytes = sum(path.stat().st_size for path in options.feeds.glob("*.*") if path.is_file())
            extra["on_disk"] = feed_bytes > DISK_TABLES_ABOVE_BYTES
            if options.memory_limit:
                extra["memory_limit"] = options.memory_limit
        engine = make_engine(options.engine, workdir=staging / "work", **extra)
    try:
        with timer.step("read"):
            feeds = options.feeds
            if options.extra_indicators is not None:
                feeds, summary.fieldwork = _with_extra_indicators(engine, options.feeds, options.extra_indicators,
                                                                  staging / "feed")
            feed = load_feed(engine, feeds, as_of=as_of, catalogue=catalogue)
            summary.tables = {name: asdict(report) for name, report in feed.reports.items()}
            summary.unknown_indicators = feed.unknown_indicators
            rejected = {name: r.rejected for name, r in feed.reports.items() if r.rejected}
            if options.strict and rejected:
                raise RejectedRows(rejected)
        with timer.step("link"):
            links, link_report = link_records(engine, indicators=feed.tables["indicators"],
                                              persons=feed.tables["persons"],
                                              households=feed.tables["households"], options=options.link)
            summary.linking = asdict(link_report)
        with timer.step("features"):
            points = record_points(engine, name="points", links=links, indicators=feed.tables["indicators"],
                                   catalogue=catalogue, as_of=as_of)
            strongest = strongest_per_indicator(engine, name="strongest", points=points)
            feats = features(engine, name="features", households=feed.tables["households"], strongest=strongest,
                             catalogue=catalogue, as_of=as_of)
        model: LearnedModel | None = None
        with timer.step("train"):
            if feed.has_outcomes and options.use_model:
                model = train(_training_table(engine, feed, links=links, catalogue=catalogue,
                                              current=options.round), catalogue.codes)
            summary.model = model.as_dict() if model else None
            summary.scored_with = "learned" if model else "weighted"
        with timer.step("score"):
            scores = score_households(engine, name="scores", features_table=feats, strongest=strongest,
                                      catalogue=catalogue, model=model, per_dong=options.per_dong,
                                      total=options.total)
            summary.households = engine.scalar(f"SELECT COUNT(*) FROM {scores}") or 0
        with timer.step("write"):
            selected = engine.fetch(f"""SELECT s.*, h.registered_address, h.actual_address FROM {scores} AS s
                JOIN {feed.tables['households']} AS h ON h.household_id = s.household_id WHERE s.selected""")
            texts = [describe_reasons(r, language=options.language, catalogue=catalogue)
                     for r in selected.column("reasons").to_pylist()]
            selected = selected.append_column("reasons_text", pa.array(texts, pa.list_(pa.string())))
            engine.from_arrow("reason_texts", selected.select(["household_id", "reasons_text"]))
            engine.write_parquet(f"""SELECT s.household_id, s.dong_code, s.score, s.weighted_score, s.model_score,
                s.rank_in_dong, s.selected, s.reasons, t.reasons_text, s.head_nationality, s.single_person,
                s.members FROM {scores} AS s LEFT JOIN reason_texts AS t ON t.household_id = s.household_id""",
                                 staging / "scores.parquet")
            engine.write_parquet(f"SELECT * FROM {links}", staging / "links.parquet")
            for name, view in feed.rejected.items():
                if feed.reports[name].rejected:
                    engine.write_csv(f"SELECT * FROM {view}", staging / "rejected" / f"{name}.csv")
            summary.selected = selected.num_rows
            summary.dongs = _write_worklists(selected, staging / "worklists")
            (staging / "summary.json").write_text(json.dumps(summary.as_dict(), indent=2, default=str),
                                                  encoding="utf-8")
        if own_engine:
            engine.close()
            engine = None
        _promote(staging, options.out)
        summary.outputs = {name: str(options.out / name) for name in
                           ("scores.parquet", "links.parquet", "worklists", "summary.json")}
        (options.out / "summary.json").write_text(json.dumps(summary.as_dict(), indent=2, default=str),
                                                  encoding="utf-8")
        return summary, _publishable(selected)
    finally:
        if own_engine and engine is not None:
            engine.close()
        shutil.rmtree(staging, ignore_errors=True)


def _promote(staging: Path, out: Path) -> None:
    """Replace the previous outputs in `out` by the staged ones (work files stay behind)."""
    for name in ("scores.parquet", "links.parquet", "summary.json", "worklists", "rejected"):
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        source = staging / name
        if source.exists():
            shutil.move(str(source), str(target))
