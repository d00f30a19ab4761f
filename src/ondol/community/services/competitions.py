"""Competitions: entries, one verified vote per person, judges' rubric scores, combined results.

A vote is two writes in one transaction: a `Voter` row (a keyed hash of the verified contact,
scoped to the competition, unique) and +1 on the chosen entry's counter. Nothing links the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.accounts.access import has_role
from ondol.community.models import Award, Competition, ConflictDeclaration, Criterion, Entry, Judge, Score, Voter
from ondol.community.models.competitions import EntryStatus, Phase
from ondol.community.verification import identity_provider, keyed_digest, parse_contact
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied

MAX_FILE_BYTES = 20 * 1024 * 1024


def _voter_digest(competition: Competition, contact_digest: str) -> str:
    return keyed_digest(contact_digest, scope=f"competition:{competition.pk}")


def _purpose(competition: Competition) -> str:
    return f"vote:{competition.pk}"


@transaction.atomic
def do_submit_entry(actor: Any, *, competition: Competition, title: str, summary: str, submitter_name: str,
                    agency: Any = None, attachment: UploadedFile | None = None) -> Entry:
    if competition.phase_at(timezone.now()) != Phase.SUBMISSION:
        raise Conflict(_("This competition is not taking entries now."), code="not_submission_phase")
    if not title.strip() or not summary.strip():
        raise InvalidInput(fields={"title": _("Enter a title and a summary.")})
    if attachment is not None and attachment.size and attachment.size > MAX_FILE_BYTES:
        raise InvalidInput(fields={"attachment": _("The file is larger than 20 MB.")})
    entry = Entry(competition=competition, title=title.strip(), summary=summary.strip(),
                  submitter_name=submitter_name.strip(), agency=agency)
    if attachment is not None:
        entry.attachment.save(attachment.name or "entry", attachment, save=False)
    entry.save()
    audit.record_change(actor, entry, action="entry_submitted")
    return entry


def _voting_entry(competition: Competition, entry_id: int) -> Entry:
    if competition.phase_at(timezone.now()) != Phase.VOTING:
        raise Conflict(_("The public vote is not open now."), code="not_voting_phase")
    entry = competition.entries.filter(pk=entry_id, status=EntryStatus.SUBMITTED).first()
    if entry is None:
        raise NotFound(_("No such entry."))
    return entry


def do_request_vote(*, competition: Competition, entry_id: int, contact: str, language: str) -> str:
    """Send a one-time code to confirm a vote; refuse at once if this contact has already voted."""
    entry = _voting_entry(competition, entry_id)
    parsed = parse_contact(contact)
    contact_digest = keyed_digest(parsed.value, scope="contact")
    if Voter.objects.filter(competition=competition, digest=_voter_digest(competition, contact_digest)).exists():
        raise Conflict(_("This phone number or e-mail address has already voted in this competition."),
                       code="already_voted")
    with transaction.atomic():
        return identity_provider().begin(contact=parsed, purpose=_purpose(competition),
                                         payload={"entry": entry.pk}, language=language)


def do_cast_vote(*, competition: Competition, token: str, code: str) -> Entry:
    verified = identity_provider().complete(token=token, purpose=_purpose(competition), response=code)
    entry = _voting_entry(competition, int(verified.payload["entry"]))
    try:
        with transaction.atomic():
            Voter.objects.create(competition=competition, digest=_voter_digest(competition, verified.contact_digest))
            Entry.objects.filter(pk=entry.pk).update(vote_count=F("vote_count") + 1)
    except IntegrityError as error:
        raise Conflict(_("This phone number or e-mail address has already voted in this competition."),
                       code="already_voted") from error
    # The audit trail says that a vote was cast in the competition, not for which entry.
    audit.record_event(None, action="vote_cast", target_type="community.competition", target_id=competition.pk)
    return entry


def _judge_of(actor: Any, competition: Competition) -> Judge:
    judge = Judge.objects.filter(competition=competition, user=actor).first()
    if judge is None:
        raise PermissionDenied(_("Only the judges of this competition can do this."))
    return judge


@transaction.atomic
def do_declare_conflict(actor: Any, *, entry: Entry, has_conflict: bool, note: str = "") -> ConflictDeclaration:
    judge = _judge_of(actor, entry.competition)
    if ConflictDeclaration.objects.filter(judge=judge, entry=entry).exists():
        raise Conflict(_("You have already made a declaration for this entry."), code="declared")
    declaration = ConflictDeclaration.objects.create(judge=judge, entry=entry, has_conflict=has_conflict, note=note)
    audit.record_change(actor, declaration, action="conflict_declared", detail="conflict" if has_conflict else "none")
    return declaration


@transaction.atomic
def do_score_entry(actor: Any, *, entry: Entry, points: dict[int, int]) -> list[Score]:
    """A judge scores every criterion of the rubric, after declaring no conflict of interest."""
    competition = entry.competition
    judge = _judge_of(actor, competition)
    if competition.phase_at(timezone.now()) not in (Phase.VOTING, Phase.SCREENING):
        raise Conflict(_("Scoring is open during the vote and the screening."), code="not_screening_phase")
    declaration = ConflictDeclaration.objects.filter(judge=judge, entry=entry).first()
    if declaration is None:
        raise Conflict(_("Declare whether you have a conflict of interest before scoring."), code="declare_first")
    if declaration.has_conflict:
        raise PermissionDenied(_("You declared a conflict of interest, so you cannot score this entry."))
    criteria = list(competition.criteria.all())
    errors = {f"criterion_{c.pk}": _("Enter points from 0 to %(max)s.") % {"max": c.max_points}
              for c in criteria if not (0 <= points.get(c.pk, -1) <= c.max_points)}
    if errors:
        raise InvalidInput(fields=errors)
    scores = []
    for criterion in criteria:
        score, _created = Score.objects.update_or_create(judge=judge, entry=entry, criterion=criterion,
                                                         defaults={"points": points[criterion.pk]})
        scores.append(score)
    audit.record_change(actor, entry, action="entry_scored")
    return scores


@dataclass(frozen=True)
class Result:
    entry: Entry
    votes: int
    vote_score: float  # 0–100: share of the most-voted entry's votes
    jury_score: float | None  # 0–100: mean over judges of their weighted rubric percentage
    judges: int
    combined: float


def results(competition: Competition) -> list[Result]:
    """Entries ranked by the combined score with the competition's weights."""
    entries = list(competition.entries.filter(status=EntryStatus.SUBMITTED))
    criteria = {c.pk: c for c in competition.criteria.all()}
    full_marks = sum(c.max_points * c.weight for c in criteria.values())
    per_judge: dict[tuple[int, int], float] = {}
    for score in Score.objects.filter(entry__competition=competition):
        criterion = criteria[score.criterion_id]
        key = (score.entry_id, score.judge_id)
        per_judge[key] = per_judge.get(key, 0.0) + score.points * criterion.weight
    top_votes = max((entry.vote_count for entry in entries), default=0)
    ranked = []
    for entry in entries:
        marks = [total / full_marks * 100 for (entry_id, _judge), total in per_judge.items()
                 if entry_id == entry.pk and full_marks]
        jury = sum(marks) / len(marks) if marks else None
        vote = entry.vote_count / top_votes * 100 if top_votes else 0.0
        combined = (competition.vote_weight * vote + competition.jury_weight * (jury or 0.0)) / 100
        ranked.append(Result(entry=entry, votes=entry.vote_count, vote_score=round(vote, 2),
                             jury_score=round(jury, 2) if jury is not None else None, judges=len(marks),
                             combined=round(combined, 2)))
    return sorted(ranked, key=lambda result: (-result.combined, -result.votes, result.entry.pk))


