"""Reading events: the list and month pages, the feeds and the API share these queries."""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from events.models import Event, EventTranslation, Registration
from events.texts import text_for
from spaces.models import Space

PER_PAGE = 20
# Feeds carry what calendars need: what is coming, and what happened in the last year.
FEED_PAST_DAYS = 365
FEED_SIZE = 500


@dataclass
class EventQuery:
    space: Space | None = None
    kind: str = ""
    region: str = ""
    language: str = ""
    past: bool = False
    # Events overlapping [after, before) when set (month view, API dates).
    after: dt.datetime | None = None
    before: dt.datetime | None = None


def listed():
    """Every event the public may see: published and cancelled, never drafts."""
    return Event.objects.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])


def with_listing_data(queryset):
    """What a list shows of each event, in a fixed number of queries."""
    return queryset.select_related(
        "space", "organiser_space", "created_by__profile"
    ).prefetch_related("translations")


def filtered(query: EventQuery, rows=None):
    rows = listed() if rows is None else rows
    if query.space is not None:
        rows = rows.filter(Q(space=query.space) | Q(organiser_space=query.space))
    if query.kind:
        rows = rows.filter(kind=query.kind)
    if query.region:
        rows = rows.filter(region=query.region)
    if query.language:
        # An Exists keeps one row per event, where a join would need DISTINCT.
        has_text = EventTranslation.objects.filter(event=OuterRef("pk"), language=query.language)
        rows = rows.filter(Q(source_language=query.language) | Exists(has_text))
    if query.after is not None:
        rows = rows.filter(ends_at__gt=query.after)
    if query.before is not None:
        rows = rows.filter(starts_at__lt=query.before)
    return rows


def search(query: EventQuery, now: dt.datetime | None = None):
    """Upcoming (still running or to come, soonest first), or past (latest first)."""
    now = now or timezone.now()
    rows = filtered(query)
    if query.past:
        rows = rows.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        rows = rows.filter(ends_at__gt=now).order_by("starts_at", "pk")
    return with_listing_data(rows)


def with_texts(events, language: str):
    """Attach ``text`` (the translation shown) and ``is_fallback`` to each event."""
    events = list(events)
    for event in events:
        event.text, event.is_fallback = text_for(event, language)
    return events


def region_choices() -> list[str]:
    return list(
        listed().exclude(region="").order_by("region").values_list("region", flat=True).distinct()
    )


def spaces_with_events():
    """Only spaces that host or organise events: the filter stays short in a large directory."""
    hosting = listed().filter(Q(space=OuterRef("pk")) | Q(organiser_space=OuterRef("pk")))
    return Space.objects.filter(Exists(hosting)).order_by("name")


# --- month view ---


@dataclass
class Day:
    date: dt.date
    in_month: bool
    events: list


def month_bounds(year: int, month: int, zone: str) -> tuple[dt.datetime, dt.datetime]:
    tz = zoneinfo.ZoneInfo(zone)
    start = dt.datetime(year, month, 1, tzinfo=tz)
    following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start, following


def month_grid(year: int, month: int, events) -> list[list[Day]]:
    """Weeks (Monday first) of the month; each event under every local day it covers."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    days = {day: Day(day, day.month == month, []) for week in weeks for day in week}
    for event in events:
        # Days as the event's own zone sees them: a 9:00 Lézat meeting is on its date.
        zone = zoneinfo.ZoneInfo(event.time_zone)
        first = event.starts_at.astimezone(zone).date()
        last = (event.ends_at - dt.timedelta(microseconds=1)).astimezone(zone).date()
        day = max(first, weeks[0][0])
        while day <= min(last, weeks[-1][-1]):
            days[day].events.append(event)
            day += dt.timedelta(days=1)
    return [[days[day] for day in week] for week in weeks]


def month_events(year: int, month: int, query: EventQuery, zone: str):
    start, end = month_bounds(year, month, zone)
    # A day of margin each side: an event's own zone may put it on the month's edge.
    query.after = start - dt.timedelta(days=1)
    query.before = end + dt.timedelta(days=1)
    return with_listing_data(filtered(query).order_by("starts_at", "pk"))


# --- feeds ---


def feed_events(now: dt.datetime | None = None):
    now = now or timezone.now()
    rows = listed().filter(ends_at__gt=now - dt.timedelta(days=FEED_PAST_DAYS))
    return with_listing_data(rows.order_by("-starts_at", "-pk"))


def feed_events_of_space(space: Space, now: dt.datetime | None = None):
    return feed_events(now).filter(Q(space=space) | Q(organiser_space=space))


def feed_events_of_member(user):
    """The events the member holds a confirmed place at (not the waiting list)."""
    mine = Registration.objects.filter(
        event=OuterRef("pk"), user=user, state=Registration.State.CONFIRMED
    )
    return with_listing_data(listed().filter(Exists(mine)).order_by("-starts_at", "-pk"))
