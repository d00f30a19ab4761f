"""How good is a round's ranking, and is it fair to foreign residents?

Pure functions over arrays (scores, confirmed need, group labels) plus a loader that joins a
scores file with an outcomes file in DuckDB, and charts drawn with matplotlib's Agg backend.

* precision@k: of the k highest-scored households, the share whose need was confirmed;
* recall@k: of all households whose need was confirmed, the share among those k;
* ROC-AUC and PR-AUC (average precision) over every household with an outcome;
* calibration: mean score against the observed rate in ten bins, Brier score and expected
  calibration error (only meaningful for the learned score, which claims to be a probability);
* the same per group (Korean / foreign head, top nationalities, single-person, dong);
* the fairness flag: precision@k or selection rate of foreign households below 0.8× that of
  Korean households (the "four-fifths" rule of thumb).
"""

# ruff: noqa: S608 - SQL here is built from table names and catalogue codes of our own, never from feed values.
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from ondol.discovery.pipeline.engine import sql_string

FAIRNESS_RATIO = 0.8
TOP_NATIONALITIES = 5


@dataclass
class Evaluated:
    household_id: np.ndarray
    score: np.ndarray
    need: np.ndarray
    selected: np.ndarray
    nationality: np.ndarray
    single_person: np.ndarray
    dong: np.ndarray


def top_k_mask(score: np.ndarray, k: int, tie_break: np.ndarray | None = None) -> np.ndarray:
    """True for the k highest scores (ties broken by `tie_break` ascending, as the ranking does)."""
    n = len(score)
    k = max(0, min(k, n))
    keys = (tie_break if tie_break is not None else np.arange(n), -score)
    order = np.lexsort(keys)
    mask = np.zeros(n, dtype=bool)
    mask[order[:k]] = True
    return mask


def _safe_div(a: float, b: float) -> float | None:
    return float(a) / float(b) if b else None


def roc_auc(score: np.ndarray, need: np.ndarray) -> float | None:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(need, score)) if len(set(need.tolist())) == 2 else None


def pr_auc(score: np.ndarray, need: np.ndarray) -> float | None:
    from sklearn.metrics import average_precision_score

    return float(average_precision_score(need, score)) if need.any() else None


def calibration(score: np.ndarray, need: np.ndarray, bins: int = 10) -> dict[str, Any]:
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.digitize(score, edges[1:-1], right=False), 0, bins - 1)
    rows = []
    ece = 0.0
    for b in range(bins):
        in_bin = index == b
        count = int(in_bin.sum())
        if not count:
            continue
        predicted, observed = float(score[in_bin].mean()), float(need[in_bin].mean())
        ece += count / len(score) * abs(predicted - observed)
        rows.append({"low": float(edges[b]), "high": float(edges[b + 1]), "count": count,
                     "mean_score": predicted, "observed_rate": observed})
    brier = float(np.mean((score - need) ** 2)) if len(score) else None
    return {"bins": rows, "brier": brier, "ece": float(ece) if len(score) else None}


def group_metrics(mask: np.ndarray, data: Evaluated, in_top: np.ndarray) -> dict[str, Any]:
    need = data.need[mask]
    top = in_top[mask]
    return {
        "households": int(mask.sum()),
        "need_confirmed": int(need.sum()),
        "in_top_k": int(top.sum()),
        "precision_at_k": _safe_div(int((need & top).sum()), int(top.sum())),
        "recall_at_k": _safe_div(int((need & top).sum()), int(need.sum())),
        "selection_rate": _safe_div(int(top.sum()), int(mask.sum())),
        "roc_auc": roc_auc(data.score[mask], need),
        "pr_auc": pr_auc(data.score[mask], need),
    }


def fairness(korean: dict[str, Any], foreign: dict[str, Any]) -> dict[str, Any]:
    """Ratios foreign / Korean for precision@k and selection rate; flagged below 0.8."""
    ratios: dict[str, float | None] = {}
    for metric in ("precision_at_k", "selection_rate", "recall_at_k"):
        k, f = korean.get(metric), foreign.get(metric)
        ratios[metric] = (f / k) if (k and f is not None) else None
    flagged = [m for m in ("precision_at_k", "selection_rate")
               if ratios[m] is not None and ratios[m] < FAIRNESS_RATIO]  # type: ignore[operator]
    return {"ratios": ratios, "threshold": FAIRNESS_RATIO, "flagged": flagged, "flag": bool(flagged)}


