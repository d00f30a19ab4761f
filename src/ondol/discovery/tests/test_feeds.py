from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ondol.discovery.pipeline.catalogue import load_catalogue
from ondol.discovery.pipeline.engine import DuckDBEngine
from ondol.discovery.pipeline.feeds import FeedError, load_feed
from ondol.discovery.tests.feedmaker import household, person, record, write_feed, write_table

AS_OF = date(2025, 5, 1)


def _load(folder: Path):
    engine = DuckDBEngine()
    return engine, load_feed(engine, folder, as_of=AS_OF, catalogue=load_catalogue())


def _good_feed(folder: Path) -> Path:
    return write_feed(
        folder,
        households=[household("H1"), household("H2")],
        persons=[person("P1", "H1", "홍길동", "1950-03-04"), person("P2", "H2", "김철수", "1962-11-30")],
        indicators=[record("R1", "electricity_cutoff", "2025-04-01", person_id="P1")],
    )


def test_a_feed_without_a_required_table_is_refused_before_anything_is_read(tmp_path):
    write_table(tmp_path, "households", [household("H1")])
    with pytest.raises(FeedError) as raised:
        _load(tmp_path)
    assert raised.value.code == "missing_table"
    assert raised.value.params["table"] == "persons"


def test_a_table_missing_a_required_column_is_refused_and_named(tmp_path):
    _good_feed(tmp_path)
    write_table(tmp_path, "persons", [{"person_id": "P1", "household_id": "H1", "name": "홍길동"}],
                columns=["person_id", "household_id", "name"])
    with pytest.raises(FeedError) as raised:
        _load(tmp_path)
    assert raised.value.code == "missing_columns"
    assert raised.value.params["columns"] == "birth_date, nationality"


def test_optional_columns_may_be_left_out_of_a_feed(tmp_path):
    _good_feed(tmp_path)
    write_table(tmp_path, "persons", [{"person_id": "P1", "household_id": "H1", "name": "홍길동",
                                       "birth_date": "1950-03-04", "nationality": "KR"}],
                columns=["person_id", "household_id", "name", "birth_date", "nationality"])
    _engine, feed = _load(tmp_path)
    assert feed.reports["persons"].loaded == 1


def _as_parquet(folder: Path) -> None:
    """Turn every CSV table of the feed into a Parquet file of text columns (the national-scale path)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    for path in folder.glob("*.csv"):
        names = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, "string")))
        pq.write_table(table, path.with_suffix(".parquet"))
        path.unlink()


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_bad_rows_are_rejected_with_their_reasons_and_good_rows_are_loaded_whole(tmp_path, file_format):
    write_feed(
        tmp_path,
        households=[household("H1"), household("H2", dong_code="30170630"), household("H3", single_person="maybe")],
        persons=[person("P1", "H1", "홍길동", "1950-03-04"), person("P2", "H9", "김철수", "1962-11-30"),
                 person("P3", "H1", "이영희", "1962-02-30")],
        indicators=[
            record("R1", "electricity_cutoff", "2025-04-01", person_id="P1", months="2"),
            record("R2", "electricity_cutof", "2025-04-01", person_id="P1"),
            record("R3", "water_arrears", "2025-04-01", person_id="P1"),
            record("R3", "gas_arrears", "2025-04-02", person_id="P1"),
            record("R4", "job_loss", "2025-04-01"),
            record("R5", "telecom_arrears", "yesterday", household_id="H1", amount_krw="-5"),
        ],
    )
    if file_format == "parquet":
        _as_parquet(tmp_path)
    engine, feed = _load(tmp_path)
    assert feed.reports["households"].problems == {"not_a_dong_code:dong_code": 1, "not_yes_no:single_person": 1}
    assert feed.reports["persons"].problems == {"not_a_date:birth_date": 1, "unknown_household:household_id": 1}
    assert feed.reports["indicators"].problems == {
        "duplicate:record_id": 2, "not_a_date:observed_on": 1, "not_a_whole_number:amount_krw": 1,
        "nothing_to_link": 1, "unknown_indicator:indicator": 1}
    assert engine.fetch("SELECT record_id, months FROM indicators").to_pylist() == [{"record_id": "R1", "months": 2}]
    assert sorted(engine.fetch("SELECT person_id FROM persons").column(0).to_pylist()) == ["P1"]
    assert feed.reports["persons"].loaded == 1 and feed.reports["persons"].rejected == 2
    rejected = engine.fetch("SELECT record_id, problems FROM rejected_indicators WHERE record_id = 'R5'").to_pylist()
    assert rejected == [{"record_id": "R5", "problems": "not_a_date:observed_on;not_a_whole_number:amount_krw"}]


def test_unknown_indicator_codes_are_reported_by_code_not_dropped_silently(tmp_path):
    _good_feed(tmp_path)
    write_table(tmp_path, "indicators", [
        record("R1", "electricity_cutoff", "2025-04-01", person_id="P1"),
        record("R2", "heating_cutoff", "2025-04-01", person_id="P1"),
        record("R3", "heating_cutoff", "2025-04-02", person_id="P2"),
    ])
    _engine, feed = _load(tmp_path)
    assert feed.unknown_indicators == {"heating_cutoff": 2}
    assert feed.reports["indicators"].rows == 3


def test_a_parquet_feed_with_typed_columns_passes_the_same_checks(synthetic_feed):
    _engine, feed = _load(synthetic_feed)
    assert all(report.rejected == 0 for report in feed.reports.values())
    assert feed.has_outcomes


def test_typed_parquet_columns_are_checked_for_their_ranges_without_a_text_round_trip(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    _good_feed(tmp_path)
    (tmp_path / "persons.csv").unlink()
    pq.write_table(pa.table({
        "person_id": ["P1", "P2"], "household_id": ["H1", "H2"], "name": ["홍길동", "김철수"],
        "birth_date": pa.array([date(1950, 3, 4), date(1850, 1, 1)], pa.date32()),
        "nationality": ["KR", "KR"],
    }), tmp_path / "persons.parquet")
    engine, feed = _load(tmp_path)
    assert feed.reports["persons"].problems == {"not_a_date:birth_date": 1}
    assert engine.fetch("SELECT person_id, birth_date FROM persons").to_pylist() == [
        {"person_id": "P1", "birth_date": date(1950, 3, 4)}]


def test_parquet_text_with_stray_spaces_is_trimmed_and_empty_text_read_as_missing(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    _good_feed(tmp_path)
    (tmp_path / "persons.csv").unlink()
    pq.write_table(pa.table({
        "person_id": [" P1 ", "P2"], "household_id": ["H1", "H2"], "name": ["홍길동  ", "김철수"],
        "name_latin": ["", "KIM CHEOLSU"], "birth_date": ["1950-03-04", "1962-11-30"], "nationality": ["kr", "KR"],
    }), tmp_path / "persons.parquet")
    engine, feed = _load(tmp_path)
    assert feed.reports["persons"].loaded == 2
    assert engine.fetch("SELECT person_id, name, name_latin, nationality FROM persons ORDER BY person_id").to_pylist() == [
        {"person_id": "P1", "name": "홍길동", "name_latin": None, "nationality": "KR"},
        {"person_id": "P2", "name": "김철수", "name_latin": "KIM CHEOLSU", "nationality": "KR"}]
