"""Guide topic keys and titles, read from the guide's content files (the guide's models are not ours to import)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from ondol.core.languages import normalize_language

CONTENT_DIR = Path(__file__).resolve().parent.parent / "guide" / "content"


@cache
def topic_keys() -> tuple[str, ...]:
    meta = yaml.safe_load((CONTENT_DIR / "meta.yaml").read_text(encoding="utf-8")) or []
    return tuple(entry["key"] for entry in meta if isinstance(entry, dict) and entry.get("key"))


@cache
def _title(key: str, lang: str) -> str | None:
    path = CONTENT_DIR / lang / f"{key}.yaml"
    if not path.exists():
        return None
    title = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("title")
    return str(title) if title else None


def topic_title(key: str, lang: str | None) -> str:
    """The topic's title in `lang`, else in English, else the key itself."""
    code = normalize_language(lang, default="en") or "en"
    return _title(key, code) or _title(key, "en") or key


def topic_choices(lang: str | None) -> list[tuple[str, str]]:
    return [(key, topic_title(key, lang)) for key in topic_keys()]
