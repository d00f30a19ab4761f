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
