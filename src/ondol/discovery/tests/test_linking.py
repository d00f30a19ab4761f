# ruff: noqa: S608 - SQL here is built from table names and catalogue codes of our own, never from feed values.
from __future__ import annotations

from datetime import date
from pathlib import Path

from ondol.discovery.pipeline.catalogue import load_catalogue
from ondol.discovery.pipeline.engine import DuckDBEngine
from ondol.discovery.pipeline.feeds import load_feed
from ondol.discovery.pipeline.linking import LinkOptions, link_quality, link_records
from ondol.discovery.tests.feedmaker import household, person, record, write_feed

AS_OF = date(2025, 5, 1)
GANGNAM = "서울특별시 강남구 역삼1동 테헤란로 10"


def _people() -> tuple[list[dict], list[dict]]:
    households = [
        household("H1"),
        household("H2", head_nationality="VN", registered_address=GANGNAM,
                  actual_address="대전광역시 유성구 온천1동 대학로 99"),
        household("H3", registered_address="부산광역시 해운대구 우1동 해운대로 5"),
        household("H4", registered_address="대전광역시 중구 은행선화동 중앙로 1"),
    ]
    persons = [
        person("P1", "H1", "홍길동", "1950-03-04", name_latin="HONG GILDONG"),
        person("P2", "H2", "NGUYEN VAN AN", "1988-11-05", nationality="VN"),
        person("P3", "H3", "김철수", "1962-07-21"),
        person("P4", "H4", "이영희", "1971-01-15"),
        person("P5", "H4", "박민수", "1970-06-30"),
    ]
    return households, persons


def _link(folder: Path, records: list[dict], **options):
    households, persons = _people()
    write_feed(folder, households=households, persons=persons, indicators=records)
    engine = DuckDBEngine()
    feed = load_feed(engine, folder, as_of=AS_OF, catalogue=load_catalogue())
    links, report = link_records(engine, indicators=feed.tables["indicators"], persons=feed.tables["persons"],
                                 households=feed.tables["households"], options=LinkOptions(**options))
    rows = engine.fetch(f"SELECT * FROM {links} ORDER BY record_id").to_pylist()
    return {row["record_id"]: row for row in rows}, report


def test_records_with_ids_link_exactly_to_the_person_or_household(tmp_path):
    links, report = _link(tmp_path, [
        record("R1", "water_cutoff", "2025-04-01", person_id="P3"),
        record("R2", "gas_arrears", "2025-04-01", household_id="H4"),
    ])
    assert links["R1"]["household_id"] == "H3" and links["R1"]["method"] == "id"
    assert links["R2"]["household_id"] == "H4" and links["R2"]["person_id"] is None
    assert report.by_id == 2


def test_records_without_ids_link_across_scripts_swaps_typos_and_cut_addresses(tmp_path):
    links, report = _link(tmp_path, [
        # Latin for a name registered in Hangul, given name first, address cut at the dong.
        record("R1", "job_loss", "2025-04-01", name="Gildong Hong", birth_date="1950-03-04",
               address="대전광역시 서구 둔산2동"),
        # Accents, day and month swapped, the actual address of a household that moved.
        record("R2", "telecom_arrears", "2025-04-01", name="Nguyễn Văn An", birth_date="1988-05-11",
               address="대전광역시 유성구 온천1동 대학로 99"),
        # Two letters transposed, address written with the short city name.
        record("R3", "loan_delinquency", "2025-04-01", name="KMI CHEOLSU", birth_date="1962-07-21",
               address="부산 해운대구 우1동"),
        # Hangul with a space between family and given name.
        record("R4", "water_arrears", "2025-04-01", name="이 영희", birth_date="1971-01-15"),
    ])
    assert {rid: link["household_id"] for rid, link in links.items()} == {
        "R1": "H1", "R2": "H2", "R3": "H3", "R4": "H4"}
    assert all(link["method"] == "probabilistic" and link["match_probability"] >= 0.9 for link in links.values())
    assert report.probabilistic == 4 and report.unlinked == 0


def test_a_record_of_someone_not_in_the_register_stays_unlinked(tmp_path):
    links, report = _link(tmp_path, [
        record("R1", "job_loss", "2025-04-01", name="정미경", birth_date="1980-09-09",
               address="대전광역시 서구 둔산2동 둔산로 100"),
    ])
    assert links == {}
    assert report.unlinked == 1


def test_our_linkage_beats_the_plain_set_up_that_blocks_on_the_exact_birth_date(synthetic_feed):
    def quality(baseline: bool) -> dict[str, float]:
        engine = DuckDBEngine()
        feed = load_feed(engine, synthetic_feed, as_of=AS_OF, catalogue=load_catalogue())
        links, _report = link_records(engine, indicators=feed.tables["indicators"], persons=feed.tables["persons"],
                                      households=feed.tables["households"], options=LinkOptions(baseline=baseline))
        engine.read_file("truth", synthetic_feed / "truth" / "links.parquet", as_text=False)
        engine.view("without_ids", "SELECT record_id FROM truth WHERE without_ids")
        return link_quality(engine, links=links, truth="truth", records="without_ids")

    ours, plain = quality(baseline=False), quality(baseline=True)
    assert ours["records"] > 50
    # A small feed (about 60 such records); docs/discovery.md has the figures on 50,000 households.
    assert ours["correct"] >= 0.95 and ours["wrong"] <= 0.005
    assert ours["correct"] > plain["correct"] + 0.05


def test_two_look_alikes_in_different_households_share_the_record_and_neither_gets_it(tmp_path):
    households, persons = _people()
    households.append(household("H5", registered_address="광주광역시 북구 용봉동 용봉로 7"))
    persons.append(person("P6", "H5", "김철수", "1962-07-21"))  # same name and birth date as P3 in H3
    write_feed(tmp_path, households=households, persons=persons, indicators=[
        record("R1", "job_loss", "2025-04-01", name="KIM CHEOLSU", birth_date="1962-07-21"),
        record("R2", "job_loss", "2025-04-01", name="김철수", birth_date="1962-07-21",
               address="부산광역시 해운대구 우1동"),
    ])
    engine = DuckDBEngine()
    feed = load_feed(engine, tmp_path, as_of=AS_OF, catalogue=load_catalogue())
    links, report = link_records(engine, indicators=feed.tables["indicators"], persons=feed.tables["persons"],
                                 households=feed.tables["households"])
    rows = {row["record_id"]: row for row in engine.fetch(f"SELECT * FROM {links}").to_pylist()}
    # Without an address nothing tells the two apart; the address of R2 does.
    assert "R1" not in rows and report.ambiguous == 1
    assert rows["R2"]["household_id"] == "H3" and rows["R2"]["match_probability"] >= 0.9
