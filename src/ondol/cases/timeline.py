"""A case's timeline: status moves, consultations, referrals, plan and task events and edits, newest last."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from ondol.cases.disclosure import sections_for_case
from ondol.cases.models import Case, CaseStatus, ChangeLog, ReferralStatus, Section


def _who(user: Any) -> str:
    return user.get_username() if user is not None else ""


def case_timeline(user: Any, case: Case) -> list[dict[str, Any]]:
    sections = sections_for_case(user, case)
    events: list[dict[str, Any]] = []
    for move in case.transitions.select_related("by"):
        if move.from_status == move.to_status:
            text = move.note
        elif not move.from_status:
            text = _("The case was opened.")
        else:
            text = _("The case moved from “%(from)s” to “%(to)s”.") % {
                "from": CaseStatus(move.from_status).label, "to": CaseStatus(move.to_status).label}
        events.append({"at": move.at, "kind": "status", "text": text, "note": move.note if move.from_status != move.to_status else "",
                       "by": _who(move.by)})
    for referral in case.referrals.select_related("from_agency", "to_agency", "created_by", "responded_by"):
        events.append({"at": referral.created_at, "kind": "referral", "by": _who(referral.created_by),
                       "text": _("Referred to %(agency)s.") % {"agency": referral.to_agency.name},
                       "note": referral.note, "referral_id": referral.pk})
        if referral.responded_at:
            events.append({"at": referral.responded_at, "kind": "referral", "by": _who(referral.responded_by),
                           "text": _("%(agency)s answered: %(status)s.") % {
                               "agency": referral.to_agency.name,
                               "status": ReferralStatus.ACCEPTED.label if referral.status != ReferralStatus.DECLINED
                               else ReferralStatus.DECLINED.label},
                           "note": referral.response_note, "referral_id": referral.pk})
        if referral.completed_at:
            events.append({"at": referral.completed_at, "kind": "referral", "by": "",
                           "text": _("%(agency)s completed the referral: %(outcome)s.") % {
                               "agency": referral.to_agency.name, "outcome": referral.get_outcome_display()},
                           "note": referral.outcome_note, "referral_id": referral.pk})
        if referral.revoked_at:
            events.append({"at": referral.revoked_at, "kind": "referral", "by": "",
                           "text": _("The referral to %(agency)s was revoked.") % {"agency": referral.to_agency.name},
                           "note": referral.response_note, "referral_id": referral.pk})
    if Section.CONSULTATIONS in sections:
        for consultation in case.consultations.select_related("counsellor"):
            events.append({"at": consultation.occurred_at, "kind": "consultation", "by": _who(consultation.counsellor),
                           "text": _("Consultation by %(channel)s about %(topic)s.") % {
                               "channel": consultation.get_channel_display(), "topic": consultation.topic},
                           "note": consultation.notes, "translation": consultation.translation,
                           "translated_by": consultation.translated_by, "language": consultation.notes_language})
    if Section.RISK in sections:
        for change in ChangeLog.objects.filter(target_type="case", target_id=case.pk).select_related("changed_by"):
            events.append({"at": change.changed_at, "kind": "edit", "by": _who(change.changed_by),
                           "text": _("Changed: %(fields)s.") % {"fields": ", ".join(sorted(change.changes))},
                           "note": ""})
    if Section.PLAN in sections:
        for task in case.tasks.filter(done_at__isnull=False).select_related("assigned_to"):
            events.append({"at": task.done_at, "kind": "task", "by": _who(task.assigned_to),
                           "text": _("Task done: %(title)s.") % {"title": task.title}, "note": ""})
    return sorted(events, key=lambda event: event["at"] or dt.datetime.min.replace(tzinfo=dt.UTC))
