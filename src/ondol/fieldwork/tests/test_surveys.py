"""Surveys: XLSForm import in several languages, filling in during a visit, risk rules → survey_risk."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from ondol.core.errors import InvalidInput
from ondol.fieldwork.models import SurveyForm, SurveyResponse
from ondol.fieldwork.services.feedback import write_indicators
from ondol.fieldwork.services.surveys import do_import_survey, questions_in
from ondol.fieldwork.surveys.make_single_person_survey import OUTPUT, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(tmp_path: Path) -> SurveyForm:
    return do_import_survey(None, path=build(tmp_path / "single.xlsx"))


def test_the_shipped_example_form_is_the_one_the_script_generates(tmp_path):
    fresh = do_import_survey(None, path=build(tmp_path / "fresh.xlsx"))
    shipped = do_import_survey(None, path=OUTPUT)
    assert shipped.definition == fresh.definition and shipped.risk_rules == fresh.risk_rules


@pytest.mark.parametrize(("language", "question", "choice"), [
    ("ko", "하루에 식사를 몇 번 하십니까?", "세 번"),
    ("en", "How many meals do you eat a day?", "Three"),
    ("vi", "Bạn ăn mấy bữa một ngày?", "Ba bữa"),
])
def test_an_xlsform_is_imported_with_its_labels_in_each_language(survey, language, question, choice):
    meals = next(q for q in questions_in(survey, language) if q.name == "meals")
    assert meals.labels[language] == question
    assert meals.choices[0]["label"] == choice
    assert {"ko", "en", "vi", "zh-hans"} <= set(survey.languages)


def test_a_language_the_form_lacks_falls_back_to_the_default_language(survey):
    meals = next(q for q in questions_in(survey, "mn") if q.name == "meals")
    assert meals.labels["mn"] == "하루에 식사를 몇 번 하십니까?"


def test_a_risk_rule_about_a_question_the_form_does_not_have_is_refused(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label::English (en)"])
    sheet.append(["integer", "age", "Age"])
    rules = book.create_sheet("risk_rules")
    rules.append(["question", "operator", "value"])
    rules.append(["income", "=", "none"])
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(InvalidInput) as error:
        do_import_survey(None, path=tmp_path / "bad.xlsx")
    assert "risk_rules.2" in error.value.fields


def test_a_file_that_is_not_an_xlsform_is_refused(tmp_path):
    book = Workbook()
    book.active.title = "not_a_survey"
    book.save(tmp_path / "empty.xlsx")
    with pytest.raises(InvalidInput):
        do_import_survey(None, path=tmp_path / "empty.xlsx")


def test_the_fill_in_page_asks_the_questions_in_the_chosen_language(client, dong_official, make_item, survey):
    item = make_item()
    client.force_login(dong_official)
    page = client.get(f"/ko/staff/fieldwork/items/{item.pk}/surveys/{survey.pk}/", {"lang": "vi"}).content.decode()
    assert "Bạn ăn mấy bữa một ngày?" in page
    assert 'name="viewport"' in page


def test_answers_that_match_a_risk_rule_raise_survey_risk_for_the_next_round(client, dong_official, make_item,
                                                                            survey, tmp_path):
    item = make_item()
    client.force_login(dong_official)
    response = client.post(f"/ko/staff/fieldwork/items/{item.pk}/surveys/{survey.pk}/", {
        "lang": "en", "meals": "1", "skipped_meals": "yes", "health": "poor", "social_contact": "weekly",
        "emergency_contact": "yes", "rent_overdue_months": "3", "income": ["none"],
    })
    assert response.status_code == 302
    stored = SurveyResponse.objects.get(item=item)
    assert {risk["question"] for risk in stored.risks} == {"meals", "skipped_meals", "rent_overdue_months",
                                                           "income"}
    write_indicators(None, out=tmp_path / "fieldwork_indicators.parquet")
    rows = pq.read_table(tmp_path / "fieldwork_indicators.parquet").to_pylist()
    assert [(row["indicator"], row["household_id"]) for row in rows] == [("survey_risk", item.household_id)]


def test_a_required_question_left_empty_is_marked(client, dong_official, make_item, survey):
    item = make_item()
    client.force_login(dong_official)
    response = client.post(f"/en/staff/fieldwork/items/{item.pk}/surveys/{survey.pk}/", {"lang": "en"})
    assert response.status_code == 422
    assert "This question needs an answer." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_household_surveyed_at_the_door_joins_the_worklist_and_counts_as_newly_discovered(
        client, dong_official, survey):
    from django.db.models import Q

    from ondol.fieldwork.models import Source, WorkItem
    from ondol.fieldwork.queries import round_results
    from ondol.fieldwork.services import do_record_need

    client.force_login(dong_official)
    started = client.post("/en/staff/fieldwork/surveys/visit/", {
        "dong": "3020053000", "survey": survey.pk, "address": "대전 유성구 온천1동 봉명로 44 3층",
        "language": "vi", "nationality": "VN", "single_person": "on"})
    item = WorkItem.objects.get(source=Source.SURVEY)
    assert started["Location"].endswith(f"/items/{item.pk}/surveys/{survey.pk}/")
    client.post(started["Location"], {"lang": "vi", "meals": "2", "skipped_meals": "no", "health": "poor",
                                      "social_contact": "rarely", "emergency_contact": "no"})
    page = client.get(f"/en/staff/fieldwork/items/{item.pk}/").content.decode()
    assert "Hardly ever in touch with anyone." in page and "Nobody to call in an emergency." in page
    do_record_need(dong_official, item=item, need_confirmed=True, programs=[], resources=["volunteer_visits"])
    _rows, total = round_results(scope=Q(), round=item.round)
    assert (total.counts["surveyed"], total.counts["newly_discovered"], total.counts["flagged"]) == (1, 1, 0)


def test_a_dong_official_cannot_start_a_survey_visit_in_another_dong(client, dong_official, survey):
    from ondol.fieldwork.models import WorkItem

    client.force_login(dong_official)
    response = client.post("/en/staff/fieldwork/surveys/visit/", {
        "dong": "3017063000", "survey": survey.pk, "address": "대전 서구 둔산1동 1", "language": "ko"})
    assert response.status_code == 200
    assert not WorkItem.objects.exists()
