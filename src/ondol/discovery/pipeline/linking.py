"""Link indicator records to households: exact ids first, then Splink for records without ids.

The probabilistic part compares each id-less record with the people in the register on three
things agencies do write: the name (as keys that survive scripts, spellings and word order, see
`names`), the birth date (exact, day and month swapped, one digit off, same year) and the
address (same full address, same dong, same district), against the registered and the actual
address of the person's household. Candidate pairs come from blocking rules chosen so that each
kind of error still leaves one rule that holds:

* same sorted letters of the name, birth year and district - swapped names, other scripts, split
  names, transposed letters, day/month swaps;
* same loosely folded letters, birth year and district     - other romanisations of Korean names;
* same name key and birth date                              - an address the register does not know;
* same sorted (or folded) letters and birth year, for records without an address;
* same birth date (or day and month swapped) and dong       - typos in the name.

m probabilities are set from what we know about how agencies write (documented in
docs/discovery.md); u probabilities of the equality levels are counted from value frequencies
(on a fixed sixteenth of large registers, chosen by md5 so both engines pick the same people).
The households a record is compared with then compete for it (`probabilistic_links`).
"""

# ruff: noqa: S608 - SQL here is built from table names and catalogue codes of our own, never from feed values.
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from ondol.discovery.pipeline.engine import Engine
from ondol.discovery.pipeline.names import NAME_KEYS_SCHEMA, name_keys_batches

SIDO_SHORT = {
    "서울특별시": "서울", "서울시": "서울", "부산광역시": "부산", "부산시": "부산", "대구광역시": "대구",
    "대구시": "대구", "인천광역시": "인천", "인천시": "인천", "광주광역시": "광주", "대전광역시": "대전",
    "대전시": "대전", "울산광역시": "울산", "울산시": "울산", "세종특별자치시": "세종", "세종시": "세종",
    "경기도": "경기", "강원도": "강원", "강원특별자치도": "강원", "충청북도": "충북", "충청남도": "충남",
    "전라북도": "전북", "전북특별자치도": "전북", "전라남도": "전남", "경상북도": "경북", "경상남도": "경남",
    "제주특별자치도": "제주", "제주도": "제주",
}


log = logging.getLogger("ondol.discovery")
IN_REGISTER = 0.95  # share of id-less records whose person is in the register at all
SAMPLE_PEOPLE_ABOVE = 2_000_000  # count u's value frequencies on a sixteenth of larger registers
RECORDS_PER_CHUNK = 1_000_000  # bounds the blocked pairs Splink holds at once


@dataclass(frozen=True)
class LinkOptions:
    threshold: float = 0.9       # lowest probability (among the households compared) that links a record
    min_rows_for_u: int = 200    # below this many people the priors are better than counted shares
    baseline: bool = False       # the plain set-up we compare against: raw names, exact birth date


@dataclass
class LinkReport:
    records: int = 0
    by_id: int = 0
    stale_ids: int = 0
    candidates: int = 0
    probabilistic: int = 0
    ambiguous: int = 0
    unlinked: int = 0
    compared_pairs: int = 0
    u_estimated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# The first, second and third word of an address (province, district, dong). One simple pattern
# per word: optional groups in one pattern make the regular-expression engine several times slower.
# No backslashes, so the patterns read the same in DuckDB's and Spark's string literals.
_ADDRESS_WORDS = ("^ *([^ ]+)", "^ *[^ ]+ +([^ ]+)", "^ *[^ ]+ +[^ ]+ +([^ ]+)")


def _address_words(column: str) -> str:
    """SQL columns w1, w2, w3 (first three words) and full_address of a free-text address."""
    words = ", ".join(f"NULLIF(regexp_extract({column}, '{pattern}', 1), '') AS w{n}"
                      for n, pattern in enumerate(_ADDRESS_WORDS, start=1))
    return f"{words}, NULLIF(REPLACE({column}, ' ', ''), '') AS full_address"


def _address_keys(alias: str) -> str:
    """SQL columns sigungu (district) and area (dong) from the words of `_address_words`."""
    cases = " ".join(f"WHEN '{long}' THEN '{short}'" for long, short in SIDO_SHORT.items())
    return (f"(CASE {alias}.w1 {cases} ELSE {alias}.w1 END) || ' ' || {alias}.w2 AS sigungu, "
            f"(CASE {alias}.w1 {cases} ELSE {alias}.w1 END) || ' ' || {alias}.w2 || ' ' || {alias}.w3 AS area")


