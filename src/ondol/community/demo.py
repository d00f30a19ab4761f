"""Demo data of community work: a Korean class, a KIIP class, the kimchi day, a winter campaign with
donations, and a best-practice competition in its public-vote phase. Safe to run twice."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from ondol.community.models import Campaign, Competition, Entry, Program, SubCampaign
from ondol.community.services import competitions, donations, programs
from ondol.core.models import Agency, AgencyKind

SUPPORT_CENTRE = "대전광역시 외국인주민통합지원센터"
DONG_CENTRE = "온천1동 행정복지센터"
CITY = "대전광역시청"


def _agency(name: str, kind: str = AgencyKind.COMMUNITY_CENTRE) -> Agency:
    agency = Agency.objects.filter(name=name).first()
    return agency or Agency.objects.create(name=name, kind=kind, languages=["ko"])


def _at(days: int, hour: int) -> dt.datetime:
    base = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0)
    return base + dt.timedelta(days=days)


def _program(agency: Agency, **fields: Any) -> tuple[Program, bool]:
    existing = Program.objects.filter(agency=agency, title=fields["title"]).first()
    if existing:
        return existing, False
    return programs.do_create_program(None, agency=agency, **fields), True


def _load_programs() -> int:
    support, dong = _agency(SUPPORT_CENTRE, AgencyKind.INTEGRATED_SUPPORT_CENTRE), _agency(DONG_CENTRE)
    korean, new = _program(support, kind="language_class", title="생활 한국어 교실 (초급)", languages=["ko", "vi", "zh-hans"],
                           description="매주 화요일 저녁, 생활에 필요한 한국어를 배웁니다.", translations={
                               "en": {"title": "Everyday Korean (beginners)", "description": "Learn the Korean you need every day, Tuesday evenings."},
                               "vi": {"title": "Lớp tiếng Hàn giao tiếp (sơ cấp)", "description": "Học tiếng Hàn cho cuộc sống hằng ngày, tối thứ Ba hằng tuần."},
                               "zh-hans": {"title": "生活韩语班（初级）", "description": "每周二晚上学习日常生活所需的韩语。"}})
    if new:
        programs.do_schedule_weekly(None, program=korean, first_starts_at=_at(3, 19), duration=dt.timedelta(hours=2),
                                    weeks=8, capacity=20, place="외국인주민통합지원센터 2층 교육장")
    kiip, new = _program(support, kind="kiip", title="사회통합프로그램(KIIP) 2단계", languages=["ko"],
                         eligibility_tags=["kiip_level_2"], description="법무부 사회통합프로그램 2단계 (100시간).",
                         translations={"en": {"title": "KIIP level 2", "description": "Ministry of Justice integration program, level 2 (100 hours)."},
                                       "vi": {"title": "Chương trình hội nhập xã hội (KIIP) cấp 2"},
                                       "zh-hans": {"title": "社会融合项目（KIIP）第2阶段"}})
    if new:
        programs.do_schedule_weekly(None, program=kiip, first_starts_at=_at(5, 10), duration=dt.timedelta(hours=4),
                                    weeks=4, capacity=15, place="외국인주민통합지원센터 3층")
    kimchi, new = _program(dong, kind="event", title="1인 가구 김장 나눔 행사", languages=["ko", "vi", "zh-hans", "en"],
                           eligibility_tags=["single_person_household", "dong_resident"],
                           description="김장 키트를 미리 보내 드리고, 온라인으로 함께 김치를 담급니다. 절반은 이웃에게 기부합니다.",
                           translations={"en": {"title": "Kimchi day for people living alone", "description": "We deliver a kimchi kit in advance and make kimchi together online. Half goes to neighbours."},
                                         "vi": {"title": "Ngày làm kimchi cho hộ một người", "description": "Chúng tôi gửi bộ làm kimchi trước, cùng làm kimchi trực tuyến và tặng một nửa cho hàng xóm."},
                                         "zh-hans": {"title": "独居家庭泡菜分享日", "description": "提前寄送泡菜材料包，线上一起腌泡菜，一半捐给邻居。"}})
    if new:
        programs.do_add_session(None, program=kimchi, starts_at=_at(10, 14), ends_at=_at(10, 16), capacity=3,
                                mode="online", online_url="https://meet.example.org/kimchi")
        from ondol.community.models import Material

        Material.objects.create(program=kimchi, name="김장 키트 (절임배추 5kg, 양념 2kg)")
    return Program.objects.count()


@transaction.atomic
def _load_campaign(rng: random.Random) -> Campaign:
    city = _agency(CITY, AgencyKind.DISTRICT_OFFICE)
    today = timezone.localdate()
    campaign, created = Campaign.objects.get_or_create(slug="winter-2026", defaults={
        "agency": city, "title": "희망 2027 나눔캠페인", "target_amount": 1_360_000_000,
        "starts_on": today - dt.timedelta(days=20), "ends_on": today + dt.timedelta(days=70),
        "registration_ref": "대전광역시 제2026-12호", "plaque_threshold": 1_000_000,
        "description": "저소득 어르신, 장애인, 한부모·다문화 가정을 위한 겨울 나눔", "translations": {
            "en": {"title": "Hope 2027 winter giving campaign"}, "vi": {"title": "Chiến dịch chia sẻ mùa đông Hy vọng 2027"},
            "zh-hans": {"title": "希望2027冬季爱心募捐"}}})
    if not created:
        return campaign
    centres = list(Agency.objects.filter(kind=AgencyKind.COMMUNITY_CENTRE, name__endswith="행정복지센터")
                   .order_by("name")[:15]) or [_agency(DONG_CENTRE)]
    subs = [SubCampaign.objects.create(campaign=campaign, agency=centre, target_amount=campaign.target_amount // 15,
                                       bank_account=f"농협 301-{1000 + i:04d}-{rng.randint(1000, 9999)}-{i:02d} {centre.name}")
            for i, centre in enumerate(centres)]
    names = ["대전상회", "온천식당", "김○○", "박○○", "유성라이온스클럽", "이○○", "최○○"]
    for _ in range(60):
        sub = rng.choice(subs)
        donor = donations.find_or_create_donor(name=rng.choice(names), phone=f"0425{rng.randint(100000, 999999)}")
        gift = donations.do_record_donation(None, campaign=campaign, subcampaign=sub, donor=donor, kind="money",
                                            method=rng.choice(["counter", "bank_transfer"]),
                                            amount=rng.choice([10_000, 30_000, 50_000, 100_000, 500_000, 3_000_000]))
        donations.do_issue_receipt(None, donation=gift)
    donations.do_record_donation(None, campaign=campaign, subcampaign=subs[0], kind="goods", method="in_kind",
                                 item="쌀 10kg", quantity=40, unit="포", estimated_value=1_400_000,
                                 expires_on=today + dt.timedelta(days=300))
    return campaign


@transaction.atomic
def _load_competition() -> Competition:
    now = timezone.now()
    competition, created = Competition.objects.get_or_create(slug="best-practice-2026", defaults={
        "agency": _agency(CITY, AgencyKind.DISTRICT_OFFICE), "title": "외국인 주민 지원 우수사례 공모전",
        "submission_opens": now - dt.timedelta(days=40), "submission_closes": now - dt.timedelta(days=5),
        "voting_opens": now - dt.timedelta(days=2), "voting_closes": now + dt.timedelta(days=5),
        "screening_closes": now + dt.timedelta(days=15), "vote_weight": 30, "jury_weight": 70,
        "translations": {"en": {"title": "Best practices in supporting foreign residents"},
                         "vi": {"title": "Cuộc thi điển hình tốt hỗ trợ cư dân nước ngoài"},
                         "zh-hans": {"title": "外国居民支援优秀案例评选"}}})
    if not created:
        return competition
    for title, summary, votes in [
        ("동네 통역 봉사단", "결혼이민자 12명이 주민센터 민원 통역을 맡아 연 400건을 도왔습니다.", 41),
        ("1인 가구 김장 나눔", "키트를 미리 보내고 온라인으로 함께 담가 절반을 이웃에게 나눴습니다.", 57),
        ("다국어 생활 안내 책자", "쓰레기 분리배출과 병원 이용을 6개 언어로 안내했습니다.", 23),
    ]:
        Entry.objects.create(competition=competition, title=title, summary=summary, submitter_name="대전 자치구",
                             vote_count=votes)
    for name, max_points, weight in [("효과", 10, 3), ("확산 가능성", 10, 2), ("주민 참여", 10, 1)]:
        competitions.do_add_criterion(None, competition=competition, name=name, max_points=max_points, weight=weight)
    from ondol.accounts.models import User

    for username in ("planner", "welfare.centre"):
        user = User.objects.filter(username=username).first()
        if user:
            competitions.do_add_judge(None, competition=competition, user=user)
    return competition


def load_demo(*, seed: int, stdout: Any) -> None:
    rng = random.Random(seed)
    count = _load_programs()
    campaign = _load_campaign(rng)
    competition = _load_competition()
    progress = donations.campaign_progress(campaign)
    stdout.write(f"Community: {count} programs; campaign '{campaign.slug}' with {progress['gifts']} gifts; "
                 f"competition '{competition.slug}' ({competition.entries.count()} entries, public vote open).")
