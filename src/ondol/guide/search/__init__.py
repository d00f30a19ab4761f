"""The guide's search engine built from the articles in the database, rebuilt when they change."""

from __future__ import annotations

import threading
from typing import Any

from django.db.models import Count, Max

from ondol.guide.models import GuideArticle
from ondol.guide.search.engine import IndexedDoc, SearchEngine, SearchOutcome
from ondol.guide.search.semantic import load_embedder
from ondol.guide.search.tokenize import tokenize

_ENGINE: SearchEngine | None = None
_VERSION: Any = None
_LOCK = threading.Lock()


# Bump when the way articles are turned into search terms changes: loading then re-indexes every article.
INDEX_VERSION = "2"


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


def build_engine(*, semantic: bool = True) -> SearchEngine:
    """A fresh engine over every article in the database (article vectors come from the disk cache)."""
    articles = GuideArticle.objects.select_related("topic").order_by("topic__key", "language")
    return SearchEngine([_indexed(article) for article in articles],
                        embedder=load_embedder() if semantic else None)


def get_engine() -> SearchEngine:
    """The process-wide engine, rebuilt when an article was added, changed or removed."""
    global _ENGINE, _VERSION
    version = _version()
    if _ENGINE is None or version != _VERSION:
        with _LOCK:
            if _ENGINE is None or version != _VERSION:
                _ENGINE = build_engine()
                _VERSION = version
    return _ENGINE


def reset_engine() -> None:
    """Forget the engine (tests switch the embedder on and off)."""
    global _ENGINE, _VERSION
    with _LOCK:
        _ENGINE, _VERSION = None, None


def search(query: str, *, limit: int = 10) -> SearchOutcome:
    return get_engine().search(query, limit=limit)


__all__ = ["SearchEngine", "SearchOutcome", "build_engine", "get_engine", "reset_engine", "search"]
