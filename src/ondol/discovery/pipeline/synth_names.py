"""Name and address material for the synthetic feed: what registers and agencies really write.

Weights are rough shares (Korean family names from the 2015 census; foreign nationalities from
the share of registered foreign residents). Every foreign name has the Latin spelling of the
alien registration card and the spelling agencies may use instead (accents, Han characters,
Cyrillic), so the linker meets the scripts it meets in real feeds.
"""

from __future__ import annotations

from ondol.core.romanize import romanize_hangul

KOREAN_FAMILY = [  # Hangul, passport spelling, weight (per mille)
    ("김", "KIM", 215), ("이", "LEE", 147), ("박", "PARK", 84), ("최", "CHOI", 47), ("정", "JUNG", 44),
    ("강", "KANG", 24), ("조", "CHO", 21), ("윤", "YOON", 21), ("장", "JANG", 20), ("임", "LIM", 17),
    ("한", "HAN", 15), ("오", "OH", 15), ("서", "SEO", 15), ("신", "SHIN", 14), ("권", "KWON", 14),
    ("황", "HWANG", 14), ("안", "AHN", 13), ("송", "SONG", 13), ("류", "RYU", 12), ("전", "JEON", 11),
    ("홍", "HONG", 11), ("고", "KO", 9), ("문", "MOON", 9), ("양", "YANG", 9), ("손", "SON", 9),
    ("배", "BAE", 8), ("백", "BAEK", 8), ("허", "HEO", 6), ("남", "NAM", 5), ("남궁", "NAMGOONG", 2),
]

KOREAN_GIVEN_SYLLABLES = list(
    "민서지현준영수정은혜진우성연하윤도희경재동승철상미선주태호예유원석기훈숙자순옥길용광명보나아채소규한"
)

# nationality: (weight among foreign households, [(family Latin, family native)], [(given Latin, given native)])
FOREIGN_NAMES: dict[str, tuple[int, list[tuple[str, str]], list[tuple[str, str]]]] = {
    "CN": (36, [("WANG", "王"), ("LI", "李"), ("ZHANG", "张"), ("LIU", "刘"), ("CHEN", "陈"), ("YANG", "杨"),
                ("ZHAO", "赵"), ("HUANG", "黄"), ("ZHOU", "周"), ("WU", "吴"), ("JIN", "金"), ("PIAO", "朴")],
           [("WEI", "伟"), ("FANG", "芳"), ("JING", "静"), ("MIN", "敏"), ("QIANG", "强"), ("LEI", "磊"),
            ("YAN", "燕"), ("JUN", "军"), ("YONG", "勇"), ("XIA", "霞"), ("HUA", "华"), ("MEI", "梅"),
            ("XIUYING", "秀英"), ("GUIYING", "桂英"), ("HAO", "浩")]),
    "VN": (20, [("NGUYEN", "Nguyễn"), ("TRAN", "Trần"), ("LE", "Lê"), ("PHAM", "Phạm"), ("HOANG", "Hoàng"),
                ("VU", "Vũ"), ("DANG", "Đặng"), ("BUI", "Bùi"), ("DO", "Đỗ"), ("HO", "Hồ")],
           [("VAN AN", "Văn An"), ("THI LAN", "Thị Lan"), ("THI HOA", "Thị Hoa"), ("VAN MINH", "Văn Minh"),
            ("DUC TUAN", "Đức Tuấn"), ("THI THU", "Thị Thu"), ("VAN HUNG", "Văn Hùng"), ("THI MAI", "Thị Mai"),
            ("QUANG HUY", "Quang Huy"), ("NGOC ANH", "Ngọc Anh")]),
    "TH": (8, [("SRISUK", "Srisuk"), ("SAETANG", "Saetang"), ("CHAIYAPHUM", "Chaiyaphum"), ("BOONMA", "Boonma"),
               ("KAEWMANEE", "Kaewmanee")],
           [("SOMCHAI", "Somchai"), ("MALEE", "Malee"), ("SUNISA", "Sunisa"), ("ANAN", "Anan"),
            ("PRANEE", "Pranee"), ("WICHAI", "Wichai")]),
    "UZ": (7, [("KARIMOV", "Каримов"), ("RAHIMOV", "Рахимов"), ("YUSUPOV", "Юсупов"), ("TASHKENTOVA", "Ташкентова"),
               ("ALIEV", "Алиев")],
           [("BOBUR", "Бобур"), ("DILNOZA", "Дилноза"), ("SHERZOD", "Шерзод"), ("MALIKA", "Малика"),
            ("JASUR", "Жасур")]),
    "PH": (5, [("SANTOS", "Santos"), ("REYES", "Reyes"), ("CRUZ", "Cruz"), ("GARCIA", "García"),
               ("DELA CRUZ", "Dela Cruz")],
           [("MARIA", "María"), ("JOSE", "José"), ("ANGELICA", "Angélica"), ("MARK", "Mark"), ("JOY", "Joy")]),
    "NP": (5, [("GURUNG", "Gurung"), ("TAMANG", "Tamang"), ("SHERPA", "Sherpa"), ("RAI", "Rai"),
               ("THAPA", "Thapa")],
           [("RAM", "Ram"), ("SITA", "Sita"), ("BIKASH", "Bikash"), ("ANITA", "Anita"), ("SURESH", "Suresh")]),
    "KH": (4, [("SOK", "Sok"), ("CHAN", "Chan"), ("KIM", "Kim"), ("SENG", "Seng"), ("HENG", "Heng")],
           [("DARA", "Dara"), ("SREYMOM", "Sreymom"), ("VANNAK", "Vannak"), ("BOPHA", "Bopha")]),
    "ID": (4, [("SANTOSO", "Santoso"), ("WIJAYA", "Wijaya"), ("SAPUTRA", "Saputra"), ("HIDAYAT", "Hidayat")],
           [("SITI", "Siti"), ("PUTRI", "Putri"), ("BUDI", "Budi"), ("AGUS", "Agus"), ("DEWI", "Dewi")]),
    "MN": (4, [("BATBAYAR", "Батбаяр"), ("GANBOLD", "Ганболд"), ("ENKHBAYAR", "Энхбаяр"), ("TSEREN", "Цэрэн")],
           [("BOLORMAA", "Болормаа"), ("TEMUUJIN", "Тэмүүжин"), ("ANAR", "Анар"), ("NOMIN", "Номин")]),
    "RU": (4, [("IVANOV", "Иванов"), ("PETROVA", "Петрова"), ("SMIRNOV", "Смирнов"), ("KIM", "Ким"),
               ("PAK", "Пак")],
           [("IVAN", "Иван"), ("OLGA", "Ольга"), ("SERGEI", "Сергей"), ("NATALIA", "Наталья"),
            ("ALEKSANDR", "Александр")]),
    "US": (3, [("SMITH", "Smith"), ("JOHNSON", "Johnson"), ("MULLER", "Müller"), ("GARCIA", "García"),
               ("LOPEZ", "López")],
           [("JOHN", "John"), ("EMILY", "Emily"), ("JOSE", "José"), ("ZOE", "Zoë"), ("RENEE", "Renée")]),
}

