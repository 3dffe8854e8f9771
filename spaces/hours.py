"""Opening hours in OpenStreetMap syntax: weekly table, "open now", indexed slots."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import opening_hours
from django.utils.translation import gettext_lazy as _

WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
# A week with no public holiday in the partners' countries: the "regular week".
REFERENCE_MONDAY = dt.datetime(2025, 2, 3)
MINUTES_PER_DAY = 24 * 60


def parse(expression: str) -> opening_hours.OpeningHours | None:
    if not expression:
        return None
    try:
        return opening_hours.OpeningHours(expression)
    except (opening_hours.ParserError, ValueError):
        return None


def weekly_slots(expression: str) -> list[tuple[int, int, int]]:
    """Open intervals of the regular week as (weekday, start minute, end minute).

    An interval crossing midnight is split at midnight; "24/7" gives whole days.
    """
    parsed = parse(expression)
    if parsed is None:
        return []
    end = REFERENCE_MONDAY + dt.timedelta(days=7)
    slots = []
    for start, stop, state, _comment in parsed.intervals(REFERENCE_MONDAY, end):
        if state != opening_hours.State.OPEN:
            continue
        stop = stop or end
        cursor = start
        while cursor < stop:
            day_end = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
            piece_end = min(stop, day_end)
            weekday = (cursor.date() - REFERENCE_MONDAY.date()).days
            start_minute = cursor.hour * 60 + cursor.minute
            end_minute = (
                MINUTES_PER_DAY
                if piece_end == day_end
                else (piece_end.hour * 60 + piece_end.minute)
            )
            if end_minute > start_minute:
                slots.append((weekday, start_minute, end_minute))
            cursor = piece_end
    return slots


def weekly_table(expression: str) -> list[tuple[str, list[str]]]:
    """Rows (weekday name, ["09:00–12:00", …]) for the detail page; empty list = closed."""
    by_day: dict[int, list[str]] = {day: [] for day in range(7)}
    for weekday, start, end in weekly_slots(expression):
        by_day[weekday].append(f"{_hhmm(start)}–{_hhmm(end)}")
    return [(WEEKDAYS[day], by_day[day]) for day in range(7)]


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def local_now(timezone: str, now: dt.datetime | None = None) -> dt.datetime:
    """The wall-clock time at the space, naive, as the parser expects it."""
    now = now or dt.datetime.now(dt.UTC)
    return now.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def is_open(expression: str, timezone: str, now: dt.datetime | None = None) -> bool | None:
    """True/False when the expression says so at the space's local time, None if unknown."""
    parsed = parse(expression)
    if parsed is None:
        return None
    when = local_now(timezone, now)
    if parsed.is_unknown(when):
        return None
    return parsed.is_open(when)
