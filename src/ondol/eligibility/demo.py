"""Demo data of eligibility: one screening of the demo case registry, so the staff page lists newly eligible clients.

Runs after the cases demo; safe to run twice (an existing screening is left as it is, so its list stays).
"""

from __future__ import annotations

from typing import Any

from ondol.accounts.models import User
from ondol.eligibility.models import RegistryScreeningResult
from ondol.eligibility.registry import screen_registry

# The demo counsellors whose agencies hold clients: the integrated support centre and a dong centre.
SCREENING_STAFF = ("counsellor", "dong.official")


def load_demo(*, seed: int = 7, stdout: Any = None) -> None:
    """Screen the demo registry once, as each demo counsellor."""
    if RegistryScreeningResult.objects.exists():
        return
    listed = screened = 0
    for user in User.objects.filter(username__in=SCREENING_STAFF).order_by("username"):
        run = screen_registry(user)
        screened += run.screened
        listed += sum(len(agency.clients) for agency in run.agencies)
    if stdout is not None:
        stdout.write(f"Eligibility: {screened} clients screened, {listed} newly eligible listed.")
