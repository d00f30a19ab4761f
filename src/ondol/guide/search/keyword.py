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
        # Column-major: a query touches a few columns (its terms), which CSC slices cheaply.
        self.matrix = sparse.csc_matrix((weights.astype(np.float32), (tf.row, tf.col)), shape=shape)
        self.size = len(documents)

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every document for the query terms (unknown terms add nothing)."""
        columns = np.fromiter({self.vocabulary[term] for term in terms if term in self.vocabulary}, dtype=np.int64)
        if not columns.size:
            return np.zeros(self.size, dtype=np.float32)
        weights = self.idf[columns]
        result = self.matrix[:, columns] @ weights
        return np.asarray(result, dtype=np.float32).ravel()

    def max_possible(self, terms: Sequence[str]) -> float:
        """The score a document would get if it matched every query term fully; terms no article uses
        count at the highest weight, so "what is the weather" is a weak match even if "what is the" match."""
        unique = set(terms)
        if not unique:
            return 0.0
        ceiling = float(self.idf.max()) if self.idf.size else 1.0
        total = sum(float(self.idf[self.vocabulary[term]]) if term in self.vocabulary else ceiling for term in unique)
        return total * 2.2
