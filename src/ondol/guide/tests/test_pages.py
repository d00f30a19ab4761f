"""The public guide pages, the article API and the staff overview."""

from __future__ import annotations

from ondol.core.formatting import format_krw
from ondol.guide.models import GuideArticle
from ondol.guide.services import do_save_article


def test_the_guide_lists_topics_by_life_situation_in_the_readers_language(client, guide):
    html = client.get("/vi/guide/").content.decode()
    assert "situation-just-arrived" in html
    assert "situation-work-problem" in html
    vietnamese_title = GuideArticle.objects.get(topic__key="labor-rights", language="vi").title
    assert vietnamese_title in html


def test_an_article_shows_what_to_bring_what_it_costs_and_where_to_go(client, guide):
    html = client.get("/ko/guide/arc-reissue/").content.decode()
    korean = GuideArticle.objects.get(topic__key="arc-reissue", language="ko")
    assert korean.title in html
    for item in korean.documents:
        assert item in html
    assert "₩35,000" in html
    assert "출입국관리법" in html  # the legal basis


def test_a_missing_translation_falls_back_to_english_with_a_notice(client, guide):
    GuideArticle.objects.filter(topic__key="arc-reissue", language="th").delete()
    html = client.get("/th/guide/arc-reissue/").content.decode()
    english = GuideArticle.objects.get(topic__key="arc-reissue", language="en")
    assert english.title in html
    assert 'class="card notice"' in html


def test_a_draft_translation_is_shown_with_a_draft_notice(client, guide):
    article = GuideArticle.objects.get(topic__key="arc-reissue", language="ne")
    assert article.status == "draft"
    html = client.get("/ne/guide/arc-reissue/").content.decode()
    assert article.title in html
    assert "draft-notice" in html


def test_a_reviewed_translation_has_no_draft_notice(client, guide):
    html = client.get("/vi/guide/arc-reissue/").content.decode()
    assert "draft-notice" not in html


def test_sections_a_draft_lacks_are_shown_in_english_and_say_so(client, guide):
    article = GuideArticle.objects.get(topic__key="arc-reissue", language="ne")
    article.documents = []
    article.save()
    english = GuideArticle.objects.get(topic__key="arc-reissue", language="en")
    html = client.get("/ne/guide/arc-reissue/").content.decode()
    assert english.documents[0] in html
    assert '<section class="article-section" aria-labelledby="section-documents" lang="en">' in html


def test_an_unknown_topic_is_a_404_page(client, guide):
    assert client.get("/en/guide/no-such-topic/").status_code == 404


def test_the_faq_page_lists_questions_in_the_readers_language(client, guide):
    html = client.get("/zh-hans/guide/faq/").content.decode()
    question = GuideArticle.objects.get(topic__key="arc-reissue", language="zh-hans").faq[0]["q"]
    assert question in html


def test_the_article_api_returns_the_article_and_its_review_status(client, guide):
    body = client.get("/api/v1/guide/topics/arc-reissue", {"lang": "vi"}).json()
    assert body["topic"] == "arc-reissue"
    assert body["language"] == "vi"
    assert body["status"] == "reviewed"
    assert body["is_fallback"] is False
    assert body["fee_amounts"] == [format_krw(35000, "vi")]
    assert body["visit_sheet_url"] == "/vi/guide/arc-reissue/visit-sheet.pdf"


def test_the_article_api_says_when_it_falls_back_to_english(client, guide):
    GuideArticle.objects.filter(topic__key="kiip", language="km").delete()
    body = client.get("/api/v1/guide/topics/kiip", {"lang": "km"}).json()
    assert (body["language"], body["requested_language"], body["is_fallback"]) == ("en", "km", True)


def test_the_article_api_answers_404_for_an_unknown_topic(client, guide):
    response = client.get("/api/v1/guide/topics/no-such-topic", {"lang": "en"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "topic_not_found"


def test_staff_see_every_topic_and_language_with_its_review_status(client, guide, counsellor):
    client.force_login(counsellor)
    html = client.get("/en/staff/guide/").content.decode()
    assert "arc-reissue" in html
    assert "review-matrix" in html
    assert html.count('class="badge ok"') >= 46 * 4


def test_the_staff_overview_is_not_for_residents(client, guide, django_user_model):
    resident = django_user_model.objects.create_user(username="resident", password="a long password 123")
    client.force_login(resident)
    assert client.get("/en/staff/guide/").status_code == 403


def test_an_article_edited_in_the_admin_is_marked_and_searchable(admin_client, guide):
    article = GuideArticle.objects.get(topic__key="kiip", language="en")
    response = admin_client.get(f"/admin/guide/guidearticle/{article.pk}/change/")
    assert response.status_code == 200
    article.summary += " Also called the social integration programme zebrafinch."
    do_save_article(None, article=article)
    body = admin_client.get("/api/v1/guide/search", {"q": "zebrafinch", "lang": "en"}).json()
    assert body["results"][0]["topic"] == "kiip"


def test_an_article_links_its_related_topics_by_their_titles_in_the_readers_language(client, guide):
    from ondol.guide.models import GuideTopic

    topic = GuideTopic.objects.get(key="arc-reissue")
    assert topic.related, "the content gives arc-reissue related topics"
    html = client.get("/vi/guide/arc-reissue/").content.decode()
    assert 'class="related no-print"' in html
    for key in topic.related:
        article = GuideArticle.objects.filter(topic__key=key, language="vi").first() or \
            GuideArticle.objects.get(topic__key=key, language="en")
        assert article.title in html