STREETS = ["중앙로", "대학로", "계룡로", "한밭대로", "둔산로", "문정로", "도산로", "은행로", "신탄진로",
           "동서대로", "월드컵대로", "갑천로", "유성대로", "대덕대로", "현충로", "버드내로", "보문로",
           "우암로", "태평로", "용문로"]


def korean_family_rows() -> list[tuple[str, str, str, int]]:
    """(Hangul, passport spelling, Revised Romanization, weight)."""
    return [(h, p, romanize_hangul(h).upper(), w) for h, p, w in KOREAN_FAMILY]


def syllable_rows() -> list[tuple[int, str, str]]:
    return [(i, s, romanize_hangul(s).upper()) for i, s in enumerate(KOREAN_GIVEN_SYLLABLES)]


def foreign_rows() -> list[tuple[str, str, int, str, str]]:
    """(nationality, part 'family'/'given', index, Latin, native)."""
    rows = []
    for nat, (_, families, givens) in FOREIGN_NAMES.items():
        rows += [(nat, "family", i, latin, native) for i, (latin, native) in enumerate(families)]
        rows += [(nat, "given", i, latin, native) for i, (latin, native) in enumerate(givens)]
    return rows


def expanded(weights: list[tuple[str, int]], size: int = 1000) -> list[tuple[int, str]]:
    """A lookup table of `size` slots where each value fills a share of slots equal to its weight."""
    total = sum(w for _, w in weights)
    bounds, running = [], 0.0
    for value, weight in weights:
        running += weight / total
        bounds.append((running, value))
    slots: list[tuple[int, str]] = []
    position = 0
    for k in range(size):
        while position < len(bounds) - 1 and (k + 0.5) / size > bounds[position][0]:
            position += 1
        slots.append((k, bounds[position][1]))
    return slots
