"""Score households from their linked records, explain each score, rank within each dong.

All steps are SQL over named tables, so the DuckDB and Spark engines compute the same numbers.
Two scores:

* the weighted score: catalogue weight × recency × severity per record, the strongest record per
  indicator, summed, squashed to 0..1 (see catalogue.yaml for the formula);
* the learned score (when outcomes of past visits exist): a calibrated logistic regression over
  the same per-indicator points plus three facts about the household, trained in Python and
  applied here as one SQL expression (see `model`).

Reasons are the three largest contributions to the score that is used, kept as structured rows
(indicator code, points, date, months, amount) so they can be put into words in any language.
"""

# ruff: noqa: S608 - SQL here is built from table names and catalogue codes of our own, never from feed values.
from __future__ import annotations

from datetime import date, timedelta

from ondol.discovery.pipeline.catalogue import Catalogue
from ondol.discovery.pipeline.engine import Engine, sql_string
from ondol.discovery.pipeline.model import LearnedModel

REASON_COUNT = 3


def record_points(engine: Engine, *, name: str, links: str, indicators: str, catalogue: Catalogue,
                   as_of: date, households: str | None = None) -> str:
    # A view: only `strongest_per_indicator` reads it.
    """One row per linked record seen in the look-back window before `as_of`, with its points."""
    start = as_of - timedelta(days=catalogue.lookback_days)
    cap = float(catalogue.amount_cap_krw)
    only = f"JOIN (SELECT DISTINCT household_id FROM {households}) AS o ON o.household_id = l.household_id" \
        if households else ""
    return engine.view(name, f"""
        SELECT l.household_id, i.record_id, i.indicator, i.observed_on, i.months, i.amount_krw,
               c.weight
               * POWER(0.5, CAST(DATE_DIFF('day', i.observed_on, DATE '{as_of}') AS DOUBLE) / c.half_life_days)
               * (1 + 0.5 * LEAST(CAST(COALESCE(i.months, 0) AS DOUBLE), 12.0) / 12.0
                    + 0.5 * LEAST(CAST(COALESCE(i.amount_krw, 0) AS DOUBLE), {cap}) / {cap}) AS points
        FROM {links} AS l
        JOIN {indicators} AS i ON i.record_id = l.record_id
        JOIN ({catalogue.values_sql()}) AS c ON c.code = i.indicator
        {only}
        WHERE i.observed_on <= DATE '{as_of}' AND i.observed_on > DATE '{start}'""")


def strongest_per_indicator(engine: Engine, *, name: str, points: str, keep: bool = True) -> str:
    """The strongest record of each indicator per household (ten notices for one bill are one problem)."""
    return (engine.table if keep else engine.view)(name, f"""
        SELECT household_id, indicator, observed_on, months, amount_krw, points FROM (
            SELECT p.*, ROW_NUMBER() OVER (PARTITION BY household_id, indicator
                                           ORDER BY points DESC, observed_on DESC, record_id) AS n
            FROM {points} AS p) AS ranked
        WHERE n = 1""")


def features(engine: Engine, *, name: str, households: str, strongest: str, catalogue: Catalogue,
             as_of: date, keep: bool = True) -> str:
    """One row per household: points per indicator (0 when absent) and facts about the household."""
    pivot = ",\n".join(
        f"MAX(CASE WHEN indicator = {sql_string(code)} THEN points END) AS f_{code}" for code in catalogue.codes
    )
    filled = ", ".join(f"COALESCE(p.f_{code}, 0.0) AS f_{code}" for code in catalogue.codes)
    # Pivot the (few) households with signals first, then attach every household. Addresses stay
    # out: only the selected few need them, and carrying them through every household costs.
    return (engine.table if keep else engine.view)(name, f"""
        WITH p AS (
            SELECT household_id, SUM(points) AS raw_points, COUNT(*) AS n_indicators, {pivot}
            FROM {strongest} GROUP BY household_id)
        SELECT h.household_id, h.dong_code, h.head_nationality, h.single_person, h.members,
               CAST(h.single_person AS INTEGER) AS lives_alone,
               CASE WHEN {as_of.year} - h.head_birth_year >= 65 THEN 1 ELSE 0 END AS elderly_head,
               CASE WHEN h.members >= 4 THEN 1 ELSE 0 END AS large_household,
               COALESCE(p.raw_points, 0.0) AS raw_points, COALESCE(p.n_indicators, 0) AS n_indicators,
               {filled}
        FROM {households} AS h LEFT JOIN p ON p.household_id = h.household_id""")


