from __future__ import annotations

from pathlib import Path

import pytest

from ondol.discovery.pipeline.synth import SynthOptions, generate

ROUND = "2025-05"


@pytest.fixture(scope="session")
def synthetic_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic feed (2,500 households in the Daejeon dongs), made once per test session."""
    folder = tmp_path_factory.mktemp("synthetic-feed")
    generate(folder, SynthOptions(households=2500, seed=11, round=ROUND))
    return folder
