"""Which of our 14 languages a query is written in: script rules first, then py3langid among the rest.

The answer is a hint for tokenising and ranking; the language the resident chose for the site still
decides the language of the answer. Vietnamese typed without accents is usually taken for English by
character statistics, so the caller may pass the words it knows per language (`vocabularies`): when one
language's article words cover most of the query, that language wins.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from array import array
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ondol.guide.search.tokenize import fold_latin

logger = logging.getLogger(__name__)
_IDENTIFIER: Any = None
_LOCK = threading.Lock()

_SCRIPT_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\uac00-\ud7a3\u3130-\u318f]"), "ko"),
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
    (re.compile(r"[\u0e80-\u0eff]"), "lo"),
    (re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]"), "km"),
    (re.compile(r"[\u0900-\u097f]"), "ne"),
    (re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"), "zh-hans"),
]
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_MONGOLIAN_LETTERS = re.compile(r"[өүӨҮ]")
_UZBEK_CYRILLIC_LETTERS = re.compile(r"[ўқғҳЎҚҒҲ]")
_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_UZBEK_LATIN = re.compile(r"\b[og][ʻʼ'‘’`]|\bsh|ch\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")

_LATIN_CANDIDATES = ["en", "vi", "id", "tl", "uz"]
_CYRILLIC_CANDIDATES = ["ru", "mn", "uz"]


def _identifier() -> Any:
    global _IDENTIFIER
    if _IDENTIFIER is None:
        with _LOCK:
            if _IDENTIFIER is None:
                _IDENTIFIER = _load_identifier()
    return _IDENTIFIER


def _load_identifier() -> Any:
    """py3langid's identifier. Its model ships LZMA-compressed (4.5 MB → 68 MB) and decompressing it took
    about a second of each start-up; the decompressed arrays are kept beside the guide's vectors and read
    back in a tenth of that. Any problem with the copy falls back to the packaged file."""
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    source = Path(MODEL_DIR) / MODEL_FILE
    try:
        from ondol.guide.search.semantic import cache_dir

        stat = source.stat()
        copy = cache_dir() / f"py3langid-{py3langid.__version__}-{stat.st_size}-{int(stat.st_mtime)}.npz"
        if not copy.exists():
            _save_identifier_arrays(source, copy)
        with np.load(copy, allow_pickle=False) as data:
            nextmove = _as_array(str(data["nextmove_code"]), data["nextmove"])
            row = _as_array(str(data["row_code"]), data["row"])
            return LanguageIdentifier(data["ptc"], data["pc"], data["classes"].tolist(), nextmove,
                                      data["output"].tolist(), norm_probs=True, tk_row=row)
    except Exception as error:
        logger.warning("Loading py3langid from its packaged model (%s).", error)
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _as_array(typecode: str, values: np.ndarray) -> array[Any]:
    """py3langid walks its automaton with a stdlib array (faster to index one item at a time than NumPy)."""
    result: array[Any] = array(typecode)
    result.frombytes(np.ascontiguousarray(values).view(np.uint8).data)
    return result


def _save_identifier_arrays(source: Path, target: Path) -> None:
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".npz")
    try:
        with os.fdopen(handle, "wb") as stream:
            np.savez(stream, ptc=np.asarray(ptc), pc=np.asarray(pc), classes=np.array(classes),
                     nextmove=np.frombuffer(nextmove, dtype=np.dtype(nextmove.typecode)),
                     nextmove_code=np.array(nextmove.typecode),
                     row=np.frombuffer(row, dtype=np.dtype(row.typecode)), row_code=np.array(row.typecode),
                     output=np.asarray(output, dtype=np.int32))
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _ranked(text: str, candidates: list[str]) -> list[tuple[str, float]]:
    """Our candidate languages by probability. Ranking all of langid's languages and keeping ours is
    much cheaper than `set_languages`, which rebuilds the model on every call."""
    ranked = [(code, float(p)) for code, p in _identifier().rank(text) if code in candidates]
    total = sum(p for _code, p in ranked) or 1.0
    return [(code, p / total) for code, p in ranked]


def detect_language(text: str, *, vocabularies: Mapping[str, set[str]] | None = None) -> str | None:
    """The most likely of our languages for `text`, or None for text with no letters."""
    text = (text or "").strip()
    if not _WORD.search(text):
        return None
    for pattern, code in _SCRIPT_RULES:
        if pattern.search(text):
            return code
    if _CYRILLIC.search(text):
        if _UZBEK_CYRILLIC_LETTERS.search(text):
            return "uz"
        if _MONGOLIAN_LETTERS.search(text):
            return "mn"
        return _ranked(text, _CYRILLIC_CANDIDATES)[0][0]
    if _VIETNAMESE_LETTERS.search(text):
        return "vi"
    ranked = _ranked(text, _LATIN_CANDIDATES)
    if vocabularies:
        words = [fold_latin(word) for word in _WORD.findall(text)]
        if len(words) >= 2:
            coverage = {code: sum(word in vocabularies.get(code, set()) for word in words) / len(words)
                        for code in _LATIN_CANDIDATES}
            best = max(coverage, key=lambda code: (coverage[code], dict(ranked).get(code, 0.0)))
            if coverage[best] >= 0.6 and coverage[best] > coverage.get(ranked[0][0], 0.0):
                return best
    if _UZBEK_LATIN.search(text) and ranked[0][0] != "en":
        return "uz"
    return ranked[0][0]
