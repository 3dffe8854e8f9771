"""Simultaneous registrations against the real database: never overbooked, and a freed
seat goes to exactly one waiting person, exactly once.

Each thread has its own database connection (closed at its end), as concurrent web
requests would. Run on SQLite by default and on PostgreSQL with DATABASE_URL.
"""

import threading
from collections import Counter

import pytest
from django.db import connections

from events import registration as services
from events.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 50
SEATS_LEFT = 10


def run_together(work, items) -> list:
    """Start ``work(item)`` for every item in its own thread, all at the same moment."""
    start = threading.Barrier(len(items))
    results, errors = [], []

    def run(item):
        try:
            start.wait()
            results.append(work(item))
        except Exception as error:  # collected, so that the test shows it
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


@pytest.fixture
def nearly_full(event):
    """An event of 20 seats with 10 already taken."""
    event.capacity = 20
    event.save()
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"Early {i}",
            email=f"early{i}@example.org",
            state=Registration.State.CONFIRMED,
        )
        for i in range(20 - SEATS_LEFT)
    )
    return event


def counts(event) -> Counter:
    return Counter(event.registrations.values_list("state", flat=True))


def test_fifty_members_for_ten_seats_then_concurrent_cancellations(
    nearly_full, make_user, mailoutbox
):
    event = nearly_full
    users = [make_user(f"racer{i}") for i in range(THREADS)]

    run_together(lambda user: services.register_member(event, user), users)

    assert counts(event) == {"confirmed": 20, "waiting": THREADS - SEATS_LEFT}
    assert len(mailoutbox) == THREADS
    mailoutbox.clear()

    # Ten places freed at once, while the organiser also asks to fill the list: each
    # freed seat goes to one waiting person, and nobody is promoted twice.
    leaving = list(event.registrations.filter(state="confirmed", user__isnull=False)[:10])
    calls = [("cancel", row) for row in leaving] + [("fill", None)] * 5

    def act(call):
        action, row = call
        if action == "cancel":
            return services.cancel(row)
        return services.fill_from_waiting_list(event)

    run_together(act, calls)

    assert counts(event) == {"confirmed": 20, "waiting": 30, "cancelled": 10}
    promoted = event.registrations.filter(promoted_at__isnull=False)
    assert promoted.count() == 10
    # The ten who waited longest, in order.
    first_waiting = (
        event.registrations.exclude(pk__in=[row.pk for row in leaving])
        .filter(user__isnull=False)
        .order_by("queued_at", "pk")
    )
    assert set(promoted) <= set(first_waiting[: SEATS_LEFT + 10])
    subjects = Counter(message.to[0] for message in mailoutbox)
    for row in promoted:
        assert subjects[row.email] == 1  # one promotion email each
    assert len(mailoutbox) == 10 + 10  # ten cancellations, ten promotions


def test_fifty_visitors_verifying_at_once_for_ten_seats(nearly_full, mailoutbox):
    event = nearly_full
    visitors = [
        services.register_visitor(event, f"Visitor {i}", f"visitor{i}@example.org")
        for i in range(THREADS)
    ]
    assert counts(event)["unverified"] == THREADS

    run_together(lambda row: services.verify(row.token), visitors)

    assert counts(event) == {"confirmed": 20, "waiting": THREADS - SEATS_LEFT}
    waiting = event.registrations.filter(state="waiting").order_by("queued_at", "pk")
    confirmed = event.registrations.filter(state="confirmed", queued_at__isnull=False)
    # Whoever got a seat verified before everyone left waiting.
    assert max(row.queued_at for row in confirmed) <= waiting.first().queued_at
