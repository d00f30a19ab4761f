"""The visit sheet PDF: both languages side by side, the centre, a QR code, and a glyph for every character."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from ondol.core.languages import LANGUAGE_CODES
from ondol.core.pdf import render_pdf
from ondol.guide.tests.pdf_fonts import drawn_characters
from ondol.guide.visit_sheet import ROWS, visit_sheet_context

ONCHEON_1 = "3020053000"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_the_visit_sheet_is_a_pdf_in_the_residents_language_and_korean(client, guide):
    response = client.get("/vi/guide/arc-reissue/visit-sheet.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _squeeze(_text(response.content))
    context = visit_sheet_context("arc-reissue", lang="vi", article_url="https://example.org/")
    assert _squeeze(context["mine"].title) in text
    assert _squeeze(context["theirs"].title) in text
    assert context["theirs"].language == "ko"
    assert _squeeze(context["mine"].sections["documents"].items[0]) in text


def test_the_visit_sheet_fits_on_one_page(client, guide):
    response = client.get("/vi/guide/foreigner-registration/visit-sheet.pdf")
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1


def test_the_visit_sheet_names_the_residents_community_centre_and_its_hours(client, guide, regions):
    response = client.get("/en/guide/residence-change-report/visit-sheet.pdf", {"dong": ONCHEON_1})
    text = _squeeze(_text(response.content))
    assert _squeeze("온천1동 행정복지센터") in text
    assert _squeeze("Monday–Friday: 09:00–18:00") in text
    assert _squeeze("월요일–금요일: 09:00–18:00") in text


def test_the_visit_sheet_uses_the_dong_found_on_the_find_my_centre_page(client, guide, regions):
    client.get("/en/guide/centre/", {"address": "대전 유성구 온천1동"})
    response = client.get("/en/guide/arc-reissue/visit-sheet.pdf")
    assert _squeeze("온천1동 행정복지센터") in _squeeze(_text(response.content))


def test_the_visit_sheet_carries_a_qr_code_image(client, guide):
    response = client.get("/th/guide/kiip/visit-sheet.pdf")
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert len(page.images) >= 1


def test_a_korean_reader_gets_korean_beside_english(client, guide):
    context = visit_sheet_context("kiip", lang="ko", article_url="https://example.org/")
    assert (context["mine"].language, context["theirs"].language) == ("ko", "en")


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_character_of_the_sheet_has_a_glyph_in_an_embedded_font(guide, lang):
    context = visit_sheet_context("foreigner-registration", lang=lang, article_url="https://example.org/x")
    with translation.override(lang):
        pdf = render_pdf("guide/visit_sheet.html", context)
    drawn, fonts = drawn_characters(pdf)
    expected = set()
    for view in (context["mine"], context["theirs"]):
        expected.update(view.title + view.summary)
        for name in ROWS:
            expected.update("".join(view.sections[name].items))
    missing = {char for char in expected if not char.isspace()} - drawn
    assert missing == set(), f"no glyph for {sorted(missing)} with fonts {fonts}"


def test_the_glyph_check_notices_a_character_that_no_font_has():
    from weasyprint import HTML

    pdf = HTML(string='<p style="font-family: \'Noto Sans\'">Abc \ue000</p>').write_pdf()
    drawn, _fonts = drawn_characters(pdf)
    assert "A" in drawn
    assert "\ue000" not in drawn  # a private-use character: drawn as .notdef, so reported missing
