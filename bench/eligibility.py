"""Benchmark: eligibility screening of N synthetic households against every program.

    .venv/bin/python bench/eligibility.py [--sizes 10000 100000 1000000] [--loop-sample 2000]

For each N it measures, each in a fresh process so that peak memory is its own:
- the batch path (`screen_table`: NumPy columns, chunks on threads), households per second and
  peak resident memory of the screening (the peak is reset just before it starts);
- the plain per-household loop of the same engine (`screen()`, as the API calls it, with
  reasons). The loop is timed on the first `--loop-sample` households and its rate applied to N,
  since looping over a million households would take hours; the table says so.
It also times single screenings through the JSON API (in-process test client) for the p95.
Prints a table and writes bench/results/eligibility.json. Goals (issue 4): 1M households under
10 s on 2 cores; one API screening under 20 ms p95.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
AS_OF = date(2026, 5, 1)
RESULTS = ROOT / "bench" / "results" / "eligibility.json"


def synthetic_households(n: int, seed: int = 4) -> Any:
    """N plausible households (Korean, multicultural, migrant workers, refugees, students), some facts missing."""
    import polars as pl

    from ondol.eligibility.engine.regions import districts

    rng = np.random.default_rng(seed)
    size = rng.choice(np.arange(1, 8), p=[0.30, 0.25, 0.20, 0.15, 0.06, 0.03, 0.01], size=n)
    kind = rng.choice(5, p=[0.45, 0.25, 0.20, 0.03, 0.07], size=n)  # korean, multicultural, worker, refugee, student
    hh = np.repeat(np.arange(n), size)
    m = len(hh)
    pos = np.arange(m) - np.repeat(np.cumsum(size) - size, size)
    k = kind[hh]
    has_spouse = rng.random(n) < np.where(kind < 2, 0.85, 0.3)
    role = np.where(pos == 0, "applicant", np.where((pos == 1) & has_spouse[hh], "spouse",
                    np.where(rng.random(m) < 0.9, "child", "parent")))  # fmt: skip
    adult = (role == "applicant") | (role == "spouse")
    age_days = np.where(adult, rng.integers(20 * 365, 80 * 365, m),
                        np.where(role == "child", rng.integers(0, 25 * 365, m), rng.integers(55 * 365, 90 * 365, m)))  # fmt: skip
    today = np.datetime64(AS_OF, "D")
    birth = today - age_days.astype("timedelta64[D]")
    korean = np.where(k == 0, True, np.where(k == 1, role != "applicant", False))
    statuses = np.array(["F-6", "E-9", "F-2-4", "D-2", "H-2", "F-5"])
    status = np.where(k == 1, "F-6", np.where(k == 2, statuses[rng.choice([1, 4, 5], size=m)],
                      np.where(k == 3, "F-2-4", "D-2")))  # fmt: skip
    foreign = ~korean
    entry = today - rng.integers(0, 10 * 365, m).astype("timedelta64[D]")
    moved = today - rng.integers(0, 60, m).astype("timedelta64[D]")
    crisis_codes = np.array(["none", "job_loss", "serious_illness", "earner_lost", "business_closure"])

    def maybe(values: np.ndarray, share_missing: float) -> list[Any]:
        out = values.astype(object)
        out[rng.random(len(values)) < share_missing] = None
        return list(out)

    def only(values: np.ndarray, mask: np.ndarray) -> list[Any]:
        out = values.astype(object)
        out[~mask] = None
        return list(out)

    dong_codes = np.array([d.first_dong_code for d in districts()])
    members = pl.DataFrame(
        {
            "_hh": hh,
            "id": [f"m{p}" for p in pos],
            "role": role,
            "birth_date": pl.Series(maybe(birth.astype(object), 0.05), dtype=pl.Date),
            "korean_national": maybe(korean, 0.03),
            "residence_status": only(status, foreign),
            "entry_date": pl.Series(only(entry.astype(object), foreign & (rng.random(m) < 0.9)), dtype=pl.Date),
            "registered": only(rng.random(m) < 0.92, foreign),
            "married_to_korean": only((k == 1) & (role == "applicant"), foreign),
            "divorced_or_widowed_from_korean": only(np.zeros(m, dtype=bool), foreign & (rng.random(m) < 0.7)),
            "recognized_refugee": only(k == 3, foreign),
            "pregnant": only(rng.random(m) < 0.05, adult),
            "employed": maybe(adult & (rng.random(m) < 0.6), 0.1),
            "insured": maybe(rng.random(m) < 0.9, 0.1),
            "student": only((age_days >= 6 * 365) & (age_days < 19 * 365), role == "child"),
            "crisis_event": only(crisis_codes[rng.choice(5, p=[0.9, 0.04, 0.03, 0.02, 0.01], size=m)], role == "applicant"),
            "moved_in_on": pl.Series(only(moved.astype(object), foreign & (rng.random(m) < 0.2)), dtype=pl.Date),
        }
    )
    nested = members.group_by("_hh", maintain_order=True).agg(pl.struct(pl.exclude("_hh")).alias("members"))
    income = np.round(rng.lognormal(np.log(2_500_000), 0.7, n)).astype(np.int64)
    return pl.DataFrame(
        {
            "household_id": [f"h{i}" for i in range(n)],
            "size": size,
            "monthly_income_krw": pl.Series(maybe(income, 0.1), dtype=pl.Int64),
            "assets_krw": pl.Series(maybe(np.round(rng.lognormal(np.log(80_000_000), 1.0, n)).astype(np.int64), 0.15),
                                    dtype=pl.Int64),
            "region_dong_code": maybe(dong_codes[rng.integers(0, len(dong_codes), n)], 0.1),
            "members": nested["members"],
        }
    )


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ondol.settings")
    import django

    django.setup()


def measure_batch(n: int, queue: Any) -> None:
    _setup_django()
    from ondol.eligibility.engine.batch import screen_table

    table = synthetic_households(n)
    screen_table(table.head(1000), AS_OF)  # warm up: holiday tables, caches, imports
    before = _rss_mb()
    _reset_peak()
    start, cpu_start = time.perf_counter(), time.process_time()
    out = screen_table(table, AS_OF)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    statuses = out.select(pl_count_eligible(out)).row(0)[0]
    queue.put({"n": n, "seconds": seconds, "cpu_seconds": cpu, "households_per_s": n / seconds,
               "peak_mb": _peak_mb(), "peak_over_input_mb": _peak_mb() - before, "eligible_answers": statuses})  # fmt: skip


def pl_count_eligible(out: Any) -> Any:
    import polars as pl

    cols = [c for c in out.columns if c.endswith(".status")]
    return pl.sum_horizontal([(pl.col(c) == "eligible").cast(pl.Int64) for c in cols]).sum()


def measure_loop(n: int, sample: int, queue: Any) -> None:
    _setup_django()
    from ondol.eligibility.engine import Household, screen

    table = synthetic_households(min(n, sample))
    households = [Household.from_dict({k: v for k, v in row.items() if k != "household_id" and v is not None}
                                      | {"members": [{k: v for k, v in m.items() if v is not None} for m in row["members"]]})
                  for row in table.iter_rows(named=True)]  # fmt: skip
    screen(households[0], AS_OF)
    before = _rss_mb()
    _reset_peak()
    start, cpu_start = time.perf_counter(), time.process_time()
    for household in households:
        screen(household, AS_OF)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    rate = len(households) / seconds
    queue.put({"n": n, "timed_households": len(households), "households_per_s": rate,
               "cpu_ms_per_household": cpu / len(households) * 1000,
               "seconds_for_n": n / rate, "extrapolated": len(households) < n, "peak_mb": _peak_mb(),
               "peak_over_input_mb": _peak_mb() - before})  # fmt: skip


def measure_api(requests: int, queue: Any) -> None:
    _setup_django()
    from django.test import Client

    table = synthetic_households(requests, seed=9)
    client = Client()
    bodies = []
    for row in table.iter_rows(named=True):
        household = {k: v for k, v in row.items() if k != "household_id" and v is not None}
        household["members"] = [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in m.items() if v is not None}
                                for m in row["members"]]  # fmt: skip
        bodies.append(json.dumps({"as_of": AS_OF.isoformat(), "household": household, "lang": "vi"}))
    url = "/api/v1/eligibility/screen"
    client.post(url, bodies[0], content_type="application/json")
    times, cpu_times = [], []
    for body in bodies:
        start, cpu_start = time.perf_counter(), time.thread_time()
        response = client.post(url, body, content_type="application/json")
        times.append(time.perf_counter() - start)
        cpu_times.append(time.thread_time() - cpu_start)
        assert response.status_code == 200, response.content[:300]
    ms, cpu_ms = np.array(times) * 1000, np.array(cpu_times) * 1000
    queue.put({"requests": requests, "p50_ms": float(np.percentile(ms, 50)), "p95_ms": float(np.percentile(ms, 95)),
               "max_ms": float(ms.max()), "cpu_p50_ms": float(np.percentile(cpu_ms, 50)),
               "cpu_p95_ms": float(np.percentile(cpu_ms, 95))})  # fmt: skip


def run(target: Any, *args: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--loop-sample", type=int, default=2_000)
    parser.add_argument("--api-requests", type=int, default=500)
    args = parser.parse_args()

    rows = []
    for n in args.sizes:
        batch = run(measure_batch, n)
        loop = run(measure_loop, n, args.loop_sample)
        rows.append({"n": n, "batch": batch, "loop": loop})
        print(f"N={n:>9,}: batch {batch['seconds']:7.2f} s ({batch['households_per_s']:>10,.0f}/s, peak "
              f"{batch['peak_mb']:,.0f} MB); loop {loop['households_per_s']:,.0f}/s", flush=True)  # fmt: skip
    api = run(measure_api, args.api_requests)

    print()
    print(f"{'N':>10} | {'batch s':>8} | {'batch CPU s':>11} | {'batch hh/s':>11} | {'batch peak MB':>13} | "
          f"{'loop hh/s':>9} | {'loop CPU ms/hh':>14} | {'loop s for N':>12} | {'loop peak MB':>12}")  # fmt: skip
    print("-" * 125)
    for row in rows:
        b, lp = row["batch"], row["loop"]
        mark = "*" if lp["extrapolated"] else " "
        print(f"{row['n']:>10,} | {b['seconds']:>8.2f} | {b['cpu_seconds']:>11.2f} | {b['households_per_s']:>11,.0f} | "
              f"{b['peak_mb']:>13,.0f} | {lp['households_per_s']:>9,.0f} | {lp['cpu_ms_per_household']:>14.2f} | "
              f"{lp['seconds_for_n']:>11,.0f}{mark} | {lp['peak_mb']:>12,.0f}")  # fmt: skip
    print(f"* loop timed on {args.loop_sample:,} households and extrapolated to N.")
    print(f"Single screening through the API ({api['requests']} requests): wall p50 {api['p50_ms']:.1f} ms, "
          f"p95 {api['p95_ms']:.1f} ms, max {api['max_ms']:.1f} ms; CPU p50 {api['cpu_p50_ms']:.1f} ms, "
          f"p95 {api['cpu_p95_ms']:.1f} ms.")  # fmt: skip
    print(f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "benchmark": "eligibility",
        "as_of": AS_OF.isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_end": os.getloadavg()},
        "programs": 20,
        "rows": rows,
        "api_single_screening": api,
    }, indent=2))  # fmt: skip
    print(f"Wrote {RESULTS.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
