"""The consultation rollup (PostgreSQL only): the panels read from it exactly what counting the table gives."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from ondol.stats import rollup, sources
from ondol.stats.filters import Filters
from ondol.stats.models import RollupState
from ondol.stats.tests.services_fixture import World, at, build_world

pytestmark = pytest.mark.django_db
AUTUMN = Filters(period_from="2026-09", period_to="2026-10")
SCOPES = [AUTUMN, AUTUMN.with_(language="vi"), AUTUMN.with_(period_from="2026-08"),
          Filters(period_from="2026-08", period_to="2026-08"), Filters(period_from="2026-11", period_to="2026-11")]


@pytest.fixture
def world(daejeon_regions: None) -> World:
    if connection.vendor != "postgresql":
        pytest.skip("The rollup exists on PostgreSQL only; SQLite always counts the table.")
    rollup.rebuild()  # an earlier test that flushed the database took the rollup's state row with it
    return build_world()


def counted(filters: Filters, dimension: str) -> dict[str, int]:
    """What the panels showed before the rollup: a GROUP BY over the consultations themselves."""
    return sources._counted(sources._consultations(filters), dimension)


def assert_rollup_matches_the_table() -> None:
    for filters in SCOPES:
        assert sources._consultation_months(filters) is not None
        for dimension in sources.CONSULTATION_DIMENSIONS:
            assert sources.consultations_by(filters, dimension) == counted(filters, dimension), (filters, dimension)


def test_whole_city_figures_come_from_the_rollup_and_match_the_hand_count(world: World) -> None:
    assert rollup.usable()
    assert sources._consultation_months(AUTUMN) is not None
    assert sources.consultations_by(AUTUMN, "topic") == {"visa": 8, "labour": 6, "legal": 2, "medical": 3}
    assert sources.consultations_by(AUTUMN, "channel") == {"visit": 13, "phone": 6}
    assert sources.consultations_by(AUTUMN.with_(language="vi"), "interpreter_kind") == {"staff": 10,
                                                                                         "volunteer": 3}
    assert_rollup_matches_the_table()


def test_filters_the_rollup_does_not_know_count_the_table(world: World) -> None:
    for filters in (AUTUMN.with_(district="30200"), AUTUMN.with_(dong="3020052000"), AUTUMN.with_(nationality="CN"),
                    AUTUMN.with_(agency=world.family.pk)):
        assert sources._consultation_months(filters) is None
    assert sources.consultations_by(AUTUMN.with_(nationality="CN"), "channel") == {"phone": 6}


def test_every_kind_of_write_keeps_the_rollup_exact(world: World) -> None:
    from ondol.cases.models import Client, Consultation

    first = Consultation.objects.filter(topic="visa").order_by("id").first()
    assert first is not None
    first.topic = "legal"  # save(): one row changes its topic
    first.save()
    Consultation.objects.filter(topic="labour").update(occurred_at=at(3, month=11))  # moved to another month
    Consultation.objects.filter(topic="medical").update(language="ko", channel="phone")
    before = list(rollup_rows())
    Consultation.objects.update(minutes=15)  # nothing the rollup counts changes
    assert list(rollup_rows()) == before
    client = Client.objects.filter(nationality="VN").first()
    Consultation.objects.bulk_create([
        Consultation(client=client, agency=world.family, occurred_at=at(day), channel="messenger", topic="visa",
                     language="vi", notes_language="vi", interpreter_kind="phone") for day in (1, 2, 30)])
    Consultation.objects.filter(topic="legal").first().delete()  # type: ignore[union-attr]
    Client.objects.filter(nationality="CN").first().delete()  # type: ignore[union-attr]  # cascades
    assert_rollup_matches_the_table()
    assert sources.consultations_by(AUTUMN, "channel") == {"visit": 9, "phone": 3, "messenger": 3}


def test_a_table_emptied_with_truncate_empties_the_rollup(world: World) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE waits for no deferred foreign-key checks
        cursor.execute("TRUNCATE cases_consultation CASCADE")
    assert sources.consultations_by(AUTUMN, "topic") == {}
    assert not rollup_rows().exists()


def test_a_failing_trigger_marks_the_rollup_not_valid_instead_of_failing_the_write(world: World) -> None:
    from ondol.cases.models import Client, Consultation

    with connection.cursor() as cursor:  # as if the rollup could no longer be written (undone with the test)
        cursor.execute("ALTER TABLE stats_consultationmonth RENAME TO stats_consultationmonth_away")
    client = Client.objects.filter(nationality="VN").first()
    Consultation.objects.create(client=client, agency=world.family, occurred_at=at(11), channel="visit",
                                topic="visa", language="vi", notes_language="vi", interpreter_kind="staff")
    assert RollupState.objects.get(name=rollup.CONSULTATIONS).valid is False
    assert not rollup.usable()
    assert sources._consultation_months(AUTUMN) is None
    assert sources.consultations_by(AUTUMN, "topic") == {"visa": 9, "labour": 6, "legal": 2, "medical": 3}
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE stats_consultationmonth_away RENAME TO stats_consultationmonth")
    rollup.rebuild()
    assert rollup.usable()
    assert_rollup_matches_the_table()


def test_the_rollup_answers_only_for_months_of_its_own_time_zone(world: World) -> None:
    assert rollup.usable()
    with timezone.override(dt.UTC):
        assert not rollup.usable()
        assert sources._consultation_months(AUTUMN) is None


def rollup_rows() -> Any:
    from ondol.stats.models import ConsultationMonth

    return ConsultationMonth.objects.filter(consultations__gt=0).order_by("month", "language", "topic", "channel",
                                                                         "interpreter_kind").values_list()