def household_addresses(engine: Engine, *, households: str) -> str:
    """One row per household and address it may be written at (registered, and actual if it moved).

    Parsed once: the candidate search, the u sample and the compared rows all read it.
    """
    return engine.table("link_addresses", f"""
        SELECT w.household_id, w.kind, {_address_keys('w')}, w.full_address FROM (
            SELECT household_id, 'r' AS kind, {_address_words('h.registered_address')} FROM {households} AS h
            UNION ALL
            SELECT household_id, 'a' AS kind, {_address_words('h.actual_address')} FROM {households} AS h
            WHERE h.actual_address IS NOT NULL) AS w""")


def _date_keys(column: str) -> dict[str, str]:
    year = f"CAST(YEAR({column}) AS VARCHAR)"
    month = f"LPAD(CAST(MONTH({column}) AS VARCHAR), 2, '0')"
    day = f"LPAD(CAST(DAY({column}) AS VARCHAR), 2, '0')"
    return {
        "dob": f"CAST({column} AS VARCHAR)",
        # Only a day of 12 or less can be read as a month; equal day and month swap to themselves.
        "dob_swap": f"CASE WHEN DAY({column}) <= 12 AND DAY({column}) <> MONTH({column}) "
                    f"THEN {year} || '-' || {day} || '-' || {month} END",
        "birth_year": f"YEAR({column})",
    }


def exact_links(engine: Engine, *, indicators: str, persons: str, households: str) -> str:
    """Records whose person or household id is known: one row each, probability 1."""
    return engine.table("links_exact", f"""
        SELECT i.record_id, COALESCE(p.household_id, h.household_id) AS household_id, p.person_id,
               CAST(1.0 AS DOUBLE) AS match_probability, 'id' AS method
        FROM {indicators} AS i
        LEFT JOIN {persons} AS p ON i.person_id = p.person_id
        LEFT JOIN {households} AS h ON i.household_id = h.household_id
        WHERE p.person_id IS NOT NULL OR h.household_id IS NOT NULL""")


def _name_keys(engine: Engine, *, persons: str, records: str, baseline: bool) -> str:
    names = f"""SELECT DISTINCT name FROM (
        SELECT name FROM {persons} UNION ALL SELECT name_latin AS name FROM {persons}
        UNION ALL SELECT name FROM {records}) AS n WHERE name IS NOT NULL"""
    if baseline:
        # The plain set-up: lower-cased, trimmed names, no romanisation or reordering.
        return engine.table("name_keys", f"""SELECT name, LOWER(TRIM(name)) AS name_key,
            LOWER(TRIM(name)) AS name_letters, LOWER(TRIM(name)) AS name_loose FROM ({names}) AS n""")
    return engine.map_batches("name_keys", names, name_keys_batches, NAME_KEYS_SCHEMA)


def _name_variants(persons: str) -> str:
    """SQL: one row per person and name they are written under (the registered name and the Latin one)."""
    return f"""SELECT person_id, household_id, birth_date, name AS raw_name FROM {persons} AS c
        UNION ALL
        SELECT person_id, household_id, birth_date, name_latin AS raw_name FROM {persons} AS c
        WHERE name_latin IS NOT NULL"""


def _people_side(engine: Engine, *, name: str, persons: str, addresses: str, keys: str,
                 sample: bool = False, only: str | None = None) -> str:
    """One row per person, name spelling and address (registered or actual) of their household.

    A view: at national scale it has tens of millions of rows, and is only ever read through a
    filter (`only`: a table of the person_ids that may be compared) or a sample (`sample`: one
    person in sixteen, chosen by a hash both engines compute alike, enough to count value
    frequencies for u).
    """
    dates = _date_keys("n.birth_date")
    chosen = persons
    if sample:
        chosen = f"(SELECT * FROM {persons} WHERE md5(person_id) < '1')"
    elif only:
        chosen = f"(SELECT p.* FROM {persons} AS p JOIN {only} AS o ON o.person_id = p.person_id)"
    return engine.view(name, f"""
        WITH variants AS ({_name_variants(chosen)}),
        named AS (
            -- Most Latin spellings give the same key as the registered name: keep each key once.
            SELECT DISTINCT p.person_id, p.household_id, p.birth_date, k.name_key, k.name_letters, k.name_loose
            FROM variants AS p JOIN {keys} AS k ON k.name = p.raw_name
            WHERE k.name_key IS NOT NULL)
        SELECT n.person_id || '#' || n.name_key || '#' || a.kind AS uid,
               n.person_id, n.household_id, CAST(NULL AS VARCHAR) AS record_id, n.name_key, n.name_letters,
               n.name_loose, n.name_letters AS letters_any_place, n.name_loose AS loose_any_place,
               {dates['dob']} AS dob, {dates['dob_swap']} AS dob_swap,
               {dates['birth_year']} AS birth_year, a.sigungu, a.area, a.full_address
        FROM named AS n JOIN {addresses} AS a ON a.household_id = n.household_id""")


