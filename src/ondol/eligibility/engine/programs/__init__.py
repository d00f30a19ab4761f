"""Every program the screener knows, in the order residents see them."""

from __future__ import annotations

from . import basic_livelihood, children, emergency, health, integration, obligations, pension
from .base import DeadlineColumns, Outcome, Program

PROGRAMS: tuple[Program, ...] = (
    *basic_livelihood.PROGRAMS,
    *emergency.PROGRAMS,
    *children.PROGRAMS,
    *pension.PROGRAMS,
    *health.PROGRAMS,
    *integration.PROGRAMS,
    *obligations.PROGRAMS,
)
PROGRAMS_BY_KEY: dict[str, Program] = {p.key: p for p in PROGRAMS}

__all__ = ["PROGRAMS", "PROGRAMS_BY_KEY", "DeadlineColumns", "Outcome", "Program"]
