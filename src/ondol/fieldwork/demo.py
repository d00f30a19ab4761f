"""Demo data: a published discovery round for five dongs of Yuseong-gu with visits in progress.

If no round is published yet, a synthetic feed is generated and run through discovery's own command with
`--publish`, so the worklists come from the real pipeline. Safe to run twice: every step checks first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from ondol.discovery.models import DiscoveryRound, RoundStatus
from ondol.fieldwork.models import ContactAttempt, Outcome, SurveyForm, WorkItem
from ondol.fieldwork.services import do_assign_item, do_record_contact, do_record_need, do_record_outcome
from ondol.fieldwork.services.reports import do_file_report
from ondol.fieldwork.services.rounds import sync_published_rounds
from ondol.fieldwork.services.surveys import do_import_survey, do_record_survey
from ondol.fieldwork.surveys.make_single_person_survey import OUTPUT as EXAMPLE_SURVEY

# 온천1동 first: the demo account dong.official works at its community centre.
DEMO_DONGS = ("3020053000", "3020054000", "3020054600", "3020055000", "3020057000")


def _free_round_name() -> str:
    """This month, or the latest earlier month that no published round uses yet."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1
    taken = set(DiscoveryRound.objects.values_list("name", flat=True))
    for back in range(24):
        name = f"{(index - back) // 12}-{(index - back) % 12 + 1:02d}"
        if name not in taken:
            return name
    raise RuntimeError("No free month for the demo round in the last two years.")


def _publish_round(name: str, stdout: Any) -> None:
    from ondol.discovery.pipeline.synth import SynthOptions, generate

    source = Path(settings.SHARED_DATA_DIR) / "korea_admin_dong.csv"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        dongs = work / "dongs.csv"
        with source.open(encoding="utf-8") as handle, dongs.open("w", encoding="utf-8", newline="") as out:
            reader = csv.DictReader(handle)
            writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [])
            writer.writeheader()
            writer.writerows(row for row in reader if row["adm_code"] in DEMO_DONGS)
        generate(work / "feed", SynthOptions(households=3000, seed=2026, round=name, dongs_file=dongs))
        call_command("discover", "run", "--feeds", str(work / "feed"), "--round", name, "--out", str(work / "out"),
                     "--per-dong", "25", "--publish", stdout=io.StringIO())
    stdout.write(f"fieldwork: published discovery round {name} for {len(DEMO_DONGS)} Yuseong-gu dongs\n")


def _user(username: str) -> Any:
    from ondol.accounts.models import User

    return User.objects.filter(username=username).first()


@transaction.atomic
def _work_in_progress(name: str, rng: random.Random, stdout: Any) -> None:
    official = _user("dong.official")
    items = list(WorkItem.objects.filter(round=name, dong__code=DEMO_DONGS[0]).order_by("rank_in_dong"))
    if official is None or not items or ContactAttempt.objects.filter(item__in=items).exists():
        return
    today = timezone.localdate()
    survey = SurveyForm.objects.filter(form_id="single_person_living", is_active=True).first()
    for index, item in enumerate(items[:15]):
        do_assign_item(official, item=item, assignee=official)
        day = today - dt.timedelta(days=14 - index // 2)
        do_record_contact(official, item=item, channel="sms", result="no_answer", attempted_on=day)
        if index % 4 == 3:
            continue  # still waiting for an answer
        do_record_contact(official, item=item, channel="call",
                          result=rng.choice(["reached", "no_answer", "wrong_number"]),
                          attempted_on=day + dt.timedelta(days=1))
        if index % 5 == 0:
            do_record_contact(official, item=item, channel="visit", result="reached",
                              attempted_on=day + dt.timedelta(days=3), note="Lives alone; heating is off.")
            if survey is not None and item.single_person:
                do_record_survey(official, item=item, form=survey, language=item.language or "ko", answers={
                    "meals": "1", "skipped_meals": "yes", "health": "fair", "social_contact": "rarely",
                    "emergency_contact": "no", "rent_overdue_months": 2, "heating": "no", "income": ["none"]})
            do_record_need(official, item=item, need_confirmed=True, programs=["emergency-welfare"],
                           resources=["food_bank"])
        if index in (1, 6):
            do_record_outcome(official, item=item, outcome=Outcome.NO_NEED, note="Working again since last month.")
        if index == 2:
            do_record_outcome(official, item=item, outcome=Outcome.MOVED, new_address="대전광역시 서구 둔산1동 100")
        if index == 10:
            do_record_outcome(official, item=item, outcome=Outcome.PUBLIC_SUPPORT)
    for address, text in (
        ("대전광역시 유성구 온천1동 봉명로 20", "The grandmother on the 2nd floor has not opened the door for a week."),
        ("대전 유성구 큰 시장 뒤 골목", "A young man from Nepal sleeps in the laundry room of our building."),
    ):
        do_file_report(None, channel="web", address=address, description=text, concerns=["not_seen"], language="en")
    stdout.write(f"fieldwork: visits in progress on the worklist of 온천1동 ({len(items)} households)\n")


def load_demo(*, seed: int, stdout: Any) -> None:
    rng = random.Random(seed)
    if not SurveyForm.objects.filter(form_id="single_person_living").exists():
        do_import_survey(None, path=EXAMPLE_SURVEY)
    # Use the latest published round that reaches the demo dongs (discovery's own demo may have made one);
    # otherwise publish one through discovery's command, so dong.official has a worklist.
    published = (DiscoveryRound.objects.filter(status=RoundStatus.PUBLISHED, items__dong_code=DEMO_DONGS[0])
                 .order_by("-name").first())
    if published is None:
        name = _free_round_name()
        _publish_round(name, stdout)
    else:
        name = published.name
    sync_published_rounds(None)
    if WorkItem.objects.filter(round=name, dong__code=DEMO_DONGS[0]).exists():
        _work_in_progress(name, rng, stdout)
    else:
        stdout.write(f"fieldwork: round {name} has no households in 온천1동; no visits were added\n")