def _record_side(engine: Engine, *, records: str, keys: str) -> str:
    dates = _date_keys("r.birth_date")
    return engine.table("link_records", f"""
        SELECT uid, person_id, household_id, record_id, name_key, name_letters, name_loose,
               -- Only a record without an address is blocked on its name and birth year alone.
               CASE WHEN sigungu IS NULL THEN name_letters END AS letters_any_place,
               CASE WHEN sigungu IS NULL THEN name_loose END AS loose_any_place,
               dob, dob_swap, birth_year, sigungu, area, full_address
        FROM (SELECT w.*, {_address_keys('w')} FROM (
                SELECT r.record_id AS uid, CAST(NULL AS VARCHAR) AS person_id,
                       CAST(NULL AS VARCHAR) AS household_id, r.record_id, k.name_key, k.name_letters,
                       k.name_loose, {dates['dob']} AS dob, {dates['dob_swap']} AS dob_swap,
                       {dates['birth_year']} AS birth_year, {_address_words('r.address')}
                FROM {records} AS r JOIN {keys} AS k ON k.name = r.name
                WHERE k.name_key IS NOT NULL) AS w) AS r""")


# The blocking rules, each as the columns that must be equal. A person and a record share a key
# (a hash of the rule's tag and values) when the rule pairs them; the date rule also pairs a date
# with its day and month swapped.
BLOCKS = (
    ("a", ("name_letters", "birth_year", "sigungu")),
    ("b", ("name_loose", "birth_year", "sigungu")),
    ("c", ("name_key", "dob")),
    ("d", ("letters_any_place", "birth_year")),
    ("e", ("loose_any_place", "birth_year")),
    ("f", ("dob", "area")),
)
BASELINE_BLOCKS = (("f", ("dob",)),)


def _blocking_rules(baseline: bool) -> list[Any]:
    from splink import block_on

    if baseline:
        return [block_on("dob")]
    return [
        *(block_on(*columns) for _tag, columns in BLOCKS),
        "l.dob = r.dob_swap AND l.area = r.area",
        "l.dob_swap = r.dob AND l.area = r.area",
    ]


def _block_key(tag: str, columns: tuple[str, ...], alias: str, *, dob: str = "dob") -> str:
    """SQL for the rule's key of a row, NULL when a value is missing (a missing value blocks nothing).

    A hash, not the joined text: it is computed for every person in the register. A collision only
    adds a candidate, which Splink's own blocking then drops.
    """
    values = [f"{alias}.{dob if column == 'dob' else column}" for column in columns]
    present = " AND ".join(f"{value} IS NOT NULL" for value in values)
    return f"CASE WHEN {present} THEN hash('{tag}', {', '.join(values)}) END"


