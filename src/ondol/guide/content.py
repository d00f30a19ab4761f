"""Reading the guide's content files: `content/meta.yaml` and `content/<lang>/<topic>.yaml`.

The files are the reviewed source (changed by pull request); the database holds what the site serves.
Reading is lenient: a file that does not parse or misses required fields is reported and skipped, so
that a half-written translation never blocks the rest of the guide.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ondol.core.languages import LANGUAGE_CODES

CONTENT_DIR = Path(__file__).resolve().parent / "content"

# The topic keys the issue promises; the loader reports any that the files lack.
REQUIRED_TOPICS = [
    "foreigner-registration", "arc-reissue", "residence-change-report", "registration-change-report",
    "registration-certificate", "residence-certificate", "certified-copies", "online-certificates",
    "stay-extension", "status-change", "permanent-residence", "immigration-emergency", "basic-livelihood",
    "child-allowance", "parent-benefit", "first-meeting-voucher", "childcare-subsidy",
    "multicultural-family-support", "emergency-welfare", "basic-pension", "health-insurance", "medical-aid",
    "uninsured-medical-support", "public-health-center", "maternal-child-health", "mental-health",
    "korean-classes", "kiip", "cultural-programs", "vocational-training", "public-rental-housing",
    "housing-benefit", "lease-check", "utilities", "civil-complaint", "legal-consultation", "discrimination",
    "labor-rights", "domestic-violence", "find-my-centre", "visiting-tips", "fees", "interpretation",
    "refugee-support", "undocumented-help", "report-crisis-neighbour",
]

LIST_FIELDS = ("steps", "documents", "fees", "deadlines", "penalties", "where", "keywords")
STATUSES = ("reviewed", "draft")


@dataclass(frozen=True)
class TopicMeta:
    key: str
    category: str
    situations: list[str]
    offices: list[str]
    legal_basis: list[str]
    fees_krw: list[dict[str, Any]]
    deadline_days: int | None
    eligibility_program: str
    related: list[str]
    reviewed_on: dt.date | None
    position: int
    source_hash: str


@dataclass(frozen=True)
class ArticleFile:
    topic: str
    lang: str
    status: str
    title: str
    summary: str
    steps: list[str]
    documents: list[str]
    fees: list[str]
    deadlines: list[str]
    penalties: list[str]
    where: list[str]
    hours: str
    faq: list[dict[str, str]]
    keywords: list[str]
    path: Path
    file_hash: str


@dataclass
class ContentSet:
    topics: list[TopicMeta] = field(default_factory=list)
    articles: list[ArticleFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _hash(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def _strings(value: Any, *, name: str, problems: list[str], where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, (str, int, float)) for item in value):
        problems.append(f"{where}: '{name}' must be a list of texts.")
        return []
    return [str(item).strip() for item in value if str(item).strip()]


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def read_meta(path: Path, problems: list[str]) -> list[TopicMeta]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        problems.append(f"{path.name}: cannot be read ({error.__class__.__name__}).")
        return []
    if isinstance(raw, dict):  # tolerate {"topics": [...]} as well as a bare list
        raw = raw.get("topics", [])
    topics: list[TopicMeta] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw or []):
        if not isinstance(entry, dict) or not entry.get("key"):
            problems.append(f"{path.name}: entry {position + 1} has no key.")
            continue
        key = str(entry["key"])
        if key in seen:
            problems.append(f"{path.name}: topic {key} appears twice.")
            continue
        seen.add(key)
        where = f"{path.name} [{key}]"
        fees = entry.get("fees_krw") or []
        if not isinstance(fees, list) or not all(isinstance(fee, dict) and "amount" in fee for fee in fees):
            problems.append(f"{where}: 'fees_krw' must be a list of {{amount, since, what}}.")
            fees = []
        deadline = entry.get("deadline_days")
        topics.append(TopicMeta(
            key=key,
            category=str(entry.get("category") or "help"),
            situations=_strings(entry.get("situations"), name="situations", problems=problems, where=where),
            offices=_strings(entry.get("offices"), name="offices", problems=problems, where=where),
            legal_basis=_strings(entry.get("legal_basis"), name="legal_basis", problems=problems, where=where),
            fees_krw=[{"amount": int(fee["amount"]), "since": str(fee.get("since") or ""),
                       "what": str(fee.get("what") or "")} for fee in fees],
            deadline_days=int(deadline) if isinstance(deadline, int) else None,
            eligibility_program=str(entry.get("eligibility_program") or ""),
            related=_strings(entry.get("related"), name="related", problems=problems, where=where),
            reviewed_on=_date(entry.get("reviewed_on")),
            position=position,
            source_hash=_hash(entry),
        ))
    return topics


def read_article(path: Path, problems: list[str]) -> ArticleFile | None:
    where = f"{path.parent.name}/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        problems.append(f"{where}: cannot be read ({error.__class__.__name__}); skipped.")
        return None
    if not isinstance(raw, dict):
        problems.append(f"{where}: is not a mapping; skipped.")
        return None
    topic, lang = str(raw.get("topic") or ""), str(raw.get("lang") or "")
    if topic != path.stem or lang != path.parent.name:
        problems.append(f"{where}: says topic {topic!r} and language {lang!r}, which do not match its path; skipped.")
        return None
    status = str(raw.get("status") or "draft")
    if status not in STATUSES:
        problems.append(f"{where}: status must be reviewed or draft, not {status!r}; skipped.")
        return None
    title, summary = str(raw.get("title") or "").strip(), str(raw.get("summary") or "").strip()
    if not title or not summary:
        problems.append(f"{where}: needs a title and a summary; skipped.")
        return None
    lists = {name: _strings(raw.get(name), name=name, problems=problems, where=where) for name in LIST_FIELDS}
    faq = []
    for item in raw.get("faq") or []:
        if isinstance(item, dict) and item.get("q") and item.get("a"):
            faq.append({"q": str(item["q"]).strip(), "a": str(item["a"]).strip()})
        else:
            problems.append(f"{where}: every faq item needs q and a.")
    return ArticleFile(
        topic=topic, lang=lang, status=status, title=title, summary=summary, hours=str(raw.get("hours") or ""),
        faq=faq, path=path, file_hash=hashlib.sha256(text.encode()).hexdigest(), **lists,
    )


def read_content(root: Path = CONTENT_DIR) -> ContentSet:
    """Everything under `root` that can be read, and a sentence for every problem found."""
    content = ContentSet()
    meta_path = root / "meta.yaml"
    if meta_path.exists():
        content.topics = read_meta(meta_path, content.problems)
    else:
        content.problems.append("meta.yaml is missing; no topic can be loaded.")
    known = {topic.key for topic in content.topics}
    for lang in LANGUAGE_CODES:
        for path in sorted((root / lang).glob("*.yaml")):
            article = read_article(path, content.problems)
            if article is None:
                continue
            if article.topic not in known:
                content.problems.append(f"{lang}/{path.name}: topic {article.topic} is not in meta.yaml; skipped.")
                continue
            content.articles.append(article)
    missing = [key for key in REQUIRED_TOPICS if key not in known]
    if missing:
        content.problems.append(f"meta.yaml lacks these topics: {', '.join(missing)}.")
    return content
