"""Demo data of the foundation: Daejeon's districts and dongs, its agencies and staff accounts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from ondol.core.hours import WEEKDAYS_9_TO_6
from ondol.core.models import Agency, AgencyKind, Region, RegionLevel
from ondol.core.romanize import romanize_hangul

DAEJEON_SIDO = "30"
DEMO_PASSWORD = "ondol-demo-2026"  # noqa: S105 — printed for the demo on purpose; refused in production

_ALL_LANGUAGES = ["ko", "en", "vi", "zh-hans", "th", "ru", "uz", "mn", "ne", "tl", "id", "ja", "km", "lo"]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    agency: str
    note: str


DEMO_ACCOUNTS = [
    DemoAccount("admin", "admin", "대전광역시청", "Administrator: back office, audit log"),
    DemoAccount("manager", "centre_manager", "대전광역시 외국인주민통합지원센터", "Centre manager, integrated support centre"),
    DemoAccount("counsellor", "counsellor", "대전광역시 외국인주민통합지원센터", "Counsellor, integrated support centre"),
    DemoAccount("dong.official", "counsellor", "온천1동 행정복지센터", "Dong official, Oncheon 1-dong community centre"),
    DemoAccount("dong.manager", "centre_manager", "온천1동 행정복지센터", "Dong centre manager"),
    DemoAccount("planner", "district_planner", "유성구청", "District planner, Yuseong-gu (aggregates only)"),
    DemoAccount("family.centre", "partner_staff", "대전광역시 가족센터(다문화가족지원센터)", "Partner: multicultural family centre"),
    DemoAccount("rights.centre", "partner_staff", "대전 외국인 인권·노동상담센터", "Partner: human-rights and labour counselling"),
    DemoAccount("welfare.centre", "partner_staff", "대전 유성종합사회복지관", "Partner: welfare centre"),
]

_PARTNERS = [
    ("대전광역시 외국인주민통합지원센터", "Daejeon Integrated Support Center for Foreign Residents",
     AgencyKind.INTEGRATED_SUPPORT_CENTRE, "대전광역시 동구 중앙로 215 (정동) 2·3층", "042-252-1700", _ALL_LANGUAGES),
    ("대전광역시 가족센터(다문화가족지원센터)", "Daejeon Family Center (Multicultural Family Support)",
     AgencyKind.MULTICULTURAL_FAMILY_CENTRE, "대전광역시 유성구", "1577-1366", ["ko", "vi", "zh-hans", "tl", "km", "ja"]),
    ("대전 외국인 인권·노동상담센터", "Daejeon Human Rights and Labour Counselling Centre for Foreigners",
     AgencyKind.HUMAN_RIGHTS_CENTRE, "대전광역시 중구", "042-000-0000", ["ko", "en", "vi", "ne", "uz", "id"]),
    ("대전 유성종합사회복지관", "Yuseong Community Welfare Centre", AgencyKind.WELFARE_CENTRE, "대전광역시 유성구",
     "042-000-0001", ["ko", "en"]),
    ("유성구 지역사회보장협의체", "Yuseong-gu Community Security Council", AgencyKind.COMMUNITY_SECURITY_COUNCIL,
     "대전광역시 유성구", "042-611-2114", ["ko"]),
    ("대전출입국·외국인사무소", "Daejeon Immigration Office", AgencyKind.ENFORCEMENT, "대전광역시 중구 목동로 39",
     "1345", ["ko", "en"]),
]


def _community_centre_name(dong: Region) -> str:
    return f"{dong.name} 행정복지센터"


@transaction.atomic
def load_agencies() -> dict[str, Agency]:
    """One community centre per Daejeon dong, the five district offices, the city and its partners."""
    agencies: dict[str, Agency] = {}
    city_region = Region.objects.get(code=DAEJEON_SIDO)
    city, _ = Agency.objects.update_or_create(
        name="대전광역시청", kind=AgencyKind.DISTRICT_OFFICE,
        defaults={"name_en": "Daejeon Metropolitan City Hall", "phone": "042-120", "address": "대전광역시 서구 둔산로 100",
                  "languages": ["ko", "en"], "opening_hours": WEEKDAYS_9_TO_6},
    )
    city.regions.set([city_region])
    agencies[city.name] = city
    for district in Region.objects.filter(level=RegionLevel.SIGUNGU, code__startswith=DAEJEON_SIDO):
        office, _ = Agency.objects.update_or_create(
            name=f"{district.name}청", kind=AgencyKind.DISTRICT_OFFICE,
            defaults={"name_en": f"{romanize_hangul(district.name).title()} Office", "languages": ["ko", "en"],
                      "address": f"대전광역시 {district.name}", "opening_hours": WEEKDAYS_9_TO_6},
        )
        office.regions.set([district])
        agencies[office.name] = office
    for dong in Region.objects.filter(level=RegionLevel.DONG, code__startswith=DAEJEON_SIDO):
        centre, _ = Agency.objects.update_or_create(
            name=_community_centre_name(dong), kind=AgencyKind.COMMUNITY_CENTRE,
            defaults={"name_en": f"{romanize_hangul(dong.name).title()} Community Centre",
                      "address": f"대전광역시 {dong.sigungu_name} {dong.name}", "phone": "042-120",
                      "languages": ["ko"], "opening_hours": WEEKDAYS_9_TO_6},
        )
        centre.regions.set([dong])
        agencies[centre.name] = centre
    daejeon_dongs = list(Region.objects.filter(level=RegionLevel.DONG, code__startswith=DAEJEON_SIDO))
    for name, name_en, kind, address, phone, languages in _PARTNERS:
        partner, _ = Agency.objects.update_or_create(
            name=name, kind=kind,
            defaults={"name_en": name_en, "address": address, "phone": phone, "languages": languages,
                      "opening_hours": [*WEEKDAYS_9_TO_6, {"days": [5], "opens": "10:00", "closes": "15:00"}]},
        )
        partner.regions.set(daejeon_dongs)
        agencies[partner.name] = partner
    return agencies


def load_staff(agencies: dict[str, Agency]) -> list[DemoAccount]:
    """Demo staff accounts, one per role, all with the printed demo password."""
    from ondol.accounts.services import do_create_staff_user

    for account in DEMO_ACCOUNTS:
        user = do_create_staff_user(None, username=account.username, password=DEMO_PASSWORD,
                                    agency=agencies[account.agency], role=account.role)
        if account.role == "admin" and not user.is_superuser:
            user.is_staff = True
            user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    return DEMO_ACCOUNTS
