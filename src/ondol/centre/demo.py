"""Demo data of the centre at the Daejeon integrated support centre: a week of appointments, a queue in
progress, rooms and bookings, a clinic evening and a small multicultural library. Safe to run twice."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from ondol.centre.models import (
    Appointment,
    AppointmentStatus,
    AvailabilityRule,
    ClinicDoctor,
    ClinicSession,
    ClinicStaff,
    ClinicVisit,
    LibraryItem,
    Loan,
    Provider,
    ProviderKind,
    ProviderSource,
    QueueCategory,
    Room,
    RoomBooking,
    Ticket,
    TicketStatus,
)
from ondol.centre.models.clinic import VisitKind, VisitStatus
from ondol.centre.services.library import due_date, open_weekdays, save_item
from ondol.centre.services.rooms import do_book_room
from ondol.centre.services.slots import free_slots
from ondol.core.models import Agency, AgencyKind

CENTRE_NAME = "대전광역시 외국인주민통합지원센터"
WEEKDAYS = [0, 1, 2, 3, 4]

# (name, kind, source, languages, weekly windows)
_PROVIDERS = [
    ("김지원 상담사", ProviderKind.COUNSELLOR, ProviderSource.INTERNAL, ["ko", "en"], WEEKDAYS, [("09:00", "12:00"), ("13:00", "18:00")]),
    ("응우옌 티 하 상담사", ProviderKind.COUNSELLOR, ProviderSource.INTERNAL, ["ko", "vi"], [0, 1, 2, 3], [("10:00", "12:00"), ("13:00", "17:00")]),
    ("왕리 상담사", ProviderKind.COUNSELLOR, ProviderSource.INTERNAL, ["ko", "zh-hans"], [1, 3, 5], [("10:00", "15:00")]),
    ("라마 네팔어 통역사", ProviderKind.INTERPRETER, ProviderSource.PARTNER_AGENCY, ["ne", "hi"], [0, 2, 4], [("13:00", "17:00")]),
    ("톨리포바 우즈베크어 통역사", ProviderKind.INTERPRETER, ProviderSource.INTERNAL, ["uz", "ru"], [1, 3], [("09:00", "12:00")]),
    ("전화 통역 (다누리 1577-1366)", ProviderKind.INTERPRETER, ProviderSource.PHONE_LINE,
     ["vi", "zh-hans", "tl", "ja", "mn", "ru", "th", "km", "uz", "lo", "ne", "id", "en"], [], []),
]
_NAMES = {"vi": ["Nguyễn Thị Lan", "Trần Văn Minh"], "zh-hans": ["王芳", "李伟"], "ne": ["Sita Gurung", "Ram Thapa"],
          "uz": ["Dilnoza Karimova"], "en": ["Maria Santos"], "tl": ["Jose Reyes"], "th": ["Somchai Sukjai"],
          "ru": ["Olga Kim"], "ko": ["박민수"]}
_TOPICS = ["stay-extension", "foreigner-registration", "health-insurance", "labor-rights", "kiip",
           "residence-change-report", "child-allowance", "lease-check", "korean-classes"]
_ROOMS = [("상담실 1", 4, ["whiteboard"]), ("상담실 2", 4, ["video_call"]), ("다목적 강의실", 40, ["projector", "microphone", "whiteboard"]),
          ("요리 교실", 16, ["kitchen"]), ("디지털 존", 10, ["computers", "projector"])]
_BOOKS = [
    ("Truyện Kiều", "Nguyễn Du", "vi"), ("Dế Mèn phiêu lưu ký", "Tô Hoài", "vi"), ("Tiếng Hàn cho người Việt", "", "vi"),
    ("小王子", "圣埃克苏佩里", "zh-hans"), ("活着", "余华", "zh-hans"), ("韩语入门", "", "zh-hans"),
    ("मुना मदन", "लक्ष्मीप्रसाद देवकोटा", "ne"), ("सिरिषको फूल", "पारिजात", "ne"),
    ("Noli Me Tángere", "José Rizal", "tl"), ("ข้างหลังภาพ", "ศรีบูรพา", "th"), ("Мастер и Маргарита", "Михаил Булгаков", "ru"),
    ("O'tkan kunlar", "Abdulla Qodiriy", "uz"), ("The Little Prince", "Antoine de Saint-Exupéry", "en"),
    ("Korean Grammar in Use", "", "en"), ("구름빵", "백희나", "ko"), ("알사탕", "백희나", "ko"),
]


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.fromisoformat(hhmm)))


def _providers(centre: Agency) -> None:
    partner = Agency.objects.filter(kind=AgencyKind.HUMAN_RIGHTS_CENTRE).first()
    for name, kind, source, languages, days, windows in _PROVIDERS:
        provider, created = Provider.objects.get_or_create(
            agency=centre, display_name=name,
            defaults={"kind": kind, "source": source, "languages": [code for code in languages if code != "hi"],
                      "partner_agency": partner if source == ProviderSource.PARTNER_AGENCY else None})
        if created:
            AvailabilityRule.objects.bulk_create(
                AvailabilityRule(provider=provider, weekday=day, starts=dt.time.fromisoformat(start),
                                 ends=dt.time.fromisoformat(end)) for day in days for start, end in windows)


def _appointments(centre: Agency, monday: dt.date, rng: random.Random) -> int:
    if Appointment.objects.filter(agency=centre, starts_at__gte=_at(monday, "00:00")).exists():
        return 0
    long_ago = _at(monday, "00:00") - dt.timedelta(days=30)
    now, made = timezone.now(), 0
    for offset in range(6):
        day = monday + dt.timedelta(days=offset)
        for language in rng.sample(list(_NAMES), k=4):
            slots = free_slots(agency_id=centre.pk, language=language, start_day=day, now=long_ago)
            if not slots:
                continue
            slot = rng.choice(slots)
            interpreter = Provider.objects.get(pk=slot.interpreter_id) if slot.interpreter_id else None
            status = AppointmentStatus.BOOKED
            if slot.starts_at < now:
                status = AppointmentStatus.NO_SHOW if rng.random() < 0.2 else AppointmentStatus.ATTENDED
            Appointment.objects.create(
                agency=centre, topic=rng.choice(_TOPICS), language=language, starts_at=slot.starts_at,
                ends_at=slot.ends_at, counsellor_id=slot.counsellor_id, interpreter=interpreter,
                interpretation=slot.interpretation, interpreter_exclusive=bool(interpreter and not interpreter.is_shared_line),
                name=rng.choice(_NAMES[language]), phone=f"010-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                status=status)
            made += 1
    return made


def _queue(centre: Agency, rng: random.Random) -> int:
    today = timezone.localdate()
    if Ticket.objects.filter(agency=centre, day=today).exists():
        return 0
    start = _at(today, "09:00")
    languages = ["vi", "zh-hans", "ne", "uz", "en", "th", "ko", "tl"]
    categories = [QueueCategory.GENERAL, QueueCategory.STAY, QueueCategory.STAY, QueueCategory.LABOUR,
                  QueueCategory.DOCUMENTS]
    numbers: dict[str, int] = {}
    for index in range(16):
        category = rng.choice(categories)
        numbers[category] = numbers.get(category, 0) + 1
        issued = start + dt.timedelta(minutes=6 * index)
        ticket = Ticket(agency=centre, category=category, day=today, number=numbers[category],
                        language=rng.choice(languages), issued_at=issued)
        if index < 9:  # served and finished, with realistic service times for the estimate
            ticket.status, ticket.counter = TicketStatus.DONE, str(1 + index % 2)
            ticket.called_at = ticket.served_at = issued + dt.timedelta(minutes=4)
            ticket.done_at = ticket.served_at + dt.timedelta(minutes=rng.randint(5, 14))
        elif index < 11:
            ticket.status, ticket.counter, ticket.called_at = TicketStatus.CALLED, str(index - 8), issued + dt.timedelta(minutes=3)
        ticket.save()
    return 16


def _rooms(centre: Agency, monday: dt.date) -> int:
    from ondol.accounts.models import User

    rooms = [Room.objects.get_or_create(agency=centre, name=name, defaults={"capacity": capacity, "equipment": kit})[0]
             for name, capacity, kit in _ROOMS]
    manager = User.objects.filter(username="manager").first()
    partner = User.objects.filter(username="family.centre").first()
    if manager is None or RoomBooking.objects.filter(room__agency=centre, starts_at__gte=_at(monday, "00:00")).exists():
        return 0
    plan = [(manager, rooms[2], 0, "10:00", "12:00", "한국어 교실 (초급)", 25), (manager, rooms[3], 2, "14:00", "16:00", "한식 요리 교실", 12),
            (manager, rooms[4], 3, "10:00", "11:30", "스마트폰으로 민원 신청하기", 8), (manager, rooms[2], 5, "10:00", "13:00", "외국인 노동자 권리 설명회", 35)]
    if partner is not None:
        plan.append((partner, rooms[2], 4, "15:00", "17:00", "다문화가족 부모 모임", 20))
    for actor, room, offset, start, end, title, people in plan:
        day = monday + dt.timedelta(days=offset)
        do_book_room(actor, room=room, starts_at=_at(day, start), ends_at=_at(day, end), title=title, attendees=people)
    return len(plan)


def _clinic(centre: Agency, monday: dt.date) -> int:
    from ondol.accounts.models import User

    doctors = [ClinicDoctor.objects.get_or_create(name=name, defaults={"specialty": field, "languages": langs})[0]
               for name, field, langs in [("이현우 (내과)", "내과", ["ko", "en"]), ("Trần Bảo (가정의학과)", "가정의학과", ["ko", "vi"]),
                                          ("최수진 (소아청소년과)", "소아청소년과", ["ko", "zh-hans"])]]
    manager = User.objects.filter(username="manager").first()
    if manager is not None:
        ClinicStaff.objects.get_or_create(agency=centre, user=manager)
    # Where the clinic refers patients.
    Agency.objects.update_or_create(
        name="대전광역시 동구보건소",
        defaults={"kind": AgencyKind.PUBLIC_HEALTH_CENTRE, "name_en": "Dong-gu Public Health Center, Daejeon", "address": "대전광역시 동구 동구청로 147",
                  "phone": "042-251-6100", "languages": ["ko", "en"],
                  "opening_hours": [{"days": [0, 1, 2, 3, 4], "opens": "09:00", "closes": "18:00"}]})
    wednesday = monday + dt.timedelta(days=2)
    session, created = ClinicSession.objects.get_or_create(
        agency=centre, date=wednesday, defaults={"starts": dt.time(19), "ends": dt.time(21), "place": "상담실 1", "capacity": 8})
    if not created:
        return 0
    session.doctors.set(doctors)
    for name, language, kind in [("Sita Gurung", "ne", VisitKind.APPOINTMENT), ("Nguyễn Văn Hùng", "vi", VisitKind.APPOINTMENT),
                                 ("王芳", "zh-hans", VisitKind.APPOINTMENT), ("Bakhrom Tursunov", "uz", VisitKind.WALK_IN)]:
        ClinicVisit.objects.create(session=session, kind=kind, name=name, language=language, status=VisitStatus.WAITING)
    return 4


def _library(centre: Agency) -> int:
    if LibraryItem.objects.filter(agency=centre).exists():
        return 0
    items = [save_item(LibraryItem(agency=centre, title=title, author=author, language=language,
                                   barcode=f"DJ-{index:05d}")) for index, (title, author, language) in enumerate(_BOOKS, 1)]
    today = timezone.localdate()
    for item, reader, language, lent_days_ago in [(items[0], "Nguyễn Thị Lan", "vi", 3), (items[6], "Sita Gurung", "ne", 20),
                                                  (items[3], "王芳", "zh-hans", 12)]:
        lent_on = today - dt.timedelta(days=lent_days_ago)
        Loan.objects.create(item=item, reader_name=reader, reader_language=language, lent_on=lent_on,
                            reader_phone="010-0000-0000", due_on=due_date(lent_on, open_days=open_weekdays(centre.opening_hours)))
    return len(items)


@transaction.atomic
def load_demo(*, seed: int, stdout: Any) -> None:
    centre = Agency.objects.filter(name=CENTRE_NAME, kind=AgencyKind.INTEGRATED_SUPPORT_CENTRE).first()
    if centre is None:
        stdout.write("Centre: the Daejeon integrated support centre is missing; load the foundation demo first.")
        return
    rng = random.Random(seed)
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    _providers(centre)
    appointments = _appointments(centre, monday, rng)
    tickets = _queue(centre, rng)
    bookings = _rooms(centre, monday)
    visits = _clinic(centre, monday)
    books = _library(centre)
    stdout.write(f"Centre: {appointments} appointments, {tickets} queue tickets, {bookings} room bookings, "
                 f"{visits} clinic visits and {books} library items added at {CENTRE_NAME}.")
