"""No published figure counts fewer than five people."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ondol.stats.privacy import OTHER, Cell, protect, protect_counts, shown_or_none


def test_cells_under_five_are_merged_into_one_other_row() -> None:
    table = protect_counts({"CN": 40, "VN": 20, "NP": 3, "LA": 2, "KH": 1})
    assert [(cell.key, cell.count) for cell in table.rows] == [("CN", 40), ("VN", 20), (OTHER, 6)]
    assert table.total == 66


def test_a_small_other_row_takes_the_next_smallest_cell_so_it_cannot_be_worked_out() -> None:
    table = protect_counts({"CN": 40, "VN": 20, "UZ": 7, "LA": 2})
    # 2 alone would be an "other" of 2 = total − visible cells; UZ joins it.
    assert [(cell.key, cell.count) for cell in table.rows] == [("CN", 40), ("VN", 20), (OTHER, 9)]
    assert sorted(table.merged_keys) == ["LA", "UZ"]


def test_a_table_with_fewer_than_five_people_in_all_shows_nothing() -> None:
    table = protect_counts({"CN": 2, "VN": 1})
    assert table.rows == []
    assert table.total is None
    assert table.suppressed


def test_a_table_of_large_cells_is_shown_unchanged_largest_first() -> None:
    table = protect([Cell("a", 5), Cell("b", 12)])
    assert [(cell.key, cell.count) for cell in table.rows] == [("b", 12), ("a", 5)]
    assert table.other == 0


def test_single_figures_under_five_are_hidden_but_zero_is_not() -> None:
    assert [shown_or_none(n) for n in (0, 1, 4, 5, 17)] == [0, None, None, 5, 17]


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(min_value=0, max_value=60), max_size=12))
def test_every_shown_figure_is_at_least_five_and_the_shown_figures_add_up_to_the_total(counts: dict[str, int]) -> None:
    table = protect_counts(counts)
    assert all(cell.count >= 5 for cell in table.rows)
    if table.total is not None:
        assert sum(cell.count for cell in table.rows) == table.total == sum(counts.values())
    else:
        assert sum(counts.values()) < 5
