"""Benchmark of the discovery pipeline: end-to-end time and memory per tier, linkage and ranking quality.

    .venv/bin/python bench/discovery.py [--tiers S,M] [--workdir /tmp/ondol-bench-discovery] [--engine duckdb]

Tiers (households / indicator records): S 50,000 / 25,000; M 2,000,000 / 1,000,000;
L 24,000,000 / 10,000,000. For each tier it generates a synthetic feed once (Parquet, kept in the
work directory; the time is reported but is not part of the pipeline's), then runs
`ondol discover run` in a child process (wall time and the child's peak memory), measures the
share of id-less records linked to the right household (and, for S, the plain Splink set-up that
blocks on the exact birth date), the ROC-AUC of the scores against the hidden need, and times the
pipeline's weighted scoring against a plain hand-written DuckDB query that computes the same
score. Prints a table and writes bench/results/discovery.json.
"""

# ruff: noqa: S608 - SQL here is built from table names and catalogue codes of our own, never from feed values.
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ondol.settings")
RESULTS_FILE = ROOT / "bench" / "results" / "discovery.json"
ROUND = "2025-05"
TIERS = {  # households, indicator records per household, DuckDB memory limit for the run
    "S": (50_000, 0.5, "4GB"),
    "M": (2_000_000, 0.5, "5GB"),
    "L": (24_000_000, 10 / 24, "14GB"),
}
GOALS = {"S": (20, None), "M": (120, 6), "L": (600, 16)}  # seconds, GB

CHILD = """
import json, logging, sys, time
import django
django.setup()
from pathlib import Path
from ondol.discovery.runner import RunOptions, run
logging.getLogger("ondol.discovery").setLevel(logging.INFO)
started = time.perf_counter()
def step(name):
    print(f"{time.perf_counter() - started:8.1f}s step {name}", file=sys.stderr, flush=True)
summary, _selected = run(RunOptions(feeds=Path(sys.argv[1]), round=sys.argv[2], out=Path(sys.argv[3]),
                                    engine=sys.argv[4], memory_limit=sys.argv[5] or None, per_dong=20),
                         on_step=step)
data = summary.as_dict()
data["wall_inside"] = time.perf_counter() - started
print("RESULT" + json.dumps(data, default=str))
"""


def synth(folder: Path, households: int, rate: float, memory: str) -> dict[str, Any]:
    from ondol.discovery.pipeline.synth import SynthOptions, generate

    info_file = folder / "truth" / "synth.json"
    if info_file.exists():
        info = json.loads(info_file.read_text())
        if info.get("households") == households and info.get("indicator_rate") == rate:
            return {**info, "seconds": info.get("seconds"), "reused": True}
    started = time.perf_counter()
    info = generate(folder, SynthOptions(households=households, seed=1, round=ROUND, indicator_rate=rate,
                                         memory_limit=memory, workdir=folder.parent / f"{folder.name}-spill"))
    info["seconds"] = round(time.perf_counter() - started, 1)
    info["indicator_rate"] = rate
    info_file.write_text(json.dumps(info, indent=2))
    return {**info, "reused": False}


