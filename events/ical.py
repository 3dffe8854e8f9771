"""Events as iCalendar (RFC 5545), for calendar applications.

Times are written in the event's own zone (DTSTART;TZID=Europe/Madrid:…) with a
VTIMEZONE for each zone used, so calendars show the local time even across a
change of daylight-saving rules. Texts are the source language's: a feed has one
address for every reader. The online link is never written here: it is for
registered people only, on the event page.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from events.models import Event
from events.texts import text_for
from opportunities.links import absolute

PRODID = "-//Maillage//Events//EN"


def uid_of(event: Event) -> str:
    """Stable for the event's whole life: the primary key never changes, the title may."""
    host = urlsplit(settings.SITE_URL).hostname or "maillage"
    return f"event-{event.pk}@{host}"


def absolute_url(event: Event) -> str:
    with translation.override(event.source_language):
        return absolute(reverse("events:detail", args=[event.slug]))


def location_of(event: Event) -> str:
    if event.online and not (event.space_id or event.address):
        with translation.override(event.source_language):
            return _("Online")
    parts = [event.space.name if event.space else "", event.address, event.town]
    if event.country:
        parts.append(event.country)
    return ", ".join(part for part in parts if part)


def _description(event: Event, text, url: str) -> str:
    parts = []
    if text is not None:
        parts += [text.summary, text.description]
    sessions = [
        f"{item.starts_at.astimezone(zoneinfo.ZoneInfo(event.time_zone)):%H:%M} {item.title}"
        + (f" ({item.speakers})" if item.speakers else "")
        for item in event.programme.all()
    ]
    if sessions:
        parts.append("\n".join(sessions))
    parts.append(url)
    return "\n\n".join(part for part in parts if part)


def vevent(event: Event) -> icalendar.Event:
    text, _fallback = text_for(event, event.source_language)
    zone = zoneinfo.ZoneInfo(event.time_zone)
    url = absolute_url(event)
    item = icalendar.Event()
    item.add("uid", uid_of(event))
    # DTSTAMP: when this version of the event was written (RFC 5545 without METHOD).
    item.add("dtstamp", event.updated_at.astimezone(dt.UTC))
    item.add("last-modified", event.updated_at.astimezone(dt.UTC))
    item.add("created", event.created_at.astimezone(dt.UTC))
    item.add("dtstart", event.starts_at.astimezone(zone))
    item.add("dtend", event.ends_at.astimezone(zone))
    item.add("summary", text.title if text else event.slug)
    item.add("description", _description(event, text, url))
    location = location_of(event)
    if location:
        item.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        item.add("geo", (event.latitude, event.longitude))
    item.add("url", url)
    cancelled = event.status == Event.Status.CANCELLED
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("sequence", event.sequence)
    item.add("categories", [event.kind, *event.tag_list])
    return item


def calendar_of(events, name: str) -> bytes:
    """A VCALENDAR holding ``events`` (never drafts: callers pass listed events only)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Calendars poll; once an hour spares the server without leaving changes unseen for long.
    refresh = icalendar.vDuration(dt.timedelta(hours=1))
    refresh.params["VALUE"] = "DURATION"
    calendar.add("refresh-interval", refresh)
    calendar.add("x-published-ttl", "PT1H")
    for event in events:
        if event.status == Event.Status.DRAFT:
            continue
        calendar.add_component(vevent(event))
    calendar.add_missing_timezones()
    return calendar.to_ical()