def _contributions(*, strongest: str, features_table: str, model: LearnedModel | None) -> str:
    """Long table of what adds to each household's score: indicators, and household facts for the model."""
    if model is None:
        return f"""SELECT household_id, indicator, points AS contribution, observed_on, months, amount_krw
                   FROM {strongest}"""
    multipliers = " ".join(f"WHEN {sql_string(code)} THEN {value!r}"
                           for code, value in model.indicator_multipliers().items())
    context = " UNION ALL ".join(
        f"""SELECT household_id, {sql_string(feature)} AS indicator, {value!r} * {feature} AS contribution,
                   CAST(NULL AS DATE) AS observed_on, CAST(NULL AS INTEGER) AS months,
                   CAST(NULL AS BIGINT) AS amount_krw
            FROM {features_table} WHERE {feature} > 0 AND n_indicators > 0"""
        for feature, value in model.context_multipliers().items()
    )
    indicator_rows = f"""SELECT household_id, indicator,
               points * (CASE indicator {multipliers} ELSE 0.0 END) AS contribution,
               observed_on, months, amount_krw FROM {strongest}"""
    return f"{indicator_rows} UNION ALL {context}" if context else indicator_rows


def _reasons_sql(ranked: str) -> tuple[str, str]:
    """A pivot of the top reasons per household, and the SQL that packs them into a list of structs."""
    columns = []
    structs = []
    for k in range(1, REASON_COUNT + 1):
        columns.append(f"""MAX(CASE WHEN r = {k} THEN indicator END) AS r{k}_indicator,
            MAX(CASE WHEN r = {k} THEN ROUND(contribution, 3) END) AS r{k}_points,
            MAX(CASE WHEN r = {k} THEN observed_on END) AS r{k}_observed_on,
            MAX(CASE WHEN r = {k} THEN months END) AS r{k}_months,
            MAX(CASE WHEN r = {k} THEN amount_krw END) AS r{k}_amount_krw""")
        structs.append(f"""CASE WHEN t.r{k}_indicator IS NOT NULL THEN struct_pack(
            indicator := t.r{k}_indicator, points := t.r{k}_points, observed_on := t.r{k}_observed_on,
            months := t.r{k}_months, amount_krw := t.r{k}_amount_krw) END""")
    pivot = f"SELECT household_id, {', '.join(columns)} FROM {ranked} GROUP BY household_id"
    packed = f"list_filter([{', '.join(structs)}], lambda x: x IS NOT NULL)"
    return pivot, packed


def score_households(engine: Engine, *, name: str, features_table: str, strongest: str, catalogue: Catalogue,
                     model: LearnedModel | None, per_dong: int | None, total: int | None) -> str:
    """Final table: score, reasons, rank in dong and whether the household is selected for a visit."""
    weighted = f"1 - EXP(-f.raw_points / {float(catalogue.score_scale)!r})"
    model_expr = model.probability_sql("f") if model else "CAST(NULL AS DOUBLE)"
    ranked = engine.view(f"{name}_contributions", f"""
        SELECT * FROM (
            SELECT c.*, ROW_NUMBER() OVER (PARTITION BY household_id
                                           ORDER BY contribution DESC, indicator) AS r
            FROM ({_contributions(strongest=strongest, features_table=features_table, model=model)}) AS c
            WHERE contribution > 0) AS x
        WHERE r <= {REASON_COUNT}""")
    pivot, packed = _reasons_sql(ranked)
    scored = engine.table(f"{name}_unranked", f"""
        SELECT f.household_id, f.dong_code, f.head_nationality, f.single_person, f.members,
               f.n_indicators,
               ROUND({weighted}, 6) AS weighted_score,
               ROUND({model_expr}, 6) AS model_score,
               ROUND({model_expr if model else weighted}, 6) AS score,
               {packed} AS reasons
        FROM {features_table} AS f LEFT JOIN ({pivot}) AS t ON t.household_id = f.household_id""")
    quotas = _quotas_sql(scored, per_dong=per_dong, total=total)
    return engine.table(name, f"""
        WITH ranked AS (
            SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.dong_code ORDER BY s.score DESC, s.household_id)
                   AS rank_in_dong
            FROM {scored} AS s)
        SELECT r.household_id, r.dong_code, r.score, r.weighted_score, r.model_score, r.rank_in_dong,
               (r.n_indicators > 0 AND r.rank_in_dong <= q.quota) AS selected, r.reasons,
               r.head_nationality, r.single_person, r.members, r.n_indicators
        FROM ranked AS r JOIN ({quotas}) AS q ON q.dong_code = r.dong_code""")


def _quotas_sql(scored: str, *, per_dong: int | None, total: int | None) -> str:
    """Visits per dong: N each, or a national total split by the number of households (largest remainder)."""
    if total is None:
        return f"SELECT DISTINCT dong_code, {int(per_dong or 0)} AS quota FROM {scored}"
    return f"""
        WITH sizes AS (SELECT dong_code, COUNT(*) AS n FROM {scored} GROUP BY dong_code),
        shares AS (SELECT dong_code, CAST({int(total)} AS DOUBLE) * n / SUM(n) OVER () AS share FROM sizes),
        floors AS (SELECT dong_code, share, CAST(FLOOR(share) AS BIGINT) AS base FROM shares),
        extra AS (SELECT dong_code, base,
                         ROW_NUMBER() OVER (ORDER BY share - base DESC, dong_code) AS place,
                         {int(total)} - SUM(base) OVER () AS left_over FROM floors)
        SELECT dong_code, base + CASE WHEN place <= left_over THEN 1 ELSE 0 END AS quota FROM extra"""
