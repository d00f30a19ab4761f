"""Loading the content files: idempotent, keeps staff edits, skips broken files without blocking the rest."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from ondol.guide.content import CONTENT_DIR
from ondol.guide.models import GuideArticle, GuideTopic
from ondol.guide.services import do_load_guide, do_save_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_content(tmp_path: Path) -> Path:
    """A copy of the real meta.yaml and the arc-reissue articles, to change freely."""
    root = tmp_path / "content"
    root.mkdir()
    shutil.copy(CONTENT_DIR / "meta.yaml", root / "meta.yaml")
    for lang in ("en", "ko", "vi"):
        (root / lang).mkdir()
        shutil.copy(CONTENT_DIR / lang / "arc-reissue.yaml", root / lang / "arc-reissue.yaml")
    return root


def test_loading_creates_every_topic_and_an_article_per_file(small_content):
    report = do_load_guide(None, root=small_content)
    assert GuideTopic.objects.filter(key="arc-reissue").exists()
    assert set(GuideArticle.objects.filter(topic__key="arc-reissue").values_list("language", flat=True)) == {
        "en", "ko", "vi"}
    assert report.articles_created == 3


def test_loading_twice_changes_nothing(small_content):
    do_load_guide(None, root=small_content)
    before = list(GuideArticle.objects.values_list("id", "updated_at"))
    report = do_load_guide(None, root=small_content)
    assert (report.articles_created, report.articles_updated, report.articles_unchanged) == (0, 0, 3)
    assert list(GuideArticle.objects.values_list("id", "updated_at")) == before


def test_a_changed_file_updates_its_article(small_content):
    do_load_guide(None, root=small_content)
    path = small_content / "en" / "arc-reissue.yaml"
    path.write_text(path.read_text().replace("Get a new residence card", "Replace your residence card"))
    report = do_load_guide(None, root=small_content)
    assert report.articles_updated == 1
    assert GuideArticle.objects.get(topic__key="arc-reissue", language="en").title.startswith("Replace")


def test_a_staff_edit_survives_a_reload_of_a_changed_file_and_is_reported(small_content):
    do_load_guide(None, root=small_content)
    article = GuideArticle.objects.get(topic__key="arc-reissue", language="en")
    article.title = "Edited by staff"
    do_save_article(None, article=article)
    path = small_content / "en" / "arc-reissue.yaml"
    path.write_text(path.read_text().replace("Get a new residence card", "Replace your residence card"))
    report = do_load_guide(None, root=small_content)
    assert report.kept_staff_edits == ["en/arc-reissue"]
    assert GuideArticle.objects.get(pk=article.pk).title == "Edited by staff"


def test_overwriting_staff_edits_restores_the_file_text(small_content):
    do_load_guide(None, root=small_content)
    article = GuideArticle.objects.get(topic__key="arc-reissue", language="en")
    article.title = "Edited by staff"
    do_save_article(None, article=article)
    do_load_guide(None, root=small_content, overwrite_staff_edits=True)
    article.refresh_from_db()
    assert article.title.startswith("Get a new residence card")
    assert not article.edited_by_staff


def test_a_half_written_file_is_reported_and_skipped_while_the_others_load(small_content):
    (small_content / "vi" / "arc-reissue.yaml").write_text("topic: arc-reissue\nlang: vi\ntitle: [unclosed")
    report = do_load_guide(None, root=small_content)
    assert any("vi/arc-reissue.yaml" in problem for problem in report.problems)
    assert set(GuideArticle.objects.values_list("language", flat=True)) == {"en", "ko"}


def test_a_file_whose_path_and_contents_disagree_is_skipped(small_content):
    shutil.copy(small_content / "en" / "arc-reissue.yaml", small_content / "vi" / "arc-reissue.yaml")
    report = do_load_guide(None, root=small_content)
    assert any("do not match its path" in problem for problem in report.problems)
    assert not GuideArticle.objects.filter(language="vi").exists()


def test_a_staff_edit_refreshes_the_search_terms(small_content):
    do_load_guide(None, root=small_content)
    article = GuideArticle.objects.get(topic__key="arc-reissue", language="en")
    article.keywords = [*article.keywords, "zebracrossing"]
    do_save_article(None, article=article)
    assert "zebracrossing" in GuideArticle.objects.get(pk=article.pk).search_tokens.split()


def test_the_load_guide_command_reports_what_it_did(small_content):
    out = io.StringIO()
    call_command("load_guide", "--content", str(small_content), "--no-vectors", stdout=out, stderr=io.StringIO())
    assert "Articles: 3 new" in out.getvalue()


def test_the_demo_hook_is_safe_to_run_twice(small_content, monkeypatch):
    from ondol.guide import demo

    monkeypatch.setattr(demo, "do_load_guide", lambda actor: do_load_guide(actor, root=small_content))
    monkeypatch.setattr(demo, "build_engine", lambda: None)
    demo.load_demo(seed=1, stdout=io.StringIO())
    demo.load_demo(seed=1, stdout=io.StringIO())
    assert GuideArticle.objects.count() == 3


def test_new_indexing_rules_reindex_unchanged_articles_without_touching_their_text(small_content, monkeypatch):
    from ondol.guide import services

    do_load_guide(None, root=small_content)
    title = GuideArticle.objects.get(topic__key="arc-reissue", language="en").title
    monkeypatch.setattr(services, "INDEX_VERSION", "next")
    report = do_load_guide(None, root=small_content)
    assert (report.articles_reindexed, report.articles_updated) == (3, 0)
    assert GuideArticle.objects.get(topic__key="arc-reissue", language="en").title == title
