"""Factories for the centre: counsellors and interpreters with weekly hours, rooms, library items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from ondol.centre.models import AvailabilityRule, LibraryItem, Provider, ProviderKind, ProviderSource, Room
from ondol.centre.services.library import save_item
from ondol.core.tests.factories import AgencyFactory


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    agency = factory.SubFactory(AgencyFactory)
    display_name = factory.Sequence(lambda n: f"Counsellor {n}")
    kind = ProviderKind.COUNSELLOR
    source = ProviderSource.INTERNAL
    languages = factory.LazyFunction(lambda: ["ko"])


def provider_with_hours(*, agency: Any, kind: str = ProviderKind.COUNSELLOR, languages: list[str],
                        weekday: int, starts: str, ends: str, source: str = ProviderSource.INTERNAL,
                        name: str | None = None) -> Provider:
    provider = ProviderFactory(agency=agency, kind=kind, languages=languages, source=source,
                               **({"display_name": name} if name else {}))
    AvailabilityRule.objects.create(provider=provider, weekday=weekday, starts=dt.time.fromisoformat(starts),
                                    ends=dt.time.fromisoformat(ends))
    return provider


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 12
    equipment = factory.LazyFunction(lambda: ["projector"])


def library_item(*, agency: Any, title: str, language: str, author: str = "", barcode: str | None = None
                 ) -> LibraryItem:
    return save_item(LibraryItem(agency=agency, title=title, author=author, language=language,
                                 barcode=barcode or f"B{LibraryItem.objects.count() + 1:06d}"))
