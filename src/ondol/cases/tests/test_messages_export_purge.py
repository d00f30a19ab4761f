"""Messages in the resident's language with their origin recorded; data export; purging past retention."""

from __future__ import annotations

import datetime as dt
import json
import string

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client as HttpClient
from django.utils import timezone

from ondol.cases.messaging.phrasebook import nearest, phrasebook
from ondol.cases.models import Case, Client, Message
from ondol.cases.services import compose_from_phrase, compose_from_text, do_message_client
from ondol.core.errors import ConsentMissing
from ondol.core.languages import LANGUAGE_CODES
from ondol.core.models import AuditEntry


def test_every_phrase_exists_in_all_fourteen_languages_with_the_same_placeholders() -> None:
    for phrase in phrasebook().values():
        assert set(phrase.texts) == set(LANGUAGE_CODES)
        expected = phrase.placeholders()
        for text in phrase.texts.values():
            assert {name for _t, name, _s, _c in string.Formatter().parse(text) if name} == expected


def test_free_text_in_korean_or_english_finds_the_phrase_that_says_it() -> None:
    assert nearest("다시 전화해 주세요").phrase.key == "call_back"
    assert nearest("We have received your documents").phrase.key == "documents_received"


def test_the_nearest_phrase_can_come_from_the_guides_embeddings() -> None:
    def embed(texts):
        # A stand-in embedding: one dimension per phrase key word, enough to check that vectors are used.
        return [[1.0, 0.0] if "interpreter" in text or "통역" in text else [0.0, 1.0] for text in texts]

    match = nearest("통역", embedder=embed)
    assert (match.phrase.key, match.method) == ("interpreter_available", "embeddings")


def test_text_written_in_the_residents_language_is_sent_as_staff_wrote_it() -> None:
    composed = compose_from_text("Chị mang hộ chiếu nhé.", source_language="vi", language="vi")
    assert (composed.produced_by, composed.body) == ("staff", "Chị mang hộ chiếu nhé.")


def test_a_client_message_needs_consent_and_goes_out_in_their_language(make_client, home_counsellor,
                                                                       consent_to_refer,
                                                                       django_capture_on_commit_callbacks) -> None:
    client = make_client(email="lan@example.org", preferred_language="vi")
    composed = compose_from_phrase("interpreter_available", language=client.preferred_language)
    with pytest.raises(ConsentMissing):
        do_message_client(home_counsellor, client=client, composed=composed)
    consent_to_refer(client, purpose="messages")
    with django_capture_on_commit_callbacks(execute=True):
        message = do_message_client(home_counsellor, client=client, composed=composed)
    assert mail.outbox[-1].body == "Phiên dịch viên có thể hỗ trợ bạn bằng tiếng mẹ đẻ. Hãy cho chúng tôi biết nếu bạn cần."
    message.refresh_from_db()
    assert (message.channel, message.produced_by, message.status) == ("email", "phrasebook", "sent")


def test_a_failing_channel_is_recorded_on_the_message(make_client, home_counsellor, consent_to_refer, settings,
                                                      django_capture_on_commit_callbacks) -> None:
    settings.ONDOL_SMS_BACKEND = "ondol.cases.tests.test_messages_export_purge.BrokenGateway"
    client = make_client(email="", phone="010-1")
    consent_to_refer(client, purpose="messages")
    with django_capture_on_commit_callbacks(execute=True):
        message = do_message_client(home_counsellor, client=client,
                                    composed=compose_from_phrase("call_back", language="vi", values={"phone": "1345"}))
    message.refresh_from_db()
    assert (message.status, message.error) == ("failed", "gateway down")


class BrokenGateway:
    def send(self, *, channel: str, to: str, body: str) -> None:
        raise ConnectionError("gateway down")


def test_the_person_gets_all_their_data_as_json_including_the_clear_number(make_case, home_counsellor) -> None:
    case = make_case()
    Client.objects.filter(pk=case.client_id).update(identity_encrypted="")
    client = Client.objects.get(pk=case.client_id)
    client.set_identity_number("P1234567", kind="passport")
    client.save()
    browser = HttpClient()
    browser.force_login(home_counsellor)
    response = browser.get(f"/en/staff/cases/clients/{client.pk}/export.json")
    data = json.loads(response.content)
    assert data["client"]["identity_number"] == "P1234567"
    assert [item["id"] for item in data["cases"]] == [case.pk]
    assert AuditEntry.objects.filter(action="export", target_id=str(client.pk)).exists()


def test_the_export_is_also_a_pdf(make_case, home_counsellor) -> None:
    case = make_case()
    browser = HttpClient()
    browser.force_login(home_counsellor)
    response = browser.get(f"/en/staff/cases/clients/{case.client_id}/export.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_purge_removes_people_inactive_past_retention_but_keeps_open_cases(make_case, make_client) -> None:
    old = timezone.now() - dt.timedelta(days=6 * 365)
    closed = make_case(status="closed")
    still_open = make_case(status="in_service")
    recent = make_client()
    Client.objects.filter(pk__in=[closed.client_id, still_open.client_id]).update(last_activity_at=old)
    Message.objects.create(client_id=closed.client_id, channel="sms", recipient="010", language="vi", body="x",
                           produced_by="phrasebook")
    call_command("purge_expired", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Client.objects.values_list("pk", flat=True)) == {still_open.client_id, recent.pk}
    assert not Case.objects.filter(pk=closed.pk).exists()
    assert not Message.objects.exists()
    assert AuditEntry.objects.filter(action="purge", target_type="cases.client").exists()


def test_purge_dry_run_removes_nothing(make_case) -> None:
    closed = make_case(status="closed")
    Client.objects.filter(pk=closed.client_id).update(last_activity_at=timezone.now() - dt.timedelta(days=3000))
    call_command("purge_expired", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Client.objects.filter(pk=closed.client_id).exists()


def test_task_reminders_are_emailed_once_in_the_staff_members_language(make_case, home_counsellor) -> None:
    from ondol.cases.services.reminders import send_task_reminders

    home_counsellor.email, home_counsellor.preferred_language = "c@example.org", "en"
    home_counsellor.save()
    case = make_case()
    case.tasks.create(title="Call the landlord", due_on=dt.date(2026, 3, 10), remind_on=dt.date(2026, 3, 9),
                      assigned_to=home_counsellor)
    assert send_task_reminders(today=dt.date(2026, 3, 8)) == 0
    assert send_task_reminders(today=dt.date(2026, 3, 9)) == 1
    assert send_task_reminders(today=dt.date(2026, 3, 10)) == 0
    assert mail.outbox[-1].subject == "Reminder: Call the landlord"
