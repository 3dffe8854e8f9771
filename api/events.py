"""/api/events: published and cancelled events of the network (never drafts, never the
online link, which only registered people receive)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from api.pages import PageFilters, checked_language, paged
from community.visibility import public_name
from events import selectors, services
from events.models import Event
from events.texts import text_for
from spaces.models import Space
from spaces.rendering import render_markdown

router = Router(tags=["events"])


class EventFilters(PageFilters):
    space: str = Field("", max_length=220, description="Slug of the hosting or organising space")
    kind: Event.Kind | None = None
    region: str = Field("", max_length=120)
    language: str = Field("", description="Events with a text in this language")
    date_from: dt.date | None = Field(None, alias="from", description="Ending on or after")
    date_to: dt.date | None = Field(None, alias="to", description="Starting on or before")
    past: bool = Field(False, description="Past events, latest first (default: upcoming)")
    lang: str = Field("fr", description="Language of the texts returned (falls back)")


class SpaceRef(Schema):
    slug: str
    name: str


class EventOut(Schema):
    slug: str
    kind: str
    status: str
    cancelled: bool
    title: str
    summary: str
    language: str | None = Field(None, description="Language of the texts shown")
    source_language: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    online: bool = Field(description="The link is given to registered people only")
    space: SpaceRef | None
    address: str
    town: str
    country: str
    region: str
    latitude: float | None
    longitude: float | None
    organiser: str
    organiser_space: SpaceRef | None
    by_network: bool
    audience: str
    capacity: int | None
    price: float
    is_free: bool
    tags: list[str]
    url: str
    ical_url: str


class SessionOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str
    speakers: str
    room: str


class FileOut(Schema):
    title: str
    url: str


class EventDetailOut(EventOut):
    description: str = Field(description="Markdown, as written")
    description_html: str
    programme: list[SessionOut]
    writeup_html: str
    files: list[FileOut]


class EventPage(Schema):
    count: int
    page: int
    pages: int
    results: list[EventOut]


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _query(filters: EventFilters) -> selectors.EventQuery:
    space = None
    if filters.space:
        space = Space.objects.filter(slug=filters.space).first()
        if space is None:
            raise HttpError(422, f"unknown space {filters.space!r}")
    if filters.language:
        checked_language(filters.language)
    for day in (filters.date_from, filters.date_to):
        if day and not (services.MIN_YEAR <= day.year <= services.MAX_YEAR):
            raise HttpError(422, "dates must be between the years 1900 and 2200")
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        raise HttpError(422, "'to' is before 'from'")
    return selectors.EventQuery(
        space=space,
        kind=filters.kind.value if filters.kind else "",
        region=filters.region,
        language=filters.language,
        past=filters.past,
        after=_day_start(filters.date_from) if filters.date_from else None,
        before=_day_start(filters.date_to + dt.timedelta(days=1)) if filters.date_to else None,
    )


def _space(space: Space | None) -> dict | None:
    return {"slug": space.slug, "name": space.name} if space else None


def _summary(request, event: Event, language: str) -> dict:
    text, _fallback = text_for(event, language)
    if event.by_network:
        organiser = "network"
    elif event.organiser_space:
        organiser = event.organiser_space.name
    else:
        # The API is public: names as an anonymous visitor may see them.
        organiser = public_name(event.created_by, AnonymousUser())
    return {
        "slug": event.slug,
        "kind": event.kind,
        "status": event.status,
        "cancelled": event.status == Event.Status.CANCELLED,
        "title": text.title if text else event.slug,
        "summary": text.summary if text else "",
        "language": text.language if text else None,
        "source_language": event.source_language,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "online": event.online,
        "space": _space(event.space),
        "address": event.address,
        "town": event.town,
        "country": event.country,
        "region": event.region,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "organiser": organiser,
        "organiser_space": _space(event.organiser_space),
        "by_network": event.by_network,
        "audience": event.audience,
        "capacity": event.capacity,
        "price": float(event.price),
        "is_free": event.is_free,
        "tags": event.tag_list,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "ical_url": request.build_absolute_uri(reverse("events_ical:event", args=[event.slug])),
    }


@router.get("", response=EventPage, summary="Search the events")
def list_events(request, filters: Query[EventFilters]):
    language = checked_language(filters.lang)
    rows = selectors.search(_query(filters))
    return paged(rows, filters, lambda event: _summary(request, event, language))


@router.get("/{slug}", response=EventDetailOut, summary="One event with its programme")
def get_event(request, slug: str, lang: str = "fr"):
    language = checked_language(lang)
    rows = selectors.with_listing_data(selectors.listed()).prefetch_related("programme", "files")
    event = rows.filter(slug=slug).first()
    if event is None:
        raise Http404("no published event with this slug")
    text, _fallback = text_for(event, language)
    data = _summary(request, event, language)
    data.update(
        description=text.description if text else "",
        description_html=str(render_markdown(text.description if text else "")),
        programme=[
            {
                "starts_at": item.starts_at,
                "ends_at": item.ends_at,
                "title": item.title,
                "speakers": item.speakers,
                "room": item.room,
            }
            for item in event.programme.all()
        ],
        writeup_html=str(render_markdown(event.writeup)) if event.writeup else "",
        files=[
            {"title": f.title, "url": request.build_absolute_uri(f.file.url)}
            for f in event.files.all()
        ],
    )
    return data
