"""The guide's search: keyword (words and character n-grams, BM25) and semantic rankings, fused.

Every article in every language is a document; a topic scores as its best document, so a question in
Nepali can find a topic whose Nepali draft is thin through its English or Korean article. The rankings
are fused by reciprocal rank fusion, and "no good answer" is decided from how strongly the best topic
matched in each ranking (thresholds measured on bench/data/guide_eval.yaml, see docs/guide.md).
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

RRF_K = 8
# Weights of the rankings in the fusion; semantic similarity generalises across languages and wording,
# words are precise when they match, character n-grams rescue typos and unsegmented scripts.
WEIGHTS = {"words": 1.0, "chars": 0.7, "semantic": 1.3}
# A topic is a good answer when one of these holds for the best one (see docs/guide.md for how measured).
MIN_SEMANTIC = 0.835
MIN_WORD_STRENGTH = 0.35
MIN_CHAR_STRENGTH = 0.42


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


def _best_per_topic(scores: np.ndarray, doc_topics: np.ndarray, topic_count: int) -> np.ndarray:
    best = np.full(topic_count, -np.inf, dtype=np.float32)
    np.maximum.at(best, doc_topics, scores)
    return best


def _ranks(best: np.ndarray, *, floor: float) -> dict[int, int]:
    order = np.argsort(-best, kind="stable")
    return {int(index): rank for rank, index in enumerate(order) if best[index] > floor}


class SearchEngine:
    """An immutable index over a set of articles; build a new one when the articles change."""

    def __init__(self, docs: Sequence[IndexedDoc], *, embedder: Embedder | None = None,
                 cache: VectorCache | None = None):
        started = time.perf_counter()
        self.topics = sorted({doc.topic for doc in docs})
        topic_index = {key: index for index, key in enumerate(self.topics)}
        self.doc_topics = np.array([topic_index[doc.topic] for doc in docs], dtype=np.int64)
        self.words = BM25Index([doc.tokens for doc in docs])
        self.chars = BM25Index([char_ngrams(doc.text) for doc in docs], k1=1.2, b=0.75)
        self.vocabularies: dict[str, set[str]] = {}
        for doc in docs:
            self.vocabularies.setdefault(doc.language, set()).update(t for t in doc.tokens if "_" not in t)
        self.embedder = embedder
        self.passage_topics = np.zeros(0, dtype=np.int64)
        self.passage_vectors = np.zeros((0, 1), dtype=np.float32)
        if embedder is not None:
            passages = [(topic_index[doc.topic], text) for doc in docs for text in doc.passages]
            cache = cache or VectorCache(embedder.model_id)
            self.passage_topics = np.array([topic for topic, _text in passages], dtype=np.int64)
            self.passage_vectors = cache.vectors_for(embedder, [text for _topic, text in passages])
        self.build_seconds = time.perf_counter() - started

    @property
    def semantic(self) -> bool:
        return self.embedder is not None and len(self.passage_topics) > 0

    def search(self, query: str, *, limit: int = 10) -> SearchOutcome:
        query = " ".join((query or "").split())[:300]
        detected = detect_language(query, vocabularies=self.vocabularies)
        if not query or not self.topics:
            return SearchOutcome(query, detected, [], False, self.semantic)
        terms = tokenize(query, detected)
        grams = char_ngrams(query)
        count = len(self.topics)
        word_best = _best_per_topic(self.words.scores(terms), self.doc_topics, count)
        char_best = _best_per_topic(self.chars.scores(grams), self.doc_topics, count)
        rankings = {"words": _ranks(word_best, floor=0.0), "chars": _ranks(char_best, floor=0.0)}
        signals = {
            "word_strength": float(word_best.max() / (self.words.max_possible(terms) or 1.0)),
            "char_strength": float(char_best.max() / (self.chars.max_possible(grams) or 1.0)),
        }
        if self.semantic:
            assert self.embedder is not None
            vector = self.embedder.embed_queries([query])[0]
            semantic_best = _best_per_topic(self.passage_vectors @ vector, self.passage_topics, count)
            rankings["semantic"] = _ranks(semantic_best, floor=-1.0)
            signals["semantic"] = float(semantic_best.max())
        fused = np.zeros(count, dtype=np.float64)
        for name, ranks in rankings.items():
            for index, rank in ranks.items():
                fused[index] += WEIGHTS[name] / (RRF_K + rank + 1)
        order = [int(index) for index in np.argsort(-fused, kind="stable") if fused[index] > 0][:limit]
        hits = [Hit(self.topics[index], round(float(fused[index]), 4)) for index in order]
        good = bool(hits) and (
            signals.get("semantic", 0.0) >= MIN_SEMANTIC
            or signals["word_strength"] >= MIN_WORD_STRENGTH
            or signals["char_strength"] >= MIN_CHAR_STRENGTH
        )
        return SearchOutcome(query, detected, hits, good, self.semantic, signals)
