"""The engine's promises: Kleene logic, answers that only firm up as facts arrive, whole results."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ondol.eligibility.engine import PROGRAMS, RULES_VERSION, Household, Member, Status, screen
from ondol.eligibility.engine.frame import Frame
from ondol.eligibility.engine.inputs import CRISIS_EVENTS
from ondol.eligibility.engine.logic import HH, C, E, I, N, all_of, any_of, const, negate

from .strategies import AS_OF, DONGS, STATUSES, dates_between, households

ORDER_AND = [N, I, C, E]  # all_of: a "no" wins, then a missing input, then a question for the office
ORDER_OR = [E, I, C, N]  # any_of: a "yes" wins, then a missing input, then a question for the office
FRAME = Frame.from_households([Household(members=(Member(id="a", role="applicant"),))], AS_OF)


@pytest.mark.parametrize("a", [N, C, I, E])
@pytest.mark.parametrize("b", [N, C, I, E])
def test_combining_follows_the_four_valued_tables(a: int, b: int) -> None:
    left, right = const(FRAME, HH, a), const(FRAME, HH, b)
    want_and = min(a, b, key=ORDER_AND.index)
    want_or = min(a, b, key=ORDER_OR.index)
    assert all_of(FRAME, left, right).state[0] == want_and
    assert any_of(FRAME, left, right).state[0] == want_or


@pytest.mark.parametrize(("value", "flipped"), [(E, N), (N, E), (I, I), (C, C)])
def test_negation_swaps_yes_and_no_only(value: int, flipped: int) -> None:
    assert negate(const(FRAME, HH, value)).state[0] == flipped


def test_a_household_that_gave_only_roles_is_never_refused() -> None:
    household = Household(members=(Member(id="a", role="applicant"), Member(id="b", role="child")))
    result = screen(household, AS_OF)
    assert not [p.program for p in result.programs if p.status == Status.NOT_ELIGIBLE]
    assert all(p.missing_inputs or p.status == Status.CHECK_WITH_OFFICE for p in result.programs)


MEMBER_VALUES = {
    "birth_date": dates_between(date(1940, 1, 1), date(2026, 3, 31)),
    "korean_national": st.booleans(),
    "residence_status": st.sampled_from(STATUSES),
    "entry_date": dates_between(date(2015, 1, 1), date(2026, 3, 31)),
    "registered": st.booleans(),
    "married_to_korean": st.booleans(),
    "divorced_or_widowed_from_korean": st.booleans(),
    "pregnant": st.booleans(),
    "recognized_refugee": st.booleans(),
    "employed": st.booleans(),
    "moved_in_on": dates_between(date(2020, 11, 1), date(2026, 3, 31)),
    "student": st.booleans(),
    "insured": st.booleans(),
    "crisis_event": st.sampled_from(CRISIS_EVENTS),
    "details_changed_on": dates_between(date(2020, 11, 1), date(2026, 3, 31)),
    "permanent_card_expires_on": dates_between(date(2025, 1, 1), date(2036, 12, 31)),
}
HOUSEHOLD_VALUES = {
    "size": st.integers(1, 8),
    "monthly_income_krw": st.integers(0, 9_000_000),
    "assets_krw": st.integers(0, 300_000_000),
    "region_dong_code": st.sampled_from(DONGS),
}
# Facts the household answers once (any member's answer counts), so filling in another member's
# answer later is a second opinion, not a missing input.
ANSWERED_ONCE = ("crisis_event", "pregnant")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households(), st.data())
def test_a_decided_answer_never_changes_when_missing_facts_are_filled_in(household: Household, data: st.DataObject) -> None:
    before = {p.program: p.status for p in screen(household, AS_OF).programs}
    filled = {name: data.draw(s) for name, s in HOUSEHOLD_VALUES.items() if getattr(household, name) is None
              and data.draw(st.booleans())}  # fmt: skip
    members = []
    for m in household.members:
        changes = {}
        for name, strategy in MEMBER_VALUES.items():
            answered_elsewhere = name in ANSWERED_ONCE and any(getattr(o, name) is not None for o in household.members)
            if getattr(m, name) is None and not answered_elsewhere and data.draw(st.booleans()):
                changes[name] = data.draw(strategy)
        if m.residence_months is not None:
            changes.pop("entry_date", None)  # months lived are already known; a date would contradict them
        members.append(dataclasses.replace(m, **changes))
    after = {p.program: p.status for p in screen(dataclasses.replace(household, **filled, members=tuple(members)), AS_OF).programs}
    for key, status in before.items():
        if status != Status.NEEDS_INFORMATION:
            assert after[key] == status, (key, status, after[key])


def test_every_program_answers_with_the_rules_version_and_its_figures() -> None:
    household = Household(size=1, monthly_income_krw=500_000,
                          members=(Member(id="a", role="applicant", korean_national=True, birth_date=date(1950, 1, 1)),))  # fmt: skip
    result = screen(household, date(2026, 5, 1))
    assert [p.program for p in result.programs] == [p.key for p in PROGRAMS]
    assert result.rules_version.startswith(RULES_VERSION + "+")
    livelihood = result.program("livelihood-benefit")
    used = {(p.name, p.key) for p in livelihood.parameters}
    assert used == {("median_income", "1"), ("livelihood_rate", None)}
    assert livelihood.amount_krw == 820556 - 500_000


def test_an_unverified_aside_does_not_lower_the_confidence_of_the_answer() -> None:
    household = Household(members=(Member(id="a", role="applicant", korean_national=False, registered=True, residence_status="E-9"),))
    kiip = screen(household, date(2025, 6, 1)).program("kiip")
    assert kiip.status == Status.ELIGIBLE
    assert kiip.confidence.label == "secondary"
    assert "kiip_level5_hours" not in [r.code for r in kiip.reasons]


def test_household_input_is_validated() -> None:
    with pytest.raises(ValueError, match="role"):
        Member(id="a", role="boss")
    with pytest.raises(ValueError, match="10 digits"):
        Household(region_dong_code="123", members=(Member(id="a", role="applicant"),))
    with pytest.raises(ValueError, match="unique"):
        Household(members=(Member(id="a", role="applicant"), Member(id="a", role="child")))
    with pytest.raises(ValueError, match="at least one member"):
        Household(members=())
    with pytest.raises(ValueError, match="Unknown member fields"):
        Household.from_dict({"members": [{"id": "a", "role": "applicant", "favourite_colour": "red"}]})


def test_a_household_round_trips_through_its_dict_form() -> None:
    household = Household(size=2, monthly_income_krw=1, members=(Member(id="a", role="applicant", birth_date=date(1990, 1, 2)),))
    assert Household.from_dict(household.to_dict()) == household


def test_reasons_keep_their_placeholders_until_rendered() -> None:
    household = Household(size=1, monthly_income_krw=900_000, members=(Member(id="a", role="applicant", korean_national=True),))
    reason = next(r for r in screen(household, date(2026, 5, 1)).program("livelihood-benefit").reasons if r.code == "income_above_limit")
    assert reason.params["income_krw"] == 900_000 and reason.params["limit_krw"] == 820_556
    assert "₩900,000" in reason.render() and "₩820,556" in reason.render()
    assert reason.legal_basis == "" or isinstance(reason.legal_basis, str)
    assert np.isfinite(float(reason.params["size"]))
