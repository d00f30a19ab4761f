"""Splitting text into search terms, one way per script, the same for articles and for queries.

- Hangul: Kiwi morphemes (nouns, verb and adjective stems, roots), so "잃어버렸어요" and "잃어버리면" meet.
- Han: jieba's search segmentation for Chinese; character pairs for Japanese, which has no segmenter here.
- Kana, Thai, Lao, Khmer (no spaces between words): overlapping character pairs.
- Latin, Cyrillic, Devanagari: lower-cased words with accents stripped (so "the cu tru" finds "thẻ cư trú"),
  a six-letter prefix as a poor man's stemmer for languages that inflect at the end of words (Russian,
  Uzbek, Mongolian, Indonesian), and word pairs. Tagalog inflects at the start and inside words
  (nanganak, panganganak, kapanganakan all build on anak), so its stem is the root left when affixes and
  the repeated syllable are taken off (`tagalog_root`), not a prefix. Stems end in "~"; a word found as
  typed matches both the word and its stem, an inflected form only the stem.
  Vietnamese syllables are whole words here; a word segmenter (underthesea) would add little because
  syllable pairs already capture two-syllable words.
- Function words of questions ("ako", "anong": I, what) are left out for Tagalog (`_STOP_WORDS`).

Character n-grams for typo tolerance are made separately (`char_ngrams`).
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
import warnings
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

                # The typo and multi-word dictionaries double the start-up time for little gain here; one
                # thread (num_workers=0): a query is a few words, and no worker pool is started.
                with warnings.catch_warnings():  # "num_workers=0 changed in 0.21": single thread is what we want
                    warnings.simplefilter("ignore", DeprecationWarning)
                    _KIWI = Kiwi(num_workers=0, load_typo_dict=False, load_multi_dict=False)
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


# Tagalog affixes, longest first within each family; a root keeps at least four letters.
_TAGALOG_PREFIXES = (
    "ipinagpa", "ipinag", "ipinang", "ipina", "pinagka", "pinag", "pinang", "ipag", "ipang",
    "nakapag", "makapag", "pakikipag", "pakiki", "nakiki", "makiki", "naka", "maka", "paki",
    "pagka", "nagka", "magka", "nagpa", "magpa", "pagpa", "nang", "mang", "pang", "nag", "mag", "pag",
    "ka", "na", "ma", "pa", "i",
)
_TAGALOG_SUFFIXES = ("han", "hin", "an", "in")
# Function words of the questions residents type (pronouns, question words, particles). Articles rarely use
# "I", "what" or "my", so BM25 took them for rare, telling words ("ako" matched one FAQ answer).
_STOP_WORDS = {
    "tl": frozenset({
        "ako", "ko", "ka", "mo", "ikaw", "siya", "niya", "kami", "namin", "tayo", "natin", "sila", "nila", "kayo",
        "ninyo", "ang", "ng", "nang", "mga", "sa", "si", "ni", "na", "at", "ay", "ba", "po", "pa", "din", "rin",
        "lang", "lamang", "naman", "nga", "kung", "yung", "iyong", "ito", "iyan", "iyon", "ano", "anong", "paano",
        "saan", "kailan", "bakit", "sino", "alin", "may",
    }),
}
_VOWELS = set("aeiou")


def tagalog_root(word: str) -> str:
    """A light Tagalog stemmer: suffix, prefixes (up to three, as in "pagkapanganak") and a repeated first
    syllable off and the -in-/-um- infix out, so "nanganak", "manganganak", "panganganak" and "kapanganakan"
    all give "anak", and "binabayaran" gives "bayar". Crude (no dictionary), but the same on both sides."""
    root = word
    for suffix in _TAGALOG_SUFFIXES:
        if root.endswith(suffix) and len(root) - len(suffix) >= 5:
            root = root[: -len(suffix)]
            break
    for _round in range(3):
        # Short prefixes (i-, ka-, ma-...) begin many roots too, so they must leave a longer root.
        prefix = next((p for p in _TAGALOG_PREFIXES
                       if root.startswith(p) and len(root) - len(p) >= (5 if len(p) <= 2 else 4)), None)
        if prefix is None:
            break
        root = root[len(prefix):]
    if len(root) >= 6 and root[0] not in _VOWELS and root[1:3] in {"in", "um"}:
        root = root[0] + root[3:]  # infix: "binabayaran" -> "babayaran", "lumipat" -> "lipat"
    if len(root) >= 6 and root[:2] == root[2:4] and root[0] not in _VOWELS:
        root = root[2:]  # reduplication: "babayaran" -> "bayaran"
    elif len(root) >= 6 and root[0] in _VOWELS and root[1:3] == "ng" and root[3] == root[0]:
        root = root[3:]  # after a nasal prefix: "pang" + "anganak" -> "anak"
    return root


def _words(run: str, lang: str | None = None) -> list[str]:
    word = _APOSTROPHES.sub("", fold_latin(run))
    if not word:
        return []
    tokens = [word]
    if lang == "tl":
        root = tagalog_root(word) if word.isalpha() else word
        if root != word:
            tokens.append(root + "~")
    elif len(word) > 7 and not word.isdigit():
        tokens.append(word[:6] + "~")
    return tokens


def _runs(text: str) -> Iterator[tuple[str, str]]:
    for match in _RUNS.finditer(unicodedata.normalize("NFKC", text)):
        kind = match.lastgroup or "word"
        yield kind, match.group()


def tokenize(text: str, lang: str | None = None) -> list[str]:
    """Search terms of `text`; `lang` decides whether Han characters are Chinese or Japanese, and how
    Latin-script words are stemmed (Tagalog roots, a six-letter prefix otherwise)."""
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
            if lang in _STOP_WORDS and fold_latin(run) in _STOP_WORDS[lang]:
                flush_words()
                continue
            parts = _words(run, lang)
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


def char_ngrams(text: str, *, sizes: tuple[int, ...] = (2, 3, 4), lang: str | None = None) -> list[str]:
    """Overlapping character n-grams of each word (padded with spaces), accents folded: typo-tolerant terms.
    With `lang` (a question's language), its function words are left out, as in `tokenize`."""
    folded = _APOSTROPHES.sub("", fold_latin(unicodedata.normalize("NFKC", text)))
    stop = _STOP_WORDS.get(lang or "", frozenset())
    grams: list[str] = []
    for match in _RUNS.finditer(folded):
        if match.group() in stop:
            continue
        word = f" {match.group()} "
        length = len(word)
        for size in sizes:
            grams.extend(word[index:index + size] for index in range(length - size + 1))
    return grams
