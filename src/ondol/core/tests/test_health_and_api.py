"""The health check and the OpenAPI document."""

from __future__ import annotations

from unittest import mock

from django.db.utils import OperationalError
from django.test import Client


def test_healthz_reports_ok_when_the_database_answers(db) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_down(db) -> None:
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_the_openapi_document_describes_the_api(db) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Ondol API"
    assert "/api/v1/auth/token" in document["paths"]


def test_api_errors_have_one_shape_with_a_translated_message(db) -> None:
    response = Client().post(
        "/api/v1/auth/token", data={"username": "nobody"}, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["error"]["code"] == "invalid_input"
    assert body["error"]["fields"]["password"] == "필수 입력 항목입니다."
    assert body["error"]["message"] != "Some of the information is not valid. Please check the marked fields."
