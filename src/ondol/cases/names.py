"""Comparable forms of personal names written in Hangul, Latin or a native script.

`ondol.core.romanize.fold` romanises Hangul by sound ("응우옌" → "eunguyen"), which does not meet the
Latin spelling a Vietnamese or Chinese person uses ("Nguyen"). Korean offices write foreign names by the
loanword rules (외래어 표기법), so the common syllables map back to a few Latin spellings; the table
below covers the most frequent Vietnamese and Chinese name parts. A name becomes a list of *positions*,
each a set of spellings, because one Hangul spelling can stand for several Latin ones (황 is Hoàng or Huang).
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from ondol.core.romanize import fold

# Hangul spelling → the Latin spellings it stands for (Vietnamese first, then Chinese pinyin).
HANGUL_NAME_PARTS: dict[str, tuple[str, ...]] = {
    # Vietnamese family names
    "응우옌": ("nguyen",), "응우엔": ("nguyen",), "뉴엔": ("nguyen",), "구엔": ("nguyen",),
    "쩐": ("tran",), "짠": ("tran",), "레": ("le",), "팜": ("pham",), "호앙": ("hoang",), "후인": ("huynh",),
    "판": ("phan",), "부": ("vu",), "보": ("vo",), "당": ("dang",), "부이": ("bui",), "도": ("do",),
    "호": ("ho",), "응오": ("ngo",), "즈엉": ("duong",), "쯔엉": ("truong",), "다오": ("dao",), "딘": ("dinh",),
    # Vietnamese middle and given names
    "티": ("thi",), "반": ("van",), "번": ("van",), "란": ("lan",), "호아": ("hoa",), "마이": ("mai",),
    "흐엉": ("huong",), "민": ("minh", "min"), "훙": ("hung",), "뚜언": ("tuan",), "안": ("anh", "an"),
    "아인": ("anh",), "득": ("duc",), "꾸옥": ("quoc",), "후이": ("huy",), "투": ("thu",), "짱": ("trang",),
    "응옥": ("ngoc",), "린": ("linh", "lin"), "하": ("ha",), "남": ("nam",), "쭝": ("trung",), "롱": ("long",),
    "타오": ("thao",), "프엉": ("phuong",), "뚜": ("tu",), "히엔": ("hien",), "리": ("ly", "li"),
    # Chinese family and given names (pinyin)
    "왕": ("wang",), "장": ("zhang",), "류": ("liu",), "천": ("chen",), "양": ("yang",), "자오": ("zhao",),
    "황": ("huang", "hoang"), "저우": ("zhou",), "우": ("wu",), "쉬": ("xu",), "쑨": ("sun",), "마": ("ma",),
    "주": ("zhu",), "후": ("hu",), "궈": ("guo",), "허": ("he",), "웨이": ("wei",), "팡": ("fang",),
    "징": ("jing",), "옌": ("yan",), "창": ("qiang",), "레이": ("lei",), "쥔": ("jun",), "펑": ("feng",),
    "젠": ("jian",), "밍": ("ming",), "화": ("hua",), "메이": ("mei",), "리나": ("lina",), "쥐안": ("juan",),
}
_LONGEST_PART = max(len(part) for part in HANGUL_NAME_PARTS)

# One written name part and the spellings it may stand for, e.g. frozenset({"huang", "hoang", "hwang"}).
Position = frozenset[str]


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def _segment_hangul(word: str) -> list[Position]:
    """Split a Hangul word into known name parts, longest first; each part also keeps its sound reading
    (장 is Zhang for a Chinese name and Jang for a Korean one)."""
    parts: list[Position] = []
    position = 0
    while position < len(word):
        for length in range(min(_LONGEST_PART, len(word) - position), 0, -1):
            piece = word[position:position + length]
            if piece in HANGUL_NAME_PARTS:
                parts.append(frozenset({*HANGUL_NAME_PARTS[piece], fold(piece).replace(" ", "")}))
                position += length
                break
        else:
            parts.append(frozenset({fold(word[position])}))
            position += 1
    return parts


def _word_positions(word: str) -> list[Position]:
    if word and all(_is_hangul(char) for char in word):
        return _segment_hangul(word)
    if any(_is_han(char) for char in word):
        # Chinese and Japanese characters: one part per character, read in pinyin by anyascii.
        return [frozenset({anyascii(char).lower()}) for char in word if char.strip()]
    return [frozenset({token}) for token in fold(word).split()]


def name_positions(name: str) -> list[Position]:
    """The parts of a written name, in written order, each with the spellings it may stand for."""
    if not name or not name.strip():
        return []
    positions: list[Position] = []
    for word in re.split(r"[\s,·・]+", unicodedata.normalize("NFC", name.strip())):
        positions.extend(_word_positions(word))
    return [position for position in positions if position and all(position)]


def name_tokens(*names: str) -> set[str]:
    """All spellings any part of the names may take, for the look-up index."""
    return {token for name in names for position in name_positions(name) for token in position}


def index_text(*names: str) -> str:
    """Space-delimited tokens with a leading and trailing space, so `contains(" lan ")` finds whole tokens."""
    tokens = sorted(name_tokens(*names))
    return f" {' '.join(tokens)} " if tokens else ""
