"""The languages Ondol serves, and how their codes are spelled at the edges."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.utils.translation import get_language, get_language_info

LANGUAGE_CODES: list[str] = [code for code, _name in settings.LANGUAGES]
COMPLETE_LANGUAGES: list[str] = list(settings.ONDOL_COMPLETE_LANGUAGES)

# People and other systems write Chinese and a few others in many ways; the site uses Django's codes.
_ALIASES = {
    "zh": "zh-hans",
    "zh-cn": "zh-hans",
    "zh-sg": "zh-hans",
    "zh-hans-cn": "zh-hans",
    "zh_hans": "zh-hans",
    "fil": "tl",
    "in": "id",
    "kr": "ko",
    "kor": "ko",
    "vn": "vi",
}

# Babel and the ISO 639-1 world spell some codes differently from Django's URL prefixes.
_BABEL_LOCALES = {"zh-hans": "zh_Hans", "tl": "fil"}


def normalize_language(code: str | None, *, default: str | None = None) -> str | None:
    """Map any common spelling of one of our languages to its site code, or `default` if unknown."""
    if not code:
        return default
    lowered = code.strip().replace("_", "-").lower()
    lowered = _ALIASES.get(lowered, _ALIASES.get(lowered.replace("-", "_"), lowered))
    if lowered in LANGUAGE_CODES:
        return lowered
    base = lowered.split("-")[0]
    base = _ALIASES.get(base, base)
    return base if base in LANGUAGE_CODES else default


def current_language() -> str:
    """The active language as a site code (Korean when none is active)."""
    return normalize_language(get_language(), default=settings.LANGUAGE_CODE) or settings.LANGUAGE_CODE


def babel_locale(code: str | None = None) -> str:
    """The Babel locale identifier for a site language code."""
    site_code = normalize_language(code) if code else current_language()
    site_code = site_code or settings.LANGUAGE_CODE
    return _BABEL_LOCALES.get(site_code, site_code)


def language_name_local(code: str) -> str:
    """The language's name written in that language, for the switcher."""
    # Django's table mixes composed and decomposed accents; pages and tests expect composed (NFC) text.
    return unicodedata.normalize("NFC", str(get_language_info(code)["name_local"]))


def language_choices_local() -> list[tuple[str, str]]:
    return [(code, language_name_local(code)) for code in LANGUAGE_CODES]
