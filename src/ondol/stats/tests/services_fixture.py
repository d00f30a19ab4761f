"""A month of service records in Yuseong-gu and Dong-gu, small enough to count by hand.

Built straight through the other apps' models (read-only for statistics), so the figures do not depend
on those apps' services. Timestamps that the models set automatically are moved with `update()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ondol.core.models import Agency, Region
from ondol.core.tests.factories import AgencyFactory

OCT = dt.date(2026, 10, 1)


def at(day: int, month: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, month, day, 10, 0))


@dataclass
class World:
    family: Agency
    rights: Agency
    welfare: Agency


def build_world() -> World:
    from ondol.cases.models import Case, Client, Consultation, Referral

    family, rights, welfare = (AgencyFactory(name=name) for name in ("Family centre", "Rights centre", "Welfare"))
    yuseong_dong = Region.objects.get(code="3020052000")
    dong_gu_dong = Region.objects.get(code="3011051500")
    vn = [Client.objects.create(agency=family, name_latin=f"VN {n}", nationality="VN", sex="F",
                                preferred_language="vi", dong=yuseong_dong) for n in range(8)]
    cn = [Client.objects.create(agency=family, name_latin=f"CN {n}", nationality="CN", sex="M",
                                preferred_language="zh-hans", dong=dong_gu_dong) for n in range(6)]

    def consult(client: Any, topic: str, language: str, channel: str, interpreter: str, when: dt.datetime) -> None:
        Consultation.objects.create(client=client, agency=family, occurred_at=when, channel=channel, topic=topic,
                                    language=language, notes_language=language, interpreter_kind=interpreter)

    # October: visa 8 (VN, visit, staff interpreter), labour 6 (CN, phone, none), legal 2 + medical 3 (VN, visit).
    for client in vn:
        consult(client, "visa", "vi", "visit", "staff", at(3))
    for client in cn:
        consult(client, "labour", "zh-hans", "phone", "none", at(5))
    for client in vn[:2]:
        consult(client, "legal", "vi", "visit", "staff", at(7))
    for client in vn[2:5]:
        consult(client, "medical", "vi", "visit", "volunteer", at(9))
    consult(vn[0], "visa", "vi", "visit", "staff", at(20, month=8))  # before the months asked for

    # Cases opened in October: 6 in assessment, 5 in service, 2 closed.
    cases = []
    for index, client in enumerate([*vn, *cn[:5]]):
        status = "assessment" if index < 6 else "in_service" if index < 11 else "closed"
        cases.append(Case.objects.create(client=client, agency=family, title=f"Case {index}", source="consultation",
                                         status=status))
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(opened_at=at(2))
    Case.objects.filter(status="closed").update(closed_at=at(20))

    # Referrals family → rights: 3 completed, 2 accepted past their deadline, 3 pending past their deadline;
    # family → welfare: 2 (too few to list).
    past = dt.date(2026, 10, 10)
    specs = [("completed", rights)] * 3 + [("accepted", rights)] * 2 + [("pending", rights)] * 3 + [
        ("pending", welfare)] * 2
    referrals = [Referral.objects.create(case=cases[index], from_agency=family, to_agency=to, status=status,
                                         respond_by=past, complete_by=past if status == "accepted" else None)
                 for index, (status, to) in enumerate(specs)]
    Referral.objects.filter(pk__in=[referral.pk for referral in referrals]).update(created_at=at(4))
    return World(family=family, rights=rights, welfare=welfare)


def build_complaints(agency: Agency) -> None:
    """Noise complaints in October: 5 answered on time, 2 late, 3 open past the deadline."""
    from ondol.complaints.models import Category, Complaint

    noise = Category.objects.get(code="noise")
    outcomes = ["on_time"] * 5 + ["late"] * 2 + ["open"] * 3
    for number, outcome in enumerate(outcomes):
        closed = {"on_time": at(6), "late": at(20), "open": None}[outcome]
        complaint = Complaint.objects.create(
            tracking_number=f"2026-T{number:05d}", category=noise, description="Loud at night.", language="vi",
            agency=agency, due_at=at(12), closed_at=closed, status="resolved" if closed else "new")
        Complaint.objects.filter(pk=complaint.pk).update(submitted_at=at(2))


def build_community(agency: Agency) -> None:
    """A campaign that raised 150,000 won in two gifts; a Korean class session with 6 places, 5 attended."""
    from ondol.community.models import Campaign, Donation, Program, Registration, Session

    campaign = Campaign.objects.create(agency=agency, slug="winter", title="Winter coats", target_amount=1_000_000,
                                       starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2026, 12, 31))
    for amount in (100_000, 50_000):
        Donation.objects.create(campaign=campaign, kind="money", method="counter", amount=amount, received_at=at(8))
    program = Program.objects.create(agency=agency, kind="language_class", title="Korean for beginners")
    session = Session.objects.create(program=program, starts_at=at(15), ends_at=at(15) + dt.timedelta(hours=2),
                                     capacity=10, seats_taken=6)
    for number in range(6):
        Registration.objects.create(session=session, name=f"P{number}", contact_key=f"k{number}",
                                    status="confirmed", attended=number < 5)
