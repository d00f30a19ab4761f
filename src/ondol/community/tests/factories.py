"""Factories for programs, sessions, campaigns and competitions."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from ondol.community.models import Campaign, Competition, Program, Session, SubCampaign
from ondol.core.tests.factories import AgencyFactory


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    agency = factory.SubFactory(AgencyFactory)
    kind = "language_class"
    title = factory.Sequence(lambda n: f"한국어 교실 {n}")
    languages = factory.LazyFunction(lambda: ["ko", "vi"])
    translations = factory.LazyFunction(lambda: {"vi": {"title": "Lớp tiếng Hàn"}, "en": {"title": "Korean class"}})


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    program = factory.SubFactory(ProgramFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + dt.timedelta(hours=2))
    capacity = 10
    place = "온천1동 행정복지센터 3층"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    agency = factory.SubFactory(AgencyFactory)
    slug = factory.Sequence(lambda n: f"winter-{n}")
    title = "희망 2027 나눔캠페인"
    target_amount = 10_000_000
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=80))


class SubCampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubCampaign

    campaign = factory.SubFactory(CampaignFactory)
    agency = factory.SubFactory(AgencyFactory)
    target_amount = 1_000_000
    bank_account = "농협 301-0000-0000-00 온천1동 행정복지센터"


class CompetitionFactory(factory.django.DjangoModelFactory):
    """A competition whose public vote is open now."""

    class Meta:
        model = Competition

    agency = factory.SubFactory(AgencyFactory)
    slug = factory.Sequence(lambda n: f"best-practice-{n}")
    title = "외국인 주민 지원 우수사례 공모전"
    submission_opens = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    submission_closes = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3))
    voting_opens = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    voting_closes = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=4))
    screening_closes = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
