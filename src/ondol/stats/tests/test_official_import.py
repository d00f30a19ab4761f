"""Loading official aggregate tables: all rows or none, the same file twice changes nothing, audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Sum
from django.utils import translation

from ondol.core.errors import InvalidInput, PermissionDenied
from ondol.core.models import AuditEntry
from ondol.stats.models import UNKNOWN_AGE, ResidentCount
from ondol.stats.services import do_import_official_table, parse_age_band
from ondol.stats.tests.tables import SMALL_TABLE

pytestmark = pytest.mark.django_db


def test_a_table_is_loaded_with_its_languages_normalised_and_districts_derived(small_table: Any) -> None:
    assert small_table.rows == 8 and small_table.residents == 121
    assert small_table.periods == ["2026-09", "2026-10"]
    cell = ResidentCount.objects.get(region_code="3020052600")
    assert (cell.sigungu_code, cell.language, cell.age_band, cell.count) == ("30200", "zh-hans", 25, 8)


def test_loading_the_same_table_twice_leaves_the_same_figures(small_table: Any, planner: Any) -> None:
    again = do_import_official_table(planner, text=SMALL_TABLE, label="small.csv")
    assert again.replaced == 8
    assert ResidentCount.objects.count() == 8
    assert ResidentCount.objects.aggregate(total=Sum("count"))["total"] == 121


def test_a_table_with_bad_lines_names_them_and_loads_nothing(planner: Any) -> None:
    text = SMALL_TABLE + "2026-13,3020052000,CN,20,F,D-2,zh,4\n2026-10,9999999999,CN,20,F,D-2,zh,4\n"
    with translation.override("en"), pytest.raises(InvalidInput) as error:
        do_import_official_table(planner, text=text)
    assert "Line 10" in str(error.value.message) and "Line 11" in str(error.value.message)
    assert "9999999999" in str(error.value.message)
    assert ResidentCount.objects.count() == 0


def test_a_table_without_the_count_column_is_refused(planner: Any) -> None:
    with pytest.raises(InvalidInput) as error:
        do_import_official_table(planner, text="period,region_code\n2026-10,30200\n")
    assert error.value.code == "stats_bad_header"


def test_the_same_cell_twice_in_one_file_is_refused(planner: Any) -> None:
    first_row = SMALL_TABLE.splitlines()[1]
    with translation.override("en"), pytest.raises(InvalidInput, match="Line 10"):
        do_import_official_table(planner, text=SMALL_TABLE + first_row + "\n")


def test_a_counsellor_may_not_load_tables(daejeon_regions: None, counsellor: Any) -> None:
    with pytest.raises(PermissionDenied):
        do_import_official_table(counsellor, text=SMALL_TABLE)


def test_every_load_is_in_the_audit_log(small_table: Any, planner: Any) -> None:
    entry = AuditEntry.objects.get(action="import", target_type="stats.countbatch")
    assert entry.actor == planner and "121 residents" in entry.detail


@pytest.mark.parametrize(("raw", "band"), [("20", 20), ("20-24", 20), ("20–24", 20), ("65+", 65), ("70", 65),
                                            ("", UNKNOWN_AGE)])
def test_age_bands_are_read_in_the_usual_spellings(raw: str, band: int) -> None:
    assert parse_age_band(raw) == band


@pytest.mark.parametrize("raw", ["21", "20-30", "x"])
def test_odd_age_bands_are_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_age_band(raw)


def test_the_example_table_loads_with_the_command_and_mixes_districts_and_dongs(daejeon_regions: None) -> None:
    import io
    from pathlib import Path

    from django.core.management import call_command

    example = Path(__file__).resolve().parent.parent / "data" / "example_official_table.csv"
    out = io.StringIO()
    call_command("import_resident_counts", str(example), stdout=out)
    assert "Loaded 9 cells, 1502 residents" in out.getvalue()
    assert set(ResidentCount.objects.values_list("sigungu_code", flat=True)) == {"30110", "30200"}


def test_a_counsellor_gets_a_refusal_page_when_posting_a_table(client: Any, daejeon_regions: None,
                                                               counsellor: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(counsellor)
    upload = SimpleUploadedFile("t.csv", SMALL_TABLE.encode(), content_type="text/csv")
    response = client.post(reverse("stats_staff:import"), {"table": upload})
    assert response.status_code == 403
    assert ResidentCount.objects.count() == 0


def test_a_planner_loads_a_table_through_the_dashboard(client: Any, planner: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(planner)
    upload = SimpleUploadedFile("t.csv", SMALL_TABLE.encode(), content_type="text/csv")
    response = client.post(reverse("stats_staff:import"), {"table": upload}, follow=True)
    assert response.status_code == 200
    assert ResidentCount.objects.aggregate(total=Sum("count"))["total"] == 121
