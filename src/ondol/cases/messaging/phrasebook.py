"""The phrasebook of vetted quick replies, and matching staff free text to its nearest entry.

No translation model can be installed offline, so what a resident reads is a sentence a speaker of their
language checked. Staff may type what they mean in Korean or English (or another of our languages); `nearest`
finds the entry that says it, with the guide's multilingual embeddings when the guide offers them
(`ondol.guide.search.embed_texts`) and RapidFuzz string similarity otherwise. Each method has its own
threshold, measured on a labelled set of staff replies (`cases/tests/test_phrasebook_matching.py`,
figures in docs/cases.md); below it `nearest` returns None.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from rapidfuzz import fuzz, process

from ondol.core.languages import LANGUAGE_CODES, normalize_language

PHRASEBOOK_FILE = Path(__file__).with_name("phrasebook.yaml")
# A match below this (0–100) is not trusted to say what the staff member meant: RapidFuzz similarity.
MATCH_THRESHOLD = 70.0
# The same for the embeddings: cosine similarity × 100 (multilingual-e5-small scores unrelated short texts
# around 80–88, so its scale starts high), and the best phrase must beat every other phrase by a margin:
# close phrases ("we received your request" / "your documents") are then refused rather than confused.
# Chosen on the labelled set, where a wrong phrase counts worse than none; see docs/cases.md.
EMBEDDING_THRESHOLD = 88.0
EMBEDDING_MARGIN = 1.5
# Staff write in Korean or English (or their own language); RapidFuzz compares with those texts and the
# `match` paraphrases only, which avoids chance overlaps with scripts the staff member did not use.
STAFF_LANGUAGES = ("ko", "en")
# The embeddings compare meaning across languages, so every language's text is a way to find a phrase.
EMBEDDING_LANGUAGES = tuple(LANGUAGE_CODES)
Embed = Callable[[Sequence[str]], Sequence[Sequence[float]] | None]


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
    margin: float | None = None  # embeddings: how far the best phrase stands above the next one (× 100)


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


def _embedder() -> Embed | None:
    """The guide's multilingual embedding function, if the guide provides one."""
    try:
        search = import_module("ondol.guide.search")
    except ImportError:
        return None
    embed = getattr(search, "embed_texts", None)
    return embed if callable(embed) else None


def _candidates(use: str | None, languages: tuple[str, ...]) -> list[tuple[Phrase, str, str]]:
    phrases = phrases_for(use) if use else list(phrasebook().values())
    texts = [(phrase, code, _comparable(text)) for phrase in phrases for code, text in phrase.texts.items()
             if code in languages]
    return texts + [(phrase, "match", _comparable(text)) for phrase in phrases for text in phrase.match]


def _normalised(vectors: Sequence[Sequence[float]]) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


_VECTORS: dict[tuple[Embed, str | None, tuple[str, ...]], tuple[list[tuple[Phrase, str, str]], np.ndarray]] = {}


def _phrase_vectors(embed: Embed, use: str | None,
                    languages: tuple[str, ...]) -> tuple[list[tuple[Phrase, str, str]], np.ndarray] | None:
    """The candidates and their vectors, computed once per embedding function, use and languages (the
    phrasebook is a file read once per process). None, and nothing kept, when the model is unavailable."""
    key = (embed, use, languages)
    if key not in _VECTORS:
        candidates = _candidates(use, languages)
        vectors = embed([text for _phrase, _code, text in candidates])
        if vectors is None:
            return None
        if len(_VECTORS) > 32:
            _VECTORS.clear()
        _VECTORS[key] = (candidates, _normalised(vectors))
    return _VECTORS[key]


def _score(query: str, choice: str, **_kwargs: Any) -> float:
    # Token sets catch reordered or partial English; plain ratio catches Korean, where words carry endings.
    return max(fuzz.token_set_ratio(query, choice), fuzz.ratio(query, choice))


def _nearest_by_embeddings(query: str, embed: Embed, use: str | None) -> PhraseMatch | None:
    cached = _phrase_vectors(embed, use, EMBEDDING_LANGUAGES)
    if cached is None:
        return None
    candidates, matrix = cached
    vectors = embed([query])
    if vectors is None or not candidates:
        return None
    scores = matrix @ _normalised(vectors)[0]
    order = np.argsort(-scores)
    best = int(order[0])
    phrase, code, _text = candidates[best]
    runner_up = next((float(scores[i]) for i in order[1:] if candidates[int(i)][0].key != phrase.key), -1.0)
    return PhraseMatch(phrase, round(100 * max(float(scores[best]), 0.0), 1), code, "embeddings",
                       margin=round(100 * (float(scores[best]) - runner_up), 1))


def _nearest_by_rapidfuzz(query: str, use: str | None, language: str | None) -> PhraseMatch | None:
    languages = (*STAFF_LANGUAGES, *((normalize_language(language) or "",) if language else ()))
    candidates = _candidates(use, languages)
    found = process.extractOne(query, [item[2] for item in candidates], scorer=_score)
    if found is None:
        return None
    _choice, score, index = found
    phrase, code, _text = candidates[index]
    return PhraseMatch(phrase, round(float(score), 1), code, "rapidfuzz")


def nearest(text: str, *, use: str | None = None, language: str | None = None, embedder: Embed | None = None,
            threshold: float | None = None, margin: float | None = None,
            method: str | None = None) -> PhraseMatch | None:
    """The phrasebook entry that says what `text` says, or None when none is close enough.

    With the guide's embeddings (or `embedder`) when available, else RapidFuzz against the Korean, English
    and `language` texts; `method="rapidfuzz"` forces the latter. `threshold` and `margin` override the
    method's own (`EMBEDDING_THRESHOLD` and `EMBEDDING_MARGIN`, `MATCH_THRESHOLD`); the match records the
    method that produced it.
    """
    query = _comparable(text)
    if not query:
        return None
    embed = None if method == "rapidfuzz" else (embedder or _embedder())
    if embed is not None:
        match = _nearest_by_embeddings(query, embed, use)
        if match is not None:
            limit = EMBEDDING_THRESHOLD if threshold is None else threshold
            apart = EMBEDDING_MARGIN if margin is None else margin
            return match if match.score >= limit and (match.margin or 0.0) >= apart else None
    match = _nearest_by_rapidfuzz(query, use, language)
    limit = MATCH_THRESHOLD if threshold is None else threshold
    return match if match is not None and match.score >= limit else None
