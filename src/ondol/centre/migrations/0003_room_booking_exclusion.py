"""On PostgreSQL, also refuse overlapping holding bookings of one room with an exclusion constraint (no-op elsewhere).

The `RoomSlot` table already prevents double booking on every database; this constraint guards the bookings
table itself, so that even a write that bypasses the slot table cannot overlap. It is kept out of the model
state on purpose: SQLite has no exclusion constraints, and the tests run on both databases.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

CONSTRAINT = "centre_booking_no_overlap"


def add_exclusion_constraint(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE centre_roombooking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        "WHERE (status IN ('pending', 'approved'))"
    )


def drop_exclusion_constraint(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE centre_roombooking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("centre", "0002_clinic_referral_links")]

    operations = [migrations.RunPython(add_exclusion_constraint, drop_exclusion_constraint, elidable=False)]
