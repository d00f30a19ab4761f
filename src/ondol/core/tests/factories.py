"""Factories for regions, agencies and staff users."""

from __future__ import annotations

import factory

from ondol.accounts.models import Membership, Role, User
from ondol.core.models import Agency, AgencyKind, Region, RegionLevel


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"99{n:08d}")
    level = RegionLevel.DONG
    name = factory.Sequence(lambda n: f"시험{n}동")
    sido_name = "시험특별시"
    sigungu_name = "시험구"
    lon = 127.38
    lat = 36.35


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.COMMUNITY_CENTRE
    languages = factory.LazyFunction(lambda: ["ko", "en"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")


def make_staff(*, role: str = Role.COUNSELLOR, agency: Agency | None = None, username: str | None = None) -> User:
    """A user with one role at one agency (a new agency unless given)."""
    user = UserFactory(**({"username": username} if username else {}))
    user.save()
    Membership.objects.create(user=user, agency=agency or AgencyFactory(), role=role)
    return user
