"""Factories for complaints."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from ondol.complaints.models import Category, Complaint
from ondol.core.tests.factories import AgencyFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-category-{n}")
    names = factory.LazyFunction(lambda: {"en": "Test category", "ko": "시험 분류", "vi": "Loại thử", "zh-hans": "测试"})
    sla_business_days = 7


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    tracking_number = factory.Sequence(lambda n: f"OND-2026-{900000 + n:06d}")
    category = factory.SubFactory(CategoryFactory)
    description = "The street light in front of the market has been out for a week."
    language = "vi"
    name = "Nguyen Thi Lan"
    email = "lan@example.org"
    phone = "010-5555-1234"
    address = "대전광역시 유성구 대학로 99"
    agency = factory.SubFactory(AgencyFactory)
    due_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
