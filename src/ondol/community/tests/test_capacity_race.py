"""Two people racing for the last place: exactly one gets it, on SQLite here and on PostgreSQL alike."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from ondol.community.models import RegistrationStatus, Session
from ondol.community.services.programs import do_sign_up_client
from ondol.community.tests.factories import SessionFactory


def _run_at_once(*calls: Any) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Any) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # the test inspects what each racer got
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(5))
def test_two_sign_ups_for_the_last_place_at_once_give_it_to_exactly_one(counsellor: Any, round_: int) -> None:
    session = SessionFactory(capacity=3, seats_taken=2)

    def sign_up(ref: str) -> Any:
        return do_sign_up_client(counsellor, session=session, client_ref=ref, name=ref)

    results = _run_at_once(lambda: sign_up("C-1"), lambda: sign_up("C-2"))

    statuses = sorted(str(getattr(result, "status", result)) for result in results)
    assert statuses == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    assert Session.objects.get(pk=session.pk).seats_taken == 3
