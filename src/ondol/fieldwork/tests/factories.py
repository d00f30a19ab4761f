"""Factories for worklist items."""

from __future__ import annotations

import factory

from ondol.fieldwork.models import Source, WorkItem


class WorkItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkItem

    round = "2026-11"
    source = Source.DISCOVERY
    household_id = factory.Sequence(lambda n: f"H{n:06d}")
    score = 0.8
    rank_in_dong = factory.Sequence(lambda n: n + 1)
    reasons = factory.LazyFunction(lambda: [
        {"indicator": "electricity_arrears", "observed_on": "2026-10-01", "months": 3, "amount_krw": 240000}])
    registered_address = "대전광역시 유성구 온천1동 1-1"
    actual_address = ""
    nationality = "VN"
    language = "vi"
    members = 1
    single_person = True
