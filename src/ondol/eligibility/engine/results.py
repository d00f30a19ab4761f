"""What a screening answers: plain, immutable values, free of Django apart from lazy sentences.

Sentences are English sources marked with `gettext_lazy` and named placeholders; they are only
turned into text when rendered in a language (`Reason.render`), so the engine itself never
needs settings or a request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise

from .parameters import Confidence, ParameterValue


class Status(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_INFORMATION = "needs_information"
    CHECK_WITH_OFFICE = "check_with_office"


class Kind(StrEnum):
    BENEFIT = "benefit"
    OBLIGATION = "obligation"


@dataclass(frozen=True)
class ReasonDef:
    """A reason the rules can give: a stable code, an English sentence to translate, the law behind it."""

    code: str
    message: Promise | str
    legal_basis: str = ""


# A formatter turns one placeholder value into text for a language; the Django side passes one
# that knows the locale's money and date formats, tests use `plain_format`.
Formatter = Callable[[str, Any, str | None], str]


def plain_format(name: str, value: Any, lang: str | None) -> str:
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return f"₩{value:,}" if name.endswith("krw") else f"{value:,}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Reason:
    code: str
    message: Promise | str
    params: Mapping[str, Any]
    legal_basis: str = ""
    member_id: str | None = None

    def render(self, lang: str | None = None, formatter: Formatter = plain_format) -> str:
        """The sentence in `lang`, placeholders filled in with locale-aware values."""
        from django.utils import translation

        def text() -> str:
            values = {name: formatter(name, _resolve(value), lang) for name, value in self.params.items()}
            sentence = translated(self.message)
            return sentence % values if values else sentence

        if lang is None:
            return text()
        with translation.override(lang):
            return text()


_TRANSLATED: dict[tuple[int, str | None], str] = {}


def translated(message: Promise | str) -> str:
    """`str(message)` in the active language, remembered: the sentences are module constants."""
    from django.utils.translation import get_language

    key = (id(message), get_language())
    text = _TRANSLATED.get(key)
    if text is None:
        text = _TRANSLATED[key] = str(message)
    return text


def _resolve(value: Any) -> Any:
    # Placeholders can themselves be lazy sentences (a holiday's name, a program's title).
    return str(value) if isinstance(value, Promise) else value


@dataclass(frozen=True)
class Document:
    code: str
    message: Promise | str


@dataclass(frozen=True)
class ProgramResult:
    program: str
    kind: Kind
    status: Status
    reasons: tuple[Reason, ...]
    missing_inputs: tuple[str, ...]
    documents: tuple[Document, ...]
    amount_krw: Decimal | None
    parameters: tuple[ParameterValue, ...]
    confidence: Confidence
    beneficiaries: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeadlineResult:
    obligation: str
    member_id: str
    start: date
    legal_due: date
    safe_due: date
    overdue: bool
    explanation: tuple[Reason, ...]
    penalty: Reason
    confidence: Confidence


@dataclass(frozen=True)
class ScreeningResult:
    as_of: date
    rules_version: str
    programs: tuple[ProgramResult, ...]
    deadlines: tuple[DeadlineResult, ...] = field(default=())

    def program(self, key: str) -> ProgramResult:
        for result in self.programs:
            if result.program == key:
                return result
        raise KeyError(key)
