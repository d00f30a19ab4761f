"""Fixtures of the community tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ondol.community import sms


@pytest.fixture(autouse=True)
def sms_outbox() -> Iterator[list[sms.SmsMessage]]:
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def manager(db: Any, agency: Any) -> Any:
    from ondol.core.tests.factories import make_staff

    return make_staff(role="centre_manager", agency=agency)


@pytest.fixture(autouse=True)
def on_commit_runs_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run inside one transaction that never commits; run after-commit messages at once instead."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