def evaluate(data: Evaluated, *, k: int | None = None) -> dict[str, Any]:
    """All metrics for one round; `k` defaults to the number of households the run selected."""
    n = len(data.score)
    if k is None:
        k = int(data.selected.sum()) or min(100, n)
    in_top = top_k_mask(data.score, k, tie_break=np.argsort(np.argsort(data.household_id)))
    everyone = np.ones(n, dtype=bool)
    overall = group_metrics(everyone, data, in_top)
    overall["calibration"] = calibration(data.score, data.need.astype(float))
    is_korean = data.nationality == "KR"
    groups: dict[str, dict[str, Any]] = {
        "korean": group_metrics(is_korean, data, in_top),
        "foreign": group_metrics(~is_korean, data, in_top),
        "single_person": group_metrics(data.single_person, data, in_top),
        "multi_person": group_metrics(~data.single_person, data, in_top),
    }
    foreign_codes, counts = np.unique(data.nationality[~is_korean], return_counts=True)
    top_nations = [str(c) for c, _ in sorted(zip(foreign_codes, counts, strict=True),
                                             key=lambda t: (-t[1], t[0]))[:TOP_NATIONALITIES]]
    nationalities = {code: group_metrics(data.nationality == code, data, in_top) for code in top_nations}
    dongs = {str(code): group_metrics(data.dong == code, data, in_top) for code in sorted(set(data.dong.tolist()))}
    return {"k": int(k), "overall": overall, "groups": groups, "nationalities": nationalities, "dongs": dongs,
            "fairness": fairness(groups["korean"], groups["foreign"])}


def load(scores: Path, outcomes: Path, *, round: str | None = None) -> Evaluated:
    """Join a run's scores with outcomes (the latest round per household unless `round` is given)."""
    def source(path: Path) -> str:
        location = sql_string(str(path))
        return f"read_csv({location}, header = true)" if path.suffix == ".csv" else f"read_parquet({location})"

    where = f"WHERE round = {sql_string(round)}" if round else ""
    con = duckdb.connect()
    table = con.sql(f"""
        WITH o AS (
            SELECT household_id, CAST(need_confirmed AS BOOLEAN) AS need FROM (
                SELECT *, ROW_NUMBER() OVER (PARTITION BY household_id ORDER BY round DESC) AS n
                FROM {source(outcomes)} {where}) AS x WHERE n = 1)
        SELECT s.household_id, CAST(s.score AS DOUBLE) AS score, o.need, COALESCE(s.selected, false) AS selected,
               COALESCE(s.head_nationality, 'ZZ') AS nationality, COALESCE(s.single_person, false) AS single_person,
               s.dong_code AS dong
        FROM {source(scores)} AS s JOIN o ON o.household_id = s.household_id
        ORDER BY s.household_id""").to_arrow_table()
    con.close()

    def col(name: str, dtype: Any = None) -> np.ndarray:
        values = table.column(name).to_numpy(zero_copy_only=False)
        return values.astype(dtype) if dtype else values

    return Evaluated(household_id=col("household_id", str), score=col("score", float), need=col("need", bool),
                     selected=col("selected", bool), nationality=col("nationality", str),
                     single_person=col("single_person", bool), dong=col("dong", str))


def charts(data: Evaluated, result: dict[str, Any], folder: Path, *, titles: dict[str, str]) -> list[Path]:
    """Draw ROC, precision-recall, calibration and by-group charts as PNG files in `folder`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from sklearn.metrics import precision_recall_curve, roc_curve

    # Titles are translated: prefer a font with Hangul and Han characters when the system has one.
    installed = {font.name for font in font_manager.fontManager.ttflist}
    cjk = [name for name in ("Noto Sans CJK KR", "Noto Sans CJK JP", "NanumGothic") if name in installed]
    plt.rcParams["font.family"] = [*cjk, "DejaVu Sans"]

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(fig: Any, name: str) -> None:
        path = folder / name
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)

    if len(set(data.need.tolist())) == 2:
        fpr, tpr, _ = roc_curve(data.need, data.score)
        fig, ax = plt.subplots(figsize=(5, 5))
        ax.plot(fpr, tpr)
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey")
        ax.set(title=titles["roc"], xlabel=titles["fpr"], ylabel=titles["tpr"])
        save(fig, "roc.png")
        precision, recall, _ = precision_recall_curve(data.need, data.score)
        fig, ax = plt.subplots(figsize=(5, 5))
        ax.plot(recall, precision)
        ax.set(title=titles["pr"], xlabel=titles["recall"], ylabel=titles["precision"])
        save(fig, "precision_recall.png")
    bins = result["overall"]["calibration"]["bins"]
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([b["mean_score"] for b in bins], [b["observed_rate"] for b in bins], marker="o")
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey")
    ax.set(title=titles["calibration"], xlabel=titles["mean_score"], ylabel=titles["observed"])
    save(fig, "calibration.png")
    groups = {**result["groups"], **result["nationalities"]}
    names = list(groups)
    fig, ax = plt.subplots(figsize=(max(6, len(names) * 0.9), 4))
    x = np.arange(len(names))
    ax.bar(x - 0.2, [groups[g]["precision_at_k"] or 0 for g in names], width=0.4, label=titles["precision"])
    ax.bar(x + 0.2, [groups[g]["selection_rate"] or 0 for g in names], width=0.4, label=titles["selection_rate"])
    ax.set_xticks(x, names, rotation=30)
    ax.set(title=titles["groups"])
    ax.legend()
    save(fig, "groups.png")
    return written
