"""A screening handed over from the eligibility wizard is saved with the next client a counsellor registers."""

from __future__ import annotations

import json

from django.test import Client as HttpClient

from ondol.cases.models import Client, Screening
from ondol.core.models import AuditEntry

HOUSEHOLD = {
    "size": 1,
    "monthly_income_krw": 500_000,
    "members": [{"id": "a", "role": "applicant", "birth_date": "1990-05-01", "korean_national": False,
                 "residence_status": "F-2", "recognized_refugee": True, "registered": True}],
}


def test_the_handed_over_screening_prefills_intake_and_is_kept_with_the_new_client(home_counsellor) -> None:
    browser = HttpClient()
    browser.force_login(home_counsellor)
    handed = browser.post("/en/staff/eligibility/handoff/", {"household": json.dumps(HOUSEHOLD)})
    assert handed.status_code == 302

    intake = browser.get(handed["Location"])
    assert "An eligibility screening is waiting" in intake.content.decode()
    assert intake.context["form"].initial["residence_status"] == "F-2"

    response = browser.post(handed["Location"], {
        "name_latin": "Amina Yusuf", "birth_date": "1990-05-01", "preferred_language": "en",
        "residence_status": "F-2", "consent_consultation": "on", "duplicates_checked": "on",
    })
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    client = Client.objects.get(name_latin="AMINA YUSUF")
    screening = Screening.objects.get(client=client)
    assert "livelihood-benefit" in screening.eligible_programs
    assert screening.household["members"][0]["residence_status"] == "F-2"
    assert "eligibility_handoff" not in browser.session
    assert AuditEntry.objects.filter(target_type="cases.screening", action="create").exists()

    profile = browser.get(response["Location"])
    assert "Eligibility screenings" in profile.content.decode()


def test_registering_without_a_handed_over_screening_keeps_none(home_counsellor) -> None:
    browser = HttpClient()
    browser.force_login(home_counsellor)
    response = browser.post("/en/staff/cases/clients/new/", {
        "name_latin": "Tran Van Binh", "birth_date": "1985-02-03", "preferred_language": "vi",
        "duplicates_checked": "on",
    })
    assert response.status_code == 302
    assert Client.objects.filter(name_latin="TRAN VAN BINH").exists()
    assert Screening.objects.count() == 0
