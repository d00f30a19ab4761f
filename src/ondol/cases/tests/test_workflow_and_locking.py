"""The case workflow is an explicit state machine with history; concurrent edits never overwrite silently."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ondol.cases.models import CaseStatus, ChangeLog
from ondol.cases.services import do_move_case, do_update_case
from ondol.cases.workflow import TRANSITIONS, can_move
from ondol.core.errors import Conflict, InvalidInput, PermissionDenied
from ondol.core.tests.factories import make_staff


def test_a_case_moves_through_the_workflow_and_records_who_moved_it(make_case, home_counsellor) -> None:
    case = make_case(status=CaseStatus.NEW)
    for status in (CaseStatus.ASSESSMENT, CaseStatus.PLAN, CaseStatus.IN_SERVICE):
        case = do_move_case(home_counsellor, case=case, to_status=status)
    case = do_move_case(home_counsellor, case=case, to_status=CaseStatus.CLOSED, note="Housing found.")
    case = do_move_case(home_counsellor, case=case, to_status=CaseStatus.REOPENED, note="Evicted again.")
    assert [(t.from_status, t.to_status, t.by) for t in case.transitions.all()][-2:] == [
        ("in_service", "closed", home_counsellor), ("closed", "reopened", home_counsellor)]
    assert case.closed_at is None


def test_a_case_cannot_skip_from_new_to_in_service(make_case, home_counsellor) -> None:
    case = make_case(status=CaseStatus.NEW)
    with pytest.raises(InvalidInput):
        do_move_case(home_counsellor, case=case, to_status=CaseStatus.IN_SERVICE)


def test_closing_a_case_needs_a_reason(make_case, home_counsellor) -> None:
    with pytest.raises(InvalidInput):
        do_move_case(home_counsellor, case=make_case(), to_status=CaseStatus.CLOSED)


def test_a_referred_agency_cannot_move_a_case_it_does_not_own(make_case, partner_agency) -> None:
    outsider = make_staff(role="counsellor", agency=partner_agency)
    with pytest.raises(PermissionDenied):
        do_move_case(outsider, case=make_case(), to_status=CaseStatus.PLAN)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(CaseStatus.values), max_size=12))
def test_any_sequence_of_requests_leaves_a_history_that_follows_the_state_machine(steps) -> None:
    status, history = CaseStatus.NEW, [CaseStatus.NEW]
    for target in steps:
        if can_move(status, target):
            status = target
            history.append(target)
    assert all(after in TRANSITIONS[before] for before, after in itertools.pairwise(history))
    assert (CaseStatus.CLOSED in history[:-1]) <= (CaseStatus.REOPENED in history)


def test_the_second_of_two_concurrent_edits_is_refused_with_what_changed(make_case, home_counsellor,
                                                                          home_agency) -> None:
    colleague = make_staff(role="counsellor", agency=home_agency, username="colleague")
    case = make_case(title="Rent arrears")
    opened_version = case.version
    do_update_case(colleague, case=case, expected_version=opened_version, changes={"risk_level": "high"})
    with pytest.raises(Conflict) as refused:
        do_update_case(home_counsellor, case=case, expected_version=opened_version,
                       changes={"title": "Rent arrears and eviction notice"})
    assert "colleague" in str(refused.value.message)
    assert "high" in refused.value.fields["risk_level"]
    case.refresh_from_db()
    assert (case.title, case.risk_level, case.version) == ("Rent arrears", "high", opened_version + 1)
    assert ChangeLog.objects.filter(target_type="case", target_id=case.pk).count() == 1


def test_an_edit_from_the_current_version_is_saved_and_logged(make_case, home_counsellor) -> None:
    case = make_case(title="Old")
    saved = do_update_case(home_counsellor, case=case, expected_version=case.version, changes={"title": "New"})
    log = ChangeLog.objects.get(target_type="case", target_id=case.pk)
    assert (saved.title, log.changes) == ("New", {"title": ["Old", "New"]})
