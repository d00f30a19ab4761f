"""Our catalogue is complete in the four complete languages, and reasons come out translated."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ondol.eligibility.engine import Household, Member, screen
from ondol.eligibility.services import make_formatter

LOCALE = Path(__file__).resolve().parent.parent / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


@pytest.mark.parametrize("lang", ["ko", "en", "vi", "zh_Hans"])
def test_every_message_is_translated_and_keeps_its_placeholders(lang: str) -> None:
    with (LOCALE / lang / "LC_MESSAGES" / "django.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings), (lang, message.id)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) <= wanted | {"%(counter)s"}, (lang, message.id, text)
            assert set(PLACEHOLDER.findall(text)) >= wanted - {"%(counter)s"}, (lang, message.id, text)


@pytest.mark.parametrize(("lang", "expected"), [("ko", "소득인정액"), ("vi", "thu nhập được công nhận"), ("zh-hans", "认定收入")])
def test_reasons_render_in_the_readers_language_with_local_money_formats(lang: str, expected: str) -> None:
    household = Household(size=1, monthly_income_krw=900_000, members=(Member(id="a", role="applicant", korean_national=True),))
    reasons = screen(household, date(2026, 5, 1)).program("livelihood-benefit").reasons
    texts = [r.render(lang, make_formatter(lang)) for r in reasons]
    assert any(expected.lower() in t.lower() for t in texts)
    assert any("820,556" in t or "820.556" in t for t in texts)
