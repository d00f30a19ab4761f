"""Check the answers of a survey page: types, skip logic (`relevant`), `required` and `constraint`.

A question whose `relevant` is false is not asked: its answer is dropped and `required` does not apply.
Answers of questions that are not asked count as empty in every other expression, as in ODK Collect.
A constraint is checked only on an answer that was given, with `.` standing for that answer; when it
fails, the form's `constraint_message` in the worker's language is shown, or a general message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.core.errors import InvalidInput
from ondol.fieldwork.models import SurveyForm
from ondol.fieldwork.surveys import logic


@dataclass
class CheckedAnswers:
    """The answers kept (asked questions only), which questions are asked, and the problems found."""

    answers: dict[str, Any] = field(default_factory=dict)
    relevant: dict[str, bool] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    sent: dict[str, Any] = field(default_factory=dict)


def _sent(data: Any, name: str, kind: str) -> Any:
    if kind == "select all that apply":
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        return [str(value) for value in (values if isinstance(values, list | tuple) else [values])]
    value = data.get(name)
    if isinstance(value, list | tuple):  # a JSON client may send one answer as a list of one
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()


def _typed(question: dict[str, Any], value: Any) -> tuple[Any, Any, str]:
    """(answer to store, value for expressions, problem) for one sent value."""
    kind = question["type"]
    if value in ("", []):
        return value, value, ""
    if kind.startswith("select"):
        allowed = {choice["name"] for choice in question["choices"]}
        chosen = value if isinstance(value, list) else [value]
        if set(chosen) - allowed:
            return value, "", _("Choose from the listed answers.")
        return value, value, ""
    if kind in {"integer", "decimal"}:
        number = logic.to_number(value)
        if number != number or number in (float("inf"), float("-inf")):  # NaN or infinite
            return value, "", _("Enter a number.")
        typed: int | float = int(number) if kind == "integer" else number
        return typed, typed, ""
    if kind == "date":
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            return value, "", _("Enter a date.")
        return day.isoformat(), day, ""
    return value, value, ""


def _relevance(questions: list[dict[str, Any]], values: dict[str, Any], today: date) -> dict[str, bool]:
    """Which questions are asked; repeated until stable, since a question may depend on a later one."""
    relevant = {q["name"]: True for q in questions}
    for _round in range(len(questions) + 1):
        seen = {name: (value if relevant[name] else "") for name, value in values.items()}
        changed = False
        for q in questions:
            asked = not q.get("relevant") or logic.holds(q["relevant"], values=seen, today=today)
            if asked != relevant[q["name"]]:
                relevant[q["name"]], changed = asked, True
                seen[q["name"]] = values.get(q["name"], "") if asked else ""
        if not changed:
            break
    return relevant


def _constraint_message(question: dict[str, Any], *, language: str, form: SurveyForm) -> str:
    messages = question.get("constraint_messages") or {}
    return messages.get(language) or messages.get(form.default_language) or next(
        iter(messages.values()), "") or _("This answer is not possible. Please check it.")


def check_answers(form: SurveyForm, data: Any, *, language: str, today: date | None = None) -> CheckedAnswers:
    """Check a submitted page (a QueryDict or a dict) against the form; never raises."""
    today = today or timezone.localdate()
    questions = list(form.definition["questions"])
    checked = CheckedAnswers()
    stored: dict[str, Any] = {}
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for q in questions:
        if q["type"] == "note":
            values[q["name"]] = ""
            continue
        sent = _sent(data, q["name"], q["type"])
        checked.sent[q["name"]] = sent
        stored[q["name"]], values[q["name"]], problem = _typed(q, sent)
        if problem:
            problems[q["name"]] = problem
    checked.relevant = _relevance(questions, values, today)
    asked_values = {name: (value if checked.relevant[name] else "") for name, value in values.items()}
    for q in questions:
        name = q["name"]
        if q["type"] == "note" or not checked.relevant[name]:
            continue
        value = stored[name]
        if name in problems:
            checked.errors[name] = problems[name]
        elif value in ("", []):
            if q["required"]:
                checked.errors[name] = _("This question needs an answer.")
        elif q.get("constraint") and not logic.holds(q["constraint"], values=asked_values, current=values[name],
                                                     today=today):
            checked.errors[name] = _constraint_message(q, language=language, form=form)
        checked.answers[name] = value
    return checked


def clean_answers(form: SurveyForm, data: Any, *, language: str = "", today: date | None = None) -> dict[str, Any]:
    """The answers to keep (InvalidInput naming each question with a problem)."""
    checked = check_answers(form, data, language=language or form.default_language, today=today)
    if checked.errors:
        raise InvalidInput(fields=checked.errors)
    return checked.answers
