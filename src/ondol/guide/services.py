"""Changing the guide: loading the content files into the database and saving staff edits."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from ondol.core import audit
from ondol.guide.content import CONTENT_DIR, ArticleFile, TopicMeta, read_content
from ondol.guide.models import GuideArticle, GuideTopic
from ondol.guide.search import INDEX_VERSION, article_tokens

CONTENT_FIELDS = ("status", "title", "summary", "steps", "documents", "fees", "deadlines", "penalties", "where",
                  "hours", "faq", "keywords")


@dataclass
class LoadReport:
    topics_created: int = 0
    topics_updated: int = 0
    articles_created: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    articles_reindexed: int = 0
    kept_staff_edits: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"Topics: {self.topics_created} new, {self.topics_updated} updated. Articles: "
                f"{self.articles_created} new, {self.articles_updated} updated, {self.articles_reindexed} re-indexed, "
                f"{self.articles_unchanged} unchanged, "
                f"{len(self.kept_staff_edits)} kept because staff edited them.")


def content_hash(article: GuideArticle) -> str:
    """A hash of the text and of the indexing rules, so that new rules re-index unchanged articles."""
    values = {name: getattr(article, name) for name in CONTENT_FIELDS} | {"index_version": INDEX_VERSION}
    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _refresh_derived(article: GuideArticle) -> None:
    article.search_tokens = article_tokens(article)
    article.content_hash = content_hash(article)


def _topic_values(meta: TopicMeta) -> dict[str, Any]:
    return {
        "category": meta.category, "situations": meta.situations, "position": meta.position,
        "offices": meta.offices, "legal_basis": meta.legal_basis, "fees_krw": meta.fees_krw,
        "deadline_days": meta.deadline_days, "eligibility_program": meta.eligibility_program,
        "related": meta.related, "last_reviewed": meta.reviewed_on, "source_hash": meta.source_hash,
    }


def _load_topics(metas: list[TopicMeta], report: LoadReport) -> dict[str, GuideTopic]:
    topics = {topic.key: topic for topic in GuideTopic.objects.all()}
    for meta in metas:
        topic = topics.get(meta.key)
        if topic is None:
            topics[meta.key] = GuideTopic.objects.create(key=meta.key, **_topic_values(meta))
            report.topics_created += 1
        elif topic.source_hash != meta.source_hash:
            for name, value in _topic_values(meta).items():
                setattr(topic, name, value)
            topic.save()
            report.topics_updated += 1
    return topics


def _keep(existing: GuideArticle, report: LoadReport) -> None:
    """Leave the text alone, but re-index it if the indexing rules changed since it was saved."""
    if existing.content_hash != content_hash(existing):
        _refresh_derived(existing)
        existing.save(update_fields=["search_tokens", "content_hash", "updated_at"])
        report.articles_reindexed += 1
    else:
        report.articles_unchanged += 1


def _load_article(file: ArticleFile, topic: GuideTopic, existing: GuideArticle | None, *,
                  overwrite_staff_edits: bool, report: LoadReport) -> None:
    if existing is not None and existing.file_hash == file.file_hash and not existing.edited_by_staff:
        _keep(existing, report)
        return
    if existing is not None and existing.edited_by_staff and not overwrite_staff_edits:
        if existing.file_hash != file.file_hash:
            report.kept_staff_edits.append(f"{file.lang}/{file.topic}")
        _keep(existing, report)
        return
    article = existing or GuideArticle(topic=topic, language=file.lang)
    for name in CONTENT_FIELDS:
        setattr(article, name, getattr(file, name))
    article.file_hash = file.file_hash
    article.edited_by_staff = False
    _refresh_derived(article)
    article.save()
    if existing is None:
        report.articles_created += 1
    else:
        report.articles_updated += 1


@transaction.atomic
def do_load_guide(actor: Any, *, root: Path = CONTENT_DIR, overwrite_staff_edits: bool = False) -> LoadReport:
    """Bring the database up to date with the content files; safe to run again (unchanged files are skipped).

    Articles that staff edited in the admin are kept unless `overwrite_staff_edits`, and reported.
    """
    content = read_content(root)
    report = LoadReport(problems=list(content.problems))
    topics = _load_topics(content.topics, report)
    existing = {(article.topic.key, article.language): article
                for article in GuideArticle.objects.select_related("topic")}
    for file in content.articles:
        _load_article(file, topics[file.topic], existing.get((file.topic, file.lang)),
                      overwrite_staff_edits=overwrite_staff_edits, report=report)
    if report.topics_created or report.topics_updated or report.articles_created or report.articles_updated \
            or report.articles_reindexed:
        audit.record_event(actor, action="guide_loaded", target_type="guide.GuideArticle", detail=report.summary())
    return report


@transaction.atomic
def do_save_article(actor: Any, *, article: GuideArticle) -> GuideArticle:
    """Save a staff edit: refresh the search terms, mark the article as edited so file loads keep it."""
    _refresh_derived(article)
    article.edited_by_staff = True
    article.save()
    audit.record_change(actor, article, action="guide_article_edited", detail=f"{article.topic.key} {article.language}")
    return article
