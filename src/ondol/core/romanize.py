"""Hangul → Latin (Revised Romanization, simplified) and name/address normalisation across scripts.

Shared by the address look-up, the duplicate finder and discovery linkage, so that "응우옌 티 란",
"Nguyễn Thị Lan" and "NGUYEN THI LAN" can be compared. The full RR sound-change rules (assimilation
across syllables) are deliberately left out: comparisons use a loose key, not a display spelling.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_MEDIALS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
            "yu", "eu", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t"]
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def romanize_hangul(text: str) -> str:
    """Romanise Hangul syllables; other characters pass through unchanged."""
    out: list[str] = []
    previous_final = ""
    for char in text:
        code = ord(char)
        if _HANGUL_FIRST <= code <= _HANGUL_LAST:
            index = code - _HANGUL_FIRST
            initial, medial, final = index // 588, (index % 588) // 28, index % 28
            onset = _INITIALS[initial]
            # ㄹ after a final ㄹ is read "l" (e.g. 설날 → seollal), otherwise "r".
            if onset == "r" and previous_final == "l":
                onset = "l"
            out.append(onset + _MEDIALS[medial] + _FINALS[final])
            previous_final = _FINALS[final]
        else:
            out.append(char)
            previous_final = ""
    return "".join(out)


def fold(text: str) -> str:
    """Lower-case ASCII with accents stripped and Hangul romanised: the loose comparison form."""
    if not text:
        return ""
    romanised = romanize_hangul(unicodedata.normalize("NFC", text))
    ascii_text = anyascii(romanised).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]+", " ", ascii_text)).strip()


def compact(text: str) -> str:
    """The folded text without spaces: "Yuseong-gu" and "유성구" both become "yuseonggu"."""
    return fold(text).replace(" ", "")


def name_key(name: str) -> str:
    """Folded name tokens in sorted order, so that given and family names may be swapped."""
    return " ".join(sorted(fold(name).split()))
