"""Which characters a PDF's embedded fonts really draw: read with pypdf, glyphs checked with fontTools.

A character counts as covered when some embedded font maps it (ToUnicode) to a glyph that is not
`.notdef` and, for visible characters, has an outline. Text that no font can draw shows up as missing.
"""

from __future__ import annotations

import io
import re
from typing import Any

from fontTools.ttLib import TTFont
from pypdf import PdfReader

_BFCHAR = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
_BFRANGE = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def _utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be", errors="replace")


def _to_unicode(cmap: str) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in _BFRANGE.findall(block):
            first = ord(_utf16(start)[0])
            for offset, cid in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[cid] = chr(first + offset)
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for cid, text in _BFCHAR.findall(block):
            mapping[int(cid, 16)] = _utf16(text)
    return mapping


def _glyph_is_drawn(font: TTFont, gid: int) -> bool:
    order = font.getGlyphOrder()
    if gid <= 0 or gid >= len(order):
        return False
    name = order[gid]
    if "glyf" in font:
        glyph = font["glyf"][name]
        return bool(glyph.numberOfContours)
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
    bounds = charstrings[name].calcBounds(charstrings)
    return bounds is not None


def drawn_characters(pdf: bytes) -> tuple[set[str], list[str]]:
    """(characters drawn by a real glyph, names of the embedded fonts)."""
    reader = PdfReader(io.BytesIO(pdf))
    drawn: set[str] = set()
    names: list[str] = []
    seen: set[Any] = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for reference in fonts.values():
            font = reference.get_object()
            if id(font) in seen or "/DescendantFonts" not in font:
                continue
            seen.add(id(font))
            names.append(str(font["/BaseFont"]))
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            program = TTFont(io.BytesIO(stream.get_object().get_data()), lazy=True)
            for cid, text in _to_unicode(font["/ToUnicode"].get_object().get_data().decode("latin-1")).items():
                if text.isspace() or _glyph_is_drawn(program, cid):
                    drawn.update(text)
    return drawn, names
