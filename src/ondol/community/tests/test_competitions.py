"""Competitions: one verified vote per person, counted without linking voter and choice; judges and results."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from ondol.community.models import Entry, Voter
from ondol.community.services import competitions
from ondol.community.tests.factories import CompetitionFactory
from ondol.core.errors import Conflict, PermissionDenied
from ondol.core.models import AuditEntry
from ondol.core.tests.factories import make_staff

pytestmark = pytest.mark.django_db


def _entry(competition: Any, title: str) -> Entry:
    return Entry.objects.create(competition=competition, title=title, summary="…", submitter_name="온천1동")


def _vote(competition: Any, entry: Entry, contact: str, outbox: list[Any]) -> Entry:
    token = competitions.do_request_vote(competition=competition, entry_id=entry.pk, contact=contact, language="ko")
    text = outbox[-1].text if outbox else mail.outbox[-1].body
    return competitions.do_cast_vote(competition=competition, token=token, code=re.search(r"\d{6}", text).group(0))


def test_each_verified_vote_counts_once_for_the_chosen_entry(sms_outbox: list[Any]) -> None:
    competition = CompetitionFactory()
    kimchi, library = _entry(competition, "김장 나눔"), _entry(competition, "다국어 도서관")

    _vote(competition, kimchi, "010-2000-0001", sms_outbox)
    _vote(competition, kimchi, "010-2000-0002", sms_outbox)
    _vote(competition, library, "010-2000-0003", sms_outbox)

    assert Entry.objects.get(pk=kimchi.pk).vote_count == 2
    assert Entry.objects.get(pk=library.pk).vote_count == 1


def test_a_second_vote_with_the_same_phone_is_refused(sms_outbox: list[Any]) -> None:
    competition = CompetitionFactory()
    first, second = _entry(competition, "A"), _entry(competition, "B")
    _vote(competition, first, "01020000001", sms_outbox)

    with pytest.raises(Conflict):
        competitions.do_request_vote(competition=competition, entry_id=second.pk, contact="+82 10-2000-0001",
                                     language="ko")
    assert Entry.objects.get(pk=second.pk).vote_count == 0


def test_two_codes_requested_before_voting_still_give_only_one_vote(sms_outbox: list[Any]) -> None:
    competition = CompetitionFactory()
    entry = _entry(competition, "A")
    token_one = competitions.do_request_vote(competition=competition, entry_id=entry.pk, contact="01020000001",
                                             language="ko")
    code_one = re.search(r"\d{6}", sms_outbox[-1].text).group(0)
    _vote(competition, entry, "01020000001", sms_outbox)

    with pytest.raises(Conflict):
        competitions.do_cast_vote(competition=competition, token=token_one, code=code_one)
    assert Entry.objects.get(pk=entry.pk).vote_count == 1


def test_nothing_stored_links_a_voter_to_the_entry_they_chose(sms_outbox: list[Any]) -> None:
    competition = CompetitionFactory()
    entry = _entry(competition, "A")
    _vote(competition, entry, "01020000001", sms_outbox)

    voter = Voter.objects.get(competition=competition)
    assert "01020000001" not in voter.digest
    assert not hasattr(voter, "entry")
    audit = AuditEntry.objects.get(action="vote_cast")
    assert audit.target_type == "community.competition" and str(entry.pk) not in audit.detail


def test_the_same_phone_has_unrelated_voter_hashes_in_two_competitions(sms_outbox: list[Any]) -> None:
    one, two = CompetitionFactory(), CompetitionFactory()
    _vote(one, _entry(one, "A"), "01020000001", sms_outbox)
    _vote(two, _entry(two, "B"), "01020000001", sms_outbox)

    assert Voter.objects.get(competition=one).digest != Voter.objects.get(competition=two).digest


def test_votes_are_refused_outside_the_voting_phase() -> None:
    competition = CompetitionFactory(voting_closes=timezone.now() - dt.timedelta(minutes=1),
                                     voting_opens=timezone.now() - dt.timedelta(days=1))
    entry = _entry(competition, "A")

    with pytest.raises(Conflict):
        competitions.do_request_vote(competition=competition, entry_id=entry.pk, contact="01020000001", language="ko")


def test_a_judge_with_a_conflict_of_interest_cannot_score_that_entry() -> None:
    competition = CompetitionFactory()
    judge = make_staff(role="partner_staff")
    competitions.do_add_judge(None, competition=competition, user=judge)
    criterion = competitions.do_add_criterion(None, competition=competition, name="Impact")
    entry = _entry(competition, "A")

    with pytest.raises(Conflict):
        competitions.do_score_entry(judge, entry=entry, points={criterion.pk: 8})
    competitions.do_declare_conflict(judge, entry=entry, has_conflict=True, note="I work there")
    with pytest.raises(PermissionDenied):
        competitions.do_score_entry(judge, entry=entry, points={criterion.pk: 8})


def test_only_a_manager_of_the_organising_agency_publishes_the_results() -> None:
    now = timezone.now()
    competition = CompetitionFactory(submission_closes=now - dt.timedelta(days=4), voting_opens=now - dt.timedelta(days=3),
                                     voting_closes=now - dt.timedelta(days=1))
    judge = make_staff(role="partner_staff")
    competitions.do_add_judge(None, competition=competition, user=judge)

    with pytest.raises(PermissionDenied):
        competitions.do_publish_results(judge, competition=competition, awards=[])
    competitions.do_publish_results(make_staff(role="centre_manager", agency=competition.agency),
                                    competition=competition, awards=[])
    assert competition.phase_at(timezone.now()) == "results"


def test_results_combine_votes_and_judges_with_the_competitions_weights(sms_outbox: list[Any]) -> None:
    competition = CompetitionFactory(vote_weight=40, jury_weight=60)
    impact = competitions.do_add_criterion(None, competition=competition, name="Impact", max_points=10, weight=2)
    reach = competitions.do_add_criterion(None, competition=competition, name="Reach", max_points=10, weight=1)
    popular, strong = _entry(competition, "Popular"), _entry(competition, "Strong")
    for phone in ("01020000001", "01020000002"):
        _vote(competition, popular, phone, sms_outbox)
    _vote(competition, strong, "01020000003", sms_outbox)
    judges = [make_staff(role="partner_staff") for _ in range(2)]
    for judge, (p_popular, p_strong) in zip(judges, [(4, 10), (6, 8)], strict=True):
        competitions.do_add_judge(None, competition=competition, user=judge)
        for entry, points in ((popular, p_popular), (strong, p_strong)):
            competitions.do_declare_conflict(judge, entry=entry, has_conflict=False)
            competitions.do_score_entry(judge, entry=entry, points={impact.pk: points, reach.pk: points})

    ranked = competitions.results(competition)

    # popular: votes 100, jury mean(40, 60) = 50 → 0.4*100 + 0.6*50 = 70
    # strong:  votes 50,  jury mean(100, 80) = 90 → 0.4*50 + 0.6*90 = 74
    assert [(r.entry.title, r.combined) for r in ranked] == [("Strong", 74.0), ("Popular", 70.0)]
