"""Reminders of case tasks, by email to the assigned staff member, once per task."""

from __future__ import annotations

import datetime as dt

from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from ondol.cases.models import Task
from ondol.core.formatting import format_date


def send_task_reminders(*, today: dt.date | None = None) -> int:
    """Remind staff of open tasks whose reminder day has come (or that are due without one)."""
    today = today or timezone.localdate()
    due = Task.objects.filter(done_at__isnull=True, reminded_at__isnull=True, assigned_to__isnull=False).filter(
        Q(remind_on__lte=today) | Q(remind_on__isnull=True, due_on__lte=today)).select_related("assigned_to", "case")
    sent = 0
    for task in due:
        user = task.assigned_to
        if user is not None and user.email:
            with override(user.preferred_language):
                send_mail(_("Reminder: %(task)s") % {"task": task.title},
                          _("The task “%(task)s” of case #%(case)s is due on %(date)s.") % {
                              "task": task.title, "case": task.case_id,
                              "date": format_date(task.due_on, user.preferred_language)},
                          None, [user.email])
            sent += 1
        Task.objects.filter(pk=task.pk).update(reminded_at=timezone.now())
    return sent
