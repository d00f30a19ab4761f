"""Name keys that survive scripts, spellings and word order, for linking agency records to people.

Agencies write the same person as 홍길동, "HONG GILDONG", "Gildong Hong", "Nguyễn Văn An",
"NGUYEN VAN AN", "An Nguyen Van" or 张伟 / "ZHANG WEI". We reduce each name to tokens of
lower-case ASCII letters:

* Hangul is romanised syllable by syllable (``ondol.core.romanize``, Revised Romanization without
  the sound changes) and other scripts are transliterated by ``anyascii`` (which also strips Latin
  accents and turns Han characters into pinyin and Cyrillic into Latin).
* A name written without spaces in Hangul or Han characters is split into family name (first
  syllable, or two for the compound Korean family names) and given name, the way it is said.
* Common passport spellings of Korean family names are mapped to their Revised Romanization
  (KIM → gim, LEE → i, PARK → bak), because registers hold Hangul and agencies often Latin.

From the tokens we build the keys that linking compares:

``name_key``      tokens sorted and joined by a space: swapped given and family names agree.
``name_letters``  all letters sorted: also agrees when a name is split differently
                  ("GIL DONG" / "Gildong") or has two letters transposed.
``name_loose``    ``name_letters`` after folding spelling conventions of romanised Korean
                  (eo/u, oo/u, k/g, ...), so "CHUL SOO" meets "cheolsu".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pyarrow as pa
from anyascii import anyascii

from ondol.core.romanize import romanize_hangul

_COMPOUND_FAMILY_NAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "을지"})

# Passport spellings of common Korean family names → the Revised Romanization our romaniser gives.
_FAMILY_SPELLINGS = {
    "kim": "gim", "lee": "i", "yi": "i", "rhee": "i", "rhie": "i", "ri": "i", "park": "bak", "pak": "bak",
    "bahk": "bak", "choi": "choe", "choy": "choe", "jung": "jeong", "chung": "jeong", "cheong": "jeong",
    "cho": "jo", "chough": "jo", "kang": "gang", "yoon": "yun", "youn": "yun", "lim": "im", "rim": "im",
    "shin": "sin", "shinn": "sin", "oh": "o", "suh": "seo", "kwon": "gwon", "kwun": "gwon", "ahn": "an",
    "yoo": "yu", "you": "yu", "ryu": "yu", "ryoo": "yu", "yu": "yu", "jun": "jeon",
    "ko": "go", "koh": "go", "moon": "mun", "paik": "baek", "baik": "baek", "hur": "heo", "huh": "heo",
    "noh": "no", "roh": "no", "kwak": "gwak", "sung": "seong", "joo": "ju", "woo": "u",
    "koo": "gu", "ku": "gu", "um": "eom", "eum": "eom", "chae": "chae", "hyun": "hyeon", "byun": "byeon",
    "pyun": "pyeon", "yeom": "yeom", "yum": "yeom", "choo": "chu", "sohn": "son", "kook": "guk",
    "yook": "yuk", "ra": "na", "rah": "na", "kil": "gil", "kee": "gi", "ki": "gi", "keum": "geum",
    "namkoong": "namgung", "namkung": "namgung", "namgoong": "namgung", "hwangbo": "hwangbo", "jegal": "jegal", "sunwoo": "seonu",
}

# Applied in order to the joined tokens; each pair folds two spellings agencies use for one sound
# (romanised Korean, and Cyrillic "х" written kh or h). Deliberately coarse: it only feeds a fuzzy level.
_LOOSE_FOLDS = (("kh", "h"), ("eo", "u"), ("oo", "u"), ("eu", "u"), ("ou", "u"), ("ee", "i"), ("ae", "e"), ("sh", "s"),
                ("wo", "u"), ("k", "g"), ("p", "b"), ("t", "d"), ("r", "l"), ("j", "ch"))

_SPLIT = re.compile(r"[\s,/_]+")
_NOT_LETTER = re.compile(r"[^a-z]+")


def _is_syllabic(text: str) -> bool:
    """True when every character is a Hangul syllable or a Han character (one per syllable)."""
    return bool(text) and all(
        "\uac00" <= ch <= "\ud7a3" or "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text
    )


def _romanise(part: str) -> str:
    return _NOT_LETTER.sub("", anyascii(romanize_hangul(part)).lower())


def name_tokens(name: str | None) -> list[str]:
    """The name as canonical lower-case ASCII tokens (in written order)."""
    if not name:
        return []
    text = unicodedata.normalize("NFKC", str(name)).strip()
    parts = [part for part in _SPLIT.split(text) if part]
    pieces: list[str] = []
    if len(parts) == 1 and _is_syllabic(parts[0]) and len(parts[0]) >= 2:
        # "홍길동" → 홍 + 길동; "남궁민수" → 남궁 + 민수; Chinese "张伟" → 张 + 伟.
        word = parts[0]
        cut = 2 if word[:2] in _COMPOUND_FAMILY_NAMES and len(word) >= 3 else 1
        pieces = [word[:cut], word[cut:]]
    else:
        pieces = parts
    tokens = []
    for piece in pieces:
        token = _romanise(piece)
        if token:
            tokens.append(_FAMILY_SPELLINGS.get(token, token))
    return tokens


def loose(letters: str) -> str:
    for old, new in _LOOSE_FOLDS:
        letters = letters.replace(old, new)
    return letters


def name_keys(name: str | None) -> tuple[str | None, str | None, str | None]:
    """(name_key, name_letters, name_loose) for one name; all None when nothing is left of it."""
    tokens = name_tokens(name)
    if not tokens:
        return None, None, None
    joined = "".join(tokens)
    # Folded token by token: a fold must never straddle two words, or word order would matter.
    return " ".join(sorted(tokens)), "".join(sorted(joined)), "".join(sorted("".join(loose(t) for t in tokens)))


NAME_KEYS_SCHEMA = pa.schema(
    [("name", pa.string()), ("name_key", pa.string()), ("name_letters", pa.string()), ("name_loose", pa.string())]
)


def name_keys_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Vectorised form for the engines: a batch with a `name` column → the batch of its keys.

    Engines call this on the distinct names only, so its per-row Python cost is paid once per
    spelling, not once per person.
    """
    names = batch.column(batch.schema.get_field_index("name")).to_pylist()
    keys = [name_keys(name) for name in names]
    return pa.RecordBatch.from_arrays(
        [
            pa.array(names, pa.string()),
            pa.array([k[0] for k in keys], pa.string()),
            pa.array([k[1] for k in keys], pa.string()),
            pa.array([k[2] for k in keys], pa.string()),
        ],
        schema=NAME_KEYS_SCHEMA,
    )


def name_keys_batches(batches: Iterable[pa.RecordBatch]) -> Iterable[pa.RecordBatch]:
    for batch in batches:
        yield name_keys_batch(batch)
