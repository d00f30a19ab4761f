"""Every public page renders in the four complete languages with no string left in English."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from ondol.core.catalogs import po_files
from ondol.core.languages import COMPLETE_LANGUAGES, LANGUAGE_CODES, normalize_language

# Public pages without parameters, by URL name; pages of apps that are not there yet are skipped below.
PUBLIC_PAGES = [
    "core:home",
    "core:about-data",
    "accounts:login",
    "guide:index",
    "guide:find-centre",
    "eligibility:wizard",
    "community:index",
    "complaints:new",
    "complaints:track-lookup",
    "fieldwork:report",
    "stats:index",
    "centre:book",
    "centre:kiosk",
    "guide:faq",
    "eligibility:programs",
]


def _locale_dir(code: str) -> str:
    return "zh_Hans" if code == "zh-hans" else code


def _catalog_messages() -> dict[str, set[str]]:
    """msgid → the set of languages in which it is translated differently from the English source."""
    english_sources: dict[str, set[str]] = {}
    for path in po_files():
        with path.open("rb") as handle:
            catalog = read_po(handle)
        language = path.parent.parent.name
        for message in catalog:
            if message.id and isinstance(message.id, str) and message.string and message.string != message.id:
                english_sources.setdefault(message.id, set()).add(language)
    return english_sources


def _public_urls(language: str) -> list[str]:
    urls = []
    with translation.override(language):
        for name in PUBLIC_PAGES:
            try:
                urls.append(reverse(name))
            except NoReverseMatch:
                continue
    return urls


@pytest.mark.parametrize("language", list(COMPLETE_LANGUAGES))
def test_every_catalogue_is_complete_in_the_four_complete_languages(language: str) -> None:
    problems = []
    for path in po_files():
        if path.parent.parent.name != _locale_dir(language):
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strings):
                problems.append(f"{path.relative_to(settings.PACKAGE_DIR)}: {message.id!r}")
    assert problems == []


@pytest.mark.parametrize("language", [code for code in COMPLETE_LANGUAGES if code != "en"])
def test_public_pages_show_no_english_source_sentence(db, language: str) -> None:
    sources = {
        message_id for message_id, languages in _catalog_messages().items()
        if _locale_dir(language) in languages and len(message_id) > 15 and "%(" not in message_id
    }
    client = Client()
    leaks = []
    for url in _public_urls(language):
        response = client.get(url)
        assert response.status_code == 200, url
        html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", response.content.decode(), flags=re.S)
        assert f'<html lang="{language}"' in html
        text = re.sub(r"&#x27;|&#39;", "'", html)
        leaks += [f"{url}: {source}" for source in sources if source in text]
    assert leaks == []


def test_each_page_url_carries_its_language_and_the_switcher_names_languages_in_their_own_script(db) -> None:
    response = Client().get("/vi/")
    html = response.content.decode()
    assert '<html lang="vi"' in html
    for own_name in ["한국어", "English", "Tiếng Việt", "简体中文", "ไทย", "Русский", "नेपाली", "ພາສາລາວ"]:
        assert own_name in html


def test_switching_language_is_remembered_in_a_cookie(db) -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/ko/"})
    assert response.status_code == 302
    assert response["Location"] == "/vi/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    assert client.get("/")["Location"] == "/vi/"


def test_every_one_of_the_14_languages_has_a_page(db) -> None:
    client = Client()
    for code in LANGUAGE_CODES:
        assert client.get(f"/{code}/").status_code == 200, code


@pytest.mark.parametrize(
    ("given", "expected"),
    [("zh", "zh-hans"), ("zh-CN", "zh-hans"), ("zh_Hans", "zh-hans"), ("VI", "vi"), ("fil", "tl"), ("xx", None)],
)
def test_language_codes_are_normalised(given: str, expected: str | None) -> None:
    assert normalize_language(given) == expected


def test_money_and_dates_follow_the_locale() -> None:
    import datetime as dt

    from ondol.core.formatting import format_date, format_krw

    assert format_krw(35000, "ko") == "₩35,000"
    assert format_krw(35000, "vi") == "35.000\xa0₩"
    assert format_date(dt.date(2026, 4, 6), "ko") == "2026. 4. 6."
    assert format_date(dt.date(2026, 4, 6), "en") == "Apr 6, 2026"
