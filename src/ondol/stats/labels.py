"""Readable names for the codes in statistics (countries, languages, age bands, regions), per locale."""

from __future__ import annotations

from babel import Locale
from django.utils.translation import gettext as _

from ondol.core.languages import babel_locale, current_language
from ondol.core.romanize import romanize_hangul
from ondol.stats.models import UNKNOWN, UNKNOWN_AGE
from ondol.stats.privacy import OTHER

_SUFFIXES = ("구", "군", "동", "읍", "면", "시")


def _locale() -> Locale:
    return Locale.parse(babel_locale())


def other_label() -> str:
    return _("Other (small groups combined)")


def unknown_label() -> str:
    return _("Not recorded")


def nationality_label(code: str) -> str:
    if code == OTHER:
        return other_label()
    if code == UNKNOWN or not code:
        return unknown_label()
    return str(_locale().territories.get(code.upper(), code))


def language_label(code: str) -> str:
    if code == OTHER:
        return other_label()
    if code == UNKNOWN or not code:
        return unknown_label()
    languages = _locale().languages
    return str(languages.get(babel_locale(code)) or languages.get(code.split("-")[0]) or code)


def age_band_label(band: int | str) -> str:
    if band == OTHER:
        return other_label()
    start = int(band)
    if start == UNKNOWN_AGE:
        return _("Age not recorded")
    if start >= 65:
        return _("%(start)s years or older") % {"start": start}
    return _("%(start)s–%(end)s years") % {"start": start, "end": start + 4}


def sex_label(code: str) -> str:
    labels = {"F": _("Women"), "M": _("Men"), "X": _("Other or not stated"), OTHER: other_label()}
    return labels.get(code, unknown_label())


def status_label(code: str) -> str:
    if code == OTHER:
        return other_label()
    return unknown_label() if code == UNKNOWN or not code else code


def region_label(name: str) -> str:
    """Korean readers get the Korean name; everyone else also gets it in Latin letters (Yuseong-gu)."""
    if not name or current_language() == "ko":
        return name
    if len(name) > 1 and name.endswith(_SUFFIXES):
        latin = f"{romanize_hangul(name[:-1]).title()}-{romanize_hangul(name[-1])}"
    else:
        latin = romanize_hangul(name).title()
    return f"{latin} ({name})"
