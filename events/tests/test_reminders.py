"""The reminder the day before: confirmed people only, once, by task or command."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import registration as services
from events.models import Event, Registration
from events.tasks import send_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def tomorrow(event_factory):
    return event_factory(
        slug="demain", capacity=1, starts_at=timezone.now() + dt.timedelta(hours=30)
    )


def test_confirmed_registrants_of_tomorrows_events_are_reminded_once(
    tomorrow, event_factory, make_user, mailoutbox
):
    later = event_factory(slug="plus-tard", starts_at=timezone.now() + dt.timedelta(days=3))
    soon = event_factory(slug="bientot", starts_at=timezone.now() + dt.timedelta(hours=5))
    cancelled = event_factory(slug="annule", starts_at=timezone.now() + dt.timedelta(hours=30))
    confirmed = services.register_member(tomorrow, make_user("ada"))
    services.register_member(tomorrow, make_user("bob"))  # waiting: no seat, no reminder
    services.register_visitor(tomorrow, "Eve", "eve@example.org")  # unverified
    for other in (later, soon, cancelled):
        services.register_member(other, make_user(f"x-{other.slug}"))
    Event.objects.filter(pk=cancelled.pk).update(status=Event.Status.CANCELLED)
    mailoutbox.clear()

    assert send_reminders.call() == 1
    [email] = mailoutbox
    assert email.to == ["ada@example.org"]
    assert f"/registration/{confirmed.token}/cancel/" in email.body
    assert "/events/demain.ics" in email.body
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is not None

    assert send_reminders.call() == 0
    assert len(mailoutbox) == 1


def test_the_command_sends_now_or_queues(tomorrow, member, mailoutbox):
    services.register_member(tomorrow, member)
    mailoutbox.clear()
    call_command("send_event_reminders")
    assert mailoutbox == []  # queued for the worker
    call_command("send_event_reminders", "--now")
    assert len(mailoutbox) == 1
    assert Registration.objects.get().reminded_at is not None
