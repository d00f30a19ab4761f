"""Surveys: import an XLSForm with pyxform, show it in the worker's language, store answers, find risks.

Labels come from the XLSForm's `label::Language (code)` columns; the language code in brackets decides
which site language a column serves. Risk rules are our own extra sheet, `risk_rules`, with columns
`question`, `operator` (`=`, `!=`, `>=`, `<=`, `>`, `<`, `selected`), `value` and `reason::Language (code)`;
pyxform ignores sheets it does not know, so the file stays a valid XLSForm.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from pyxform.errors import PyXFormError
from pyxform.xls2json import parse_file_to_json

from ondol.core import audit
from ondol.core.errors import InvalidInput, NotFound
from ondol.core.languages import normalize_language
from ondol.fieldwork.models import SurveyForm, SurveyResponse, WorkItem
from ondol.fieldwork.services.answers import CheckedAnswers, check_answers, clean_answers
from ondol.fieldwork.surveys import logic

__all__ = ["active_survey", "check_answers", "clean_answers", "do_import_survey", "do_record_survey", "questions_in",
           "risk_texts", "risks_in"]

SUPPORTED_TYPES = {"text", "integer", "decimal", "select one", "select all that apply", "date", "note"}
OPERATORS = {"=", "!=", ">=", "<=", ">", "<", "selected"}
_LANGUAGE_IN_BRACKETS = re.compile(r"\(([A-Za-z_-]+)\)\s*$")


def language_of_column(name: str) -> str | None:
    """"Korean (ko)" → "ko"; "English (en)" → "en"; "Chinese (zh_Hans)" → "zh-hans"."""
    match = _LANGUAGE_IN_BRACKETS.search(name or "")
    return normalize_language(match.group(1)) if match else normalize_language(name)


def _labels(value: Any, default: str) -> dict[str, str]:
    """pyxform gives a plain string for one language and {"Korean (ko)": ...} for several."""
    if isinstance(value, dict):
        out = {}
        for column, text in value.items():
            language = language_of_column(column)
            if language:
                out[language] = str(text)
        return out
    return {default: str(value)} if value else {}


@dataclass
class Question:
    name: str
    type: str
    labels: dict[str, str]
    hints: dict[str, str] = field(default_factory=dict)
    required: bool = False
    choices: list[dict[str, Any]] = field(default_factory=list)
    relevant: bool = True
    value: Any = ""
    error: str = ""


def _flatten(children: list[dict[str, Any]], default: str, relevant: str = "") -> list[dict[str, Any]]:
    """Questions in order; groups are opened (their own labels are not shown, their `relevant` is
    joined to each question's with `and`), meta fields dropped."""
    questions = []
    for child in children:
        kind = child.get("type", "")
        bind = child.get("bind", {})
        own = _joined(relevant, str(bind.get("relevant") or "").strip())
        if kind == "group" or kind == "repeat":
            if child.get("name") != "meta":
                questions += _flatten(child.get("children", []), default, own)
            continue
        if kind not in SUPPORTED_TYPES:
            continue
        questions.append({
            "name": child["name"], "type": kind, "labels": _labels(child.get("label"), default),
            "hints": _labels(child.get("hint"), default),
            "required": str(bind.get("required", "")).lower() in {"yes", "true", "true()"},
            "choices": [{"name": str(c["name"]), "labels": _labels(c.get("label"), default)}
                        for c in child.get("choices", [])],
            "relevant": own, "constraint": str(bind.get("constraint") or "").strip(),
            "constraint_messages": _labels(bind.get("jr:constraintMsg"), default),
        })
    return questions


def _joined(outer: str, inner: str) -> str:
    if outer and inner:
        return f"({outer}) and ({inner})"
    return outer or inner


def _check_logic(questions: list[dict[str, Any]]) -> None:
    """Every `relevant` and `constraint` must parse and name only questions of the form."""
    names = {q["name"] for q in questions}
    errors: dict[str, str] = {}
    for q in questions:
        for column in ("relevant", "constraint"):
            if not q[column]:
                continue
            key = f"survey.{q['name']}.{column}"
            try:
                node = logic.parse(q[column])
            except logic.ExpressionError as error:
                errors[key] = _("The %(column)s of question %(name)s cannot be read: %(error)s") % {
                    "column": column, "name": q["name"], "error": error}
                continue
            unknown = sorted(logic.references(node) - names)
            if unknown:
                errors[key] = _("The %(column)s of question %(name)s names questions that are not shown: "
                                "%(unknown)s.") % {"column": column, "name": q["name"], "unknown": ", ".join(unknown)}
    if errors:
        raise InvalidInput(_("The skip logic or the checks of this form have mistakes."), fields=errors)


def _risk_rules(path: Path, questions: dict[str, dict[str, Any]], default: str) -> list[dict[str, Any]]:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    if "risk_rules" not in workbook.sheetnames:
        return []
    rows = list(workbook["risk_rules"].iter_rows(values_only=True))
    if not rows:
        return []
    header = [str(cell or "").strip() for cell in rows[0]]
    rules, errors = [], {}
    for number, row in enumerate(rows[1:], start=2):
        values = dict(zip(header, row, strict=False))
        if not any(values.values()):
            continue
        question, operator = str(values.get("question") or ""), str(values.get("operator") or "").strip()
        if question not in questions:
            errors[f"risk_rules.{number}"] = _("Row %(row)s names a question the form does not have: %(name)s.") % {
                "row": number, "name": question}
            continue
        if operator not in OPERATORS:
            errors[f"risk_rules.{number}"] = _("Row %(row)s has an unknown operator: %(operator)s.") % {
                "row": number, "operator": operator}
            continue
        reasons = {language_of_column(key.split("::", 1)[1]) or default: str(text)
                   for key, text in values.items() if key.startswith("reason::") and text}
        rules.append({"question": question, "operator": operator, "value": str(values.get("value") or ""),
                      "reasons": reasons})
    if errors:
        raise InvalidInput(_("The risk rules of this form have mistakes."), fields=errors)
    return rules


@transaction.atomic
def do_import_survey(actor: Any, *, path: Path | str, filename: str = "") -> SurveyForm:
    """Import an XLSForm (.xlsx) as a new version of its form."""
    path = Path(path)
    try:
        parsed = parse_file_to_json(str(path))
    except (PyXFormError, ValueError, KeyError) as error:
        raise InvalidInput(_("This is not a valid XLSForm: %(error)s") % {"error": error},
                           fields={"file": str(error)}) from error
    default = language_of_column(str(parsed.get("default_language") or "")) or "ko"
    questions = _flatten(parsed.get("children", []), default)
    if not questions:
        raise InvalidInput(_("The form has no questions we can show."), fields={"file": _("No questions.")})
    _check_logic(questions)
    languages = sorted({lang for q in questions for lang in q["labels"]})
    rules = _risk_rules(path, {q["name"]: q for q in questions}, default)
    form_id = str(parsed.get("id_string") or path.stem)
    version = (SurveyForm.objects.filter(form_id=form_id).aggregate(v=Max("version"))["v"] or 0) + 1
    SurveyForm.objects.filter(form_id=form_id).update(is_active=False)
    form = SurveyForm.objects.create(
        form_id=form_id, version=version, title=str(parsed.get("title") or form_id), languages=languages,
        default_language=default, definition={"questions": questions}, risk_rules=rules, imported_by=actor,
    )
    audit.record_change(actor, form, action="import", detail=filename or path.name)
    return form


def import_uploaded(actor: Any, *, upload: Any) -> SurveyForm:
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        return do_import_survey(actor, path=handle.name, filename=upload.name)


def active_survey(form_id: int) -> SurveyForm:
    """The current version of a form, for filling in (NotFound for a retired or unknown one)."""
    survey = SurveyForm.objects.filter(pk=form_id, is_active=True).first()
    if survey is None:
        raise NotFound(_("No such survey."))
    return survey


def questions_in(form: SurveyForm, language: str, checked: CheckedAnswers | None = None,
                 *, show_errors: bool = False) -> list[Question]:
    """The questions with labels in `language` (falling back to the form's default, then to any), whether
    each is asked given the answers in `checked`, the answers to show back and, if asked for, the problems."""
    def pick(labels: dict[str, str]) -> str:
        return labels.get(language) or labels.get(form.default_language) or next(iter(labels.values()), "")

    checked = checked or check_answers(form, {}, language=language)
    questions = []
    for q in form.definition["questions"]:
        value = checked.sent.get(q["name"], "")
        chosen = value if isinstance(value, list) else [value]
        questions.append(Question(
            name=q["name"], type=q["type"], labels={language: pick(q["labels"])},
            hints={language: pick(q["hints"])} if q["hints"] else {}, required=q["required"],
            choices=[{"name": c["name"], "label": pick(c["labels"]), "checked": c["name"] in chosen}
                     for c in q["choices"]],
            relevant=checked.relevant.get(q["name"], True), value="" if isinstance(value, list) else value,
            error=checked.errors.get(q["name"], "") if show_errors else ""))
    return questions


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _matches(rule: dict[str, Any], answer: Any) -> bool:
    operator, expected = rule["operator"], rule["value"]
    if answer in (None, "", []):
        return False
    if operator == "selected":
        return expected in (answer if isinstance(answer, list) else str(answer).split())
    if operator in {"=", "!="}:
        equal = str(answer) == expected
        return equal if operator == "=" else not equal
    left, right = _number(answer), _number(expected)
    if left is None or right is None:
        return False
    return {">=": left >= right, "<=": left <= right, ">": left > right, "<": left < right}[operator]


def risks_in(form: SurveyForm, answers: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"rule": index, "question": rule["question"], "reasons": rule["reasons"]}
            for index, rule in enumerate(form.risk_rules) if _matches(rule, answers.get(rule["question"]))]


