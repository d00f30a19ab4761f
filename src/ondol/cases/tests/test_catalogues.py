"""The translation catalogues: complete in the four complete languages, and no translation changes a placeholder
(a missing %(name)s would break the page at render time)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

APPS = [Path(__file__).resolve().parents[2] / app for app in ("cases", "complaints")]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _catalogs(languages: tuple[str, ...] | None = None):
    for app in APPS:
        for po_path in sorted(app.glob("locale/*/LC_MESSAGES/django.po")):
            language = po_path.parent.parent.name
            if languages is None or language in languages:
                with po_path.open("rb") as handle:
                    yield app.name, language, read_po(handle, locale=language)


@pytest.mark.parametrize(("app", "language", "catalog"), list(_catalogs(("ko", "en", "vi", "zh_Hans"))))
def test_the_complete_languages_have_every_message_translated_and_none_fuzzy(app, language, catalog) -> None:
    untranslated = [m.id for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple)
                                                                        and not all(m.string)))]
    assert untranslated == [] and not [m.id for m in catalog if m.id and m.fuzzy]


def test_no_translation_drops_or_invents_a_placeholder() -> None:
    problems = []
    for app, language, catalog in _catalogs():
        for message in catalog:
            if not message.id or not message.string:
                continue
            source = message.id[0] if isinstance(message.id, tuple | list) else message.id
            strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
            for text in strings:
                if text and set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(source)):
                    problems.append((app, language, source, text))
    assert problems == []
