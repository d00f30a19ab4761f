"""The rules, tested as data: every case in `cases/*.yaml` (OpenFisca style) run through the engine.

A case gives an `input` household, the `as_of` date and what to `expect` per program: a status,
or a mapping with `status`, `amount_krw`, `missing` (exactly these inputs) and `reasons` (these
codes among the reasons). `deadlines` lists the deadlines that must be found.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from ondol.eligibility.engine import PROGRAMS, Household, screen

CASES_DIR = Path(__file__).parent / "cases"


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append((f"{path.stem}: {case['name']}", case))
    return cases


CASES = load_cases()


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[name for name, _ in CASES])
def test_case(case: dict[str, Any]) -> None:
    result = screen(Household.from_dict(case["input"]), case["as_of"])
    for key, expected in case.get("expect", {}).items():
        got = result.program(key)
        expected = expected if isinstance(expected, dict) else {"status": expected}
        assert got.status.value == expected["status"], (key, [r.code for r in got.reasons], got.missing_inputs)
        if "amount_krw" in expected:
            assert got.amount_krw == expected["amount_krw"], key
        if "missing" in expected:
            assert sorted(got.missing_inputs) == sorted(expected["missing"]), key
        codes = [r.code for r in got.reasons]
        for code in expected.get("reasons", []):
            assert code in codes, (key, codes)
    for want in case.get("deadlines", []):
        found = [d for d in result.deadlines if d.obligation == want["obligation"] and d.member_id == str(want["member"])]
        assert found, want
        assert (found[0].legal_due, found[0].safe_due) == (want["legal_due"], want["safe_due"])
        if "explanation" in want:
            assert [r.code for r in found[0].explanation] == want["explanation"]


def test_every_program_has_at_least_three_cases() -> None:
    counts = Counter(key for _, case in CASES for key in case.get("expect", {}))
    thin = {p.key: counts[p.key] for p in PROGRAMS if counts[p.key] < 3}
    assert not thin, thin