def risk_texts(response: SurveyResponse, language: str) -> list[str]:
    """The matched risk rules in the reader's language (the form's default, then any, as a fallback)."""
    texts = []
    for risk in response.risks:
        reasons = risk.get("reasons") or {}
        text = reasons.get(language) or reasons.get(response.form.default_language) or next(
            iter(reasons.values()), risk.get("question", ""))
        texts.append(str(text))
    return texts


@transaction.atomic
def do_start_canvass_visit(actor: Any, *, dong: Any, address: str, head_name: str = "", language: str = "ko",
                           nationality: str = "", single_person: bool = True) -> WorkItem:
    """A survey visit to a household that is on no list yet (door-to-door canvass): it joins the dong's
    worklist with source `survey`, so its answers and outcome are counted like every other household."""
    from django.utils import timezone

    from ondol.fieldwork.access import dongs_of, is_admin
    from ondol.fieldwork.models import ItemStatus, Source

    if not is_admin(actor) and not dongs_of(actor).filter(pk=dong.pk).exists():
        raise InvalidInput(fields={"dong": _("Choose one of your dongs.")})
    if len(address.strip()) < 4:
        raise InvalidInput(fields={"address": _("Write the address of the household.")})
    nationality = nationality.strip().upper()
    if nationality and not re.fullmatch(r"[A-Z]{2}", nationality):
        raise InvalidInput(fields={"nationality": _("Use the two-letter country code, e.g. VN or CN.")})
    item = WorkItem.objects.create(
        round=timezone.localdate().strftime("%Y-%m"), source=Source.SURVEY, dong=dong, district=dong.parent,
        actual_address=" ".join(address.split()), registered_address=" ".join(address.split()),
        head_name=head_name.strip(), language=normalize_language(language) or "ko", nationality=nationality,
        single_person=single_person, members=1 if single_person else None, status=ItemStatus.IN_PROGRESS,
        assigned_to=actor,
    )
    audit.record_change(actor, item, action="create", detail="canvass survey visit")
    return item


@transaction.atomic
def do_record_survey(actor: Any, *, item: WorkItem, form: SurveyForm, answers: dict[str, Any],
                     language: str) -> SurveyResponse:
    """Store the answers of a visit; answers that match the form's risk rules raise `survey_risk`."""
    response = SurveyResponse.objects.create(form=form, item=item, answers=answers, risks=risks_in(form, answers),
                                             language=normalize_language(language) or "ko", filled_by=actor)
    audit.record_change(actor, response, action="create", detail=f"item={item.pk} risks={len(response.risks)}")
    return response
