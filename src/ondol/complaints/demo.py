"""Demo complaints in several languages, filed and worked through the services (so tracking numbers, replies,
messages and service levels are real). Idempotent: demo complaints carry the device id "ondol-demo"."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from ondol.accounts.models import User
from ondol.complaints.models import Category, Complaint
from ondol.complaints.services import do_change_complaint_status, do_file_complaint, do_reply_to_complaint
from ondol.core.models import Agency

DEMO_DEVICE = "ondol-demo"
INTEGRATED = "대전광역시 외국인주민통합지원센터"
RIGHTS = "대전 외국인 인권·노동상담센터"

SAMPLES: list[tuple[str, str, str]] = [
    ("vi", "streets", "Đèn đường trước chợ Yuseong bị hỏng đã một tuần, buổi tối rất tối."),
    ("vi", "waste", "Rác ở góc đường không được thu gom ba ngày nay."),
    ("vi", "workplace", "Công ty chưa trả lương hai tháng cho chúng tôi."),
    ("zh-hans", "noise", "楼上每天夜里两点以后还很吵。"),
    ("zh-hans", "public-service", "居民中心没有中文说明，我不知道该填哪张表。"),
    ("zh-hans", "housing", "房东不修漏水的屋顶，墙上都发霉了。"),
    ("uz", "interpretation", "Kasalxonada tarjimon kerak, koreys tilini yaxshi bilmayman."),
    ("ru", "information", "Как продлить регистрацию по месту жительства?"),
    ("th", "discrimination", "ร้านค้าไม่ยอมให้ฉันเข้าเพราะฉันเป็นคนต่างชาติ"),
    ("ne", "workplace", "मेरो कारखानामा सुरक्षा उपकरण छैन।"),
    ("tl", "waste", "Hindi ko alam kung paano paghiwalayin ang basura dito."),
    ("id", "streets", "Trotoar di depan asrama rusak dan berbahaya."),
    ("mn", "housing", "Байрны халаалт ажиллахгүй байна."),
    ("ja", "information", "子どもの予防接種の受け方を教えてください。"),
    ("km", "public-service", "ខ្ញុំមិនយល់ពីលិខិតដែលបានផ្ញើមក។"),
    ("lo", "noise", "ມີສຽງດັງຈາກສະຖານທີ່ກໍ່ສ້າງຕອນກາງຄືນ."),
    ("en", "interpretation", "I need an interpreter for the tax office next week."),
    ("ko", "other", "외국인 주민을 위한 한국어 교실 시간을 늘려 주세요."),
]


def load_demo(*, seed: int, stdout: Any) -> None:
    if Complaint.objects.filter(device_id=DEMO_DEVICE).exists():
        stdout.write("Complaints: demo complaints already loaded.")
        return
    centre = Agency.objects.filter(name=INTEGRATED).first()
    handler = User.objects.filter(username="counsellor").first()
    if centre is None or handler is None:
        stdout.write("Complaints: the foundation's demo agencies are missing; run the foundation demo first.")
        return
    Category.objects.filter(agency__isnull=True).update(agency=centre)
    rights = Agency.objects.filter(name=RIGHTS).first()
    rng = random.Random(seed)
    now = timezone.now()
    filed: list[Complaint] = []
    with transaction.atomic():
        for round_number in range(3):
            for language, category, text in SAMPLES:
                anonymous = rng.random() < 0.3
                complaint = do_file_complaint(
                    None, category_code=category, description=text, language=language, is_anonymous=anonymous,
                    name="" if anonymous else f"Demo resident {round_number}-{len(filed)}",
                    phone="" if anonymous else f"010-0000-{len(filed):04d}", wants_updates=not anonymous,
                    lat=36.35 + rng.uniform(-0.03, 0.03), lon=127.38 + rng.uniform(-0.05, 0.05),
                    device_id=DEMO_DEVICE,
                )
                filed.append(complaint)
        # Spread the filing dates over the last weeks so the queue shows every service level.
        for complaint in filed:
            age = dt.timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 9))
            Complaint.objects.filter(pk=complaint.pk).update(submitted_at=now - age, due_at=complaint.due_at - age)
        for complaint in rng.sample(filed, k=len(filed) // 2):
            complaint.refresh_from_db()
            step = rng.random()
            if step < 0.4:
                do_change_complaint_status(handler, complaint=complaint, to_status="investigating",
                                           expected_version=complaint.version)
            elif step < 0.55 and rights is not None and complaint.category.code in {"workplace", "discrimination"}:
                do_change_complaint_status(handler, complaint=complaint, to_status="referred",
                                           expected_version=complaint.version, referred_to=rights)
            elif step < 0.8:
                do_change_complaint_status(handler, complaint=complaint, to_status="resolved",
                                           expected_version=complaint.version)
            else:
                do_reply_to_complaint(handler, complaint=complaint, phrase_key="need_more_information")
    stdout.write(f"Complaints: {len(filed)} in {len({item[0] for item in SAMPLES})} languages.")
