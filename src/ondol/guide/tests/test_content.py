"""The content files themselves: every promised topic, complete in four languages, drafts in the rest."""

from __future__ import annotations

import pytest

from ondol.core.languages import COMPLETE_LANGUAGES, LANGUAGE_CODES
from ondol.guide.content import CONTENT_DIR, REQUIRED_TOPICS, read_content

DRAFT_LANGUAGES = [code for code in LANGUAGE_CODES if code not in COMPLETE_LANGUAGES]
CONTENT = read_content(CONTENT_DIR)
ARTICLES = {(article.lang, article.topic): article for article in CONTENT.articles}


def test_the_content_files_have_no_problems():
    assert CONTENT.problems == []


def test_meta_yaml_describes_every_promised_topic():
    assert {topic.key for topic in CONTENT.topics} >= set(REQUIRED_TOPICS)


@pytest.mark.parametrize("lang", COMPLETE_LANGUAGES)
def test_every_topic_is_complete_and_reviewed_in_the_four_complete_languages(lang):
    incomplete = []
    for key in REQUIRED_TOPICS:
        article = ARTICLES.get((lang, key))
        if article is None or article.status != "reviewed" or not (article.steps and article.where and article.faq):
            incomplete.append(key)
    assert incomplete == []


@pytest.mark.parametrize("lang", DRAFT_LANGUAGES)
def test_every_topic_has_at_least_a_title_summary_and_steps_in_the_other_ten_languages(lang):
    missing = [key for key in REQUIRED_TOPICS
               if (lang, key) not in ARTICLES or not ARTICLES[(lang, key)].steps]
    assert missing == []


@pytest.mark.parametrize("lang", DRAFT_LANGUAGES)
def test_translations_nobody_reviewed_are_marked_draft(lang):
    reviewed = [key for (code, key), article in ARTICLES.items() if code == lang and article.status != "draft"]
    assert reviewed == []


def test_the_card_fee_is_35000_won_since_2025_as_the_law_says():
    meta = {topic.key: topic for topic in CONTENT.topics}
    assert meta["arc-reissue"].fees_krw[0]["amount"] == 35000
    assert meta["arc-reissue"].fees_krw[0]["since"] == "2025-01-01"
    for lang in COMPLETE_LANGUAGES:
        assert any("35,000" in fee or "35000" in fee for fee in ARTICLES[(lang, "arc-reissue")].fees)


def test_the_move_in_report_is_due_within_15_days_as_the_law_says():
    meta = {topic.key: topic for topic in CONTENT.topics}
    assert meta["residence-change-report"].deadline_days == 15
    for lang in COMPLETE_LANGUAGES:
        assert any("15" in line for line in ARTICLES[(lang, "residence-change-report")].deadlines)