@transaction.atomic
def do_publish_results(actor: Any, *, competition: Competition, awards: list[tuple[int, str]]) -> Competition:
    """Publish the results with awards given to entries in rank order, e.g. [(entry_id, "Grand prize")]."""
    if not (getattr(actor, "is_superuser", False)
            or has_role(actor, "centre_manager", "admin", agency=competition.agency)):
        raise PermissionDenied(_("Only a manager of the organising agency can publish the results."))
    if competition.phase_at(timezone.now()) == Phase.RESULTS:
        raise Conflict(_("The results have already been published."), code="published")
    if timezone.now() < competition.voting_closes:
        raise Conflict(_("Results can be published once the public vote has closed."), code="vote_open")
    for rank, (entry_id, title) in enumerate(awards, start=1):
        entry = competition.entries.filter(pk=entry_id).first()
        if entry is None:
            raise NotFound(_("No such entry."))
        Award.objects.create(competition=competition, entry=entry, title=title, rank=rank)
    competition.results_published_at = timezone.now()
    competition.save(update_fields=["results_published_at"])
    audit.record_change(actor, competition, action="results_published")
    return competition


@transaction.atomic
def do_add_judge(actor: Any, *, competition: Competition, user: Any) -> Judge:
    judge, _created = Judge.objects.get_or_create(competition=competition, user=user)
    audit.record_change(actor, judge, action="judge_added")
    return judge


def do_add_criterion(actor: Any, *, competition: Competition, name: str, max_points: int = 10,
                     weight: int = 1) -> Criterion:
    criterion = Criterion.objects.create(competition=competition, name=name, max_points=max_points, weight=weight)
    audit.record_change(actor, criterion, action="criterion_added")
    return criterion
