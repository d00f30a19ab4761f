"""Hypothesis strategies for random but plausible households (every fact may be unknown)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from ondol.eligibility.engine.inputs import CRISIS_EVENTS, ROLES, Household, Member

STATUSES = ["F-5", "F-6", "F-2-4", "F-2", "F-4", "E-9", "E-7", "D-2", "D-4", "H-2", "G-1", "B-2", "C-3"]
DONGS = ["1111051500", "2611052000", "4111156000", "4180025000", "4272025000", "3611010100", "5013025300"]
AS_OF = date(2026, 4, 1)


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def dates_between(start: date, end: date) -> st.SearchStrategy[date]:
    return st.integers(0, (end - start).days).map(lambda d: start + timedelta(days=d))


@st.composite
def members(draw: st.DrawFn, member_id: str, role: str) -> Member:
    if role == "child":
        birth = dates_between(date(2005, 1, 1), date(2026, 3, 31))
    elif role == "parent":
        birth = dates_between(date(1935, 1, 1), date(1975, 1, 1))
    else:
        birth = dates_between(date(1945, 1, 1), date(2009, 12, 31))
    flag = maybe(st.booleans())
    return Member(
        id=member_id,
        role=role,
        birth_date=draw(maybe(birth)),
        korean_national=draw(flag),
        residence_status=draw(maybe(st.sampled_from(STATUSES))),
        entry_date=draw(maybe(dates_between(date(2015, 1, 1), date(2026, 3, 31)))),
        registered=draw(flag),
        married_to_korean=draw(flag),
        divorced_or_widowed_from_korean=draw(flag),
        pregnant=draw(flag),
        recognized_refugee=draw(flag),
        employed=draw(flag),
        residence_months=draw(maybe(st.integers(0, 240))),
        moved_in_on=draw(maybe(dates_between(date(2020, 11, 1), date(2026, 3, 31)))),
        student=draw(flag),
        insured=draw(flag),
        crisis_event=draw(maybe(st.sampled_from(CRISIS_EVENTS))),
        details_changed_on=draw(maybe(dates_between(date(2020, 11, 1), date(2026, 3, 31)))),
        card_lost_on=draw(maybe(dates_between(date(2025, 1, 1), date(2026, 3, 31)))),
        permanent_card_expires_on=draw(maybe(dates_between(date(2025, 1, 1), date(2036, 12, 31)))),
    )


@st.composite
def households(draw: st.DrawFn) -> Household:
    roles = ["applicant", *draw(st.lists(st.sampled_from(ROLES[1:]), max_size=5))]
    people = tuple(draw(members(f"m{i}", role)) for i, role in enumerate(roles))
    return Household(
        size=draw(maybe(st.integers(1, 8))),
        monthly_income_krw=draw(maybe(st.integers(0, 9_000_000))),
        assets_krw=draw(maybe(st.integers(0, 300_000_000))),
        region_dong_code=draw(maybe(st.sampled_from(DONGS))),
        members=people,
    )


as_of_dates = st.sampled_from([AS_OF, date(2025, 12, 31), date(2026, 1, 1), date(2024, 4, 2), date(2024, 4, 3),
                               date(2026, 3, 27), date(2026, 9, 25), date(2027, 1, 1)])  # fmt: skip
