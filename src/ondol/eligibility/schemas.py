"""The API's request and response shapes. Requests are strict: an unknown field is an error."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from .engine.inputs import CRISIS_EVENTS

Role = Literal["applicant", "spouse", "child", "parent", "other"]
Crisis = Literal[CRISIS_EVENTS]  # type: ignore[valid-type]
STATUS_REGEX = r"^[A-Ha-h]-\d{1,2}(-\d{1,2}[A-Za-z]?)?$"


class Strict(BaseModel):
    # Plain pydantic (not ninja.Schema): the request is JSON, so Ninja's attribute-reading
    # validator would only add time.
    model_config = ConfigDict(extra="forbid")


class MemberIn(Strict):
    id: str = Field(min_length=1, max_length=40)
    role: Role
    birth_date: date | None = None
    korean_national: StrictBool | None = None
    residence_status: str | None = Field(None, pattern=STATUS_REGEX, examples=["F-6", "E-9", "F-2-4"])
    entry_date: date | None = None
    registered: StrictBool | None = None
    married_to_korean: StrictBool | None = None
    divorced_or_widowed_from_korean: StrictBool | None = None
    pregnant: StrictBool | None = None
    recognized_refugee: StrictBool | None = None
    employed: StrictBool | None = None
    residence_months: StrictInt | None = Field(None, ge=0, le=1200)
    moved_in_on: date | None = None
    student: StrictBool | None = None
    disability: StrictBool | None = None
    insured: StrictBool | None = None
    crisis_event: Crisis | None = None
    details_changed_on: date | None = Field(None, description="When the name, nationality or passport changed.")
    card_lost_on: date | None = Field(None, description="When the registration card was lost or damaged.")
    permanent_card_expires_on: date | None = Field(None, description="Expiry date printed on the F-5 card.")


class HouseholdIn(Strict):
    size: StrictInt | None = Field(None, ge=1, le=30)
    monthly_income_krw: StrictInt | None = Field(None, ge=0, le=10_000_000_000)
    assets_krw: StrictInt | None = Field(None, ge=0, le=1_000_000_000_000)
    region_dong_code: str | None = Field(None, pattern=r"^\d{10}$")
    members: list[MemberIn] = Field(min_length=1, max_length=30)


class ScreenIn(Strict):
    as_of: date | None = Field(None, description="The day to screen for; today when left out.")
    household: HouseholdIn
    lang: str | None = Field(None, max_length=12, description="Language of the texts, e.g. vi; else the request's.")


# Responses are plain pydantic models: Ninja's Schema adds an attribute-reading validator that we
# do not need for dicts, and that costs several milliseconds on a screening's hundred reasons.
class ReasonOut(BaseModel):
    code: str
    text: str
    legal_basis: str
    member_id: str | None


class DocumentOut(BaseModel):
    code: str
    text: str


class ParameterOut(BaseModel):
    name: str
    key: str | None
    value: str | list[str]
    effective_from: date
    effective_until: date | None
    source: str
    confidence: str
    legal_basis: str


class ProgramOut(BaseModel):
    program: str
    kind: str
    title: str
    status: str
    status_label: str
    reasons: list[ReasonOut]
    missing_inputs: list[str]
    documents: list[DocumentOut]
    amount_krw: int | None
    parameters: list[ParameterOut]
    confidence: str
    confidence_label: str
    legal_basis: str
    beneficiaries: list[str]


class DeadlineOut(BaseModel):
    obligation: str
    title: str
    member_id: str
    start: date
    legal_due: date
    safe_due: date
    overdue: bool
    explanation: list[ReasonOut]
    penalty: ReasonOut
    confidence: str


class ScreenOut(BaseModel):
    as_of: date
    rules_version: str
    lang: str
    programs: list[ProgramOut]
    deadlines: list[DeadlineOut]


class ProgramInfoOut(BaseModel):
    program: str
    kind: str
    title: str
    summary: str
    legal_basis: str
    confidence: str
    parameters: list[str]


class RegistryRunIn(Strict):
    agency_id: StrictInt | None = Field(None, description="Only this agency's clients (one of yours).")
    as_of: date | None = Field(None, description="Screening date (default: today).")


class RegistryProgramOut(BaseModel):
    program: str
    title: str


class RegistryClientOut(BaseModel):
    client_id: int
    display_name: str
    eligible_since: date | None
    programs: list[RegistryProgramOut]


class RegistryAgencyOut(BaseModel):
    agency_id: int
    agency_name: str
    clients: list[RegistryClientOut]


class RegistryListOut(BaseModel):
    agencies: list[RegistryAgencyOut]


class RegistryRunOut(RegistryListOut):
    as_of: date
    rules_version: str
    screened: int
    newly_eligible: int
