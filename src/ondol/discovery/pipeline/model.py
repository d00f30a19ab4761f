"""The learned score: calibrated logistic regression on need confirmed at past visits.

Why logistic regression and not boosted trees: it is calibrated after Platt scaling, each
household's score splits exactly into per-indicator contributions (the reasons we print), and
the whole fitted model folds into one SQL expression, so scoring 24 million households needs no
Python and gives the same numbers on DuckDB and on Spark. Nationality is deliberately not a
feature; fairness across nationalities is measured by `evaluate`, not assumed.

Training rows are households visited in past rounds whose need was assessed (supported, case
management or no need; "unreachable" and "moved" say nothing about need), with their features
computed as of that round, so no record from after the visit leaks into training.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

CONTEXT_FEATURES = ("lives_alone", "elderly_head", "large_household")
ASSESSED_OUTCOMES = ("public_support", "private_support", "case_management", "no_need")
MIN_TRAINING_ROWS = 100
MAX_TRAINING_ROWS = 200_000
MIN_PER_CLASS = 10


@dataclass
class LearnedModel:
    """z = intercept + Σ coefficient × feature; probability = 1 / (1 + exp(−z))."""

    intercept: float
    coefficients: dict[str, float]
    training_rows: int = 0
    positives: int = 0
    holdout_auc: float | None = None
    holdout_brier: float | None = None
    extra: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Plain floats: their repr is a SQL number literal (numpy's is "np.float64(...)").
        self.intercept = float(self.intercept)
        self.coefficients = {name: float(value) for name, value in self.coefficients.items()}

    def indicator_multipliers(self) -> dict[str, float]:
        return {name[2:]: value for name, value in self.coefficients.items() if name.startswith("f_")}

    def context_multipliers(self) -> dict[str, float]:
        return {name: value for name, value in self.coefficients.items() if name in CONTEXT_FEATURES}

    def linear_sql(self, alias: str) -> str:
        terms = " + ".join(f"{value!r} * {alias}.{name}" for name, value in self.coefficients.items())
        return f"({self.intercept!r} + {terms})"

    def probability_sql(self, alias: str) -> str:
        return f"(1.0 / (1.0 + EXP(-{self.linear_sql(alias)})))"

    def predict(self, table: pa.Table) -> np.ndarray:
        z = np.full(table.num_rows, self.intercept)
        for name, value in self.coefficients.items():
            z += value * np.asarray(table.column(name).to_numpy(zero_copy_only=False), dtype=float)
        return 1.0 / (1.0 + np.exp(-z))

    def as_dict(self) -> dict[str, object]:
        return {"intercept": self.intercept, "coefficients": self.coefficients,
                "training_rows": self.training_rows, "positives": self.positives,
                "holdout_auc": self.holdout_auc, "holdout_brier": self.holdout_brier}


def feature_names(codes: list[str]) -> list[str]:
    return [f"f_{code}" for code in codes] + list(CONTEXT_FEATURES)


def fit_calibrated(x: np.ndarray, y: np.ndarray) -> Any:
    """Standardise, fit a logistic regression, calibrate it with Platt scaling on cross-validated scores."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    folds = max(2, min(3, int(min(y.sum(), len(y) - y.sum()) // 5)))
    # A few thousand rows: one BLAS thread is fastest, and kind to a shared machine.
    with threadpool_limits(limits=1):
        return CalibratedClassifierCV(
            make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=2000)),
            method="sigmoid", cv=folds, ensemble=False,
        ).fit(x, y)


def fold(calibrated: Any) -> tuple[float, np.ndarray]:
    """The calibrated model as one intercept and one coefficient per raw feature."""
    inner = calibrated.calibrated_classifiers_[0]
    pipeline = inner.estimator
    scaler, regression = pipeline[0], pipeline[-1]
    platt = inner.calibrators[0]
    scale = np.where(scaler.scale_ == 0, 1.0, scaler.scale_)
    weights = regression.coef_[0] / scale
    bias = regression.intercept_[0] - float(np.sum(regression.coef_[0] * scaler.mean_ / scale))
    # Platt: p = 1 / (1 + exp(a·f + b)) with f the regression's decision value, so z = −(a·f + b).
    return -(platt.a_ * bias + platt.b_), -platt.a_ * weights


def train(table: pa.Table, codes: list[str]) -> LearnedModel | None:
    """Train on rows with the feature columns and `need_confirmed`; None when there is too little."""
    from sklearn.metrics import brier_score_loss, roc_auc_score

    names = feature_names(codes)
    if table.num_rows < MIN_TRAINING_ROWS or "need_confirmed" not in table.column_names:
        return None
    x = np.column_stack([np.asarray(table.column(n).to_numpy(zero_copy_only=False), dtype=float) for n in names])
    y = np.asarray(table.column("need_confirmed").to_numpy(zero_copy_only=False), dtype=int)
    positives = int(y.sum())
    if positives < MIN_PER_CLASS or len(y) - positives < MIN_PER_CLASS:
        return None
    # Hold out a fifth (by household id, so it is the same on every run) to report honest quality.
    ids = table.column("household_id").to_pylist()
    holdout = np.array([_stable_fraction(str(i)) < 0.2 for i in ids])
    auc = brier = None
    if holdout.any() and len(set(y[holdout])) == 2 and len(set(y[~holdout])) == 2:
        intercept, coefs = fold(fit_calibrated(x[~holdout], y[~holdout]))
        p = 1.0 / (1.0 + np.exp(-(intercept + x[holdout] @ coefs)))
        auc, brier = float(roc_auc_score(y[holdout], p)), float(brier_score_loss(y[holdout], p))
    intercept, coefs = fold(fit_calibrated(x, y))
    return LearnedModel(
        intercept=float(intercept), coefficients={n: float(c) for n, c in zip(names, coefs, strict=True)},
        training_rows=len(y), positives=positives, holdout_auc=auc, holdout_brier=brier,
    )


def _stable_fraction(key: str) -> float:
    """A number in [0, 1) fixed by `key` (not Python's salted hash)."""
    value = 0
    for char in key:
        value = (value * 131 + ord(char)) % 1_000_003
    return value / 1_000_003
