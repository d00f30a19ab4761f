"""The guide's search engine built from the articles in the database, rebuilt when they change."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import threading
import time
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save

from ondol.guide.models import GuideArticle
from ondol.guide.search.engine import IndexedDoc, SearchEngine, SearchOutcome, build_keyword_indexes
from ondol.guide.search.keyword import BM25Index
from ondol.guide.search.semantic import cache_dir, load_embedder
from ondol.guide.search.tokenize import tokenize

logger = logging.getLogger(__name__)
_ENGINE: SearchEngine | None = None
_VERSION: Any = None
_CHECKED_AT: float | None = None  # time.monotonic() of the last version check
_LOCK = threading.Lock()
# How often a process asks the database whether the articles changed (an aggregate over every article: 2.4
# ms of a 20 ms search on SQLite). A change saved in this process is seen at once (signals below); one
# saved by another process (a second web worker, `ondol load-guide`) within this many seconds.
VERSION_CHECK_SECONDS = float(os.environ.get("ONDOL_GUIDE_VERSION_CHECK_SECONDS", "2"))


# Bump when the way articles are turned into search terms changes: loading then re-indexes every article.
INDEX_VERSION = "4"


def article_search_text(article: GuideArticle) -> str:
    """The words of an article that search looks at. The title and the keywords are the curated part and
    weigh three times a sentence of the body (measured on the evaluation set, see docs/guide.md)."""
    parts = [article.title] * 3 + list(article.keywords) * 3 + [article.summary, *article.steps]
    parts += [item.get("q", "") for item in article.faq]
    return "\n".join(part for part in parts if part)


def article_tokens(article: GuideArticle) -> str:
    return " ".join(tokenize(article_search_text(article), article.language))


def article_passages(article: GuideArticle) -> list[str]:
    """Texts embedded for semantic search: what the article is about, its keywords, its questions."""
    passages = [f"{article.title}. {article.summary}"]
    if article.keywords:
        passages.append(f"{article.title}: {', '.join(article.keywords)}")
    passages += [item["q"] for item in article.faq if item.get("q")]
    return passages


def _indexed(article: GuideArticle) -> IndexedDoc:
    return IndexedDoc(
        topic=article.topic.key,
        language=article.language,
        tokens=(article.search_tokens or article_tokens(article)).split(),
        text=article_search_text(article),
        passages=article_passages(article),
    )


def _version() -> Any:
    return tuple(GuideArticle.objects.aggregate(n=Count("id"), latest=Max("updated_at"), top=Max("id")).values())


def _keyword_indexes(docs: list[IndexedDoc], articles: list[GuideArticle]) -> tuple[BM25Index, BM25Index]:
    """The keyword indexes from the disk cache when the articles are the same, else built and cached.

    Building the character n-gram index is most of the start-up time (about two seconds of CPU); the
    cache file is our own, written below, and keyed by every article's content hash and last change.
    """
    parts = [INDEX_VERSION, *(f"{a.topic.key}:{a.language}:{a.content_hash}:{a.updated_at}" for a in articles)]
    key = hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]
    path = cache_dir() / f"keyword-index-{key}.pickle"
    if path.exists():
        try:
            with path.open("rb") as stream:
                return pickle.load(stream)  # noqa: S301 — a file this module wrote, in the app's own var/
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as error:
            logger.warning("Rebuilding the unreadable keyword index %s (%s).", path, error)
    indexes = build_keyword_indexes(docs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".pickle")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(indexes, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for old in sorted(path.parent.glob("keyword-index-*.pickle"), key=lambda p: p.stat().st_mtime)[:-3]:
            old.unlink(missing_ok=True)  # keep the last few (other processes may still load them)
    except OSError as error:
        logger.warning("Could not cache the keyword index in %s (%s).", path.parent, error)
    return indexes


def build_engine(*, semantic: bool = True) -> SearchEngine:
    """A fresh engine over every article in the database (vectors and keyword indexes from the disk cache)."""
    articles = list(GuideArticle.objects.select_related("topic").order_by("topic__key", "language"))
    docs = [_indexed(article) for article in articles]
    return SearchEngine(docs, embedder=load_embedder() if semantic else None,
                        keyword_indexes=_keyword_indexes(docs, articles))


def get_engine() -> SearchEngine:
    """The process-wide engine, rebuilt when an article was added, changed or removed."""
    global _ENGINE, _VERSION, _CHECKED_AT
    engine = _ENGINE
    if engine is not None and _CHECKED_AT is not None and time.monotonic() - _CHECKED_AT < VERSION_CHECK_SECONDS:
        return engine
    version = _version()
    if _ENGINE is None or version != _VERSION:
        with _LOCK:
            if _ENGINE is None or version != _VERSION:
                _ENGINE = build_engine()
                _VERSION = version
    _CHECKED_AT = time.monotonic()
    return _ENGINE


def reset_engine() -> None:
    """Forget the engine (tests switch the embedder on and off)."""
    global _ENGINE, _VERSION, _CHECKED_AT
    with _LOCK:
        _ENGINE, _VERSION, _CHECKED_AT = None, None, None


def _articles_changed(**_kwargs: Any) -> None:
    global _CHECKED_AT
    _CHECKED_AT = None  # the next search compares the version again


post_save.connect(_articles_changed, sender=GuideArticle, dispatch_uid="guide-search-article-saved")
post_delete.connect(_articles_changed, sender=GuideArticle, dispatch_uid="guide-search-article-deleted")


def search(query: str, *, limit: int = 10) -> SearchOutcome:
    return get_engine().search(query, limit=limit)


def embed_texts(texts: Sequence[str]) -> list[list[float]] | None:
    """Vectors for short texts in any of our languages, from the model the guide searches with.

    For other apps that compare short texts by meaning (the cases app matches staff free text to its
    phrasebook). The vectors are L2-normalised, so a dot product is the cosine similarity; texts are
    embedded the way the guide embeds questions (e5's "query: " side, meant for comparing like with like).
    Returns None when the model is unavailable (not installed, cannot load, `ONDOL_GUIDE_EMBEDDER=none`):
    callers then fall back to what they do without it. The model is loaded once per process.
    """
    embedder = load_embedder()
    if embedder is None:
        return None
    if not texts:
        return []
    return [[float(value) for value in row] for row in embedder.embed_queries(list(texts))]


__all__ = ["SearchEngine", "SearchOutcome", "build_engine", "embed_texts", "get_engine", "reset_engine", "search"]