def _candidate_persons(engine: Engine, *, persons: str, addresses: str, keys: str, records: str,
                       baseline: bool) -> str:
    """Ids of the people who share a blocking key with some record: only they can ever be compared.

    Worked out in one pass over narrow columns (ids, name keys, dates, districts) before the wide
    rows of `_people_side` are built, which at national scale are built for a few percent of people.
    """
    blocks = BASELINE_BLOCKS if baseline else BLOCKS
    # A person's date swapped equals a record's date exactly when the person's date equals the
    # record's date swapped, so the record side is keyed both ways and the person side once.
    record_keys = [_block_key(tag, columns, "r", dob=dob) for tag, columns in blocks
                   for dob in (("dob", "dob_swap") if tag == "f" else ("dob",))]
    wanted = engine.table("link_keys", "SELECT DISTINCT k FROM (" + " UNION ALL ".join(
        f"SELECT {key} AS k FROM {records} AS r" for key in record_keys) + ") AS u WHERE k IS NOT NULL")
    dates = _date_keys("p.birth_date")
    people = f"""SELECT p.person_id, k.name_key, k.name_letters, k.name_loose,
               k.name_letters AS letters_any_place, k.name_loose AS loose_any_place,
               {dates['dob']} AS dob, {dates['birth_year']} AS birth_year, a.sigungu, a.area
        FROM ({_name_variants(persons)}) AS p
        LEFT JOIN {keys} AS k ON k.name = p.raw_name
        JOIN {addresses} AS a ON a.household_id = p.household_id"""
    tests = " OR ".join(f"({_block_key(tag, columns, 'x')}) IN (SELECT k FROM {wanted})" for tag, columns in blocks)
    return engine.table("link_candidate_ids", f"SELECT DISTINCT x.person_id FROM ({people}) AS x WHERE {tests}")


# u priors (share of unrelated pairs at each level), used for small feeds and for the fuzzy levels
# that counting cannot give; `_estimate_u` replaces the others by exact shares from the data.
U_PRIORS = {
    "name_exact": 1e-4, "name_letters": 2e-5, "name_loose": 1e-4, "name_jw": 2e-3, "name_dl": 3e-3,
    "dob_exact": 4e-5, "dob_swap": 4e-5, "dob_typo": 6e-4, "dob_year": 0.014,
    "addr_full": 1e-5, "addr_area": 3e-4, "addr_sigungu": 4e-3,
}


def _agreement_sql(people: str, records: str, left: str, right: str | None = None) -> str:
    """SQL for the share of (person row, record) pairs, both known, whose `left` and `right` keys agree."""
    right = right or left
    return f"""(SELECT CAST(SUM(CAST(a.n AS DOUBLE) * b.n) AS DOUBLE)
               / (CAST((SELECT COUNT(*) FROM {people} WHERE {left} IS NOT NULL) AS DOUBLE)
                  * CAST((SELECT COUNT(*) FROM {records} WHERE {right} IS NOT NULL) AS DOUBLE))
        FROM (SELECT {left} AS k, COUNT(*) AS n FROM {people} WHERE {left} IS NOT NULL GROUP BY 1) AS a
        JOIN (SELECT {right} AS k, COUNT(*) AS n FROM {records} WHERE {right} IS NOT NULL GROUP BY 1) AS b
        ON a.k = b.k)"""


def _estimate_u(engine: Engine, people: str, records: str) -> dict[str, float]:
    """Exact u for the equality levels, from value frequencies (no sampling, same on every engine).

    Levels are nested (same name ⊂ same letters ⊂ same sounds), so each level's u is the share
    agreeing at that level minus the share agreeing at the stricter levels above it.
    """
    keys = {"name_key": ("name_key", None), "letters": ("name_letters", None), "loose": ("name_loose", None),
            "dob": ("dob", None), "swap_r": ("dob", "dob_swap"), "swap_l": ("dob_swap", "dob"),
            "year": ("birth_year", None), "full": ("full_address", None), "area": ("area", None),
            "sigungu": ("sigungu", None)}
    select = ", ".join(f"{_agreement_sql(people, records, left, right)} AS {name}"
                       for name, (left, right) in keys.items())
    shares = {k: float(v or 0.0) for k, v in engine.fetch(f"SELECT {select}").to_pylist()[0].items()}
    floor = 1e-7  # a level never seen among unrelated pairs is rare, not impossible
    swap = shares["swap_r"] + shares["swap_l"]
    typo = max(25 * shares["dob"], floor)  # about 25 dates lie one keystroke away from any date
    return {
        "name_exact": max(shares["name_key"], floor), "name_letters": max(shares["letters"] - shares["name_key"], floor),
        "name_loose": max(shares["loose"] - shares["letters"], floor), "name_jw": U_PRIORS["name_jw"],
        "name_dl": U_PRIORS["name_dl"], "dob_exact": max(shares["dob"], floor), "dob_swap": max(swap, floor),
        "dob_typo": typo, "dob_year": max(shares["year"] - shares["dob"] - swap - typo, floor),
        "addr_full": max(shares["full"], floor), "addr_area": max(shares["area"] - shares["full"], floor),
        "addr_sigungu": max(shares["sigungu"] - shares["area"], floor),
    }


