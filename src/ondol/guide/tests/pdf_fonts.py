"""Which characters a PDF's embedded fonts can really draw: read with pypdf, glyphs checked with fontTools.

WeasyPrint embeds a subset of each font that keeps the character map of what the page uses. A character
counts as covered when some embedded font maps it to a glyph with an outline (combining marks and
format characters may have none). A character that no font could draw is in no embedded character map,
because pango then draws the empty `.notdef` box, which no character maps to.
"""

from __future__ import annotations

import io
import unicodedata
from typing import Any

from fontTools.ttLib import TTFont
from pypdf import PdfReader

_NO_OUTLINE_NEEDED = {"Mn", "Mc", "Me", "Cf", "Zs", "Zl", "Zp"}


def _has_outline(font: TTFont, name: str) -> bool:
    if "glyf" in font:
        return bool(font["glyf"][name].numberOfContours)
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
    return charstrings[name].calcBounds(charstrings) is not None


def drawn_characters(pdf: bytes) -> tuple[set[str], list[str]]:
    """(characters some embedded font draws with a real glyph, names of the embedded fonts)."""
    reader = PdfReader(io.BytesIO(pdf))
    drawn: set[str] = set()
    names: list[str] = []
    seen: set[Any] = set()
    for page in reader.pages:
        for reference in page["/Resources"].get("/Font", {}).values():
            font = reference.get_object()
            if id(font) in seen or "/DescendantFonts" not in font:
                continue
            seen.add(id(font))
            names.append(str(font["/BaseFont"]))
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            program = TTFont(io.BytesIO(stream.get_object().get_data()))
            for codepoint, glyph in (program.getBestCmap() or {}).items():
                char = chr(codepoint)
                if unicodedata.category(char) in _NO_OUTLINE_NEEDED or _has_outline(program, glyph):
                    drawn.add(char)
    return drawn, names
