"""The public wizard's state: who lives in the household, the answers so far, the next questions.

Nothing is stored on the server: every answer travels in the form (hidden fields), so the page
works without JavaScript and without a session. The questions asked are exactly the inputs the
rules report missing (`missing_inputs`), a few at a time, so the form shortens as answers come.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .engine.inputs import CRISIS_EVENTS, STATUS_PATTERN
from .engine.regions import districts

QUESTIONS_PER_STEP = 6
MAX_PEOPLE = {"children": 9, "parents": 4, "others": 9}

# Field → (question to the applicant, question about another member, kind of answer).
MEMBER_QUESTIONS: dict[str, tuple[Promise, Promise, str]] = {
    "korean_national": (_("Are you a Korean national?"), _("Is %(member)s a Korean national?"), "yesno"),
    "birth_date": (_("What is your date of birth?"), _("What is the date of birth of %(member)s?"), "date"),
    "residence_status": (_("What is your residence status (visa type)?"), _("What is the residence status (visa type) of %(member)s?"), "status"),
    "registered": (_("Have you registered as a foreigner (do you have a residence card)?"),
                   _("Has %(member)s registered as a foreigner?"), "yesno"),
    "married_to_korean": (_("Are you married to a Korean national?"), _("Is %(member)s married to a Korean national?"), "yesno"),
    "divorced_or_widowed_from_korean": (
        _("Were you married to a Korean national who died or from whom you are divorced?"),
        _("Was %(member)s married to a Korean national who died or from whom they are divorced?"), "yesno"),
    "recognized_refugee": (_("Are you a recognised refugee?"), _("Is %(member)s a recognised refugee?"), "yesno"),
    "pregnant": (_("Are you or your spouse pregnant?"), _("Is %(member)s pregnant?"), "yesno"),
    "entry_date": (_("When did you last enter Korea?"), _("When did %(member)s last enter Korea?"), "date"),
    "employed": (_("Do you work for an employer?"), _("Does %(member)s work for an employer?"), "yesno"),
    "insured": (_("Do you have Korean health insurance?"), _("Does %(member)s have Korean health insurance?"), "yesno"),
    "student": (_("Are you a school or university student?"), _("Is %(member)s a school or university student?"), "yesno"),
    "crisis_event": (_("Has your household been hit by a sudden crisis?"), _("Has your household been hit by a sudden crisis?"), "crisis"),
    "moved_in_on": (_("When did you move into your current home?"), _("When did %(member)s move into the current home?"), "date"),
    "details_changed_on": (_("When did your name, nationality or passport last change?"),
                           _("When did the name, nationality or passport of %(member)s last change?"), "date"),
    "permanent_card_expires_on": (_("When does your permanent residence card (영주증) expire?"),
                                  _("When does the permanent residence card of %(member)s expire?"), "date"),
}  # fmt: skip
HOUSEHOLD_QUESTIONS: dict[str, tuple[Promise, Promise | None, str]] = {
    "monthly_income_krw": (
        _("What is your household's monthly income in won?"),
        _("Count wages, business income, pensions and regular support of everyone in the household. The community "
          "centre also counts part of your assets as income, so its figure may be higher."),
        "money"),
    "assets_krw": (_("What are your household's assets in won?"),
                   _("Savings, the deposit on your home, a car and property, for everyone in the household."), "money"),
    "region_dong_code": (_("Which city, county or district do you live in?"), None, "district"),
}  # fmt: skip
FIELD_ORDER = ("korean_national", "birth_date", "residence_status", "registered", "married_to_korean",
               "divorced_or_widowed_from_korean", "recognized_refugee", "pregnant", "entry_date", "employed",
               "insured", "student", "h:monthly_income_krw", "h:assets_krw", "h:region_dong_code", "crisis_event",
               "moved_in_on", "details_changed_on", "permanent_card_expires_on")  # fmt: skip

CRISIS_LABELS: dict[str, Promise] = {
    "none": _("No, no sudden crisis"),
    "earner_lost": _("The main earner died, left, went missing or is detained"),
    "serious_illness": _("A serious illness or injury"),
    "neglect_or_abuse": _("Neglect, abandonment or abuse"),
    "violence": _("Domestic or sexual violence"),
    "fire_or_disaster": _("A fire, flood or other disaster made the home unlivable"),
    "crime_victim": _("Victim of a crime"),
    "business_closure": _("The business closed or stopped"),
    "job_loss": _("Lost a job"),
    "other": _("Another crisis"),
}
STATUS_CHOICES: tuple[tuple[str, Promise], ...] = (
    ("F-6", _("F-6 marriage migrant")),
    ("F-5", _("F-5 permanent resident")),
    ("F-2", _("F-2 resident (including F-2-4 refugee)")),
    ("F-4", _("F-4 overseas Korean")),
    ("F-1", _("F-1 family visit")),
    ("F-3", _("F-3 accompanying family")),
    ("E-9", _("E-9 non-professional employment")),
    ("E-7", _("E-7 specially designated work")),
    ("H-2", _("H-2 working visit")),
    ("D-2", _("D-2 university student")),
    ("D-4", _("D-4 language or vocational trainee")),
    ("G-1", _("G-1 other (including refugee applicants)")),
    ("B-2", _("B-2 tourist or visitor")),
    ("C-3", _("C-3 short-term visitor")),
)
YES, NO, UNKNOWN = "yes", "no", "unknown"


def member_label(member_id: str) -> Promise | str:
    """How the wizard names a member in questions and reasons."""
    if member_id == "applicant":
        return _("the applicant")
    if member_id == "spouse":
        return _("the spouse")
    for prefix, label in (("child", _("child %(number)s")), ("parent", _("parent %(number)s")),
                          ("other", _("household member %(number)s"))):  # fmt: skip
        if member_id.startswith(prefix) and member_id[len(prefix):].isdigit():
            return str(label) % {"number": member_id[len(prefix):]}
    return member_id


@dataclass
class Question:
    key: str  # form field name: "a:<member>:<field>" or "h:<field>"
    text: str
    help: str
    kind: str
    value: str = ""
    error: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class WizardState:
    composition: dict[str, int] | None
    answers: dict[str, str]
    skipped: set[str]
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_post(cls, data: QueryDict | Mapping[str, Any]) -> WizardState:
        composition = None
        if data.get("composed") or data.get("spouse") is not None:
            composition = {"spouse": 1 if data.get("spouse") == YES else 0}
            for name, top in MAX_PEOPLE.items():
                composition[name] = _clamp(data.get(name), top)
        answers, skipped = {}, set(data.getlist("skip") if isinstance(data, QueryDict) else data.get("skip", []))
        for key, raw in data.items():
            if key.startswith(("a:", "h:")) and str(raw).strip():
                if raw == UNKNOWN:
                    skipped.add(key)
                else:
                    answers[key] = str(raw).strip()
                    skipped.discard(key)
        return cls(composition, answers, skipped)

    def member_ids(self) -> list[tuple[str, str]]:
        """(id, role) of every member, from the household's composition."""
        if self.composition is None:
            return []
        people = [("applicant", "applicant")]
        if self.composition["spouse"]:
            people.append(("spouse", "spouse"))
        for name, role in (("children", "child"), ("parents", "parent"), ("others", "other")):
            people += [(f"{role}{i}", role) for i in range(1, self.composition[name] + 1)]
        return people

    def household(self) -> dict[str, Any]:
        """The answers as the API's household (invalid answers are set aside in `errors`)."""
        people = self.member_ids()
        members = []
        for member_id, role in people:
            member: dict[str, Any] = {"id": member_id, "role": role}
            for name, (_q, _o, kind) in MEMBER_QUESTIONS.items():
                key = f"a:{member_id}:{name}"
                if key in self.answers:
                    value = self._parse(key, kind)
                    if value is not None:
                        member[name] = value
            members.append(member)
        household: dict[str, Any] = {"size": len(people), "members": members}
        for name, (_q, _h, kind) in HOUSEHOLD_QUESTIONS.items():
            key = f"h:{name}"
            if key in self.answers:
                value = self._parse(key, kind)
                if value is not None:
                    household[name] = value
        return household

    def _parse(self, key: str, kind: str) -> Any:
        raw = self.answers[key]
        try:
            if kind == "yesno":
                if raw not in (YES, NO):
                    raise ValueError
                return raw == YES
            if kind == "date":
                day = date.fromisoformat(raw)
                if not date(1900, 1, 1) <= day <= date(2100, 12, 31):
                    raise ValueError
                return day.isoformat()
            if kind == "money":
                amount = int(raw.replace(",", "").replace(" ", "").replace("₩", ""))
                if amount < 0:
                    raise ValueError
                return amount
            if kind == "status":
                if not STATUS_PATTERN.match(raw.upper()):
                    raise ValueError
                return raw.upper()
            if kind == "crisis":
                if raw not in CRISIS_EVENTS:
                    raise ValueError
                return raw
            if kind == "district":
                return {d.code: d.first_dong_code for d in districts()}[raw]
        except (ValueError, KeyError):
            self.errors[key] = str(_("Please check this answer."))
            return None
        return raw

    def questions(self, missing: list[str]) -> list[Question]:
        """The next few questions: missing inputs the resident has not skipped, in a sensible order."""
        keys = []
        for name in missing:
            if name.startswith("household."):
                key = "h:" + name.removeprefix("household.")
            else:
                member_id, field_name = name.removeprefix("members[").split("].", 1)
                key = f"a:{member_id}:{field_name}"
            if key not in self.skipped and key not in keys and (key in self.errors or key not in self.answers):
                keys.append(key)
        order = {m: i for i, (m, _r) in enumerate(self.member_ids())}
        keys.sort(key=lambda k: (_field_rank(k), order.get(k.split(":")[1], 0) if k.startswith("a:") else 0))
        return [self._question(k) for k in keys[:QUESTIONS_PER_STEP]]

    def _question(self, key: str) -> Question:
        if key.startswith("h:"):
            name = key[2:]
            text, help_text, kind = HOUSEHOLD_QUESTIONS[name]
            q = Question(key, str(text), str(help_text or ""), kind)
        else:
            _a, member_id, name = key.split(":", 2)
            own, other, kind = MEMBER_QUESTIONS[name]
            question = str(own) if member_id == "applicant" else str(other) % {"member": member_label(member_id)}
            q = Question(key, question, "", kind)
        q.value, q.error = self.answers.get(key, ""), self.errors.get(key, "")
        if q.kind == "crisis":
            q.choices = [(code, str(label)) for code, label in CRISIS_LABELS.items()]
        elif q.kind == "status":
            q.choices = [(code, str(label)) for code, label in STATUS_CHOICES]
        elif q.kind == "district":
            q.choices = [(d.code, f"{d.sido} {d.name}") for d in districts()]
        return q

    def hidden_fields(self, shown: list[Question]) -> list[tuple[str, str]]:
        """Answers and skips to carry along, except those of the questions on screen."""
        on_screen = {q.key for q in shown}
        fields = [(k, v) for k, v in self.answers.items() if k not in on_screen]
        fields += [("skip", k) for k in sorted(self.skipped) if k not in on_screen]
        if self.composition is not None:
            fields += [("composed", "1"), ("spouse", YES if self.composition["spouse"] else NO)]
            fields += [(name, str(self.composition[name])) for name in MAX_PEOPLE]
        return fields

    def answered(self) -> list[tuple[str, str]]:
        """(question, answer) pairs so far, for the "your answers" list."""
        out = []
        for key, raw in self.answers.items():
            if key in self.errors:
                continue
            question = self._question(key)
            shown = dict(question.choices).get(raw, raw) if question.choices else raw
            if question.kind == "yesno":
                shown = str(_("Yes")) if raw == YES else str(_("No"))
            out.append((question.text, shown))
        return out


def _field_rank(key: str) -> int:
    name = key if key.startswith("h:") else key.split(":", 2)[2]
    return FIELD_ORDER.index(name) if name in FIELD_ORDER else len(FIELD_ORDER)


def _clamp(raw: Any, top: int) -> int:
    try:
        return max(0, min(top, int(raw)))
    except (TypeError, ValueError):
        return 0