def _settings(*, people_rows: int, baseline: bool, u: dict[str, float]) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    def level(sql: str, label: str, m: float, key: str) -> Any:
        return cll.CustomLevel(sql, label_for_charts=label, base_dialect_str="duckdb").configure(
            m_probability=m, u_probability=u[key])

    def rest(m: float, *keys: str) -> Any:
        return cll.ElseLevel().configure(m_probability=m, u_probability=max(1e-6, 1 - sum(u[k] for k in keys)))

    if baseline:
        name = cl.CustomComparison(output_column_name="name", comparison_levels=[
            cll.NullLevel("name_key"),
            level("name_key_l = name_key_r", "same name", 0.80, "name_exact"),
            cll.JaroWinklerLevel("name_key", 0.9).configure(m_probability=0.12, u_probability=u["name_jw"]),
            cll.JaroWinklerLevel("name_key", 0.7).configure(m_probability=0.04, u_probability=0.05),
            rest(0.04, "name_exact", "name_jw").configure(u_probability=0.95),
        ])
    else:
        name = cl.CustomComparison(output_column_name="name", comparison_levels=[
            cll.NullLevel("name_key"),
            level("name_key_l = name_key_r", "same name in any order", 0.70, "name_exact"),
            level("name_letters_l = name_letters_r", "same letters (split or transposed)", 0.15, "name_letters"),
            level("name_loose_l = name_loose_r", "same sounds", 0.05, "name_loose"),
            cll.JaroWinklerLevel("name_key", 0.9).configure(m_probability=0.05, u_probability=u["name_jw"]),
            cll.DamerauLevenshteinLevel("name_letters", 2).configure(m_probability=0.03,
                                                                     u_probability=u["name_dl"]),
            rest(0.02, "name_exact", "name_letters", "name_loose", "name_jw", "name_dl"),
        ])
    birth = cl.CustomComparison(output_column_name="birth_date", comparison_levels=[
        cll.NullLevel("dob"),
        level("dob_l = dob_r", "same birth date", 0.85, "dob_exact"),
        level("dob_l = dob_swap_r OR dob_swap_l = dob_r", "day and month swapped", 0.07, "dob_swap"),
        cll.DamerauLevenshteinLevel("dob", 1).configure(m_probability=0.05, u_probability=u["dob_typo"]),
        level("birth_year_l = birth_year_r", "same birth year", 0.02, "dob_year"),
        rest(0.01, "dob_exact", "dob_swap", "dob_typo", "dob_year"),
    ])
    address = cl.CustomComparison(output_column_name="address", comparison_levels=[
        cll.NullLevel("sigungu"),
        level("full_address_l = full_address_r", "same address", 0.45, "addr_full"),
        level("area_l = area_r", "same dong", 0.35, "addr_area"),
        level("sigungu_l = sigungu_r", "same district", 0.08, "addr_sigungu"),
        rest(0.12, "addr_full", "addr_area", "addr_sigungu"),
    ])
    rules = _blocking_rules(baseline)
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="uid",
        comparisons=[name, birth, address],
        blocking_rules_to_generate_predictions=rules,
        # Nearly every id-less record belongs to someone in the register.
        probability_two_random_records_match=min(0.5, IN_REGISTER / max(people_rows, 1)),
        additional_columns_to_retain=["person_id", "household_id", "record_id"],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def _quiet_splink() -> None:
    for name in ("splink", "py4j"):
        logging.getLogger(name).setLevel(logging.ERROR)


