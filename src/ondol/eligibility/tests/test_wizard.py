"""The public wizard: it asks only what the rules need, shortens as answers come, and prints in two languages."""

from __future__ import annotations

from typing import Any

import pytest

from ondol.eligibility.wizard import WizardState

WIZARD = "/{lang}/eligibility/"
FAMILY = {"composed": "1", "spouse": "yes", "children": "1", "parents": "0", "others": "0"}


def ask(client: Any, data: dict[str, Any], lang: str = "en") -> Any:
    return client.post(WIZARD.format(lang=lang), data)


def question_keys(response: Any) -> list[str]:
    return [q.key for q in response.context["questions"]]


@pytest.mark.django_db
def test_the_wizard_starts_with_who_lives_in_the_household(client: Any) -> None:
    response = client.get(WIZARD.format(lang="en"))
    assert response.status_code == 200
    assert response.context["step"] == "composition"
    assert b"Who lives in your household?" in response.content


@pytest.mark.django_db
def test_the_first_questions_are_ones_the_rules_need(client: Any) -> None:
    response = ask(client, FAMILY)
    keys = question_keys(response)
    assert keys and len(keys) <= 6
    assert keys[0] == "a:applicant:korean_national"
    # Only questions some rule reports missing are asked: nobody asks about disability.
    assert not any(k.endswith(":disability") for k in keys)


@pytest.mark.django_db
def test_answering_that_everyone_is_korean_removes_the_foreigner_questions(client: Any) -> None:
    korean = {f"a:{m}:korean_national": "yes" for m in ("applicant", "spouse", "child1")}
    keys = question_keys(ask(client, {**FAMILY, **korean}))
    assert not any(k.split(":")[2] in {"residence_status", "registered", "married_to_korean"} for k in keys)


@pytest.mark.django_db
def test_the_form_shortens_as_answers_come(client: Any) -> None:
    data: dict[str, Any] = dict(FAMILY)
    answers = {"korean_national": "yes", "birth_date": "1985-01-01", "student": "no", "employed": "no",
               "pregnant": "no", "moved_in_on": "unknown", "crisis_event": "none"}  # fmt: skip
    remaining = []
    for _step in range(8):
        response = ask(client, data)
        keys = question_keys(response)
        remaining.append(len(response.context["view"]["programs"]) - sum(
            p["status"] != "needs_information" for p in response.context["view"]["programs"]))
        if not keys:
            break
        for key in keys:
            field = key.split(":")[-1]
            data[key] = answers.get(field, {"monthly_income_krw": "1000000", "assets_krw": "10000000",
                                            "region_dong_code": "11110"}.get(field, "unknown"))  # fmt: skip
    assert remaining == sorted(remaining, reverse=True), remaining
    assert remaining[-1] < remaining[0]


@pytest.mark.django_db
def test_i_dont_know_is_not_asked_again(client: Any) -> None:
    first = question_keys(ask(client, FAMILY))
    again = question_keys(ask(client, {**FAMILY, first[0]: "unknown"}))
    assert first[0] not in again


@pytest.mark.django_db
def test_an_htmx_request_gets_only_the_wizard_body(client: Any) -> None:
    response = client.post(WIZARD.format(lang="en"), FAMILY, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b'name="a:applicant:korean_national"' in response.content


@pytest.mark.django_db
def test_a_wrong_answer_is_marked_and_asked_again(client: Any) -> None:
    response = ask(client, {**FAMILY, "a:applicant:birth_date": "31-31-2020"})
    question = next(q for q in response.context["questions"] if q.key == "a:applicant:birth_date")
    assert question.error


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "title"), [("vi", "Kết quả"), ("zh-hans", "结果"), ("en", "Your screening result")])
def test_the_printable_result_is_in_the_residents_language_and_in_korean(client: Any, lang: str, title: str) -> None:
    data = {**FAMILY, "a:applicant:korean_national": "no", "a:applicant:married_to_korean": "yes",
            "a:spouse:korean_national": "yes", "a:child1:korean_national": "yes", "a:child1:birth_date": "2025-12-01"}  # fmt: skip
    response = client.post(f"/{lang}/eligibility/result/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert [s["lang"] for s in response.context["sections"]] == [lang, "ko"]
    assert title in html
    assert "심사 결과" in html or "결과" in html


def test_the_wizard_state_builds_the_household_from_the_answers() -> None:
    state = WizardState.from_post({**FAMILY, "a:child1:birth_date": "2025-12-01", "h:monthly_income_krw": "1,000,000",
                                   "h:region_dong_code": "11110", "a:spouse:korean_national": "unknown"})  # fmt: skip
    household = state.household()
    assert household["size"] == 3
    assert [m["id"] for m in household["members"]] == ["applicant", "spouse", "child1"]
    assert household["members"][2]["birth_date"] == "2025-12-01"
    assert household["monthly_income_krw"] == 1_000_000
    assert household["region_dong_code"] == "1111051500"
    assert "a:spouse:korean_national" in state.skipped


@pytest.mark.django_db
def test_program_pages_name_the_legal_basis_and_how_sure_we_are(client: Any) -> None:
    listing = client.get("/en/eligibility/programs/")
    assert listing.status_code == 200
    page = client.get("/en/eligibility/programs/livelihood-benefit/")
    html = page.content.decode()
    assert "국민기초생활 보장법" in html
    assert "Legal basis" in html and "How sure we are" in html
    assert "2026" in html  # the dated figures are listed
    assert client.get("/en/eligibility/programs/no-such-thing/").status_code == 404


@pytest.mark.django_db
def test_a_counsellor_can_hand_a_screening_over_to_the_case_registry(client: Any, counsellor: Any) -> None:
    client.force_login(counsellor)
    response = ask(client, FAMILY)
    assert response.context["can_hand_off"]
    handoff = client.post("/en/staff/eligibility/handoff/", {"household": response.context["household_json"]})
    assert handoff.status_code == 302
    assert client.session["eligibility_handoff"]["household"]["size"] == 3


@pytest.mark.django_db
def test_residents_cannot_use_the_staff_hand_off(client: Any) -> None:
    response = client.post("/en/staff/eligibility/handoff/", {"household": "{}"})
    assert response.status_code in {302, 403}
    assert "eligibility_handoff" not in client.session
