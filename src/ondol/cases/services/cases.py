"""Consultations, cases and their workflow, plans of services and tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.cases.access import casework_agency_ids, require_case_owner, require_client_owner
from ondol.cases.messaging.translation import machine_translator
from ondol.cases.models import (
    Case,
    CaseSource,
    CaseStatus,
    CaseTransition,
    Channel,
    Client,
    Consultation,
    InterpreterKind,
    PlanItem,
    PlanItemStatus,
    Purpose,
    RiskLevel,
    Task,
)
from ondol.cases.services.clients import touch
from ondol.cases.services.consent import allows
from ondol.cases.services.locking import save_versioned
from ondol.cases.topics import topic_choices
from ondol.cases.workflow import allowed_transitions, can_move
from ondol.core import audit
from ondol.core.errors import ConsentMissing, InvalidInput, PermissionDenied
from ondol.core.languages import normalize_language
from ondol.core.models import Agency

CASE_EDITABLE_FIELDS = ("title", "summary", "risk_level", "counsellor")


def _language(value: str, field: str) -> str:
    language = normalize_language(value)
    if language is None:
        raise InvalidInput(fields={field: _("Choose one of the languages we serve.")})
    return language


@transaction.atomic
def do_record_consultation(
    actor: Any,
    *,
    client: Client,
    channel: str,
    topic: str,
    language: str,
    notes: str = "",
    notes_language: str | None = None,
    occurred_at: dt.datetime | None = None,
    interpreter_kind: str = InterpreterKind.NONE,
    interpreter_name: str = "",
    translation: str = "",
    translation_language: str = "",
    translated_by: str = "",
    machine_translate_to: str = "",
    minutes: int = 0,
    follow_up_on: dt.date | None = None,
    case: Case | None = None,
) -> Consultation:
    """Record one consultation with the notes in the language they were written in. A translation may be
    given by a person (`translated_by`) or produced by the configured machine translator."""
    require_client_owner(actor, client)
    if not allows(client, purpose=Purpose.CONSULTATION):
        raise ConsentMissing(_("%(name)s has not agreed to have consultations recorded.") % {
            "name": client.display_name})
    errors: dict[str, Any] = {}
    if channel not in Channel.values:
        errors["channel"] = _("Choose one of the listed channels.")
    if topic not in {key for key, _label in topic_choices()}:
        errors["topic"] = _("Choose one of the listed topics.")
    if interpreter_kind not in InterpreterKind.values:
        errors["interpreter_kind"] = _("Choose one of the listed kinds of interpreting.")
    if minutes < 0:
        errors["minutes"] = _("The time spent cannot be negative.")
    if errors:
        raise InvalidInput(fields=errors)
    spoken = _language(language, "language")
    written = _language(notes_language or spoken, "notes_language")
    if machine_translate_to and notes:
        target = _language(machine_translate_to, "machine_translate_to")
        translator = machine_translator()
        if translator is None:
            raise InvalidInput(fields={"machine_translate_to": _("No machine translation is set up here.")})
        translation = translator.translate(notes, source=written, target=target)
        translation_language, translated_by = target, f"machine:{translator.name}"
    elif translation and not translated_by:
        translated_by = f"staff:{actor.get_username()}"
    agency_ids = casework_agency_ids(actor)
    agency = client.agency if client.agency_id in agency_ids else Agency.objects.filter(id__in=agency_ids).first()
    if agency is None:
        raise PermissionDenied(_("You can only open cases for your own agency."))
    if case is not None:
        require_case_owner(actor, case)
    consultation = Consultation.objects.create(
        client=client, agency=agency, counsellor=actor, case=case, occurred_at=occurred_at or timezone.now(),
        channel=channel, topic=topic, language=spoken, interpreter_kind=interpreter_kind,
        interpreter_name=interpreter_name.strip(), notes=notes, notes_language=written, translation=translation,
        translation_language=normalize_language(translation_language) or "" if translation else "",
        translated_by=translated_by if translation else "", minutes=minutes, follow_up_on=follow_up_on,
    )
    touch(client)
    audit.record_change(actor, consultation, action="create", detail=f"client={client.pk}")
    return consultation


@transaction.atomic
def do_open_case(
    actor: Any,
    *,
    client: Client,
    title: str,
    source: str,
    source_reference: str = "",
    summary: str = "",
    risk_level: str = RiskLevel.LOW,
    consultation: Consultation | None = None,
    agency: Agency | None = None,
) -> Case:
    """Open a case for a person, from a consultation, a complaint, a discovery worklist or a neighbour report.
    Other apps call this rather than writing cases themselves."""
    agency_ids = casework_agency_ids(actor)
    if agency is None:
        agency = client.agency if client.agency_id in agency_ids else Agency.objects.filter(id__in=agency_ids).first()
    if agency is None or agency.pk not in agency_ids:
        raise PermissionDenied(_("You can only open cases for your own agency."))
    errors: dict[str, Any] = {}
    if not title.strip():
        errors["title"] = _("Give the case a short title.")
    if source not in CaseSource.values:
        errors["source"] = _("Choose where the case comes from.")
    if risk_level not in RiskLevel.values:
        errors["risk_level"] = _("Choose one of the listed risk levels.")
    if errors:
        raise InvalidInput(fields=errors)
    case = Case.objects.create(client=client, agency=agency, counsellor=actor, title=title.strip(), summary=summary,
                               source=source, source_reference=source_reference, risk_level=risk_level)
    CaseTransition.objects.create(case=case, from_status="", to_status=CaseStatus.NEW, by=actor)
    if consultation is not None:
        if consultation.client_id != client.pk:
            raise InvalidInput(fields={"consultation": _("This consultation is about another person.")})
        Consultation.objects.filter(pk=consultation.pk).update(case=case)
    touch(client)
    audit.record_change(actor, case, action="create", detail=f"client={client.pk} source={source}")
    return case


@transaction.atomic
def do_update_case(actor: Any, *, case: Case, expected_version: int, changes: dict[str, Any]) -> Case:
    """Edit title, summary, risk or counsellor from the version the editor saw; refuse if someone saved since."""
    require_case_owner(actor, case)
    unknown = set(changes) - set(CASE_EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(fields={name: _("This field cannot be changed here.") for name in unknown})
    if "title" in changes and not str(changes["title"]).strip():
        raise InvalidInput(fields={"title": _("Give the case a short title.")})
    if "risk_level" in changes and changes["risk_level"] not in RiskLevel.values:
        raise InvalidInput(fields={"risk_level": _("Choose one of the listed risk levels.")})
    saved, diff = save_versioned(actor, case, target_type="case", expected_version=expected_version, changes=changes)
    if diff:
        audit.record_change(actor, saved, action="update", detail=", ".join(sorted(diff)))
    return saved


@transaction.atomic
def do_move_case(actor: Any, *, case: Case, to_status: str, note: str = "") -> Case:
    """Move a case along its workflow, recording who moved it and when."""
    require_case_owner(actor, case)
    current = Case.objects.select_for_update().get(pk=case.pk)
    if not can_move(current.status, to_status):
        raise InvalidInput(
            _("A case that is “%(current)s” cannot move to “%(target)s”.") % {
                "current": CaseStatus(current.status).label, "target": CaseStatus(to_status).label
                if to_status in CaseStatus.values else to_status},
            fields={"to_status": _("Choose one of: %(choices)s.") % {
                "choices": ", ".join(str(CaseStatus(status).label) for status in allowed_transitions(current.status))}},
        )
    if to_status == CaseStatus.CLOSED and not note.strip():
        raise InvalidInput(fields={"note": _("Write why the case is being closed.")})
    CaseTransition.objects.create(case=current, from_status=current.status, to_status=to_status, by=actor, note=note)
    current.status = to_status
    current.closed_at = timezone.now() if to_status == CaseStatus.CLOSED else None
    current.version += 1
    current.save(update_fields=["status", "closed_at", "version", "updated_at"])
    touch(current.client)
    audit.record_change(actor, current, action=f"status_{to_status}")
    return current


@transaction.atomic
def do_add_plan_item(actor: Any, *, case: Case, service: str, provider_agency: Agency | None = None,
                     provider_name: str = "", due_on: dt.date | None = None, note: str = "") -> PlanItem:
    require_case_owner(actor, case)
    if not service.strip():
        raise InvalidInput(fields={"service": _("Name the service.")})
    item = PlanItem.objects.create(case=case, service=service.strip(), provider_agency=provider_agency,
                                   provider_name=provider_name.strip(), due_on=due_on, note=note)
    audit.record_change(actor, case, action="plan_item_added", detail=item.service)
    return item


@transaction.atomic
def do_set_plan_item_status(actor: Any, *, item: PlanItem, status: str) -> PlanItem:
    require_case_owner(actor, item.case)
    if status not in PlanItemStatus.values:
        raise InvalidInput(fields={"status": _("Choose one of the listed states.")})
    item.status = status
    item.save(update_fields=["status"])
    audit.record_change(actor, item.case, action="plan_item_status", detail=f"{item.pk}={status}")
    return item


@transaction.atomic
def do_add_task(actor: Any, *, case: Case, title: str, due_on: dt.date, assigned_to: Any = None,
                remind_on: dt.date | None = None) -> Task:
    require_case_owner(actor, case)
    errors: dict[str, Any] = {}
    if not title.strip():
        errors["title"] = _("Describe the task.")
    if remind_on is not None and remind_on > due_on:
        errors["remind_on"] = _("The reminder must come before the due date.")
    assignee = assigned_to or actor
    if assignee != actor and not (casework_agency_ids(assignee) & {case.agency_id}):
        errors["assigned_to"] = _("Tasks can only be given to staff of the responsible agency.")
    if errors:
        raise InvalidInput(fields=errors)
    task = Task.objects.create(case=case, title=title.strip(), due_on=due_on, remind_on=remind_on, assigned_to=assignee)
    audit.record_change(actor, case, action="task_added", detail=task.title)
    return task


@transaction.atomic
def do_complete_task(actor: Any, *, task: Task) -> Task:
    require_case_owner(actor, task.case)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        audit.record_change(actor, task.case, action="task_done", detail=str(task.pk))
    return task
