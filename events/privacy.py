"""A member's registrations: export them, and forget them when the account goes.

Registrations made with the member's address before they had an account (as a
visitor) are theirs too, and are included.

Events the member organised stay (contributions), signed by the anonymised account.

Forgetting: live registrations to events still to come are cancelled, so that the
seat goes to the next person waiting (without an email to the departing member).
Then every row is kept but anonymised, its name emptied, its address replaced and
its link token renewed: organisers keep true head counts and check-in figures, and
nothing leads back to the person.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from events import registration as services
from events.models import Event, MemberCalendar, Registration, new_token


def _theirs(user):
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    return Registration.objects.filter(mine)


def _date(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    """Everything the events hold about ``user``'s registrations, JSON-serialisable."""
    rows = _theirs(user).select_related("event").order_by("created_at", "pk")
    return {
        "registrations": [
            {
                "event": row.event.slug,
                "event_starts_at": _date(row.event.starts_at),
                "name": row.name,
                "email": row.email,
                "state": row.state,
                "registered_at": _date(row.created_at),
                "queued_at": _date(row.queued_at),
                "confirmed_at": _date(row.confirmed_at),
                "promoted_at": _date(row.promoted_at),
                "cancelled_at": _date(row.cancelled_at),
                "reminded_at": _date(row.reminded_at),
                "checked_in": row.checked_in,
            }
            for row in rows
        ],
        # Events the member organised are contributions; listed so the export is whole.
        "events_organised": [
            {"event": event.slug, "starts_at": _date(event.starts_at), "status": event.status}
            for event in Event.objects.filter(created_by=user).order_by("starts_at")
        ],
        "private_calendar": MemberCalendar.objects.filter(user=user).exists(),
    }


@transaction.atomic
def forget(user) -> None:
    """Cancel the member's coming registrations (promoting others), then anonymise all."""
    live = _theirs(user).filter(state__in=services.LIVE_STATES).select_related("event")
    for row in live:
        if not row.event.is_past:
            services.cancel(row, notify=False)
    for pk in _theirs(user).values_list("pk", flat=True):
        # The address must stay unique among an event's live rows: derive it from the pk.
        Registration.objects.filter(pk=pk).update(
            user=None, name="", email=f"forgotten-{pk}@invalid.invalid", token=new_token()
        )
    # The private calendar address would otherwise keep working for whoever holds it.
    MemberCalendar.objects.filter(user=user).delete()
