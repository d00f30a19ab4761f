"""The phrasebook of vetted quick replies, and matching staff free text to its nearest entry.

No translation model can be installed offline, so what a resident reads is a sentence a speaker of their
language checked. Staff may type what they mean in Korean or English; `nearest` finds the entry that says
it, with the guide's multilingual embeddings when the guide offers them (`ondol.guide.search.embed_texts`)
and RapidFuzz string similarity otherwise.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from ondol.core.languages import LANGUAGE_CODES, normalize_language

PHRASEBOOK_FILE = Path(__file__).with_name("phrasebook.yaml")
# A match below this (0–100) is not trusted to say what the staff member meant.
MATCH_THRESHOLD = 70.0
# Staff write in Korean or English (or their own language); matching against those texts and the `match`
# paraphrases avoids chance overlaps with scripts the staff member did not use.
STAFF_LANGUAGES = ("ko", "en")


@dataclass(frozen=True)
class Phrase:
    key: str
    uses: tuple[str, ...]
    texts: dict[str, str]
    match: tuple[str, ...] = ()

    def placeholders(self) -> set[str]:
        return {name for _text, name, _spec, _conv in string.Formatter().parse(self.texts["en"]) if name}

    def render(self, language: str, values: dict[str, Any] | None = None) -> str:
        text = self.texts[normalize_language(language, default="en") or "en"]
        missing = self.placeholders() - set(values or {})
        if missing:
            raise KeyError(f"Phrase {self.key} needs {sorted(missing)}")
        return text.format_map({name: (values or {})[name] for name in self.placeholders()})


@dataclass(frozen=True)
class PhraseMatch:
    phrase: Phrase
    score: float
    matched_language: str
    method: str


@lru_cache(maxsize=1)
def phrasebook() -> dict[str, Phrase]:
    """All entries, checked: every language present and the same placeholders as the English text."""
    data = yaml.safe_load(PHRASEBOOK_FILE.read_text(encoding="utf-8"))
    phrases: dict[str, Phrase] = {}
    for key, entry in data["phrases"].items():
        texts = {code: entry[code] for code in LANGUAGE_CODES if code in entry}
        missing = set(LANGUAGE_CODES) - set(texts)
        if missing:
            raise ValueError(f"Phrase {key} lacks {sorted(missing)}")
        phrase = Phrase(key=key, uses=tuple(entry.get("uses", [])), texts=texts, match=tuple(entry.get("match", [])))
        expected = phrase.placeholders()
        for code, text in texts.items():
            found = {name for _t, name, _s, _c in string.Formatter().parse(text) if name}
            if found != expected:
                raise ValueError(f"Phrase {key} in {code} has placeholders {sorted(found)}, not {sorted(expected)}")
        phrases[key] = phrase
    return phrases


def phrases_for(use: str) -> list[Phrase]:
    return [phrase for phrase in phrasebook().values() if use in phrase.uses]


def _comparable(text: str) -> str:
    return re.sub(r"\{[a-z_]+\}", " ", text).lower().strip()


def _embedder() -> Callable[[Sequence[str]], Sequence[Sequence[float]]] | None:
    """The guide's multilingual embedding function, if the guide provides one."""
    try:
        search = import_module("ondol.guide.search")
    except ImportError:
        return None
    embed = getattr(search, "embed_texts", None)
    return embed if callable(embed) else None


def _cosine(left: Sequence[float], right: Sequence[float]) -> float:
    dot = sum(a * b for a, b in zip(left, right, strict=True))
    norm = math.sqrt(sum(a * a for a in left)) * math.sqrt(sum(b * b for b in right))
    return dot / norm if norm else 0.0


def _candidates(use: str | None, languages: tuple[str, ...]) -> list[tuple[Phrase, str, str]]:
    phrases = phrases_for(use) if use else list(phrasebook().values())
    texts = [(phrase, code, _comparable(text)) for phrase in phrases for code, text in phrase.texts.items()
             if code in languages]
    return texts + [(phrase, "match", _comparable(text)) for phrase in phrases for text in phrase.match]


def _score(query: str, choice: str, **_kwargs: Any) -> float:
    # Token sets catch reordered or partial English; plain ratio catches Korean, where words carry endings.
    return max(fuzz.token_set_ratio(query, choice), fuzz.ratio(query, choice))


def nearest(text: str, *, use: str | None = None, language: str | None = None,
            embedder: Callable[[Sequence[str]], Sequence[Sequence[float]]] | None = None) -> PhraseMatch | None:
    """The phrasebook entry closest in meaning to `text`, written in Korean, English or `language`; or None."""
    query = _comparable(text)
    if not query:
        return None
    languages = (*STAFF_LANGUAGES, *((normalize_language(language) or "",) if language else ()))
    candidates = _candidates(use, languages)
    embed = embedder or _embedder()
    if embed is not None:
        vectors = embed([query, *[item[2] for item in candidates]])
        scores = [_cosine(vectors[0], vector) for vector in vectors[1:]]
        best = max(range(len(scores)), key=scores.__getitem__)
        phrase, code, _text = candidates[best]
        return PhraseMatch(phrase, round(100 * max(scores[best], 0.0), 1), code, "embeddings")
    found = process.extractOne(query, [item[2] for item in candidates], scorer=_score)
    if found is None:
        return None
    _choice, score, index = found
    phrase, code, _text = candidates[index]
    return PhraseMatch(phrase, round(float(score), 1), code, "rapidfuzz")
