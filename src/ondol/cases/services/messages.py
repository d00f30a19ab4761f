"""Composing a message in the resident's language and sending it through a channel, recording what produced it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.cases.access import require_client_owner
from ondol.cases.messaging import channels
from ondol.cases.messaging.phrasebook import nearest, phrasebook
from ondol.cases.messaging.translation import machine_translator
from ondol.cases.models import Client, Message, MessageChannel, MessageStatus, ProducedBy, Purpose
from ondol.cases.services.consent import allows
from ondol.core import audit
from ondol.core.errors import ConsentMissing, InvalidInput
from ondol.core.languages import normalize_language

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Composed:
    """A text ready to send and the record of how it was made."""

    body: str
    language: str
    produced_by: str
    phrase_key: str = ""
    match_score: float | None = None
    translator: str = ""
    source_text: str = ""
    source_language: str = ""


def compose_from_phrase(key: str, *, language: str, values: dict[str, Any] | None = None) -> Composed:
    phrase = phrasebook().get(key)
    if phrase is None:
        raise InvalidInput(fields={"phrase_key": _("Choose one of the listed replies.")})
    target = normalize_language(language, default="ko") or "ko"
    try:
        body = phrase.render(target, values)
    except KeyError as error:
        raise InvalidInput(fields={"phrase_key": _("This reply needs details that are missing.")}) from error
    return Composed(body=body, language=target, produced_by=ProducedBy.PHRASEBOOK, phrase_key=key)


def compose_from_text(text: str, *, source_language: str, language: str, values: dict[str, Any] | None = None,
                      use: str | None = None, written_in_resident_language: bool = False) -> Composed:
    """Turn staff free text into something the resident can read.

    Text already written in the resident's language is sent as is. Otherwise the nearest vetted phrase is
    used when it is close enough; then the machine translator, if one is configured; otherwise staff are
    asked to choose a phrase, because an untranslated message helps nobody.
    """
    target = normalize_language(language, default="ko") or "ko"
    source = normalize_language(source_language, default="ko") or "ko"
    if not text.strip():
        raise InvalidInput(fields={"text": _("Write the message.")})
    if written_in_resident_language or source == target:
        return Composed(body=text.strip(), language=target, produced_by=ProducedBy.STAFF,
                        source_text=text.strip(), source_language=source)
    # nearest() applies its method's own threshold; the staff member's language helps the RapidFuzz fallback.
    match = nearest(text, use=use, language=source)
    if match is not None:
        try:
            body = match.phrase.render(target, values)
        except KeyError:
            body = ""
        if body:
            return Composed(body=body, language=target, produced_by=ProducedBy.PHRASEBOOK_MATCH,
                            phrase_key=match.phrase.key, match_score=match.score, translator=match.method,
                            source_text=text.strip(), source_language=source)
    translator = machine_translator()
    if translator is not None:
        return Composed(body=translator.translate(text.strip(), source=source, target=target), language=target,
                        produced_by=ProducedBy.MACHINE_TRANSLATION, translator=translator.name,
                        source_text=text.strip(), source_language=source)
    raise InvalidInput(
        _("No vetted reply says this, and no machine translation is set up. Choose a reply from the phrasebook."),
        fields={"text": _("Choose a reply from the phrasebook instead.")},
    )


def _queue(actor: Any, *, channel: str, recipient: str, composed: Composed, client: Client | None,
           subject_reference: str) -> Message:
    message = Message.objects.create(
        client=client, subject_reference=subject_reference, channel=channel, recipient=recipient,
        language=composed.language, body=composed.body, produced_by=composed.produced_by,
        phrase_key=composed.phrase_key, match_score=composed.match_score, translator=composed.translator,
        source_text=composed.source_text, source_language=composed.source_language, created_by=actor,
    )
    message_id = message.pk
    transaction.on_commit(lambda: deliver(message_id))
    return message


def deliver(message_id: int) -> Message:
    """Send one queued message; failures are recorded on the message, never raised at the resident."""
    message = Message.objects.get(pk=message_id)
    if message.status != MessageStatus.QUEUED:
        return message
    try:
        if message.channel == MessageChannel.EMAIL:
            channels.send_email(to=message.recipient, subject=_("A message from Ondol"), body=message.body)
        else:
            channels.sms_backend().send(channel=message.channel, to=message.recipient, body=message.body)
    except Exception as error:  # any backend failure (SMTP, gateway) is stored for staff to retry
        logger.warning("Message %s could not be sent: %s", message.pk, error)
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED, error=str(error)[:500])
    else:
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENT, sent_at=timezone.now())
    message.refresh_from_db()
    return message


def preferred_channel(client: Client) -> tuple[str, str] | None:
    if client.email:
        return MessageChannel.EMAIL, client.email
    if client.phone:
        return MessageChannel.SMS, client.phone
    if client.messenger:
        return MessageChannel.MESSENGER, client.messenger
    return None


@transaction.atomic
def do_message_client(actor: Any, *, client: Client, composed: Composed, channel: str | None = None,
                      subject_reference: str = "") -> Message:
    """Send a message to a client who agreed to receive messages, by their preferred or the given channel."""
    require_client_owner(actor, client)
    if not allows(client, purpose=Purpose.MESSAGES):
        raise ConsentMissing(_("%(name)s has not agreed to receive messages.") % {"name": client.display_name})
    route = preferred_channel(client)
    if channel is not None:
        addresses: dict[str, str] = {MessageChannel.EMAIL: client.email, MessageChannel.SMS: client.phone,
                                     MessageChannel.MESSENGER: client.messenger}
        address = addresses.get(channel, "")
        route = (channel, address) if address else None
    if route is None:
        raise InvalidInput(fields={"channel": _("There is no contact for this channel in the person's record.")})
    message = _queue(actor, channel=route[0], recipient=route[1], composed=composed, client=client,
                     subject_reference=subject_reference)
    audit.record_change(actor, message, action="message_sent", detail=f"client={client.pk} {composed.produced_by}")
    return message


@transaction.atomic
def do_message_address(actor: Any, *, channel: str, recipient: str, composed: Composed,
                       subject_reference: str) -> Message:
    """Send to an address a resident gave for updates on one matter (e.g. a complaint), without a client record."""
    if channel not in MessageChannel.values or not recipient:
        raise InvalidInput(fields={"channel": _("There is no contact for this channel.")})
    message = _queue(actor, channel=channel, recipient=recipient, composed=composed, client=None,
                     subject_reference=subject_reference)
    audit.record_change(actor, message, action="message_sent", detail=f"{subject_reference} {composed.produced_by}")
    return message
