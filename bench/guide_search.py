"""Benchmark of the guide search: accuracy per language, latency, memory and start-up time.

    .venv/bin/python bench/guide_search.py [--queries 1000] [--keyword-only]

Uses its own SQLite database under bench/work/ (loaded from the content files; the article vectors come
from the shared cache under var/, so only the first run computes them). Prints a table and writes
bench/results/guide_search.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL_FILE = ROOT / "bench" / "data" / "guide_eval.yaml"
RESULTS_FILE = ROOT / "bench" / "results" / "guide_search.json"
DB_FILE = ROOT / "bench" / "work" / "guide-bench.sqlite3"
WARM_UP = ["외국인등록증 분실", "外国人登录证丢了", "toi bi mat the cu tru", "在留カードなくした", "บัตรหาย"]


def setup_django(*, keyword_only: bool) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    DB_FILE.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ondol.settings")
    if keyword_only:
        os.environ["ONDOL_GUIDE_EMBEDDER"] = "none"
    import django

    django.setup()


def prepare_database() -> str:
    """Migrate and load the content, then build the engine once, as `ondol load-guide` does: the article
    vectors and the keyword index are computed here (only for new or changed articles) and cached on disk,
    so the start-up measured below is that of a process on a prepared installation."""
    from django.core.management import call_command

    from ondol.guide.search import build_engine
    from ondol.guide.services import do_load_guide

    call_command("migrate", interactive=False, verbosity=0)
    summary = do_load_guide(None).summary()
    build_engine()
    return summary


def startup_probe() -> dict[str, float]:
    """In a fresh process: build the engine from the database and answer the warm-up queries."""
    from ondol.guide.search import get_engine

    cpu_started = time.process_time()
    engine = get_engine()
    for query in WARM_UP:
        engine.search(query)
    return {"engine_build_seconds": engine.build_seconds, "startup_cpu_seconds": time.process_time(),
            "engine_and_warm_up_cpu_seconds": time.process_time() - cpu_started,
            "service_peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure_startup(keyword_only: bool, runs: int = 3) -> dict[str, Any]:
    """Seconds from starting a new Python process to its first answers (Django, models, index, warm-up);
    the median of `runs` fresh processes, with every run and the load average (the machine is shared)."""
    command = [sys.executable, __file__, "--probe"] + (["--keyword-only"] if keyword_only else [])
    measured = []
    for _ in range(runs):
        load = os.getloadavg()[0]
        started = time.perf_counter()
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        wall = time.perf_counter() - started
        measured.append({**json.loads(output.strip().splitlines()[-1]), "startup_seconds": wall,
                         "load_average": round(load, 2)})
    median = sorted(measured, key=lambda run: run["startup_seconds"])[len(measured) // 2]
    return {**median, "runs": measured}


def evaluate(questions: list[dict[str, Any]], negatives: list[dict[str, Any]]) -> dict[str, Any]:
    from ondol.guide.search import get_engine

    engine = get_engine()
    per_language: dict[str, dict[str, Any]] = defaultdict(lambda: {"n": 0, "top1": 0, "top3": 0, "misses": []})
    confident = 0
    for item in questions:
        outcome = engine.search(item["q"], limit=3)
        topics = [hit.topic for hit in outcome.hits]
        stats = per_language[item["lang"]]
        stats["n"] += 1
        stats["top1"] += bool(topics[:1] and topics[0] in item["expect"])
        hit3 = any(topic in item["expect"] for topic in topics[:3])
        stats["top3"] += hit3
        confident += outcome.good_answer
        if not hit3:
            stats["misses"].append({"q": item["q"], "expect": item["expect"], "got": topics})
    rejected = sum(not engine.search(item["q"]).good_answer for item in negatives)
    return {
        "languages": {lang: {**s, "top1_rate": s["top1"] / s["n"], "top3_rate": s["top3"] / s["n"]}
                      for lang, s in sorted(per_language.items())},
        "overall_top1": sum(s["top1"] for s in per_language.values()) / len(questions),
        "overall_top3": sum(s["top3"] for s in per_language.values()) / len(questions),
        "answered_questions_rate": confident / len(questions),
        "negatives_rejected_rate": rejected / len(negatives) if negatives else None,
        "semantic": engine.semantic,
    }


def latency(questions: list[dict[str, Any]], count: int) -> dict[str, Any]:
    """`count` searches through the same path as the API (engine + titles in the reader's language)."""
    import numpy as np

    from ondol.guide.queries import search_topics

    rng = random.Random(2019)  # a reproducible sample
    for query in WARM_UP:
        search_topics(query, lang="en")
    samples, cpu_samples = [], []
    load_before = os.getloadavg()[0]
    for _ in range(count):
        item = rng.choice(questions)
        started, cpu_started = time.perf_counter(), time.thread_time()
        search_topics(item["q"], lang=item["lang"], limit=10)
        samples.append((time.perf_counter() - started) * 1000)
        cpu_samples.append((time.thread_time() - cpu_started) * 1000)
    values, cpu = np.array(samples), np.array(cpu_samples)
    # Wall time depends on what else the machine runs; CPU time of this thread is the cost of a query.
    return {"queries": count, "p50_ms": float(np.percentile(values, 50)), "p95_ms": float(np.percentile(values, 95)),
            "max_ms": float(values.max()), "mean_ms": float(values.mean()),
            "cpu_p50_ms": float(np.percentile(cpu, 50)), "cpu_p95_ms": float(np.percentile(cpu, 95)),
            "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]}


def print_table(report: dict[str, Any]) -> None:
    quality = report["quality"]
    print(f"{'language':<10}{'n':>4}{'top-1':>9}{'top-3':>9}")
    for lang, stats in quality["languages"].items():
        print(f"{lang:<10}{stats['n']:>4}{stats['top1_rate']:>9.1%}{stats['top3_rate']:>9.1%}")
    print(f"{'all':<10}{sum(s['n'] for s in quality['languages'].values()):>4}"
          f"{quality['overall_top1']:>9.1%}{quality['overall_top3']:>9.1%}")
    print(f"semantic model: {'yes' if quality['semantic'] else 'no (keyword only)'}; "
          f"'good answer' on real questions: {quality['answered_questions_rate']:.1%}; "
          f"off-topic questions refused: {quality['negatives_rejected_rate']:.1%}")
    lat = report["latency"]
    print(f"latency over {lat['queries']} queries: p50 {lat['p50_ms']:.1f} ms, p95 {lat['p95_ms']:.1f} ms, "
          f"max {lat['max_ms']:.1f} ms (CPU time p50 {lat['cpu_p50_ms']:.1f} ms, p95 {lat['cpu_p95_ms']:.1f} ms; "
          f"load average {lat['load_average'][0]} → {lat['load_average'][1]} on {os.cpu_count()} cores)")
    start = report["startup"]
    runs = ", ".join(f"{run['startup_seconds']:.2f} s at load {run['load_average']}" for run in start["runs"])
    print(f"start-up (new process to first answers), median of {len(start['runs'])}: {start['startup_seconds']:.2f} s, "
          f"CPU {start['startup_cpu_seconds']:.2f} s (engine build {start['engine_build_seconds']:.2f} s; {runs}); "
          f"peak memory {start['service_peak_memory_mb']:.0f} MB for a process that serves search, "
          f"{report['peak_memory_mb']:.0f} MB for this benchmark")
    for lang, stats in quality["languages"].items():
        for miss in stats["misses"]:
            print(f"  miss [{lang}] {miss['q']!r}: expected {miss['expect']}, got {miss['got']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--keyword-only", action="store_true", help="measure the fallback without the model")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, default=RESULTS_FILE)
    args = parser.parse_args()
    setup_django(keyword_only=args.keyword_only)
    if args.probe:
        print(json.dumps(startup_probe()))
        return
    import yaml

    loaded = prepare_database()
    data = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    startup = measure_startup(args.keyword_only)
    quality = evaluate(data["questions"], data.get("negatives", []))
    timings = latency(data["questions"], args.queries)
    report = {
        "mode": "keyword-only" if args.keyword_only else "hybrid",
        "content": loaded,
        "quality": quality,
        "latency": timings,
        "startup": startup,
        "peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cpu_count": os.cpu_count(),
    }
    print_table(report)
    output = args.output if not args.keyword_only or args.output != RESULTS_FILE else \
        RESULTS_FILE.with_name("guide_search_keyword_only.json")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"written to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")


if __name__ == "__main__":
    main()