def probabilistic_links(engine: Engine, *, indicators: str, persons: str, households: str, exact: str,
                        options: LinkOptions, report: LinkReport) -> str:
    """Splink links for the records that have no usable id; one row per record it can place."""
    from splink import Linker

    _quiet_splink()
    records = engine.table("link_input_records", f"""
        SELECT i.record_id, i.name, i.birth_date, i.address FROM {indicators} AS i
        LEFT JOIN {exact} AS e ON i.record_id = e.record_id
        WHERE e.record_id IS NULL AND i.name IS NOT NULL AND i.birth_date IS NOT NULL""")
    report.candidates = engine.scalar(f"SELECT COUNT(*) FROM {records}") or 0
    empty = """SELECT CAST(NULL AS VARCHAR) AS record_id, CAST(NULL AS VARCHAR) AS household_id,
        CAST(NULL AS VARCHAR) AS person_id, CAST(NULL AS DOUBLE) AS match_probability,
        'probabilistic' AS method, false AS ambiguous WHERE 1 = 0"""
    if report.candidates == 0:
        return engine.table("links_probabilistic", empty)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.extra[f"{name}_seconds"] = round(now - clock, 2)
        log.info("linking: %s took %.1f s", name, now - clock)
        clock = now

    keys = _name_keys(engine, persons=persons, records=records, baseline=options.baseline)
    lap("name_keys")
    recs = _record_side(engine, records=records, keys=keys)
    addresses = household_addresses(engine, households=households)
    lap("addresses")
    # About one row per person: spellings that differ give the same key, few households moved.
    people_rows = engine.scalar(f"SELECT COUNT(*) FROM {persons}") or 0
    report.extra["people"] = people_rows
    u = dict(U_PRIORS)
    if people_rows >= options.min_rows_for_u:
        sampled = people_rows > SAMPLE_PEOPLE_ABOVE
        if sampled:
            sample = _people_side(engine, name="link_people_u_view", persons=persons, addresses=addresses,
                                  keys=keys, sample=True)
            source = engine.table("link_people_u", f"SELECT * FROM {sample}")
        else:
            every = _people_side(engine, name="link_people_all", persons=persons, addresses=addresses, keys=keys)
            source = engine.table("link_people_all_rows", f"SELECT * FROM {every}")
        u.update(_estimate_u(engine, source, recs))
        report.u_estimated = True
        report.extra["u_from_sample"] = sampled
    lap("estimate_u")
    settings = _settings(people_rows=people_rows, baseline=options.baseline, u=u)
    db_api = engine.splink_api()
    ids = _candidate_persons(engine, persons=persons, addresses=addresses, keys=keys, records=recs,
                             baseline=options.baseline)
    people = _people_side(engine, name="link_people_view", persons=persons, addresses=addresses, keys=keys,
                          only=ids)
    candidates = engine.table("link_people_candidates", f"SELECT * FROM {people}")
    report.extra["candidate_people"] = engine.scalar(f"SELECT COUNT(*) FROM {ids}") or 0
    lap("candidates")
    linker = Linker([db_api.register(candidates, table_name="people"), db_api.register(recs, table_name="records")],
                    settings, log_level=None)
    # Chunks of records bound the size of the blocked pairs Splink holds at once (national runs).
    chunks = max(1, report.candidates // RECORDS_PER_CHUNK)
    report.extra["predict_chunks"] = chunks
    predictions = linker.inference.predict(threshold_match_probability=0.05, warning_mode="never",
                                           num_chunks_left=1 if chunks > 1 else None,
                                           num_chunks_right=chunks if chunks > 1 else None)
    lap("splink_predict")
    pairs_table = engine.table("link_pairs", f"""
        SELECT CASE WHEN source_dataset_l = 'people' THEN person_id_l ELSE person_id_r END AS person_id,
               CASE WHEN source_dataset_l = 'people' THEN household_id_l ELSE household_id_r END AS household_id,
               CASE WHEN source_dataset_l = 'people' THEN record_id_r ELSE record_id_l END AS record_id,
               match_probability, match_weight
        FROM {predictions.physical_name}""")
    report.compared_pairs = engine.scalar(f"SELECT COUNT(*) FROM {pairs_table}") or 0
    # The plain set-up we compare against takes Splink's pairwise probability as it is.
    share = "k.match_probability" if options.baseline else (
        f"1.0 / (h.relative_sum + {round(1 - IN_REGISTER, 6)!r} * POWER(2.0, -k.match_weight))")
    return engine.table("links_probabilistic", f"""
        WITH per_household AS (
            SELECT record_id, household_id, person_id, match_probability, match_weight,
                   ROW_NUMBER() OVER (PARTITION BY record_id, household_id
                                      ORDER BY match_weight DESC, person_id) AS n
            FROM {pairs_table}),
        ranked AS (
            SELECT record_id, household_id, person_id, match_probability, match_weight,
                   ROW_NUMBER() OVER (PARTITION BY record_id ORDER BY match_weight DESC, household_id) AS r
            FROM per_household WHERE n = 1),
        stats AS (
            SELECT record_id, MAX(match_weight) AS best_weight FROM ranked GROUP BY record_id),
        shares AS (
            -- A record belongs to at most one household (and to none with the prior's remaining
            -- 5 %), so the households it was compared with compete: 2^weight is the prior odds
            -- times the Bayes factor, and each household's share is its part of their sum. A lone
            -- good candidate is likelier than its pairwise score; two look-alikes split it.
            SELECT k.record_id, SUM(POWER(2.0, k.match_weight - s.best_weight)) AS relative_sum
            FROM ranked AS k JOIN stats AS s ON s.record_id = k.record_id GROUP BY k.record_id),
        best AS (
            SELECT k.record_id, k.household_id, k.person_id, k.match_probability AS pairwise,
                   {share} AS share
            FROM ranked AS k JOIN shares AS h ON h.record_id = k.record_id WHERE k.r = 1)
        SELECT record_id, household_id, person_id, ROUND(share, 6) AS match_probability,
               'probabilistic' AS method,
               -- Likely on its own, but another household is likely too: left to a person.
               (share < {options.threshold}) AS ambiguous
        FROM best WHERE share >= {options.threshold} OR pairwise >= {options.threshold}""")


def link_records(engine: Engine, *, indicators: str, persons: str, households: str,
                 options: LinkOptions | None = None) -> tuple[str, LinkReport]:
    """All links (table `links`: record_id, household_id, person_id, match_probability, method)."""
    options = options or LinkOptions()
    report = LinkReport()
    exact = exact_links(engine, indicators=indicators, persons=persons, households=households)
    counts = engine.fetch(f"""SELECT COUNT(*) AS records, COUNT(e.record_id) AS by_id,
        SUM(CASE WHEN e.record_id IS NULL AND (i.person_id IS NOT NULL OR i.household_id IS NOT NULL)
            THEN 1 ELSE 0 END) AS stale_ids
        FROM {indicators} AS i LEFT JOIN {exact} AS e ON i.record_id = e.record_id""").to_pylist()[0]
    report.records, report.by_id = int(counts["records"] or 0), int(counts["by_id"] or 0)
    report.stale_ids = int(counts["stale_ids"] or 0)
    fuzzy = probabilistic_links(engine, indicators=indicators, persons=persons, households=households,
                                exact=exact, options=options, report=report)
    fuzzy_counts = engine.fetch(f"""SELECT COUNT(*) AS n, SUM(CASE WHEN ambiguous THEN 1 ELSE 0 END) AS ambiguous
        FROM {fuzzy}""").to_pylist()[0]
    report.ambiguous = int(fuzzy_counts["ambiguous"] or 0)
    report.probabilistic = int(fuzzy_counts["n"] or 0) - report.ambiguous
    links = engine.table("links", f"""
        SELECT record_id, household_id, person_id, match_probability, method FROM {exact}
        UNION ALL
        SELECT record_id, household_id, person_id, match_probability, method FROM {fuzzy} WHERE NOT ambiguous""")
    report.unlinked = report.records - report.by_id - report.probabilistic
    return links, report


def link_quality(engine: Engine, *, links: str, truth: str, records: str) -> dict[str, float]:
    """Share of id-less records linked to the right household, to a wrong one, or not at all.

    `truth` has record_id and household_id (the household the record really belongs to);
    `records` lists the record_ids that had to be linked without ids.
    """
    row = engine.fetch(f"""
        SELECT COUNT(*) AS n,
               CAST(SUM(CASE WHEN l.household_id = t.household_id THEN 1 ELSE 0 END) AS BIGINT) AS correct,
               CAST(SUM(CASE WHEN l.household_id IS NOT NULL AND l.household_id <> t.household_id
                   THEN 1 ELSE 0 END) AS BIGINT) AS wrong
        FROM {records} AS r JOIN {truth} AS t ON r.record_id = t.record_id
        LEFT JOIN {links} AS l ON l.record_id = r.record_id""").to_pylist()[0]
    n = row["n"] or 0
    correct, wrong = row["correct"] or 0, row["wrong"] or 0
    return {"records": n, "correct": correct / n if n else 0.0, "wrong": wrong / n if n else 0.0,
            "unlinked": (n - correct - wrong) / n if n else 0.0}
