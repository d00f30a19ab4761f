"""Which of our 14 languages a query is written in: script rules first, then py3langid among the rest.

The answer is a hint for tokenising and ranking; the language the resident chose for the site still
decides the language of the answer. Vietnamese typed without accents is usually taken for English by
character statistics, so the caller may pass the words it knows per language (`vocabularies`): when one
language's article words cover most of the query, that language wins.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from typing import Any

from ondol.guide.search.tokenize import fold_latin

_IDENTIFIER: Any = None
_LOCK = threading.Lock()

_SCRIPT_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\uac00-\ud7a3\u3130-\u318f]"), "ko"),
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
    (re.compile(r"[\u0e80-\u0eff]"), "lo"),
    (re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]"), "km"),
    (re.compile(r"[\u0900-\u097f]"), "ne"),
    (re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"), "zh-hans"),
]
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_MONGOLIAN_LETTERS = re.compile(r"[өүӨҮ]")
_UZBEK_CYRILLIC_LETTERS = re.compile(r"[ўқғҳЎҚҒҲ]")
_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_UZBEK_LATIN = re.compile(r"\b[og][ʻʼ'‘’`]|\bsh|ch\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")

_LATIN_CANDIDATES = ["en", "vi", "id", "tl", "uz"]
_CYRILLIC_CANDIDATES = ["ru", "mn", "uz"]


def _identifier() -> Any:
    global _IDENTIFIER
    if _IDENTIFIER is None:
        with _LOCK:
            if _IDENTIFIER is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER


def _ranked(text: str, candidates: list[str]) -> list[tuple[str, float]]:
    """Our candidate languages by probability. Ranking all of langid's languages and keeping ours is
    much cheaper than `set_languages`, which rebuilds the model on every call."""
    ranked = [(code, float(p)) for code, p in _identifier().rank(text) if code in candidates]
    total = sum(p for _code, p in ranked) or 1.0
    return [(code, p / total) for code, p in ranked]


def detect_language(text: str, *, vocabularies: Mapping[str, set[str]] | None = None) -> str | None:
    """The most likely of our languages for `text`, or None for text with no letters."""
    text = (text or "").strip()
    if not _WORD.search(text):
        return None
    for pattern, code in _SCRIPT_RULES:
        if pattern.search(text):
            return code
    if _CYRILLIC.search(text):
        if _UZBEK_CYRILLIC_LETTERS.search(text):
            return "uz"
        if _MONGOLIAN_LETTERS.search(text):
            return "mn"
        return _ranked(text, _CYRILLIC_CANDIDATES)[0][0]
    if _VIETNAMESE_LETTERS.search(text):
        return "vi"
    ranked = _ranked(text, _LATIN_CANDIDATES)
    if vocabularies:
        words = [fold_latin(word) for word in _WORD.findall(text)]
        if len(words) >= 2:
            coverage = {code: sum(word in vocabularies.get(code, set()) for word in words) / len(words)
                        for code in _LATIN_CANDIDATES}
            best = max(coverage, key=lambda code: (coverage[code], dict(ranked).get(code, 0.0)))
            if coverage[best] >= 0.6 and coverage[best] > coverage.get(ranked[0][0], 0.0):
                return best
    if _UZBEK_LATIN.search(text) and ranked[0][0] != "en":
        return "uz"
    return ranked[0][0]
