"""PDF documents from Django templates, with WeasyPrint and the system's Noto fonts.

`scripts/install_fonts.sh` installs Debian's fonts-noto-core and fonts-noto-cjk, which cover every
script we serve (Hangul, Han, Latin with Vietnamese marks, Cyrillic, Thai, Lao, Khmer, Devanagari).
WeasyPrint embeds only the glyphs used, so a one-page sheet stays small. Templates set `lang` on the
elements and take their CSS font lists from `font_family(lang)`, so Chinese, Japanese and Korean get their own glyph shapes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

# The Noto families for each language; the Latin family comes first so digits and punctuation match.
_FAMILIES = {
    "ko": ["Noto Sans CJK KR"],
    "zh-hans": ["Noto Sans CJK SC"],
    "ja": ["Noto Sans CJK JP"],
    "th": ["Noto Sans Thai"],
    "lo": ["Noto Sans Lao"],
    "km": ["Noto Sans Khmer"],
    "ne": ["Noto Sans Devanagari"],
}
_FALLBACK = ["Noto Sans", "Noto Sans CJK KR", "Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer",
             "Noto Sans Devanagari", "sans-serif"]


def font_family(lang: str | None) -> str:
    """A CSS font-family list for text in `lang` (every other script still has a fallback)."""
    families = ["Noto Sans", *_FAMILIES.get(lang or "", [])]
    families += [family for family in _FALLBACK if family not in families]
    return ", ".join(f'"{family}"' if " " in family else family for family in families)


def render_pdf(template_name: str, context: dict[str, Any], *, base_url: str | None = None) -> bytes:
    """Render a template to HTML and the HTML to a PDF (bytes). Images may be data: URIs or files."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template_name, context)
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=base_url or str(settings.BASE_DIR))
    return bytes(document.write_pdf(font_config=fonts))
