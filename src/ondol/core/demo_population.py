"""A synthetic population of foreign residents of Daejeon, reproducible from a seed. No real person.

The mix follows the published 2019 picture: about 34,000 foreign residents; China (including ethnic
Korean Chinese) and Vietnam the largest groups; Yuseong-gu and Dong-gu the largest districts; ages 20–24
the largest age band (students and young workers).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K")

# nationality → (share, preferred language, typical statuses with weights)
NATIONALITIES: dict[str, tuple[float, str, list[tuple[str, int]]]] = {
    "CN": (0.34, "zh-hans", [("F-4", 30), ("D-2", 25), ("H-2", 15), ("F-6", 10), ("F-5", 10), ("E-9", 10)]),
    "VN": (0.22, "vi", [("E-9", 35), ("D-2", 25), ("F-6", 25), ("D-4", 10), ("F-5", 5)]),
    "UZ": (0.07, "uz", [("D-2", 40), ("E-9", 30), ("F-4", 20), ("D-4", 10)]),
    "US": (0.05, "en", [("E-2", 50), ("F-4", 30), ("D-2", 20)]),
    "ID": (0.04, "id", [("E-9", 60), ("D-2", 40)]),
    "PH": (0.04, "tl", [("E-9", 40), ("F-6", 40), ("E-2", 20)]),
    "NP": (0.04, "ne", [("E-9", 70), ("D-2", 30)]),
    "MN": (0.04, "mn", [("D-2", 50), ("E-9", 30), ("F-6", 20)]),
    "KH": (0.03, "km", [("E-9", 60), ("F-6", 40)]),
    "TH": (0.03, "th", [("E-9", 50), ("F-6", 30), ("G-1", 20)]),
    "RU": (0.03, "ru", [("F-4", 40), ("D-2", 40), ("E-7", 20)]),
    "JP": (0.03, "ja", [("F-6", 50), ("D-2", 30), ("F-5", 20)]),
    "LA": (0.01, "lo", [("E-9", 60), ("F-6", 40)]),
    "LK": (0.03, "en", [("E-9", 80), ("D-2", 20)]),
}

# district (sigungu code) → share of foreign residents
DISTRICTS = {"30200": 0.40, "30110": 0.18, "30230": 0.15, "30170": 0.15, "30140": 0.12}

# age band start → weight; 20–24 is the largest band.
AGE_BANDS = {0: 5, 5: 3, 10: 3, 15: 3, 20: 22, 25: 16, 30: 13, 35: 10, 40: 8, 45: 6, 50: 5, 55: 3, 60: 2, 65: 1}

_NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    # family names, given names (female), given names (male) in the native script
    "CN": (["王", "李", "张", "刘", "陈", "杨", "赵", "黄"], ["丽", "芳", "静", "敏", "燕"], ["伟", "强", "磊", "军", "洋"]),
    "VN": (["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"], ["Thị Lan", "Thị Hoa", "Ngọc Anh", "Thu Trang", "Thị Mai"],
           ["Văn Minh", "Đức Anh", "Văn Hùng", "Quốc Huy", "Minh Tuấn"]),
    "UZ": (["Karimov", "Rakhimov", "Tursunov", "Yusupov"], ["Dilnoza", "Madina", "Gulnora"], ["Jasur", "Bekzod", "Sardor"]),
    "US": (["Smith", "Johnson", "Brown", "Miller"], ["Emily", "Sarah", "Jessica"], ["Michael", "David", "James"]),
    "ID": (["Putri", "Saputra", "Wijaya", "Santoso"], ["Siti", "Dewi", "Ayu"], ["Agus", "Budi", "Rizki"]),
    "PH": (["Santos", "Reyes", "Cruz", "Bautista"], ["Maria", "Joy", "Angelica"], ["Jose", "Mark", "John"]),
    "NP": (["थापा", "श्रेष्ठ", "गुरुङ", "तामाङ"], ["सीता", "गीता", "माया"], ["राम", "हरि", "सुनिल"]),
    "MN": (["Батбаяр", "Ганбаатар", "Отгонбаяр"], ["Сарангэрэл", "Оюунчимэг", "Номин"], ["Бат-Эрдэнэ", "Тэмүүлэн", "Ганзориг"]),
    "KH": (["សុខ", "ចាន់", "ហេង"], ["ស្រីពៅ", "សុភា", "ចន្ធូ"], ["វិចិត្រ", "សុផល", "ដារ៉ា"]),
    "TH": (["สมบัติ", "ศรีสุข", "วงศ์ใหญ่"], ["สมหญิง", "มาลี", "นภา"], ["สมชาย", "ประยุทธ", "วิชัย"]),
    "RU": (["Иванов", "Ким", "Смирнов", "Пак"], ["Анна", "Ольга", "Елена"], ["Сергей", "Алексей", "Дмитрий"]),
    "JP": (["佐藤", "鈴木", "高橋", "田中"], ["由美", "恵子", "陽子"], ["翔太", "大輔", "健"]),
    "LA": (["ພົມມະວົງ", "ສີສຸວັນ", "ແກ້ວມະນີ"], ["ນ້ອຍ", "ຄຳ", "ແສງ"], ["ສົມພອນ", "ບຸນມີ", "ທອງ"]),
    "LK": (["Perera", "Fernando", "Silva"], ["Nimali", "Chathuri", "Dilani"], ["Kasun", "Nuwan", "Ruwan"]),
}
# Family name first in these nationalities' own order.
_FAMILY_FIRST = {"CN", "VN", "JP", "KH", "MN"}


@dataclass(frozen=True)
class SyntheticResident:
    number: int
    nationality: str
    language: str
    residence_status: str
    sigungu_code: str
    birth_date: dt.date
    sex: str
    native_name: str
    family_name: str
    given_name: str


def _weighted(rng: random.Random, weights: Mapping[K, float] | list[tuple[K, int]]) -> K:
    items = list(weights.items()) if isinstance(weights, Mapping) else list(weights)
    return rng.choices([key for key, _ in items], weights=[weight for _, weight in items], k=1)[0]


def generate_population(*, size: int = 34_000, seed: int = 2019, today: dt.date | None = None) -> list[SyntheticResident]:
    """`size` made-up residents whose mix follows Daejeon's published picture; same seed, same people."""
    rng = random.Random(seed)
    today = today or dt.date(2026, 11, 1)
    shares = {code: share for code, (share, _lang, _statuses) in NATIONALITIES.items()}
    people = []
    for number in range(1, size + 1):
        nationality = _weighted(rng, shares)
        _share, language, statuses = NATIONALITIES[nationality]
        band = _weighted(rng, AGE_BANDS)
        age = band + rng.randint(0, 4)
        birth = today.replace(year=today.year - age) - dt.timedelta(days=rng.randint(0, 364))
        sex = rng.choice(["F", "M"])
        families, female, male = _NAMES[nationality]
        family = rng.choice(families)
        given = rng.choice(female if sex == "F" else male)
        native = f"{family} {given}" if nationality in _FAMILY_FIRST else f"{given} {family}"
        if nationality in {"CN", "JP"}:
            native = family + given
        status = "F-6" if age < 18 else _weighted(rng, statuses)
        if age < 18 and nationality in {"CN", "VN", "PH", "JP"}:
            status = "F-1"
        people.append(
            SyntheticResident(
                number=number,
                nationality=nationality,
                language=language,
                residence_status=status,
                sigungu_code=_weighted(rng, DISTRICTS),
                birth_date=birth,
                sex=sex,
                native_name=native,
                family_name=family,
                given_name=given,
            )
        )
    return people
