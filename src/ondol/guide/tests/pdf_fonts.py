"""Which characters a PDF's embedded fonts really draw: read with pypdf, glyphs checked with fontTools.

A character counts as drawn when an embedded font maps it to a real glyph (not `.notdef`; with an
outline unless it is a mark or a format character), either in the subset font's own character map or in
the PDF's ToUnicode map of the glyphs used. Both are needed: in Thai, Khmer and Devanagari, shaping turns
clusters of characters into other glyphs, so a vowel sign or a coeng may only appear in ToUnicode. A
character no font could draw is drawn as `.notdef` (glyph 0), which both checks reject.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

from fontTools.ttLib import TTFont
from pypdf import PdfReader

_NO_OUTLINE_NEEDED = {"Mn", "Mc", "Me", "Cf", "Zs", "Zl", "Zp"}
_BFCHAR = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
_BFRANGE = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def _to_unicode(cmap: str) -> dict[int, str]:
    """Glyph id → text, from a ToUnicode CMap (WeasyPrint uses Identity, so CIDs are glyph ids)."""
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in _BFRANGE.findall(block):
            first = ord(bytes.fromhex(start).decode("utf-16-be")[0])
            for offset, cid in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[cid] = chr(first + offset)
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for cid, text in _BFCHAR.findall(block):
            mapping[int(cid, 16)] = bytes.fromhex(text).decode("utf-16-be", errors="replace")
    return mapping


def _real_glyph(font: TTFont, gid: int) -> str | None:
    order = font.getGlyphOrder()
    return order[gid] if 0 < gid < len(order) else None


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
            if "/ToUnicode" in font:
                cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
                for gid, text in _to_unicode(cmap).items():
                    glyph = _real_glyph(program, gid)
                    if glyph is not None and (text.isspace() or _has_outline(program, glyph)):
                        drawn.update(text)
    return drawn, names
