"""Emails to registrants, in plain text, each in the registrant's language.

Every email carries the registration's own link, from which the person can cancel:
visitors have no account, the link is their only way back. The online link of an
event is written only to people holding a confirmed seat.
"""

from __future__ import annotations

import logging
import zoneinfo

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from events.models import Registration
from events.texts import title_for
from opportunities.links import absolute

logger = logging.getLogger(__name__)
SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def language_for(registration: Registration) -> str:
    """A member's first spoken site language; else the event's own; French otherwise."""
    profile = getattr(registration.user, "profile", None) if registration.user_id else None
    spoken = set(profile.language_codes) if profile is not None else set()
    for code in SITE_LANGUAGES:
        if code in spoken:
            return code
    if registration.event.source_language in SITE_LANGUAGES:
        return registration.event.source_language
    return settings.LANGUAGE_CODE


def ical_path(event) -> str:
    return reverse("events_ical:event", args=[event.slug])


def event_path(event) -> str:
    return event.get_absolute_url()


def _when(event) -> str:
    zone = zoneinfo.ZoneInfo(event.time_zone)
    starts = timezone.localtime(event.starts_at, zone)
    ends = timezone.localtime(event.ends_at, zone)
    start_text = formats.date_format(starts, "DATETIME_FORMAT")
    if starts.date() == ends.date():
        end_text = formats.time_format(ends, "TIME_FORMAT")
    else:
        end_text = formats.date_format(ends, "DATETIME_FORMAT")
    return f"{start_text} – {end_text} ({event.time_zone})"


def _where(event) -> str:
    if event.space_id:
        return f"{event.space.name}, {event.space.town}".strip(", ")
    return ", ".join(part for part in (event.address, event.town) if part)


def _context(registration: Registration, language: str) -> dict:
    event = registration.event
    confirmed = registration.state == Registration.State.CONFIRMED
    return {
        "registration": registration,
        "title": title_for(event, language),
        "when": _when(event),
        "where": _where(event),
        "online": event.online,
        # The online link is the seat itself for an online event: confirmed people only.
        "online_url": event.online_url if confirmed else "",
        "event_url": absolute(event_path(event)),
        "ics_url": absolute(ical_path(event)),
        "verify_url": absolute(reverse("events:verify", args=[registration.token])),
        "manage_url": absolute(reverse("events:cancel", args=[registration.token])),
    }


def _send(pk: int, template: str, subject: str) -> bool:
    """Render ``template`` for registration ``pk`` in its language and send it."""
    registration = (
        Registration.objects.select_related("event__space", "user__profile")
        .prefetch_related("event__translations")
        .filter(pk=pk)
        .first()
    )
    if registration is None:
        return False
    language = language_for(registration)
    with translation.override(language):
        context = _context(registration, language)
        body = render_to_string(f"events/email/{template}.txt", context)
        subject = _(subject) % {"title": context["title"]}
    try:
        send_mail(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [registration.email],
        )
    except Exception:
        # The registration is saved: a mail server down must not turn the page into an error.
        logger.exception("%s email for registration %s failed", template, pk)
        return False
    return True


# Subjects are marked with gettext_noop and translated inside the recipient's language.
def send_verification(pk: int) -> bool:
    return _send(pk, "verification", gettext_noop("Confirm your registration: %(title)s"))


def send_confirmation(pk: int) -> bool:
    return _send(pk, "confirmation", gettext_noop("You are registered: %(title)s"))


def send_waiting(pk: int) -> bool:
    return _send(pk, "waiting", gettext_noop("You are on the waiting list: %(title)s"))


def send_promotion(pk: int) -> bool:
    return _send(pk, "promotion", gettext_noop("A seat is yours: %(title)s"))


def send_cancellation(pk: int) -> bool:
    return _send(pk, "cancellation", gettext_noop("Registration cancelled: %(title)s"))


def send_event_cancelled(pk: int) -> bool:
    return _send(pk, "event_cancelled", gettext_noop("Event cancelled: %(title)s"))


def send_reminder(pk: int) -> bool:
    return _send(pk, "reminder", gettext_noop("Reminder: %(title)s"))
