"""BM25 over pre-tokenised documents, held in a SciPy sparse matrix.

A few hundred short articles make a matrix of a few megabytes; scoring a query is one sparse
matrix-vector product (well under a millisecond). The same code runs whatever the database is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse


class BM25Index:
    """Okapi BM25 (k1, b) over documents given as lists of terms."""

    def __init__(self, documents: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.6):
        self.vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        counts: list[float] = []
        for row, terms in enumerate(documents):
            for term, count in Counter(terms).items():
                column = self.vocabulary.setdefault(term, len(self.vocabulary))
                rows.append(row)
                cols.append(column)
                counts.append(count)
        shape = (len(documents), max(len(self.vocabulary), 1))
        tf = sparse.csr_matrix((np.array(counts, dtype=np.float32), (rows, cols)), shape=shape)
        lengths = np.asarray(tf.sum(axis=1)).ravel()
        average = float(lengths.mean()) if len(lengths) else 1.0
        document_frequency = np.bincount(np.array(cols, dtype=np.int64), minlength=shape[1])
        n = max(len(documents), 1)
        self.idf = np.log(1.0 + (n - document_frequency + 0.5) / (document_frequency + 0.5)).astype(np.float32)
        # Saturate each term frequency once, at build time: tf·(k1+1) / (tf + k1·(1 − b + b·len/avg)).
        tf = tf.tocoo()
        norm = k1 * (1.0 - b + b * lengths[tf.row] / (average or 1.0))
        weights = tf.data * (k1 + 1.0) / (tf.data + norm)
        self.matrix = sparse.csr_matrix((weights.astype(np.float32), (tf.row, tf.col)), shape=shape)
        self.size = len(documents)

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every document for the query terms (unknown terms add nothing)."""
        counts = Counter(self.vocabulary[term] for term in terms if term in self.vocabulary)
        if not counts:
            return np.zeros(self.size, dtype=np.float32)
        columns = np.fromiter(counts.keys(), dtype=np.int64)
        weights = self.idf[columns] * np.fromiter(counts.values(), dtype=np.float32)
        result = self.matrix[:, columns] @ weights
        return np.asarray(result, dtype=np.float32).ravel()

    def max_possible(self, terms: Sequence[str]) -> float:
        """An upper bound of the score for these terms (for turning scores into a 0–1 match strength)."""
        columns = [self.vocabulary[term] for term in set(terms) if term in self.vocabulary]
        total = float(self.idf[columns].sum()) if columns else 0.0
        return total * 2.2
