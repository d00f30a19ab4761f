"""Reading the guide: an article in the reader's language (with English fallback), topic lists, search."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ondol.core.errors import NotFound
from ondol.core.formatting import format_date, format_krw
from ondol.core.languages import LANGUAGE_CODES, normalize_language
from ondol.guide import search as guide_search
from ondol.guide.models import GuideArticle, GuideTopic, LifeSituation, ReviewStatus

FALLBACK_LANGUAGE = "en"
SECTION_FIELDS = ("steps", "documents", "fees", "deadlines", "penalties", "where")


@dataclass(frozen=True)
class Section:
    name: str
    items: list[str]
    language: str  # the language the items are written in (English when the reader's is missing)


@dataclass
class ArticleView:
    """What a reader sees of one topic: their language where it exists, English elsewhere, flagged."""

    topic: GuideTopic
    requested_language: str
    article: GuideArticle
    sections: dict[str, Section] = field(default_factory=dict)
    hours: str = ""
    faq: list[dict[str, str]] = field(default_factory=list)
    faq_language: str = ""

    @property
    def language(self) -> str:
        return self.article.language

    @property
    def is_fallback(self) -> bool:
        """The whole article is missing in the reader's language and is shown in English."""
        return self.article.language != self.requested_language

    @property
    def is_draft(self) -> bool:
        return self.article.status == ReviewStatus.DRAFT

    @property
    def has_partial_fallback(self) -> bool:
        return any(section.language != self.article.language for section in self.sections.values())

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def summary(self) -> str:
        return self.article.summary

    def fee_amounts(self) -> list[str]:
        """Fixed fees from the topic's facts, formatted for the reader ("₩35,000")."""
        return [format_krw(fee["amount"], self.requested_language) for fee in self.topic.fees_krw]

    def last_reviewed(self) -> str:
        return format_date(self.topic.last_reviewed, self.requested_language) if self.topic.last_reviewed else ""


def _topic(key: str) -> GuideTopic:
    topic = GuideTopic.objects.filter(key=key).first()
    if topic is None:
        raise NotFound(_("There is no guide article called %(topic)s.") % {"topic": key}, code="topic_not_found")
    return topic


def article_view(key: str, lang: str) -> ArticleView:
    """The article for `key` in `lang`; English (then any language) when that translation is missing.

    Drafts often lack documents, fees and deadlines: those sections are taken from the English article
    and marked with their language, so the page can say so.
    """
    lang = normalize_language(lang, default=FALLBACK_LANGUAGE) or FALLBACK_LANGUAGE
    topic = _topic(key)
    articles = {article.language: article for article in topic.articles.all()}
    article = articles.get(lang) or articles.get(FALLBACK_LANGUAGE) or next(iter(articles.values()), None)
    if article is None:
        raise NotFound(_("This guide article has no text yet."), code="topic_without_text")
    english = articles.get(FALLBACK_LANGUAGE)
    view = ArticleView(topic=topic, requested_language=lang, article=article)
    for name in SECTION_FIELDS:
        items, language = getattr(article, name), article.language
        if not items and english is not None and english is not article and getattr(english, name):
            items, language = getattr(english, name), english.language
        view.sections[name] = Section(name, list(items), language)
    view.hours = article.hours or (english.hours if english else "")
    source = article if article.faq or english is None else english
    view.faq, view.faq_language = list(source.faq), source.language
    return view


@dataclass(frozen=True)
class TopicCard:
    key: str
    title: str
    summary: str
    language: str
    is_draft: bool
    url: str


def _cards(lang: str, *, keys: list[str] | None = None) -> dict[str, TopicCard]:
    wanted = [lang, FALLBACK_LANGUAGE] if lang != FALLBACK_LANGUAGE else [lang]
    articles = (GuideArticle.objects.filter(language__in=wanted).select_related("topic")
                .only("topic__key", "language", "status", "title", "summary"))
    if keys is not None:
        articles = articles.filter(topic__key__in=keys)
    chosen: dict[str, GuideArticle] = {}
    for article in articles:
        current = chosen.get(article.topic.key)
        if current is None or (article.language == lang and current.language != lang):
            chosen[article.topic.key] = article
    with translation.override(lang):
        return {
            key: TopicCard(key, article.title, article.summary, article.language, article.is_draft,
                           reverse("guide:topic", kwargs={"topic": key}))
            for key, article in chosen.items()
        }


def topics_by_situation(lang: str) -> list[tuple[str, str, list[TopicCard]]]:
    """(situation key, label, cards) in the guide's order; a topic appears under each of its situations."""
    cards = _cards(lang)
    topics = list(GuideTopic.objects.order_by("position", "key"))
    groups = []
    for situation in LifeSituation:
        members = [cards[topic.key] for topic in topics if situation.value in topic.situations and topic.key in cards]
        if members:
            groups.append((situation.value, str(situation.label), members))
    return groups


def related_cards(view: ArticleView) -> list[TopicCard]:
    cards = _cards(view.requested_language, keys=list(view.topic.related))
    return [cards[key] for key in view.topic.related if key in cards]


@dataclass
class SearchResults:
    query: str
    language: str
    detected_language: str | None
    results: list[dict[str, Any]]
    good_answer: bool
    semantic: bool


def search_topics(query: str, *, lang: str, limit: int = 10) -> SearchResults:
    """Topics for a question in any language, described in the reader's language (`lang`)."""
    lang = normalize_language(lang, default=FALLBACK_LANGUAGE) or FALLBACK_LANGUAGE
    outcome = guide_search.search(query, limit=limit)
    cards = _cards(lang, keys=[hit.topic for hit in outcome.hits])
    results = [
        {"topic": hit.topic, "title": cards[hit.topic].title, "summary": cards[hit.topic].summary,
         "url": cards[hit.topic].url, "score": hit.score, "language": cards[hit.topic].language,
         "is_draft": cards[hit.topic].is_draft}
        for hit in outcome.hits if hit.topic in cards
    ]
    return SearchResults(outcome.query, lang, outcome.detected_language, results, outcome.good_answer,
                         outcome.semantic)


def review_matrix() -> list[dict[str, Any]]:
    """For staff: each topic with the review status of each language ("missing" when there is none)."""
    statuses: dict[str, dict[str, GuideArticle]] = {}
    for article in GuideArticle.objects.select_related("topic").only(
            "topic__key", "language", "status", "edited_by_staff", "updated_at"):
        statuses.setdefault(article.topic.key, {})[article.language] = article
    rows = []
    for topic in GuideTopic.objects.order_by("position", "key"):
        languages = statuses.get(topic.key, {})
        rows.append({"topic": topic, "cells": [(code, languages.get(code)) for code in LANGUAGE_CODES]})
    return rows
