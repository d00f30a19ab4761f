"""The indicator catalogue: codes, plain-word descriptions, providing agencies and default weights."""

# ruff: noqa: S608 - SQL here is built from table names and catalogue codes of our own, never from feed values.
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue.yaml"


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message says where."""


@dataclass(frozen=True)
class Indicator:
    code: str
    descriptions: dict[str, str]
    agency: str
    weight: float
    half_life_days: float

    def description(self, language: str) -> str:
        """The description in `language` (ko, en, ...), falling back to English, then to the code."""
        base = language.split("-")[0].lower()
        return self.descriptions.get(language) or self.descriptions.get(base) or self.descriptions.get(
            "en", self.code
        )


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator]
    half_life_days: float = 180.0
    lookback_days: int = 365
    amount_cap_krw: float = 3_000_000.0
    score_scale: float = 6.0
    source: str = field(default="", compare=False)

    @property
    def codes(self) -> list[str]:
        return sorted(self.indicators)

    def values_sql(self) -> str:
        """The catalogue as an inline SQL table (code, weight, half_life_days) that any engine can read."""
        rows = ", ".join(
            f"('{ind.code}', CAST({ind.weight!r} AS DOUBLE), CAST({ind.half_life_days!r} AS DOUBLE))"
            for ind in self.indicators.values()
        )
        return f"SELECT * FROM (VALUES {rows}) AS catalogue(code, weight, half_life_days)"


def _number(raw: object, *, where: str, minimum: float = 0.0) -> float:
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CatalogueError(f"{where} must be a number, not {raw!r}.") from None
    if value < minimum:
        raise CatalogueError(f"{where} must be at least {minimum}, not {value}.")
    return value


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Read and check a catalogue YAML file (the packaged one by default)."""
    path = Path(path) if path else DEFAULT_CATALOGUE
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data.get("indicators"), dict) or not data["indicators"]:
        raise CatalogueError(f"{path} has no 'indicators' mapping.")
    half_life = _number(data.get("half_life_days", 180), where="half_life_days", minimum=1)
    indicators: dict[str, Indicator] = {}
    for code, entry in data["indicators"].items():
        if not isinstance(code, str) or not code.replace("_", "").isalnum() or code.lower() != code:
            raise CatalogueError(f"Indicator code {code!r} must be lower-case letters, digits and underscores.")
        if not isinstance(entry, dict) or "en" not in entry or "ko" not in entry:
            raise CatalogueError(f"Indicator {code} needs a Korean (ko) and an English (en) description.")
        descriptions = {key: str(value) for key, value in entry.items() if len(key) <= 7 and key.islower()
                        and key not in {"agency", "weight"}}
        indicators[code] = Indicator(
            code=code,
            descriptions=descriptions,
            agency=str(entry.get("agency", "")),
            weight=_number(entry.get("weight", 1.0), where=f"{code}.weight"),
            half_life_days=_number(entry.get("half_life_days", half_life), where=f"{code}.half_life_days",
                                   minimum=1),
        )
    return Catalogue(
        indicators=indicators,
        half_life_days=half_life,
        lookback_days=int(_number(data.get("lookback_days", 365), where="lookback_days", minimum=1)),
        amount_cap_krw=_number(data.get("amount_cap_krw", 3_000_000), where="amount_cap_krw", minimum=1),
        score_scale=_number(data.get("score_scale", 6.0), where="score_scale", minimum=0.01),
        source=str(path),
    )
