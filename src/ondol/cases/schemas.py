"""Input schemas of the cases JSON API. Outputs are the dicts of `disclosure.py`, which differ by what the
reader may see, so they are typed as objects in the OpenAPI document."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ClientIn(Schema):
    name_latin: str = ""
    name_hangul: str = ""
    name_native: str = ""
    birth_date: dt.date | None = None
    sex: str = ""
    nationality: str = ""
    residence_status: str = ""
    residence_expiry: dt.date | None = None
    preferred_language: str = "ko"
    needs_interpreter: bool = False
    phone: str = ""
    email: str = ""
    messenger: str = ""
    address: str = ""
    identity_number: str = ""
    identity_kind: str = "arc"
    duplicates_checked: bool = False


class ClientPatch(Schema):
    version: int
    name_latin: str | None = None
    name_hangul: str | None = None
    name_native: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    nationality: str | None = None
    residence_status: str | None = None
    residence_expiry: dt.date | None = None
    preferred_language: str | None = None
    needs_interpreter: bool | None = None
    phone: str | None = None
    email: str | None = None
    messenger: str | None = None
    address: str | None = None
    identity_number: str | None = None


class MergeIn(Schema):
    duplicate_id: int


class ConsentIn(Schema):
    purpose: str
    language: str
    recipient_agency_id: int | None = None
    recipient_kind: str = ""
    expires_at: dt.datetime | None = None


class OverrideIn(Schema):
    purpose: str = "referral"
    recipient_agency_id: int
    reason: str


class ConsultationIn(Schema):
    channel: str
    topic: str
    language: str
    notes: str = ""
    notes_language: str | None = None
    occurred_at: dt.datetime | None = None
    interpreter_kind: str = "none"
    interpreter_name: str = ""
    translation: str = ""
    translation_language: str = ""
    minutes: int = 0
    follow_up_on: dt.date | None = None
    case_id: int | None = None


class MessageIn(Schema):
    phrase_key: str = ""
    text: str = ""
    text_language: str = "ko"
    channel: str | None = None
    values: dict[str, str] = {}


class CaseIn(Schema):
    client_id: int
    title: str
    source: str = "consultation"
    source_reference: str = ""
    summary: str = ""
    risk_level: str = "low"
    consultation_id: int | None = None


class CasePatch(Schema):
    version: int
    title: str | None = None
    summary: str | None = None
    risk_level: str | None = None
    counsellor_id: int | None = None


class TransitionIn(Schema):
    to_status: str
    note: str = ""


class PlanItemIn(Schema):
    service: str
    provider_agency_id: int | None = None
    provider_name: str = ""
    due_on: dt.date | None = None
    note: str = ""


class TaskIn(Schema):
    title: str
    due_on: dt.date
    remind_on: dt.date | None = None
    assigned_to_id: int | None = None


class ReferralIn(Schema):
    to_agency_id: int
    sections: list[str]
    note: str
    transfer: bool = False
    complete_by: dt.date | None = None


class NoteIn(Schema):
    note: str = ""


class ReasonIn(Schema):
    reason: str


class OutcomeIn(Schema):
    outcome: str
    note: str = ""
