"""The weekly email digest: new opportunities and barter requests for a member's skills,
and new events near the member (at or around their home space, online, or the network's)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from community.models import BarterPost, Profile
from community.services import ensure_profile
from community.visibility import public_name
from events.models import Event
from events.texts import title_for
from opportunities import selectors
from opportunities.links import absolute
from territory.geo import bounding_box

FIRST_PERIOD = dt.timedelta(days=7)
# Events within this distance of the member's home space count as near.
NEAR_KM = 50.0
# A digest is a summary: the most relevant items, then a link to the board for the rest.
MAX_ITEMS = 20


def digest_for(user, since: dt.datetime, until: dt.datetime | None = None) -> dict:
    """What is new for ``user`` since ``since``: matching opportunities and barter requests.

    ``until`` closes the period, so that consecutive digests neither skip nor repeat.
    """
    profile = ensure_profile(user)
    ranked = selectors.ranked_matches(user, since=since, until=until)
    opportunities = selectors.with_matches(ranked[:MAX_ITEMS])
    barter = BarterPost.objects.filter(created_at__lt=until) if until else BarterPost.objects
    barter_requests = list(
        barter.filter(
            kind=BarterPost.Kind.REQUEST,
            state=BarterPost.State.OPEN,
            skill_id__in=selectors.offered_skill_ids(profile),
            created_at__gte=since,
        )
        .exclude(author_id=user.pk)
        .select_related("author__profile", "skill")
        .order_by("-created_at", "-pk")[:MAX_ITEMS]
    )
    return {
        "since": since,
        "opportunities": opportunities,
        "barter_requests": barter_requests,
        "events": new_events_near(profile, since, until),
    }


def new_events_near(profile: Profile, since: dt.datetime, until: dt.datetime | None) -> list:
    """Events announced in the period and still to come that concern the member: online,
    organised by the network, or at or within NEAR_KM of the member's home space."""
    events = Event.objects.filter(
        status=Event.Status.PUBLISHED, created_at__gte=since, starts_at__gte=until or since
    )
    if until is not None:
        events = events.filter(created_at__lt=until)
    concern = Q(online=True) | Q(by_network=True)
    if profile.latitude is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(
            profile.latitude, profile.longitude, NEAR_KM
        )
        concern |= Q(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lon,
            longitude__lte=max_lon,
        )
    events = events.filter(concern).prefetch_related("translations")
    return list(events.order_by("starts_at", "pk")[:MAX_ITEMS])


def member_language(profile: Profile) -> str:
    """The first site language the member speaks, in the site's order (French first, then
    the languages whose translation is complete); French when none is known."""
    spoken = set(profile.language_codes)
    for code, _name in settings.LANGUAGES:
        if code in spoken:
            return code
    return settings.LANGUAGE_CODE


def _context(user, content: dict, unsubscribe_url: str, language: str) -> dict:
    # Names as the member (a signed-in reader) may see them: the one visibility rule.
    return {
        "language": language,
        "unsubscribe_url": unsubscribe_url,
        "opportunities": [
            {
                "title": item.title,
                "kind": item.kind_label,
                "poster": public_name(item.author, user),
                "url": absolute(item.get_absolute_url()),
            }
            for item in content["opportunities"]
        ],
        "barter_requests": [
            {
                "title": item.title,
                "skill": item.skill.label,
                "poster": public_name(item.author, user),
            }
            for item in content["barter_requests"]
        ],
        "events": [
            {
                "title": title_for(event, language),
                # In the event's own time zone, as on its page.
                "when": date_format(
                    timezone.localtime(event.starts_at, zoneinfo.ZoneInfo(event.time_zone)),
                    "DATETIME_FORMAT",
                ),
                "place": _("online") if event.online else (event.town or event.address),
                "url": absolute(event.get_absolute_url()),
            }
            for event in content["events"]
        ],
    }


def send_digest(user, now: dt.datetime) -> bool:
    """Email the digest if the member asked for it and something is new; True if sent."""
    profile = ensure_profile(user)
    if not (profile.digest_opt_in and user.is_active and user.email):
        return False
    since = profile.digest_sent_at or now - FIRST_PERIOD
    content = digest_for(user, since, until=now)
    if not (content["opportunities"] or content["barter_requests"] or content["events"]):
        return False
    language = member_language(profile)
    with translation.override(language):
        unsubscribe_url = absolute(
            reverse("opportunities:unsubscribe", kwargs={"token": profile.email_token})
        )
        context = _context(user, content, unsubscribe_url, language)
        message = EmailMultiAlternatives(
            subject=_("Maillage: your weekly digest"),
            body=render_to_string("opportunities/email/digest.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
            # RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe button.
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            render_to_string("opportunities/email/digest.html", context), "text/html"
        )
    message.send()
    Profile.objects.filter(pk=profile.pk).update(digest_sent_at=now)
    profile.digest_sent_at = now
    return True
