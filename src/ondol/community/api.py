"""JSON API under /api/v1/community: the same services as the pages, public and staff endpoints."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from ondol.api import staff_auth
from ondol.community import access
from ondol.community.models import Campaign, Competition, Program, Registration, Session
from ondol.community.models.competitions import EntryStatus, Phase
from ondol.community.services import competitions, donations, programs
from ondol.core import audit
from ondol.core.languages import normalize_language

router = Router(tags=["community"])


class SessionOut(Schema):
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    mode: str
    place: str
    capacity: int
    places_left: int


class ProgramOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    agency: str
    languages: list[str]
    eligibility_tags: list[str]
    sessions: list[SessionOut]


class SignupIn(Schema):
    name: str
    contact: str
    language: str = "ko"
    declared_tags: list[str] = []


class CodeIn(Schema):
    code: str


class RegistrationOut(Schema):
    token: str
    status: str
    waitlist_position: int | None = None


def _registration_out(registration: Registration) -> RegistrationOut:
    return RegistrationOut(token=registration.token, status=registration.status,
                           waitlist_position=programs.waitlist_position(registration))


@router.get("/programs", response=list[ProgramOut])
def list_programs(request: HttpRequest, lang: str = "ko") -> list[ProgramOut]:
    """Published programs with their upcoming sessions, in the asked language where translated."""
    lang = normalize_language(lang, default="ko") or "ko"
    result = []
    for program in Program.objects.filter(is_published=True).select_related("agency"):
        sessions = program.sessions.filter(starts_at__gt=timezone.now(), is_cancelled=False)
        result.append(ProgramOut(
            id=program.pk, kind=program.kind, title=program.localized("title", lang),
            description=program.localized("description", lang), agency=program.agency.name,
            languages=program.languages, eligibility_tags=program.eligibility_tags,
            sessions=[SessionOut(id=s.pk, starts_at=s.starts_at, ends_at=s.ends_at, mode=s.mode, place=s.place,
                                 capacity=s.capacity, places_left=s.places_left) for s in sessions]))
    return result


@router.post("/sessions/{session_id}/signups", response={201: RegistrationOut})
def sign_up(request: HttpRequest, session_id: int, payload: SignupIn) -> Status[RegistrationOut]:
    session = get_object_or_404(Session.objects.select_related("program"), pk=session_id)
    registration = programs.do_request_signup(session=session, name=payload.name, contact=payload.contact,
                                              language=payload.language, declared_tags=payload.declared_tags)
    return Status(201, _registration_out(registration))


@router.post("/signups/{token}/confirm", response=RegistrationOut)
def confirm_sign_up(request: HttpRequest, token: str, payload: CodeIn) -> RegistrationOut:
    registration = get_object_or_404(Registration, token=token)
    return _registration_out(programs.do_confirm_signup(registration=registration, code=payload.code))


@router.get("/signups/{token}", response=RegistrationOut)
def get_sign_up(request: HttpRequest, token: str) -> RegistrationOut:
    return _registration_out(get_object_or_404(Registration, token=token))


@router.post("/signups/{token}/cancel", response=RegistrationOut)
def cancel_sign_up(request: HttpRequest, token: str) -> RegistrationOut:
    registration = get_object_or_404(Registration, token=token)
    return _registration_out(programs.do_cancel_registration(None, registration=registration))


class CentreProgressOut(Schema):
    centre: str
    raised: int
    target: int


class ProgressOut(Schema):
    title: str
    target: int
    raised: int
    goods_value: int
    gifts: int
    centres: list[CentreProgressOut]


@router.get("/campaigns/{slug}/progress", response=ProgressOut)
def campaign_progress(request: HttpRequest, slug: str) -> ProgressOut:
    """Aggregates only: no donor is ever named here."""
    campaign = get_object_or_404(Campaign, slug=slug, is_public=True)
    progress = donations.campaign_progress(campaign)
    return ProgressOut(title=campaign.title, target=campaign.target_amount, raised=progress["raised"],
                       goods_value=progress["goods_value"], gifts=progress["gifts"],
                       centres=[CentreProgressOut(centre=row["subcampaign"].agency.name, raised=row["raised"],
                                                  target=row["target"]) for row in progress["centres"]])


class EntryOut(Schema):
    id: int
    title: str
    summary: str
    votes: int | None = None
    combined_score: float | None = None


class CompetitionOut(Schema):
    title: str
    phase: str
    entries: list[EntryOut]


@router.get("/competitions/{slug}", response=CompetitionOut)
def competition_detail(request: HttpRequest, slug: str) -> CompetitionOut:
    """Vote counts and scores are shown only once the results are published."""
    competition = get_object_or_404(Competition, slug=slug)
    phase = competition.phase_at(timezone.now())
    if phase == Phase.RESULTS:
        entries = [EntryOut(id=r.entry.pk, title=r.entry.title, summary=r.entry.summary, votes=r.votes,
                            combined_score=r.combined) for r in competitions.results(competition)]
    else:
        entries = [EntryOut(id=e.pk, title=e.title, summary=e.summary)
                   for e in competition.entries.filter(status=EntryStatus.SUBMITTED)]
    return CompetitionOut(title=competition.title, phase=phase, entries=entries)


class VoteIn(Schema):
    entry: int
    contact: str
    language: str = "ko"


class VoteStartedOut(Schema):
    token: str


class VoteCountedOut(Schema):
    counted: bool


@router.post("/competitions/{slug}/votes", response={201: VoteStartedOut})
def start_vote(request: HttpRequest, slug: str, payload: VoteIn) -> Status[VoteStartedOut]:
    competition = get_object_or_404(Competition, slug=slug)
    token = competitions.do_request_vote(competition=competition, entry_id=payload.entry, contact=payload.contact,
                                         language=payload.language)
    return Status(201, VoteStartedOut(token=token))


@router.post("/competitions/{slug}/votes/{token}", response=VoteCountedOut)
def cast_vote(request: HttpRequest, slug: str, token: str, payload: CodeIn) -> VoteCountedOut:
    competition = get_object_or_404(Competition, slug=slug)
    competitions.do_cast_vote(competition=competition, token=token, code=payload.code)
    return VoteCountedOut(counted=True)


class StaffRegistrationOut(Schema):
    id: int
    name: str
    status: str
    client_ref: str
    attended: bool | None


class OnBehalfIn(Schema):
    client_ref: str
    name: str
    phone: str = ""
    language: str = "ko"
    declared_tags: list[str] = []


class AttendanceIn(Schema):
    attended: bool


def _staff_out(registration: Registration) -> StaffRegistrationOut:
    return StaffRegistrationOut(id=registration.pk, name=registration.name, status=registration.status,
                                client_ref=registration.client_ref, attended=registration.attended)


@router.get("/staff/sessions/{session_id}/registrations", response=list[StaffRegistrationOut], auth=staff_auth)
def staff_registrations(request: HttpRequest, session_id: int) -> list[StaffRegistrationOut]:
    session = access.access_session(request.user, session_id)
    audit.record_view(request.user, session, request=request, detail="registrations")
    return [_staff_out(r) for r in session.registrations.exclude(status="unconfirmed")]


@router.post("/staff/sessions/{session_id}/registrations", response={201: StaffRegistrationOut}, auth=staff_auth)
def staff_sign_up(request: HttpRequest, session_id: int, payload: OnBehalfIn) -> Status[StaffRegistrationOut]:
    session = access.access_session(request.user, session_id)
    registration = programs.do_sign_up_client(request.user, session=session, client_ref=payload.client_ref,
                                              name=payload.name, phone=payload.phone, language=payload.language,
                                              declared_tags=payload.declared_tags)
    return Status(201, _staff_out(registration))


@router.post("/staff/registrations/{registration_id}/attendance", response=StaffRegistrationOut, auth=staff_auth)
def staff_attendance(request: HttpRequest, registration_id: int, payload: AttendanceIn) -> StaffRegistrationOut:
    registration = access.access_registration(request.user, registration_id, request=request)
    return _staff_out(programs.do_mark_attendance(request.user, registration=registration, attended=payload.attended))


class BalanceOut(Schema):
    commodity: str
    received: int
    allocated: int
    held: int


@router.get("/staff/campaigns/{campaign_id}/ledger", response=list[BalanceOut], auth=staff_auth)
def staff_ledger(request: HttpRequest, campaign_id: int) -> list[BalanceOut]:
    campaign = access.access_campaign(request.user, campaign_id)
    return [BalanceOut(commodity=commodity, **row) for commodity, row in donations.balances(campaign).items()]
