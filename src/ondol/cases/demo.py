"""Demo data of the cases app: 2,000 synthetic residents registered as clients, with consents, consultations,
cases in every state, tasks (some overdue) and referrals between the demo agencies.

Rows are bulk-inserted for speed, so the demo does not write one audit entry per made-up record; everything
a person does afterwards in the demo goes through the services as usual. Idempotent: a second run finds the
first demo client's identity number and stops.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from anyascii import anyascii
from django.db import transaction
from django.utils import timezone

from ondol.accounts.models import User
from ondol.cases import crypto
from ondol.cases.models import (
    Case,
    CaseStatus,
    CaseTransition,
    Client,
    Consent,
    Consultation,
    PlanItem,
    Referral,
    ReferralStatus,
    Task,
)
from ondol.cases.names import HANGUL_NAME_PARTS, index_text
from ondol.cases.topics import COUNSELLING_AREAS, GUIDE_TOPIC_KEYS
from ondol.core.demo_population import SyntheticResident, generate_population
from ondol.core.models import Agency, AgencyKind, Region, RegionLevel

CLIENTS = 2000
CASES = 320
INTEGRATED = "대전광역시 외국인주민통합지원센터"
FAMILY = "대전광역시 가족센터(다문화가족지원센터)"
RIGHTS = "대전 외국인 인권·노동상담센터"
WELFARE = "대전 유성종합사회복지관"
# Latin name part → its Hangul spelling, for the names Korean staff would have typed.
_LATIN_TO_HANGUL = {latin: hangul for hangul, spellings in HANGUL_NAME_PARTS.items() for latin in spellings[:1]}


def _demo_number(number: int) -> str:
    return f"DEMO{number:07d}"


def _hangul(latin: str) -> str:
    parts = [_LATIN_TO_HANGUL.get(part.lower()) for part in latin.split()]
    return " ".join(parts) if parts and all(parts) else ""  # type: ignore[arg-type]


def _client(person: SyntheticResident, *, agency: Agency, dong: Region | None, rng: random.Random,
            now: dt.datetime) -> Client:
    latin = anyascii(person.native_name).upper()
    if person.nationality in {"CN", "JP"}:
        latin = f"{anyascii(person.family_name)} {anyascii(person.given_name)}".upper()
    client = Client(
        agency=agency, name_latin=latin, name_native=person.native_name if person.native_name.upper() != latin else "",
        name_hangul=_hangul(latin) if rng.random() < 0.6 else "", birth_date=person.birth_date, sex=person.sex,
        nationality=person.nationality, residence_status=person.residence_status,
        residence_expiry=dt.date(2026, 11, 1) + dt.timedelta(days=rng.randint(-60, 900)),
        preferred_language=person.language, needs_interpreter=rng.random() < 0.45,
        phone=f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}",
        address=f"대전광역시 {dong.sigungu_name} {dong.name}" if dong else "", dong=dong,
        last_activity_at=now - dt.timedelta(days=rng.randint(0, 700)),
    )
    client.set_identity_number(_demo_number(person.number), kind="arc")
    client.name_index = index_text(*client.all_names)
    return client


def load_demo(*, seed: int, stdout: Any) -> None:
    if Client.objects.filter(identity_hash=crypto.keyed_hash(_demo_number(1))).exists():
        stdout.write("Cases: demo clients already loaded.")
        return
    agencies = {agency.name: agency for agency in Agency.objects.filter(name__in=[INTEGRATED, FAMILY, RIGHTS, WELFARE])}
    if len(agencies) < 4:
        stdout.write("Cases: the foundation's demo agencies are missing; run the foundation demo first.")
        return
    with transaction.atomic():
        _load(seed=seed, agencies=agencies, stdout=stdout)


def _load(*, seed: int, agencies: dict[str, Agency], stdout: Any) -> None:
    rng = random.Random(seed)
    now = timezone.now()
    dongs_by_district: dict[str, list[Region]] = {}
    for region in Region.objects.filter(level=RegionLevel.DONG, code__startswith="30"):
        dongs_by_district.setdefault(region.code[:5], []).append(region)
    centres = {centre.regions.first().pk: centre for centre in  # type: ignore[union-attr]
               Agency.objects.filter(kind=AgencyKind.COMMUNITY_CENTRE, regions__code__startswith="30").distinct()}
    people = generate_population(size=CLIENTS, seed=seed)
    clients: list[Client] = []
    for person in people:
        dong: Region | None = rng.choice(dongs_by_district.get(person.sigungu_code) or [None])
        draw = rng.random()
        agency = (agencies[INTEGRATED] if draw < 0.6 else agencies[FAMILY] if draw < 0.8
                  else centres.get(dong.pk, agencies[INTEGRATED]) if dong else agencies[INTEGRATED])
        clients.append(_client(person, agency=agency, dong=dong, rng=rng, now=now))
    Client.objects.bulk_create(clients, batch_size=500)
    clients = list(Client.objects.filter(identity_hash__in=[c.identity_hash for c in clients]).order_by("pk"))
    consents = []
    for client in clients:
        consents.append(Consent(client=client, purpose="consultation", form_version="2026-01",
                                language=client.preferred_language, given_at=client.last_activity_at))
        if rng.random() < 0.7:
            consents.append(Consent(client=client, purpose="referral", form_version="2026-01",
                                    language=client.preferred_language, given_at=client.last_activity_at))
        if rng.random() < 0.5:
            consents.append(Consent(client=client, purpose="messages", form_version="2026-01",
                                    language=client.preferred_language, given_at=client.last_activity_at))
    Consent.objects.bulk_create(consents, batch_size=1000)
    staff = {user.username: user for user in User.objects.filter(username__in=[
        "counsellor", "manager", "dong.official", "family.centre", "rights.centre", "welfare.centre"])}
    consultations = _consultations(clients, rng=rng, staff=staff, now=now)
    cases = _cases(clients, rng=rng, staff=staff, now=now)
    referrals = _referrals(cases, rng=rng, agencies=agencies, staff=staff, now=now)
    stdout.write(f"Cases: {len(clients)} clients, {len(consultations)} consultations, {len(cases)} cases, "
                 f"{referrals} referrals.")


_NOTES = {
    "vi": "Chị ấy hỏi về việc gia hạn visa và tiền đặt cọc nhà.",
    "zh-hans": "他询问了外国人登录证的补发和医疗保险。",
    "uz": "U ish haqi to'lanmagani haqida so'radi.",
    "ko": "체류기간 연장과 건강보험 문의. 다음 주 재상담 예정.",
    "en": "Asked about the lease deposit and Korean classes for the children.",
}


def _consultations(clients: list[Client], *, rng: random.Random, staff: dict[str, User],
                   now: dt.datetime) -> list[Consultation]:
    topics = [key for key, _label in COUNSELLING_AREAS] + GUIDE_TOPIC_KEYS
    rows = []
    for client in rng.sample(clients, k=min(1500, len(clients))):
        language = client.preferred_language
        notes_language = language if language in _NOTES and rng.random() < 0.5 else "ko"
        rows.append(Consultation(
            client=client, agency=client.agency, counsellor=staff.get("counsellor"),
            occurred_at=now - dt.timedelta(days=rng.randint(0, 365), hours=rng.randint(0, 8)),
            channel=rng.choice(["visit", "visit", "phone", "messenger", "outreach"]), topic=rng.choice(topics),
            language=language, interpreter_kind="volunteer" if client.needs_interpreter else "none",
            notes=_NOTES[notes_language], notes_language=notes_language,
            translation=_NOTES["ko"] if notes_language != "ko" and rng.random() < 0.5 else "",
            translation_language="ko", translated_by="staff:counsellor", minutes=rng.choice([15, 30, 45, 60]),
            follow_up_on=(now + dt.timedelta(days=rng.randint(-20, 30))).date() if rng.random() < 0.2 else None,
        ))
    Consultation.objects.bulk_create(rows, batch_size=1000)
    return rows


_TITLES = ["Unpaid wages", "Deposit not returned", "Visa extension", "Health insurance arrears", "Child allowance",
           "Domestic violence: safety planning", "Korean classes for the family", "Emergency welfare"]
_FLOW = [CaseStatus.NEW, CaseStatus.ASSESSMENT, CaseStatus.PLAN, CaseStatus.IN_SERVICE, CaseStatus.CLOSED]


def _cases(clients: list[Client], *, rng: random.Random, staff: dict[str, User], now: dt.datetime) -> list[Case]:
    chosen = rng.sample(clients, k=min(CASES, len(clients)))
    cases = []
    for client in chosen:
        status = rng.choices(_FLOW, weights=[15, 20, 15, 30, 20])[0]
        counsellor = staff.get("counsellor") if client.agency.name == INTEGRATED else (
            staff.get("family.centre") if client.agency.name == FAMILY else staff.get("dong.official"))
        cases.append(Case(client=client, agency=client.agency, counsellor=counsellor, title=rng.choice(_TITLES),
                          status=status, source=rng.choice(["consultation", "consultation", "discovery",
                                                            "neighbour_report", "complaint"]),
                          risk_level=rng.choices(["low", "medium", "high", "critical"], weights=[40, 35, 20, 5])[0],
                          closed_at=now - dt.timedelta(days=rng.randint(1, 60)) if status == CaseStatus.CLOSED
                          else None))
    Case.objects.bulk_create(cases)
    cases = list(Case.objects.filter(client__in=chosen).select_related("client", "agency"))
    transitions, tasks, plan = [], [], []
    for case in cases:
        steps = _FLOW[: _FLOW.index(CaseStatus(case.status)) + 1]
        for before, after in zip(["", *steps], steps, strict=False):
            transitions.append(CaseTransition(case=case, from_status=before, to_status=after, by=case.counsellor,
                                              note="Demo: resolved." if after == CaseStatus.CLOSED else ""))
        if case.status in (CaseStatus.PLAN, CaseStatus.IN_SERVICE):
            plan.append(PlanItem(case=case, service="Korean classes (KIIP)", provider_name="Daejeon KIIP centre",
                                 due_on=(now + dt.timedelta(days=rng.randint(-10, 40))).date()))
            tasks.append(Task(case=case, title="Call the person back", assigned_to=case.counsellor,
                              due_on=(now + dt.timedelta(days=rng.randint(-7, 14))).date()))
    CaseTransition.objects.bulk_create(transitions, batch_size=1000)
    PlanItem.objects.bulk_create(plan)
    Task.objects.bulk_create(tasks)
    return cases


def _referrals(cases: list[Case], *, rng: random.Random, agencies: dict[str, Agency], staff: dict[str, User],
               now: dt.datetime) -> int:
    receivers = [(agencies[FAMILY], staff.get("family.centre")), (agencies[RIGHTS], staff.get("rights.centre")),
                 (agencies[WELFARE], staff.get("welfare.centre"))]
    consenting = set(Consent.objects.filter(purpose="referral", client__in=[case.client for case in cases])
                     .values_list("client_id", flat=True))
    rows = []
    for case in cases:
        if case.client_id not in consenting or case.status == CaseStatus.NEW or rng.random() > 0.45:
            continue
        to_agency, receiver = rng.choice([pair for pair in receivers if pair[0].pk != case.agency_id])
        status = rng.choices([ReferralStatus.PENDING, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED,
                              ReferralStatus.COMPLETED], weights=[30, 30, 10, 30])[0]
        sent = now - dt.timedelta(days=rng.randint(0, 40))
        referral = Referral(case=case, from_agency=case.agency, to_agency=to_agency, status=status,
                            note="Please support this person; details in the shared sections.",
                            respond_by=(sent + dt.timedelta(days=5)).date(), created_by=case.counsellor,
                            responded_by=receiver if status != ReferralStatus.PENDING else None,
                            responded_at=sent + dt.timedelta(days=2) if status != ReferralStatus.PENDING else None,
                            response_note="We have no speaker of the language this month."
                            if status == ReferralStatus.DECLINED else "",
                            outcome="delivered" if status == ReferralStatus.COMPLETED else "",
                            completed_at=sent + dt.timedelta(days=10) if status == ReferralStatus.COMPLETED else None)
        referral.sections = ["identity", "contact", "plan", "risk"]
        rows.append(referral)
    Referral.objects.bulk_create(rows)
    return len(rows)
