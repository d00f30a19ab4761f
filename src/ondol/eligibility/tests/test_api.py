"""POST /api/v1/eligibility/screen: strict input, answers with reasons, deadlines and the rules version."""

from __future__ import annotations

from typing import Any

import pytest

URL = "/api/v1/eligibility/screen"
MARRIAGE_MIGRANT_FAMILY: dict[str, Any] = {
    "size": 3,
    "monthly_income_krw": 1000000,
    "region_dong_code": "1111051500",
    "members": [
        {"id": "mother", "role": "applicant", "korean_national": False, "residence_status": "F-6",
         "married_to_korean": True, "registered": True, "moved_in_on": "2026-03-20"},
        {"id": "father", "role": "spouse", "korean_national": True},
        {"id": "baby", "role": "child", "korean_national": True, "birth_date": "2025-12-01"},
    ],
}  # fmt: skip


def post(client: Any, body: dict[str, Any], **headers: str) -> Any:
    return client.post(URL, body, content_type="application/json", **headers)


def program(body: dict[str, Any], key: str) -> dict[str, Any]:
    return next(p for p in body["programs"] if p["program"] == key)


@pytest.mark.django_db
def test_a_screening_answers_every_program_with_reasons_and_the_rules_version(client: Any) -> None:
    response = post(client, {"as_of": "2026-04-01", "household": MARRIAGE_MIGRANT_FAMILY, "lang": "en"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["rules_version"].startswith("2026.")
    livelihood = program(body, "livelihood-benefit")
    assert (livelihood["status"], livelihood["amount_krw"]) == ("eligible", 714892)
    assert any("₩1,714,892" in r["text"] for r in livelihood["reasons"])
    assert all(r["legal_basis"] is not None for r in livelihood["reasons"])
    assert {p["name"] for p in livelihood["parameters"]} == {"median_income", "livelihood_rate"}
    deadline = next(d for d in body["deadlines"] if d["obligation"] == "residence-change-report")
    assert (deadline["legal_due"], deadline["safe_due"]) == ("2026-04-06", "2026-04-03")
    assert deadline["penalty"]["text"]


@pytest.mark.django_db
def test_the_texts_come_in_the_language_asked_for(client: Any) -> None:
    body = post(client, {"as_of": "2026-04-01", "household": MARRIAGE_MIGRANT_FAMILY, "lang": "vi"}).json()
    assert body["lang"] == "vi"
    korean = post(client, {"as_of": "2026-04-01", "household": MARRIAGE_MIGRANT_FAMILY, "lang": "ko"}).json()
    vi_text = program(body, "livelihood-benefit")["reasons"][-1]["text"]
    ko_text = program(korean, "livelihood-benefit")["reasons"][-1]["text"]
    assert vi_text != ko_text
    assert "714.892" in vi_text or "714,892" in vi_text


@pytest.mark.django_db
def test_an_unknown_field_is_refused_with_a_field_level_error(client: Any) -> None:
    household = {**MARRIAGE_MIGRANT_FAMILY, "favourite_colour": "blue"}
    response = post(client, {"household": household}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert "household.favourite_colour" in error["fields"]


@pytest.mark.django_db
def test_bad_values_are_refused_field_by_field_in_the_readers_language(client: Any) -> None:
    members = [{"id": "a", "role": "boss", "birth_date": "yesterday", "korean_national": "yes"}]
    response = post(client, {"household": {"members": members, "region_dong_code": "12"}}, HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert {"household.members.0.role", "household.members.0.birth_date", "household.members.0.korean_national",
            "household.region_dong_code"} <= set(fields)  # fmt: skip
    english = post(client, {"household": {"members": members}}, HTTP_ACCEPT_LANGUAGE="en").json()["error"]["fields"]
    assert fields["household.members.0.role"] != english["household.members.0.role"]


@pytest.mark.django_db
def test_a_household_needs_a_member_and_unique_member_ids(client: Any) -> None:
    assert post(client, {"household": {"members": []}}).status_code == 422
    twins = [{"id": "a", "role": "applicant"}, {"id": "a", "role": "child"}]
    response = post(client, {"household": {"members": twins}})
    assert response.status_code == 422
    assert "household" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_an_unknown_language_is_refused(client: Any) -> None:
    response = post(client, {"household": {"members": [{"id": "a", "role": "applicant"}]}, "lang": "xx"})
    assert response.status_code == 422
    assert "lang" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_missing_facts_give_needs_information_and_name_the_inputs(client: Any) -> None:
    members = [{"id": "a", "role": "applicant"}, {"id": "b", "role": "child"}]
    body = post(client, {"as_of": "2026-05-01", "household": {"members": members}}).json()
    statuses = {p["program"]: p["status"] for p in body["programs"]}
    assert "not_eligible" not in statuses.values()
    assert "household.size" in program(body, "livelihood-benefit")["missing_inputs"]


@pytest.mark.django_db
def test_the_program_list_names_legal_basis_and_confidence(client: Any) -> None:
    rows = client.get("/api/v1/eligibility/programs").json()
    assert len(rows) == 20
    assert all(row["legal_basis"] and row["confidence"] in {"law", "government", "secondary", "unverified"} for row in rows)


@pytest.mark.django_db
def test_a_staff_member_screening_is_recorded_in_the_audit_log(client: Any, counsellor: Any) -> None:
    from ondol.core.models import AuditEntry

    client.force_login(counsellor)
    post(client, {"as_of": "2026-04-01", "household": MARRIAGE_MIGRANT_FAMILY})
    assert AuditEntry.objects.filter(action="eligibility.screen", actor=counsellor).exists()
