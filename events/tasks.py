"""Background work of the events (django-tasks; `manage.py db_worker` runs it)."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from events import emails
from events.models import Event, Registration

logger = logging.getLogger(__name__)

# A daily run covers the events starting 24 to 48 hours later: consecutive runs tile
# the calendar, so every event falls in exactly one run's window, the day before.
WINDOW_START = dt.timedelta(hours=24)
WINDOW_END = dt.timedelta(hours=48)


def due_reminders(now: dt.datetime):
    return Registration.objects.filter(
        state=Registration.State.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__gte=now + WINDOW_START,
        event__starts_at__lt=now + WINDOW_END,
    ).order_by("pk")


@task()
def send_reminders() -> int:
    """Email the reminder to each confirmed registrant once; returns how many were sent."""
    now = timezone.now()
    sent = 0
    for pk in list(due_reminders(now).values_list("pk", flat=True)):
        # Claimed before sending: two workers running at once never send it twice.
        claimed = Registration.objects.filter(pk=pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if claimed and emails.send_reminder(pk):
            sent += 1
    return sent
