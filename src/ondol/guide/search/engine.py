"""The guide's search: keyword (words and character n-grams, BM25) and semantic rankings, fused.

Every article in every language is a document; a topic scores as its best document, so a question in
Nepali can find a topic whose Nepali draft is thin through its English or Korean article. The rankings
are fused by summing z-scores, and "no good answer" is decided from how strongly the best topic matched
(thresholds measured on bench/data/guide_eval.yaml, see docs/guide.md).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ondol.guide.search.keyword import BM25Index
from ondol.guide.search.langdetect import detect_language
from ondol.guide.search.semantic import Embedder, VectorCache
from ondol.guide.search.tokenize import char_ngrams, tokenize

# Each ranking's topic scores become z-scores (how far a topic stands out from the others) and are summed:
# a ranking that is unsure (flat scores, e.g. the model on Vietnamese typed without accents) then weighs
# little, one that is sure weighs much. Equal weights; measured against reciprocal rank fusion in docs/guide.md.
# "Good answer" thresholds, set on bench/data/guide_eval.yaml (163 real and 13 off-topic questions):
MIN_SEMANTIC = 0.855  # cosine of the best passage (multilingual-e5-small)
MIN_WORD_STRENGTH = 0.28  # share of the query's term weight that the best article matches
MIN_CHAR_STRENGTH = 0.6  # keyword-only mode: typo-tolerant character n-grams
# How many standard deviations the best topic stands above the others (mean over the rankings): a clear
# winner is a good answer even when an inflected word ("मालिकले") is missing from the articles.
MIN_STANDOUT = 2.8
MIN_STANDOUT_KEYWORD_ONLY = 3.0


@dataclass(frozen=True)
class IndexedDoc:
    topic: str
    language: str
    tokens: list[str]
    text: str
    passages: list[str]


@dataclass(frozen=True)
class Hit:
    topic: str
    score: float


@dataclass(frozen=True)
class SearchOutcome:
    query: str
    detected_language: str | None
    hits: list[Hit]
    good_answer: bool
    semantic: bool
    signals: dict[str, float] = field(default_factory=dict)


def _segments(topic_of_row: np.ndarray) -> np.ndarray:
    """Where each topic's rows start, for rows sorted by topic (every topic has at least one row)."""
    return np.flatnonzero(np.r_[True, topic_of_row[1:] != topic_of_row[:-1]])


def _best_per_topic(scores: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.maximum.reduceat(scores, starts) if len(scores) else np.zeros(0, dtype=np.float32)


def _z(scores: np.ndarray) -> np.ndarray:
    spread = float(scores.std())
    return (scores - scores.mean()) / (spread if spread > 1e-9 else 1.0)


def build_keyword_indexes(docs: Sequence[IndexedDoc]) -> tuple[BM25Index, BM25Index]:
    """(words, character n-grams) for docs in the engine's order (by topic, then language)."""
    docs = sorted(docs, key=lambda doc: (doc.topic, doc.language))
    return BM25Index([doc.tokens for doc in docs]), BM25Index([char_ngrams(doc.text) for doc in docs], b=0.75)


class SearchEngine:
    """An immutable index over a set of articles; build a new one when the articles change."""

    def __init__(self, docs: Sequence[IndexedDoc], *, embedder: Embedder | None = None,
                 cache: VectorCache | None = None, keyword_indexes: tuple[BM25Index, BM25Index] | None = None):
        started = time.perf_counter()
        docs = sorted(docs, key=lambda doc: (doc.topic, doc.language))
        self.topics = sorted({doc.topic for doc in docs})
        topic_index = {key: index for index, key in enumerate(self.topics)}
        self.doc_starts = _segments(np.array([topic_index[doc.topic] for doc in docs], dtype=np.int64))
        self.words, self.chars = keyword_indexes or build_keyword_indexes(docs)
        self.vocabularies: dict[str, set[str]] = {}
        for doc in docs:
            self.vocabularies.setdefault(doc.language, set()).update(t for t in doc.tokens if "_" not in t)
        self.embedder = embedder
        self.passage_starts = np.zeros(0, dtype=np.int64)
        self.passage_vectors = np.zeros((0, 1), dtype=np.float32)
        if embedder is not None:
            passages = [(topic_index[doc.topic], text) for doc in docs for text in doc.passages]
            cache = cache or VectorCache(embedder.model_id)
            self.passage_starts = _segments(np.array([topic for topic, _text in passages], dtype=np.int64))
            self.passage_vectors = cache.vectors_for(embedder, [text for _topic, text in passages])
        self.build_seconds = time.perf_counter() - started

    @property
    def semantic(self) -> bool:
        return self.embedder is not None and len(self.passage_starts) > 0

    def search(self, query: str, *, limit: int = 10) -> SearchOutcome:
        query = " ".join((query or "").split())[:300]
        detected = detect_language(query, vocabularies=self.vocabularies)
        if not query or not self.topics:
            return SearchOutcome(query, detected, [], False, self.semantic)
        terms = tokenize(query, detected)
        grams = char_ngrams(query, lang=detected)
        word_best = _best_per_topic(self.words.scores(terms), self.doc_starts)
        char_best = _best_per_topic(self.chars.scores(grams), self.doc_starts)
        signals = {
            "word_strength": float(word_best.max() / (self.words.max_possible(terms) or 1.0)),
            "char_strength": float(char_best.max() / (self.chars.max_possible(grams) or 1.0)),
        }
        fused = _z(word_best) + _z(char_best)
        rankings = 2
        if self.semantic:
            assert self.embedder is not None
            vector = self.embedder.embed_queries([query])[0]
            # einsum, not `@`: BLAS's matrix-vector product starts its threads, which on a busy two-core
            # machine cost 2 ms of CPU and up to 9 ms of waiting for 0.2 ms of arithmetic (measured).
            similarities = np.einsum("ij,j->i", self.passage_vectors, vector.astype(np.float32, copy=False))
            semantic_best = _best_per_topic(similarities, self.passage_starts)
            fused += _z(semantic_best)
            rankings = 3
            signals["semantic"] = float(semantic_best.max())
        signals["standout"] = float(fused.max()) / rankings
        if self.semantic:
            good = (signals["semantic"] >= MIN_SEMANTIC or signals["word_strength"] >= MIN_WORD_STRENGTH
                    or signals["standout"] >= MIN_STANDOUT)
        else:
            good = (signals["word_strength"] >= MIN_WORD_STRENGTH or signals["char_strength"] >= MIN_CHAR_STRENGTH
                    or signals["standout"] >= MIN_STANDOUT_KEYWORD_ONLY)
        order = np.argsort(-fused, kind="stable")[:limit]
        hits = [Hit(self.topics[index], round(float(fused[index]) / rankings, 3)) for index in order]
        return SearchOutcome(query, detected, hits, good and bool(hits), self.semantic, signals)