def run_child(feed: Path, out: Path, engine: str, memory: str) -> dict[str, Any]:
    """Run the pipeline in a child process; its wall time and peak resident memory (ru_maxrss of the child)."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with (out / "bench-stderr.txt").open("w+", encoding="utf-8") as errors:
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(feed), ROUND, str(out), engine, memory],
                                stdout=subprocess.PIPE, stderr=errors, text=True, cwd=ROOT)
        assert proc.stdout is not None
        stdout = proc.stdout.read()
        # wait4 (not communicate) so that we get this child's own resource usage.
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        errors.seek(0)
        error_text = errors.read()
    peak = round(usage.ru_maxrss / 1024 / 1024, 2)  # Linux reports kilobytes
    if proc.returncode != 0:
        return {"ok": False, "error": error_text.strip().splitlines()[-8:], "seconds": round(wall, 1),
                "peak_memory_gb": peak}
    line = next(line for line in stdout.splitlines() if line.startswith("RESULT"))
    return {"ok": True, "seconds": round(wall, 1), "peak_memory_gb": peak,
            "summary": json.loads(line[len("RESULT"):])}


def link_quality(feed: Path, out: Path) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect()
    row = con.sql(f"""
        SELECT COUNT(*) AS n,
               SUM(CASE WHEN l.household_id = t.household_id THEN 1 ELSE 0 END) AS correct,
               SUM(CASE WHEN l.household_id IS NOT NULL AND l.household_id <> t.household_id THEN 1 ELSE 0 END) AS wrong
        FROM read_parquet('{feed}/truth/links.parquet') AS t
        LEFT JOIN read_parquet('{out}/links.parquet') AS l ON l.record_id = t.record_id
        WHERE t.without_ids""").fetchall()[0]
    n, correct, wrong = int(row[0]), int(row[1] or 0), int(row[2] or 0)
    return {"records": n, "correct": round(correct / n, 4), "wrong": round(wrong / n, 5)}


def baseline_quality(feed: Path) -> dict[str, Any]:
    from ondol.discovery.pipeline.catalogue import load_catalogue
    from ondol.discovery.pipeline.engine import DuckDBEngine
    from ondol.discovery.pipeline.feeds import load_feed
    from ondol.discovery.pipeline.linking import LinkOptions, link_records
    from ondol.discovery.pipeline.linking import link_quality as quality
    from ondol.discovery.pipeline.rounds import round_start

    engine = DuckDBEngine()
    loaded = load_feed(engine, feed, as_of=round_start(ROUND), catalogue=load_catalogue())
    links, _ = link_records(engine, indicators=loaded.tables["indicators"], persons=loaded.tables["persons"],
                            households=loaded.tables["households"], options=LinkOptions(baseline=True))
    engine.read_file("truth", feed / "truth" / "links.parquet", as_text=False)
    engine.view("without_ids", "SELECT record_id FROM truth WHERE without_ids")
    result = quality(engine, links=links, truth="truth", records="without_ids")
    engine.close()
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}


def ranking_quality(feed: Path, out: Path) -> dict[str, Any]:
    from ondol.discovery.pipeline.evaluate import evaluate, load

    result = evaluate(load(out / "scores.parquet", feed / "truth" / "outcomes.parquet"))
    overall = result["overall"]
    return {"roc_auc": round(overall["roc_auc"], 4), "pr_auc": round(overall["pr_auc"], 4),
            "precision_at_k": round(overall["precision_at_k"], 4), "k": result["k"],
            "fairness_flag": result["fairness"]["flag"], "fairness_ratios": result["fairness"]["ratios"]}


def scoring_ratio(feed: Path, out: Path, memory: str) -> dict[str, Any]:
    """The pipeline's weighted scoring vs a hand-written DuckDB query for the same score, on the same links."""
    from ondol.discovery.pipeline.catalogue import load_catalogue
    from ondol.discovery.pipeline.engine import DuckDBEngine
    from ondol.discovery.pipeline.rounds import round_start
    from ondol.discovery.pipeline.scoring import (
        features,
        record_points,
        score_households,
        strongest_per_indicator,
    )

    catalogue = load_catalogue()
    as_of = round_start(ROUND)
    engine = DuckDBEngine(memory_limit=memory)
    con = engine.con
    con.execute(f"CREATE TABLE links AS SELECT * FROM read_parquet('{out}/links.parquet')")
    con.execute(f"""CREATE TABLE indicators AS SELECT record_id, indicator, CAST(observed_on AS DATE) AS observed_on,
        CAST(months AS INTEGER) AS months, CAST(amount_krw AS BIGINT) AS amount_krw
        FROM read_parquet('{feed}/indicators.parquet')""")
    con.execute(f"""CREATE TABLE households AS SELECT household_id, dong_code, head_nationality, single_person,
        members, registered_address, actual_address, head_birth_year FROM read_parquet('{feed}/households.parquet')""")
    started = time.perf_counter()
    points = record_points(engine, name="points", links="links", indicators="indicators", catalogue=catalogue,
                           as_of=as_of)
    strongest = strongest_per_indicator(engine, name="strongest", points=points)
    feats = features(engine, name="features", households="households", strongest=strongest, catalogue=catalogue,
                     as_of=as_of)
    scores = score_households(engine, name="scores", features_table=feats, strongest=strongest,
                              catalogue=catalogue, model=None, per_dong=20, total=None)
    con.execute(f"CREATE TABLE pipeline_selected AS SELECT household_id, score FROM {scores} WHERE selected")
    pipeline_seconds = time.perf_counter() - started
    weights = " ".join(f"WHEN '{c}' THEN {i.weight}" for c, i in catalogue.indicators.items())
    cap = catalogue.amount_cap_krw
    started = time.perf_counter()
    con.execute(f"""CREATE TABLE plain_selected AS
        WITH p AS (
            SELECT l.household_id, i.indicator,
                   MAX((CASE i.indicator {weights} END)
                       * POWER(0.5, DATE_DIFF('day', i.observed_on, DATE '{as_of}') / {catalogue.half_life_days})
                       * (1 + 0.5 * LEAST(COALESCE(i.months, 0), 12) / 12.0
                            + 0.5 * LEAST(COALESCE(i.amount_krw, 0), {cap}) / {cap})) AS points
            FROM links AS l JOIN indicators AS i USING (record_id)
            WHERE i.observed_on <= DATE '{as_of}' AND i.observed_on > DATE '{as_of}' - {catalogue.lookback_days}
            GROUP BY ALL),
        s AS (SELECT household_id, ROUND(1 - EXP(-SUM(points) / {catalogue.score_scale}), 6) AS score
              FROM p GROUP BY household_id)
        SELECT h.household_id, s.score FROM households AS h JOIN s USING (household_id)
        QUALIFY ROW_NUMBER() OVER (PARTITION BY h.dong_code ORDER BY s.score DESC, h.household_id) <= 20""")
    plain_seconds = time.perf_counter() - started
    same = con.sql("""SELECT COUNT(*) FROM (SELECT household_id FROM pipeline_selected
                      EXCEPT SELECT household_id FROM plain_selected)""").fetchall()[0][0]
    engine.close()
    return {"pipeline_seconds": round(pipeline_seconds, 2), "plain_query_seconds": round(plain_seconds, 2),
            "ratio": round(pipeline_seconds / plain_seconds, 2) if plain_seconds else None,
            "selections_differ_by": int(same)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiers", default="S,M")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/ondol-bench-discovery"))
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    args = parser.parse_args()
    import django

    django.setup()
    previous = json.loads(RESULTS_FILE.read_text()) if RESULTS_FILE.exists() else {}
    results: dict[str, Any] = previous.get("tiers", {})
    for tier in [t.strip().upper() for t in args.tiers.split(",") if t.strip()]:
        households, rate, memory = TIERS[tier]
        feed = args.workdir / f"feed-{tier}"
        out = args.workdir / f"out-{tier}-{args.engine}"
        print(f"[{tier}] generating or reusing the synthetic feed ...", flush=True)
        made = synth(feed, households, rate, memory)
        print(f"[{tier}] running the pipeline on {args.engine} ...", flush=True)
        outcome = run_child(feed, out, args.engine, memory if args.engine == "duckdb" else "")
        entry: dict[str, Any] = {"households": households, "indicator_records": made.get("indicators"),
                                 "persons": made.get("persons"), "synth_seconds": made.get("seconds"),
                                 "engine": args.engine, "run": outcome, "peak_memory_gb": outcome["peak_memory_gb"],
                                 "goal_seconds": GOALS[tier][0], "goal_memory_gb": GOALS[tier][1]}
        if outcome["ok"]:
            entry["steps"] = outcome["summary"]["seconds"]
            entry["linkage"] = link_quality(feed, out)
            entry["ranking"] = ranking_quality(feed, out)
            entry["scoring_vs_plain_query"] = scoring_ratio(feed, out, memory)
            if tier == "S":
                entry["linkage_baseline"] = baseline_quality(feed)
        results[tier] = entry
        print(json.dumps(entry, indent=2, default=str), flush=True)
    report = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "platform": platform.platform()}, "tiers": results}
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    print_table(results)


def print_table(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Discovery pipeline")
    for column in ("tier", "households", "records", "run s (goal)", "peak GB (goal)", "linked right / wrong",
                   "baseline right", "ROC-AUC", "scoring / plain query"):
        table.add_column(column)
    for tier, e in results.items():
        run = e["run"]
        linkage, base = e.get("linkage", {}), e.get("linkage_baseline", {})
        ratio = e.get("scoring_vs_plain_query", {})
        table.add_row(
            tier, f"{e['households']:,}", f"{e.get('indicator_records') or 0:,}",
            f"{run['seconds']} ({e['goal_seconds']})" + ("" if run["ok"] else " FAILED"),
            f"{e['peak_memory_gb']} ({e['goal_memory_gb'] or '-'})",
            f"{linkage.get('correct', '-')} / {linkage.get('wrong', '-')}", str(base.get("correct", "-")),
            str(e.get("ranking", {}).get("roc_auc", "-")), f"{ratio.get('ratio', '-')}×")
    Console().print(table)


if __name__ == "__main__":
    main()
