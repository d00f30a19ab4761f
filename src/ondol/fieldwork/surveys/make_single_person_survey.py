"""Write the example XLSForm: the single-person household living-conditions survey (1인가구 생활실태 조사).

Run `python -m ondol.fieldwork.surveys.make_single_person_survey` to regenerate
`single_person_living_conditions.xlsx` next to this file. Labels in Korean, English, Vietnamese and
Simplified Chinese; `relevant` (skip logic) and `constraint` columns with a `constraint_message` per language;
the `risk_rules` sheet marks the answers that raise `survey_risk` for the next round.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

LANGUAGES = ["Korean (ko)", "English (en)", "Vietnamese (vi)", "Chinese (zh_Hans)"]
HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "single_person_living_conditions.xlsx"

# type, name, required, (ko, en, vi, zh)
QUESTIONS = [
    ("note", "intro", "", ("혼자 사시는 분의 생활을 여쭙니다. 답하고 싶지 않은 질문은 넘어가셔도 됩니다.",
                           "We would like to ask how you are living on your own. You may skip any question.",
                           "Chúng tôi muốn hỏi về cuộc sống một mình của bạn. Bạn có thể bỏ qua bất kỳ câu hỏi nào.",
                           "我们想了解您独自生活的情况。您可以跳过任何问题。")),
    ("select_one meals", "meals", "yes", ("하루에 식사를 몇 번 하십니까?", "How many meals do you eat a day?",
                                          "Bạn ăn mấy bữa một ngày?", "您一天吃几顿饭？")),
    ("select_one yn", "skipped_meals", "yes", ("지난 한 달 동안 돈이 없어 끼니를 거른 적이 있습니까?",
                                               "In the last month, did you skip meals because you had no money?",
                                               "Trong tháng qua, bạn có phải nhịn ăn vì không có tiền không?",
                                               "在过去一个月里，您是否因为没钱而不吃饭？")),
    ("select_one health", "health", "yes", ("건강 상태는 어떻습니까?", "How is your health?",
                                            "Sức khỏe của bạn thế nào?", "您的健康状况如何？")),
    ("select_one yn", "chronic_illness", "", ("치료가 필요한 만성 질환이 있습니까?",
                                              "Do you have a long-term illness that needs treatment?",
                                              "Bạn có bệnh mãn tính cần điều trị không?", "您是否患有需要治疗的慢性病？")),
    ("select_one contact", "social_contact", "yes", ("가족이나 친구와 얼마나 자주 연락하십니까?",
                                                     "How often are you in touch with family or friends?",
                                                     "Bạn liên lạc với gia đình hoặc bạn bè thường xuyên như thế nào?",
                                                     "您多久和家人或朋友联系一次？")),
    ("select_one yn", "emergency_contact", "yes", ("급할 때 연락할 사람이 있습니까?",
                                                   "Is there someone you can call in an emergency?",
                                                   "Bạn có người để gọi khi khẩn cấp không?", "紧急时您有可以联系的人吗？")),
    ("select_one yn", "utilities_overdue", "", ("전기·가스·수도 요금이 밀려 있습니까?",
                                                "Are your electricity, gas or water bills overdue?",
                                                "Bạn có đang nợ tiền điện, ga hoặc nước không?", "您是否拖欠电费、燃气费或水费？")),
    ("integer", "rent_overdue_months", "", ("월세가 몇 달 밀려 있습니까? (없으면 0)",
                                            "How many months of rent are overdue? (0 if none)",
                                            "Bạn nợ tiền thuê nhà bao nhiêu tháng? (0 nếu không có)",
                                            "您拖欠了几个月的房租？（没有请填0）")),
    ("select_one yn", "heating", "", ("겨울에 난방을 할 수 있습니까?", "Can you heat your home in winter?",
                                      "Bạn có thể sưởi ấm nhà vào mùa đông không?", "冬天您能给住处供暖吗？")),
    ("select_multiple income", "income", "", ("생활비는 어디에서 나옵니까? (모두 고르세요)",
                                              "Where does your money come from? (choose all)",
                                              "Bạn có thu nhập từ đâu? (chọn tất cả)", "您的生活费来自哪里？（可多选）")),
    ("select_multiple help", "help_wanted", "", ("어떤 도움이 필요하십니까? (모두 고르세요)",
                                                 "What help would you like? (choose all)",
                                                 "Bạn cần giúp đỡ gì? (chọn tất cả)", "您需要哪些帮助？（可多选）")),
    ("text", "notes", "", ("조사자 메모", "Notes of the visitor", "Ghi chú của người khảo sát", "调查员备注")),
]

CHOICES = [
    ("yn", "yes", ("예", "Yes", "Có", "是")),
    ("yn", "no", ("아니요", "No", "Không", "否")),
    ("meals", "3", ("세 번", "Three", "Ba bữa", "三顿")),
    ("meals", "2", ("두 번", "Two", "Hai bữa", "两顿")),
    ("meals", "1", ("한 번", "One", "Một bữa", "一顿")),
    ("meals", "0", ("거의 못 먹음", "Hardly any", "Hầu như không ăn", "几乎不吃")),
    ("health", "good", ("좋음", "Good", "Tốt", "好")),
    ("health", "fair", ("보통", "Fair", "Bình thường", "一般")),
    ("health", "poor", ("나쁨", "Poor", "Kém", "差")),
    ("contact", "daily", ("매일", "Every day", "Hằng ngày", "每天")),
    ("contact", "weekly", ("매주", "Every week", "Hằng tuần", "每周")),
    ("contact", "monthly", ("매달", "Every month", "Hằng tháng", "每月")),
    ("contact", "rarely", ("거의 없음", "Hardly ever", "Hầu như không", "几乎不")),
    ("income", "work", ("일해서 번 돈", "Work", "Tiền đi làm", "工作收入")),
    ("income", "pension", ("연금", "Pension", "Lương hưu", "养老金")),
    ("income", "benefit", ("공공 급여", "Public benefits", "Trợ cấp nhà nước", "公共补助")),
    ("income", "family", ("가족 지원", "Family", "Gia đình hỗ trợ", "家人资助")),
    ("income", "none", ("없음", "None", "Không có", "没有")),
    ("help", "food", ("식사·식품", "Food", "Thực phẩm", "食物")),
    ("help", "health", ("건강·의료", "Health care", "Y tế", "医疗")),
    ("help", "housing", ("주거", "Housing", "Nhà ở", "住房")),
    ("help", "jobs", ("일자리", "Work", "Việc làm", "工作")),
    ("help", "company", ("말벗·안부 확인", "Company and check-in calls", "Người trò chuyện, hỏi thăm", "陪伴和问候")),
    ("help", "money", ("생활비", "Money for living costs", "Tiền sinh hoạt", "生活费")),
]

# Skip logic and checks: name → (relevant, constraint, constraint_message (ko, en, vi, zh)).
LOGIC = {
    "skipped_meals": ("${meals} != '3'", "", None),
    "chronic_illness": ("${health} != 'good'", "", None),
    "rent_overdue_months": ("", ". >= 0 and . <= 60", (
        "0부터 60 사이의 개월 수를 적어 주세요.", "Enter a number of months from 0 to 60.",
        "Nhập số tháng từ 0 đến 60.", "请填写0到60之间的月数。")),
    "income": ("", "not(selected(., 'none')) or count-selected(.) = 1", (
        "‘없음’은 다른 답과 함께 고를 수 없습니다.", "“None” cannot be chosen together with another answer.",
        "Không thể chọn “Không có” cùng với câu trả lời khác.", "“没有”不能与其他选项同时选择。")),
    "notes": ("", "string-length(.) <= 1000", (
        "메모는 1000자까지 쓸 수 있습니다.", "Notes can be at most 1,000 characters long.",
        "Ghi chú dài tối đa 1.000 ký tự.", "备注最多1000个字。")),
}

# question, operator, value, reason (ko, en, vi, zh)
RISK_RULES = [
    ("meals", "<=", "1", ("하루 한 끼 이하로 식사함.", "Eats one meal a day or less.", "Ăn một bữa hoặc ít hơn mỗi ngày.",
                          "每天只吃一顿或更少。")),
    ("skipped_meals", "=", "yes", ("돈이 없어 끼니를 거름.", "Skipped meals for lack of money.", "Nhịn ăn vì không có tiền.",
                                   "因没钱而不吃饭。")),
    ("social_contact", "=", "rarely", ("가족·친구와 거의 연락하지 않음.", "Hardly ever in touch with anyone.",
                                       "Hầu như không liên lạc với ai.", "几乎不与任何人联系。")),
    ("emergency_contact", "=", "no", ("급할 때 연락할 사람이 없음.", "Nobody to call in an emergency.",
                                      "Không có ai để gọi khi khẩn cấp.", "紧急时没有可以联系的人。")),
    ("utilities_overdue", "=", "yes", ("공과금 체납.", "Utility bills overdue.", "Nợ tiền điện nước.", "拖欠水电燃气费。")),
    ("rent_overdue_months", ">=", "2", ("월세 2개월 이상 체납.", "Rent overdue for two months or more.",
                                        "Nợ tiền thuê nhà từ hai tháng trở lên.", "拖欠房租两个月或以上。")),
    ("heating", "=", "no", ("겨울 난방을 못 함.", "Cannot heat the home in winter.", "Không thể sưởi ấm vào mùa đông.",
                            "冬天无法供暖。")),
    ("income", "selected", "none", ("소득이 없음.", "Has no income.", "Không có thu nhập.", "没有收入。")),
]


def build(path: Path = OUTPUT) -> Path:
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", "required", *[f"label::{language}" for language in LANGUAGES], "relevant",
                   "constraint", *[f"constraint_message::{language}" for language in LANGUAGES]])
    for kind, name, required, labels in QUESTIONS:
        relevant, constraint, messages = LOGIC.get(name, ("", "", None))
        survey.append([kind, name, required, *labels, relevant, constraint, *(messages or [""] * len(LANGUAGES))])
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", *[f"label::{language}" for language in LANGUAGES]])
    for list_name, name, labels in CHOICES:
        choices.append([list_name, name, *labels])
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(["1인가구 생활실태 조사 / Single-person household living conditions", "single_person_living",
                     "2026.1", "Korean (ko)"])
    rules = workbook.create_sheet("risk_rules")
    rules.append(["question", "operator", "value", *[f"reason::{language}" for language in LANGUAGES]])
    for question, operator, value, reasons in RISK_RULES:
        rules.append([question, operator, value, *reasons])
    workbook.save(path)
    return path


if __name__ == "__main__":
    print(build())
