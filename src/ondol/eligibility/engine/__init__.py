"""Ondol's rules engine: programs declared as code, figures as dated YAML parameters.

`screen(household, as_of)` answers for one household with reasons, documents and deadlines;
`ondol.eligibility.engine.batch.screen_table` answers for a whole table with the same rules.
"""

from .inputs import Household, Member
from .parameters import Confidence, default_parameters
from .programs import PROGRAMS, PROGRAMS_BY_KEY
from .results import DeadlineResult, Kind, ProgramResult, Reason, ScreeningResult, Status
from .screen import RULES_VERSION, rules_version, screen, screen_loop

__all__ = [
    "PROGRAMS",
    "PROGRAMS_BY_KEY",
    "RULES_VERSION",
    "Confidence",
    "DeadlineResult",
    "Household",
    "Kind",
    "Member",
    "ProgramResult",
    "Reason",
    "ScreeningResult",
    "Status",
    "default_parameters",
    "rules_version",
    "screen",
    "screen_loop",
]
