"""iCalendar downloads: the network's, a space's, a member's private feed, one event."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from events import selectors
from events.ical import calendar_of
from events.models import MemberCalendar
from events.texts import title_for
from spaces.models import Space


def _ics(events, name: str, filename: str, private: bool = False) -> HttpResponse:
    """``events``: a queryset (its first FEED_SIZE are read) or a list already read."""
    if not isinstance(events, list):
        events = list(events.prefetch_related("programme")[: selectors.FEED_SIZE])
    response = HttpResponse(calendar_of(events, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # A private feed's address is its key: keep it out of shared caches.
    response["Cache-Control"] = "private, max-age=300" if private else "public, max-age=300"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def network_feed(request):
    return _ics(selectors.feed_events(), _("Maillage: events of the network"), "maillage.ics")


@require_GET
def space_feed(request, slug):
    space = get_object_or_404(Space, slug=slug)
    name = _("Maillage: events of %(space)s") % {"space": space.name}
    return _ics(selectors.feed_events_of_space(space), name, f"{space.slug}.ics")


@require_GET
def member_feed(request, token):
    calendar = MemberCalendar.objects.filter(token=token).select_related("user").first()
    if calendar is None or not calendar.user.is_active:
        raise Http404
    events = selectors.feed_events_of_member(calendar.user)
    return _ics(events, _("Maillage: my events"), "my-events.ics", private=True)


@require_GET
def event_file(request, slug):
    # Drafts are never in a calendar, even for their organisers.
    rows = selectors.with_listing_data(selectors.listed()).filter(slug=slug)
    event = rows.prefetch_related("programme").first()
    if event is None:
        raise Http404
    name = title_for(event, event.source_language)
    return _ics([event], name, f"{event.slug}.ics")
