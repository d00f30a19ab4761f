"""Small-cell protection: no published figure may count fewer than five people.

Cells under the threshold are merged into one "other" cell. If that merged cell is still under the
threshold, the next smallest cells join it until it is not, because a lone small "other" could be worked
out from the total minus the visible cells (secondary suppression). A table whose total is under the
threshold shows nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

THRESHOLD = 5
OTHER = "__other__"


@dataclass(frozen=True)
class Cell:
    key: str
    count: int
    label: str = ""


@dataclass
class ProtectedTable:
    """The cells that may be shown, the merged remainder, and the total (None when it must be hidden)."""

    cells: list[Cell] = field(default_factory=list)
    other: int = 0
    merged_keys: list[str] = field(default_factory=list)
    total: int | None = 0
    suppressed: bool = False

    @property
    def rows(self) -> list[Cell]:
        """Shown cells, then the merged remainder as one row keyed `OTHER`."""
        rows = list(self.cells)
        if self.other:
            rows.append(Cell(OTHER, self.other))
        return rows

    @property
    def largest(self) -> int:
        return max((cell.count for cell in self.rows), default=0)


def protect(cells: Iterable[Cell], *, threshold: int = THRESHOLD) -> ProtectedTable:
    """Merge cells under `threshold` (and, if needed, the next smallest) into one remainder cell."""
    positive = [cell for cell in cells if cell.count > 0]
    total = sum(cell.count for cell in positive)
    if total < threshold:
        return ProtectedTable(total=None, suppressed=bool(positive))
    ordered = sorted(positive, key=lambda cell: (cell.count, cell.key))
    merged = [cell for cell in ordered if cell.count < threshold]
    shown = [cell for cell in ordered if cell.count >= threshold]
    while merged and sum(cell.count for cell in merged) < threshold and shown:
        merged.append(shown.pop(0))
    shown.sort(key=lambda cell: (-cell.count, cell.key))
    return ProtectedTable(
        cells=shown,
        other=sum(cell.count for cell in merged),
        merged_keys=[cell.key for cell in merged],
        total=total,
    )


def protect_counts(counts: dict[str, int], *, labels: dict[str, str] | None = None,
                   threshold: int = THRESHOLD) -> ProtectedTable:
    """`protect` for a plain {key: count} mapping, with optional display labels."""
    labels = labels or {}
    return protect((Cell(key, count, labels.get(key, key)) for key, count in counts.items()), threshold=threshold)


def shown_or_none(count: int, *, threshold: int = THRESHOLD) -> int | None:
    """A single figure (e.g. one cell of a cross table): itself if large enough, else None ("fewer than 5")."""
    return count if count == 0 or count >= threshold else None
