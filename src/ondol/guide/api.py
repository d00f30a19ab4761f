"""Guide API: search in any language, and an article as JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Field, Router, Schema

from ondol.core.languages import current_language, normalize_language
from ondol.guide import queries

router = Router(tags=["guide"])


class SearchResultOut(Schema):
    topic: str
    title: str
    summary: str
    url: str
    score: float
    language: str
    is_draft: bool


class SearchOut(Schema):
    query: str
    language: str = Field(description="The language the titles and summaries are written in (the reader's).")
    detected_language: str | None = Field(description="The language the question seems to be written in.")
    good_answer: bool = Field(description="False when no topic matches well: offer a person to ask instead.")
    semantic: bool = Field(description="False when the embedding model is unavailable (keyword search only).")
    results: list[SearchResultOut]


class FaqOut(Schema):
    q: str
    a: str


class ArticleOut(Schema):
    topic: str
    language: str
    requested_language: str
    status: str
    is_fallback: bool
    title: str
    summary: str
    steps: list[str]
    documents: list[str]
    fees: list[str]
    fee_amounts: list[str]
    deadlines: list[str]
    penalties: list[str]
    where: list[str]
    hours: str
    faq: list[FaqOut]
    legal_basis: list[str]
    last_reviewed: str | None
    situations: list[str]
    related: list[str]
    url: str
    visit_sheet_url: str


def _language(lang: str | None) -> str:
    return normalize_language(lang, default=None) or current_language()


@router.get("/search", response=SearchOut, summary="Search the guide in any of the 14 languages")
def search(request: HttpRequest, q: str = "", lang: str | None = None, limit: int = 10) -> dict[str, Any]:
    """Topics for a question typed in any language (typos and missing accents are fine).

    `lang` is the reader's language: titles, summaries and URLs are given in it.
    """
    language = _language(lang)
    with translation.override(language):
        found = queries.search_topics(q, lang=language, limit=max(1, min(limit, 50)))
    return {"query": found.query, "language": found.language, "detected_language": found.detected_language,
            "good_answer": found.good_answer, "semantic": found.semantic, "results": found.results}


@router.get("/topics/{topic}", response=ArticleOut, summary="One guide article")
def topic(request: HttpRequest, topic: str, lang: str | None = None) -> dict[str, Any]:
    """The article in `lang`; English when that translation is missing (`is_fallback`), and its review status."""
    language = _language(lang)
    with translation.override(language):
        view = queries.article_view(topic, language)
        url = reverse("guide:topic", kwargs={"topic": topic})
        sheet = reverse("guide:visit-sheet", kwargs={"topic": topic})
    return {
        "topic": view.topic.key, "language": view.language, "requested_language": view.requested_language,
        "status": view.article.status, "is_fallback": view.is_fallback, "title": view.title,
        "summary": view.summary,
        **{name: section.items for name, section in view.sections.items()},
        "fee_amounts": view.fee_amounts(), "hours": view.hours, "faq": view.faq,
        "legal_basis": view.topic.legal_basis,
        "last_reviewed": view.topic.last_reviewed.isoformat() if view.topic.last_reviewed else None,
        "situations": view.topic.situations, "related": view.topic.related, "url": url, "visit_sheet_url": sheet,
    }
