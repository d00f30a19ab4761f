"""The consultation rollup (PostgreSQL only): monthly counts that the consultation panels read instead of
a year of consultations.

`ConsultationMonth` holds the number of consultations per month, language, topic, channel and interpreter
use. Statement-level triggers on `cases_consultation` (INSERT, UPDATE, DELETE, TRUNCATE) add what each
statement changed, inside the same transaction, so the rollup is always exactly the table's counts; a
statement that changes none of these columns changes nothing. Should a trigger ever fail (a column it reads
was renamed, say), it marks the rollup not valid instead of failing the cases app's write, and the panels go
back to counting `cases_consultation` until `ondol rebuild_stats_rollups` is run. On SQLite there is no
rollup: the panels always count the table.

Months are months of `settings.TIME_ZONE` (recorded in `RollupState.time_zone`); the rollup answers only
when the current time zone is that one.
"""

from __future__ import annotations

import re
import zoneinfo
from typing import Any

from django.conf import settings
from django.db import connection as default_connection
from django.db import transaction
from django.utils import timezone

CONSULTATIONS = "consultations"
SOURCE_TABLE = "cases_consultation"
ROLLUP_TABLE = "stats_consultationmonth"
STATE_TABLE = "stats_rollupstate"
_KEY = "month, language, topic, channel, interpreter_kind"
_TEXT_KEY = "language::text, topic::text, channel::text, interpreter_kind::text"
_TRIGGERS = {
    "stats_consultationmonth_insert": "AFTER INSERT ON {source} REFERENCING NEW TABLE AS new_rows",
    "stats_consultationmonth_update": "AFTER UPDATE ON {source} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "stats_consultationmonth_delete": "AFTER DELETE ON {source} REFERENCING OLD TABLE AS old_rows",
    "stats_consultationmonth_truncate": "AFTER TRUNCATE ON {source}",
}


def time_zone() -> str:
    name = str(settings.TIME_ZONE)
    zoneinfo.ZoneInfo(name)  # raises for an unknown zone
    if not re.fullmatch(r"[A-Za-z0-9_+\-/]+", name):
        raise ValueError(name)
    return name


def _cells(rows: str, zone: str, sign: int) -> str:
    """The rollup key and a +1/-1 for every row of a transition table (or of the source table)."""
    month = f"date_trunc('month', occurred_at AT TIME ZONE '{zone}')::date AS month"
    return f"SELECT {month}, {_TEXT_KEY}, {sign} AS n FROM {rows}"  # noqa: S608 — constants only


def _upsert(changes: str) -> str:
    # Sorted, so concurrent statements lock rollup rows in the same order.
    return (f"INSERT INTO {ROLLUP_TABLE} AS m ({_KEY}, consultations) "  # noqa: S608 — constants only
            f"SELECT {_KEY}, sum(n) FROM ({changes}) AS d GROUP BY {_KEY} HAVING sum(n) <> 0 ORDER BY {_KEY} "
            f"ON CONFLICT ({_KEY}) DO UPDATE SET consultations = m.consultations + EXCLUDED.consultations")


def function_sql(zone: str) -> str:
    """The trigger function; `zone` is a checked time-zone name, everything else is a constant."""
    return f"""
CREATE OR REPLACE FUNCTION stats_consultationmonth_apply() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            DELETE FROM {ROLLUP_TABLE};
        ELSIF TG_OP = 'INSERT' THEN
            {_upsert(_cells("new_rows", zone, 1))};
        ELSIF TG_OP = 'DELETE' THEN
            {_upsert(_cells("old_rows", zone, -1))};
        ELSE
            {_upsert(_cells("new_rows", zone, 1) + " UNION ALL " + _cells("old_rows", zone, -1))};
        END IF;
    EXCEPTION
        WHEN serialization_failure OR deadlock_detected OR lock_not_available OR query_canceled THEN
            RAISE;
        WHEN OTHERS THEN
            UPDATE {STATE_TABLE} SET valid = false WHERE name = '{CONSULTATIONS}';
    END;
    RETURN NULL;
END
$body$;
"""  # noqa: S608


def install(connection: Any = None) -> None:
    """Create (or replace) the function and triggers, then rebuild the counts. Does nothing on SQLite."""
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return
    zone = time_zone()
    with connection.cursor() as cursor:
        cursor.execute(function_sql(zone))
        for name, when in _TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {SOURCE_TABLE}")
            cursor.execute(f"CREATE TRIGGER {name} {when.format(source=SOURCE_TABLE)} "
                           "FOR EACH STATEMENT EXECUTE FUNCTION stats_consultationmonth_apply()")
    rebuild(connection, zone=zone)


def uninstall(connection: Any = None) -> None:
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name in _TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {SOURCE_TABLE}")
        cursor.execute("DROP FUNCTION IF EXISTS stats_consultationmonth_apply()")


def rebuild(connection: Any = None, *, zone: str | None = None) -> None:
    """Count the consultations again from scratch (writes to them wait meanwhile) and mark the rollup valid."""
    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return
    zone = zone or time_zone()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {SOURCE_TABLE} IN SHARE MODE")
        cursor.execute(f"DELETE FROM {ROLLUP_TABLE}")  # noqa: S608 — constant
        cursor.execute(_upsert(_cells(SOURCE_TABLE, zone, 1)))
        cursor.execute(f"INSERT INTO {STATE_TABLE} (name, time_zone, valid, built_at) "  # noqa: S608 — constants
                       "VALUES (%s, %s, true, now()) ON CONFLICT (name) DO UPDATE SET "
                       "time_zone = EXCLUDED.time_zone, valid = true, built_at = EXCLUDED.built_at",
                       [CONSULTATIONS, zone])
        cursor.execute(f"ANALYZE {ROLLUP_TABLE}")  # the planner's estimates, right after a rebuild


def usable() -> bool:
    """Whether the rollup holds exact counts for months of the current time zone."""
    if default_connection.vendor != "postgresql":
        return False
    from ondol.stats.models import RollupState

    return RollupState.objects.filter(name=CONSULTATIONS, valid=True,
                                      time_zone=timezone.get_current_timezone_name()).exists()
