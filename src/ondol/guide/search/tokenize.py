"""Splitting text into search terms, one way per script, the same for articles and for queries.

- Hangul: Kiwi morphemes (nouns, verb and adjective stems, roots), so "잃어버렸어요" and "잃어버리면" meet.
- Han: jieba's search segmentation for Chinese; character pairs for Japanese, which has no segmenter here.
- Kana, Thai, Lao, Khmer (no spaces between words): overlapping character pairs.
- Latin, Cyrillic, Devanagari: lower-cased words with accents stripped (so "the cu tru" finds "thẻ cư trú"),
  a six-letter prefix as a poor man's stemmer for inflected languages (Russian, Uzbek, Mongolian,
  Indonesian), and word pairs. Vietnamese syllables are whole words here; a word segmenter
  (underthesea) would add little because syllable pairs already capture two-syllable words.

Character n-grams for typo tolerance are made separately (`char_ngrams`).
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Iterator
from typing import Any

_KIWI: Any = None
_KIWI_LOCK = threading.Lock()
_KOREAN_TAGS = {"NNG", "NNP", "VV", "VA", "XR", "SL", "SN", "SH", "MAG"}
_CHINESE_STOP = set("的了吗呢吧啊我你他她它们是在有和与或也都就要会能可以这那个怎么什么如何请问")

# Runs of one script; anything else (spaces, punctuation, symbols) separates runs.
_HANGUL = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
_KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_BRAHMIC = "\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\u19e0-\u19ff"
_RUNS = re.compile(
    rf"(?P<hangul>[{_HANGUL}]+)|(?P<kana>[{_KANA}]+)|(?P<han>[{_HAN}]+)|(?P<brahmic>[{_BRAHMIC}]+)"
    # Devanagari vowel signs are not \w, hence the explicit block; apostrophes join Uzbek oʻ and gʻ.
    rf"|(?P<word>(?:[^\W{_HANGUL}{_KANA}{_HAN}{_BRAHMIC}_]|[\u0900-\u097f\u02bb\u02bc'’`])+)"
)
_APOSTROPHES = re.compile(r"[\u02bb\u02bc'’`]")


def kiwi() -> Any:
    """The process-wide Kiwi analyser, loaded on first use (about a second)."""
    global _KIWI
    if _KIWI is None:
        with _KIWI_LOCK:
            if _KIWI is None:
                from kiwipiepy import Kiwi

                # The typo and multi-word dictionaries double the start-up time for little gain here.
                _KIWI = Kiwi(load_typo_dict=False, load_multi_dict=False)
    return _KIWI


def fold_latin(text: str) -> str:
    """Lower-case and strip accents from Latin letters only; other scripts keep their marks."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("ё", "е"))
    out: list[str] = []
    previous_latin = False
    for char in decomposed:
        if unicodedata.category(char) == "Mn" and previous_latin:
            continue
        out.append(char)
        previous_latin = char.isascii() and char.isalpha()
    return unicodedata.normalize("NFC", "".join(out))


def _pairs(text: str) -> list[str]:
    if len(text) == 1:
        return [text]
    return [text[index:index + 2] for index in range(len(text) - 1)]


def _korean(text: str) -> list[str]:
    return [token.form.lower() for token in kiwi().tokenize(text) if token.tag.split("-")[0] in _KOREAN_TAGS]


def _chinese(text: str) -> list[str]:
    import rjieba

    return [word for word in rjieba.cut_for_search(text) if word.strip() and word not in _CHINESE_STOP]


def _words(run: str) -> list[str]:
    word = _APOSTROPHES.sub("", fold_latin(run))
    if not word:
        return []
    tokens = [word]
    if len(word) > 7 and not word.isdigit():
        tokens.append(word[:6] + "~")
    return tokens


def _runs(text: str) -> Iterator[tuple[str, str]]:
    for match in _RUNS.finditer(unicodedata.normalize("NFKC", text)):
        kind = match.lastgroup or "word"
        yield kind, match.group()


def tokenize(text: str, lang: str | None = None) -> list[str]:
    """Search terms of `text`; `lang` only decides whether Han characters are Chinese or Japanese."""
    tokens: list[str] = []
    words: list[str] = []  # consecutive plain words, for word pairs
    hangul: list[str] = []  # consecutive Hangul runs go to Kiwi together, so it sees whole phrases

    def flush_words() -> None:
        tokens.extend(f"{first}_{second}" for first, second in itertools.pairwise(words))
        words.clear()

    def flush_hangul() -> None:
        if hangul:
            tokens.extend(_korean(" ".join(hangul)))
            hangul.clear()

    for kind, run in _runs(text):
        if kind == "hangul":
            flush_words()
            hangul.append(run)
            continue
        flush_hangul()
        if kind == "word":
            parts = _words(run)
            tokens.extend(parts)
            if parts:
                words.append(parts[0])
            continue
        flush_words()
        if kind == "han" and lang != "ja":
            tokens.extend(_chinese(run))
        else:
            tokens.extend(_pairs(run))
    flush_hangul()
    flush_words()
    return tokens


def char_ngrams(text: str, *, sizes: tuple[int, ...] = (2, 3, 4)) -> list[str]:
    """Overlapping character n-grams of each word (padded with spaces), accents folded: typo-tolerant terms."""
    folded = _APOSTROPHES.sub("", fold_latin(unicodedata.normalize("NFKC", text)))
    grams: list[str] = []
    for match in _RUNS.finditer(folded):
        word = f" {match.group()} "
        length = len(word)
        for size in sizes:
            grams.extend(word[index:index + size] for index in range(length - size + 1))
    return grams
