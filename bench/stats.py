"""Benchmark of the statistics dashboards on PostgreSQL: a year of a metropolitan city's records.

    createdb -h 127.0.0.1 -U postgres ondol_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ondol_bench .venv/bin/python bench/stats.py

Generates (once; `--regenerate` to start again) 100,000 clients, 1,000,000 consultations, 100,000 cases,
30,000 referrals and 20,000 complaints with SQL `generate_series`, plus the demo's resident tables
(6 months × ~19,000 cells); then times every dashboard panel (median of `--repeat` runs) unfiltered and
with district and nationality filters, and the pages and lazily loaded panels as served (Django's test
client: view, queries and template), prints a table and writes bench/results/stats.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ondol.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from ondol.core.models import Agency, Region  # noqa: E402

LIMIT_MS = 500
YEAR_START = "2025-11-01"
NATIONALITIES = ["CN", "CN", "CN", "VN", "VN", "UZ", "US", "ID", "PH", "NP", "MN", "KH", "TH", "RU", "JP"]
LANGUAGE_OF = {"CN": "zh-hans", "VN": "vi", "UZ": "uz", "US": "en", "ID": "id", "PH": "tl", "NP": "ne", "MN": "mn",
               "KH": "km", "TH": "th", "RU": "ru", "JP": "ja"}
TOPICS = ["life", "legal", "labour", "visa", "medical", "domestic_violence", "health-insurance", "stay-extension",
          "korean-classes", "lease-check", "labor-rights", "child-allowance"]


def _array(values: list[Any]) -> str:
    return "ARRAY[" + ", ".join(f"'{value}'" if isinstance(value, str) else str(value) for value in values) + "]"


def _pick(values: list[Any]) -> str:
    return f"({_array(values)})[1 + floor(random() * {len(values)})::int]"


def _defaults(model: type[models.Model], given: dict[str, str]) -> dict[str, str]:
    """SQL literals for every NOT NULL column the generator does not set (Django keeps defaults in Python)."""
    columns: dict[str, str] = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.column in given or field.null:
            continue
        default = field.get_default()
        if isinstance(field, models.DateTimeField):
            columns[field.column] = "now()"
        elif isinstance(field, models.BooleanField):
            columns[field.column] = "true" if default else "false"
        elif isinstance(field, models.IntegerField | models.BigIntegerField | models.PositiveIntegerField):
            columns[field.column] = str(int(default or 0))
        elif isinstance(field, models.JSONField):
            columns[field.column] = "'" + json.dumps(default if default is not None else {}) + "'::jsonb"
        elif isinstance(field, models.UUIDField):
            columns[field.column] = "gen_random_uuid()"
        else:
            columns[field.column] = "'" + str(default or "").replace("'", "''") + "'"
    return columns


def insert_series(model: type[models.Model], count: int, given: dict[str, str], *, from_sql: str = "") -> None:
    columns = {**_defaults(model, given), **given}
    table = connection.ops.quote_name(model._meta.db_table)
    # Generated from our own column names and constants; nothing comes from outside.
    sql = (f"INSERT INTO {table} ({', '.join(connection.ops.quote_name(c) for c in columns)}) "  # noqa: S608
           f"SELECT {', '.join(columns.values())} FROM generate_series(1, {count}) AS g {from_sql}")
    with connection.cursor() as cursor:
        cursor.execute(sql)


def generate(*, clients: int, consultations: int, cases: int, referrals: int, complaints: int) -> None:
    from ondol.cases.models import Case, Client, Consultation, Referral
    from ondol.complaints.models import Category, Complaint
    from ondol.core.demo import load_agencies
    from ondol.core.services import load_regions
    from ondol.stats.demo import load_demo

    started = time.perf_counter()
    load_regions(sido_codes={"30"})
    load_agencies()
    dong_ids = list(Region.objects.filter(level="dong", code__startswith="30").values_list("id", flat=True))
    agency_ids = list(Agency.objects.values_list("id", flat=True))
    language_case = "CASE n " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in LANGUAGE_OF.items()) + " END"
    insert_series(Client, clients, {
        "agency_id": _pick(agency_ids), "dong_id": _pick(dong_ids), "nationality": "n",
        "preferred_language": language_case, "sex": _pick(["F", "M"]), "residence_status": _pick(
            ["E-9", "D-2", "F-6", "F-4", "H-2", "F-5"]), "name_latin": "'BENCH ' || g",
        "birth_date": "date '1960-01-01' + (random() * 20000)::int",
        "created_at": f"timestamptz '{YEAR_START}' - (random() * 700)::int * interval '1 day'",
    }, from_sql=f"CROSS JOIN LATERAL (SELECT {_pick(NATIONALITIES)} || substr(g::text, 1, 0) AS n) AS pick")
    first, last = Client.objects.aggregate(a=models.Min("id"), b=models.Max("id")).values()
    client_of = f"JOIN {Client._meta.db_table} c ON c.id = {first} + (g::bigint * 7919) % ({last - first + 1})"
    print(f"  clients: {clients:,} in {time.perf_counter() - started:.0f} s", flush=True)
    insert_series(Consultation, consultations, {
        "client_id": "c.id", "agency_id": "c.agency_id",
        "occurred_at": f"timestamptz '{YEAR_START}' + random() * interval '365 days'",
        "channel": _pick(["visit", "visit", "phone", "messenger", "outreach"]), "topic": _pick(TOPICS),
        "language": "CASE WHEN random() < 0.8 THEN c.preferred_language ELSE 'ko' END",
        "notes_language": "c.preferred_language",
        "interpreter_kind": _pick(["none", "none", "staff", "volunteer", "phone", "family"]),
    }, from_sql=client_of)
    print(f"  consultations: {consultations:,} in {time.perf_counter() - started:.0f} s", flush=True)
    insert_series(Case, cases, {
        "client_id": "c.id", "agency_id": "c.agency_id", "title": "'Bench case ' || g",
        "status": _pick(["new", "assessment", "plan", "in_service", "in_service", "closed", "closed", "reopened"]),
        "source": _pick(["consultation", "complaint", "discovery", "referral"]),
        "opened_at": f"timestamptz '{YEAR_START}' + random() * interval '365 days'",
    }, from_sql=client_of)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Case._meta.db_table} SET closed_at = opened_at + interval '40 days' "  # noqa: S608
                       "WHERE status = 'closed'")
    first_case, last_case = Case.objects.aggregate(a=models.Min("id"), b=models.Max("id")).values()
    partner_ids = agency_ids[-12:]
    insert_series(Referral, referrals, {
        "case_id": "k.id", "from_agency_id": "k.agency_id",
        "to_agency_id": f"CASE WHEN k.agency_id = p.a THEN {agency_ids[0]} ELSE p.a END",
        "status": _pick(["pending", "accepted", "accepted", "completed", "completed", "declined"]),
        "respond_by": "date '2026-01-01' + (random() * 330)::int",
        "complete_by": "date '2026-02-01' + (random() * 330)::int",
        "created_at": f"timestamptz '{YEAR_START}' + random() * interval '365 days'",
    }, from_sql=(f"JOIN {Case._meta.db_table} k ON k.id = {first_case} + (g::bigint * 104729) % ({last_case - first_case + 1})"
                 f" CROSS JOIN LATERAL (SELECT {_pick(partner_ids)} + 0 * g AS a) AS p"))
    category_ids = list(Category.objects.values_list("id", flat=True))
    insert_series(Complaint, complaints, {
        "tracking_number": "'B-' || g", "category_id": _pick(category_ids), "description": "'bench'",
        "language": _pick(["ko", "vi", "zh-hans", "en"]), "agency_id": _pick(agency_ids),
        "dong_id": _pick(dong_ids), "status": _pick(["new", "investigating", "resolved", "resolved"]),
        "submitted_at": "s.at", "due_at": "s.at + interval '10 days'",
        "closed_at": "CASE WHEN random() < 0.7 THEN s.at + random() * interval '15 days' END",
    }, from_sql=f"CROSS JOIN LATERAL (SELECT timestamptz '{YEAR_START}' + random() * interval '365 days' + 0 * g "
                "* interval '1 day' AS at) AS s")
    print(f"  referrals and complaints in {time.perf_counter() - started:.0f} s", flush=True)
    load_demo(seed=2019, stdout=sys.stdout)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Generated in {time.perf_counter() - started:.0f} s.", flush=True)


def timed(function: Any, repeat: int) -> tuple[float, Any]:
    """Median of `repeat` cold runs: the resident-table cache is emptied first, as after a new load."""
    from ondol.stats.residents import _cached_breakdown

    runs, result = [], None
    for _ in range(repeat):
        _cached_breakdown.cache_clear()
        started = time.perf_counter()
        result = function()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs), result


def served(scenarios: dict[str, Any], repeat: int) -> list[dict[str, Any]]:
    """The public and staff pages and each lazily loaded panel as a browser gets them (one request each)."""
    from urllib.parse import urlencode

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from ondol.stats.panels import LAZY_TITLES

    user, _created = get_user_model().objects.get_or_create(username="bench-stats", defaults={"is_superuser": True})
    client = Client()
    client.force_login(user)
    rows: list[dict[str, Any]] = []
    with translation.override("ko"):
        for scenario, filters in scenarios.items():
            query = "?" + urlencode(filters.as_query())
            requests = [("SERVED public page", reverse("stats:index"), {}),
                        ("SERVED staff page", reverse("stats_staff:home"), {})]
            requests += [(f"SERVED panel {key}", reverse("stats_staff:panel", args=[key]), {"HX-Request": "true"})
                         for key in LAZY_TITLES]
            for label, url, headers in requests:
                def get(url: str = url + query, headers: dict[str, str] = headers) -> Any:
                    response = client.get(url, headers=headers)
                    if response.status_code != 200:
                        raise SystemExit(f"{url}: HTTP {response.status_code}")
                    return response

                median, _response = timed(get, repeat)
                rows.append({"scenario": scenario, "panel": label, "ms": round(median, 1),
                             "loads": "served (test client)"})
            panels = [row for row in rows if row["scenario"] == scenario and row["panel"].startswith("SERVED panel")]
            slowest = max(panels, key=lambda row: row["ms"])
            rows.append({"scenario": scenario, "panel": "SERVED slowest lazy panel", "ms": slowest["ms"],
                         "key": slowest["panel"].removeprefix("SERVED panel ")})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--consultations", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--regenerate", action="store_true")
    arguments = parser.parse_args()
    if connection.vendor != "postgresql" or "test_" in str(connection.settings_dict["NAME"]):
        sys.exit("Run against the ondol_bench PostgreSQL database (see the docstring).")
    call_command("migrate", verbosity=0)
    from ondol.cases.models import Consultation
    from ondol.stats.filters import Filters
    from ondol.stats.panels import LAZY_TITLES, STAFF_PANELS, build_panel
    from ondol.stats.residents import headline

    if arguments.regenerate or not Consultation.objects.exists():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE cases_referral, cases_case, cases_consultation, cases_client, "
                           "complaints_complaint RESTART IDENTITY CASCADE")
        generate(clients=arguments.clients, consultations=arguments.consultations, cases=arguments.cases,
                 referrals=30_000, complaints=20_000)
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in ("cases_client", "cases_consultation", "cases_case", "cases_referral", "complaints_complaint",
                      "stats_residentcount"):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 — fixed table names
            counts[table] = cursor.fetchone()[0]
    print("Rows:", ", ".join(f"{table} {count:,}" for table, count in counts.items()))

    year = Filters(period_from="2025-11", period_to="2026-10")
    scenarios = {"whole city, 12 months": year, "Yuseong-gu, Vietnamese": year.with_(district="30200",
                                                                                       nationality="VN"),
                 "one agency, one month": year.with_(period_from="2026-10", agency=Agency.objects.order_by("id")
                                                     .values_list("id", flat=True)[5])}
    results: list[dict[str, Any]] = []
    load_at_start = os.getloadavg()
    timezone.activate("Asia/Seoul")
    with translation.override("ko"):
        for scenario, filters in scenarios.items():
            total = shell = 0.0
            for key in ("headline", *STAFF_PANELS):
                function = (lambda f=filters: headline(f)) if key == "headline" else (
                    lambda f=filters, k=key: build_panel(f, k, language="ko"))
                median, _panel = timed(function, arguments.repeat)
                total += median
                shell += 0 if key in LAZY_TITLES else median
                results.append({"scenario": scenario, "panel": key, "ms": round(median, 1),
                                "loads": "after the page (HTMX)" if key in LAZY_TITLES else "with the page"})
            # What a reader waits for: the page with its quick panels, then each slow panel in its own request.
            results.append({"scenario": scenario, "panel": "PAGE (headline + quick panels)", "ms": round(shell, 1)})
            results.append({"scenario": scenario, "panel": "sum of all panels, one after another",
                            "ms": round(total, 1)})
    results += served(scenarios, arguments.repeat)
    width = max(len(row["panel"]) for row in results)
    print(f"\n{'scenario':26} {'panel':{width}} {'ms':>8}")
    for row in results:
        flag = "  OVER 500 ms" if row["ms"] > LIMIT_MS and not row["panel"].startswith("sum") else ""
        print(f"{row['scenario']:26} {row['panel']:{width}} {row['ms']:8.1f}{flag}")
    output = ROOT / "bench" / "results" / "stats.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps({
        "database": f"PostgreSQL {connection.cursor().connection.info.server_version}", "rows": counts,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared)", "repeat": arguments.repeat,
        "load_average_1_5_15": [round(value, 1) for value in os.getloadavg()],
        "load_average_1_5_15_at_start": [round(value, 1) for value in load_at_start],
        "limit_ms": LIMIT_MS, "results": results,
    }, indent=2, ensure_ascii=False))
    print(f"\nLoad average while measuring: {load_at_start[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
          f"on {os.cpu_count()} cores.")
    print(f"Wrote {output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
