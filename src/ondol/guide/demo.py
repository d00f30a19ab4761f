"""Demo data of the guide: the articles from the content files (the same as production)."""

from __future__ import annotations

from typing import Any

from ondol.guide.search import build_engine
from ondol.guide.services import do_load_guide


def load_demo(*, seed: int, stdout: Any) -> None:
    """Load the guide's content and warm its search vectors; idempotent. `seed` is unused: the content is fixed."""
    report = do_load_guide(None)
    stdout.write(f"Guide: {report.summary()}")
    if report.problems:
        stdout.write(f"Guide: {len(report.problems)} content problems; run `ondol load-guide` to list them.")
    build_engine()
