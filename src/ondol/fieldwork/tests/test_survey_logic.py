"""Skip logic and checks of XLSForms: questions asked only when relevant, constraints with their messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from ondol.core.errors import InvalidInput
from ondol.fieldwork.models import SurveyForm, SurveyResponse
from ondol.fieldwork.services.surveys import do_import_survey
from ondol.fieldwork.surveys.make_single_person_survey import build

pytestmark = pytest.mark.django_db

ANSWERED = {"meals": "3", "health": "good", "social_contact": "weekly", "emergency_contact": "yes"}


@pytest.fixture
def survey(tmp_path: Path) -> SurveyForm:
    return do_import_survey(None, path=build(tmp_path / "single.xlsx"))


def _page(item, survey, prefix="en") -> str:
    return f"/{prefix}/staff/fieldwork/items/{item.pk}/surveys/{survey.pk}/"


def _form(tmp_path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label::English (en)", "relevant", "constraint"])
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "form.xlsx")
    return tmp_path / "form.xlsx"


def test_the_example_form_carries_its_skip_logic_and_checks(survey):
    questions = {q["name"]: q for q in survey.definition["questions"]}
    assert questions["chronic_illness"]["relevant"] == "${health} != 'good'"
    assert questions["rent_overdue_months"]["constraint"] == ". >= 0 and . <= 60"
    assert questions["rent_overdue_months"]["constraint_messages"]["vi"] == "Nhập số tháng từ 0 đến 60."


@pytest.mark.parametrize(("rows", "field"), [
    ([["integer", "age", "Age", "${age} >", ""]], "survey.age.relevant"),
    ([["geopoint", "where", "Where", "", ""], ["integer", "age", "Age", "", ". > ${where}"]],
     "survey.age.constraint"),
    ([["integer", "age", "Age", "eval('1')", ""]], "survey.age.relevant"),
])
def test_a_form_whose_logic_cannot_be_read_is_refused(tmp_path, rows, field):
    with pytest.raises(InvalidInput) as error:
        do_import_survey(None, path=_form(tmp_path, rows))
    assert field in error.value.fields


def test_group_relevance_applies_to_the_questions_inside(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label::English (en)", "relevant"])
    sheet.append(["integer", "age", "Age", ""])
    sheet.append(["begin_group", "work", "Work", "${age} >= 15"])
    sheet.append(["text", "job", "Job", "${age} < 70"])
    sheet.append(["end_group", "", "", ""])
    book.save(tmp_path / "group.xlsx")
    form = do_import_survey(None, path=tmp_path / "group.xlsx")
    job = next(q for q in form.definition["questions"] if q["name"] == "job")
    assert job["relevant"] == "(${age} >= 15) and (${age} < 70)"


def test_answers_to_questions_that_were_not_asked_are_discarded(client, dong_official, make_item, survey):
    item = make_item()
    client.force_login(dong_official)
    # Three meals a day: "skipped meals" is not asked, so its `required` does not apply; good health:
    # "chronic illness" is not asked, so the answer a worker left in it is dropped.
    response = client.post(_page(item, survey), {"lang": "en", **ANSWERED, "chronic_illness": "yes"})
    assert response.status_code == 302
    answers = SurveyResponse.objects.get(item=item).answers
    assert "chronic_illness" not in answers and "skipped_meals" not in answers
    assert answers["meals"] == "3"


def test_a_required_question_that_is_asked_still_needs_an_answer(client, dong_official, make_item, survey):
    item = make_item()
    client.force_login(dong_official)
    response = client.post(_page(item, survey), {"lang": "en", **ANSWERED, "meals": "2"})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="asked-skipped_meals" data-asked="yes"' in page and "This question needs an answer." in page
    assert 'value="2" checked' in page  # what was entered is shown back
    assert not SurveyResponse.objects.exists()


def test_the_page_marks_the_questions_asked_as_answers_change(client, dong_official, make_item, survey):
    item = make_item()
    client.force_login(dong_official)
    first = client.get(_page(item, survey)).content.decode()
    assert 'hx-post="/en/staff/fieldwork/items/' in first and "<script>" not in first
    assert 'id="asked-chronic_illness" data-asked="yes"' in first  # nothing answered yet: health is not good
    url = _page(item, survey) + "questions/"
    good = client.post(url, {"lang": "en", "health": "good", "meals": "3"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="asked-chronic_illness" data-asked="no" hx-swap-oob="true"' in good
    assert 'id="asked-skipped_meals" data-asked="no"' in good and 'id="asked-meals" data-asked="yes"' in good
    assert "<input" not in good  # the inputs the worker is using are never redrawn
    poor = client.post(url, {"lang": "en", "health": "poor", "meals": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="asked-chronic_illness" data-asked="yes"' in poor and 'id="asked-skipped_meals" data-asked="yes"' in poor


def test_the_questions_fragment_is_only_for_staff_of_the_household(client, make_user, make_item, survey):
    from ondol.fieldwork.tests.conftest import DUNSAN1

    item = make_item(DUNSAN1)
    client.force_login(make_user(role="counsellor"))
    response = client.post(_page(item, survey) + "questions/", {"lang": "en"})
    assert response.status_code == 404


@pytest.mark.parametrize(("language", "message"), [
    ("ko", "0부터 60 사이의 개월 수를 적어 주세요."),
    ("en", "Enter a number of months from 0 to 60."),
    ("vi", "Nhập số tháng từ 0 đến 60."),
])
def test_a_failed_constraint_shows_the_forms_message_in_the_language_of_the_questions(
        client, dong_official, make_item, survey, language, message):
    item = make_item()
    client.force_login(dong_official)
    response = client.post(_page(item, survey, prefix=language), {
        "lang": language, **ANSWERED, "rent_overdue_months": "99"})
    assert response.status_code == 422
    assert message in response.content.decode()


@pytest.mark.parametrize(("language", "message"), [
    ("ko", "가능하지 않은 답입니다. 다시 확인해 주세요."),
    ("en", "This answer is not possible. Please check it."),
    ("vi", "Câu trả lời này không hợp lệ. Vui lòng kiểm tra lại."),
])
def test_a_constraint_without_a_message_gets_a_general_one_in_the_site_language(
        client, dong_official, make_item, tmp_path, language, message):
    form = do_import_survey(None, path=_form(tmp_path, [["integer", "age", "Age", "", ". >= 0 and . < 130"]]))
    item = make_item()
    client.force_login(dong_official)
    response = client.post(_page(item, form, prefix=language), {"lang": "en", "age": "140"})
    assert response.status_code == 422
    assert message in response.content.decode()


def test_a_survey_with_skip_logic_is_filled_through_the_api(client, dong_official, make_item, survey):
    item = make_item()
    client.force_login(dong_official)
    url = f"/api/v1/fieldwork/items/{item.pk}/surveys/{survey.pk}"
    refused = client.post(url, {"language": "vi", "answers": {**ANSWERED, "meals": "1", "skipped_meals": "yes",
                                                              "rent_overdue_months": 70}},
                          content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {"rent_overdue_months": "Nhập số tháng từ 0 đến 60."}
    saved = client.post(url, {"language": "vi", "answers": {
        **ANSWERED, "chronic_illness": "yes", "rent_overdue_months": 3, "income": ["none"]}},
        content_type="application/json")
    assert saved.status_code == 201
    body = saved.json()
    assert "chronic_illness" not in body["answers"] and body["answers"]["rent_overdue_months"] == 3
    assert set(body["risks"]) == {"rent_overdue_months", "income"}
