"""Changes to events: plain functions, one transaction each.

Registrations and the barcamp have their own modules; this one creates, edits,
publishes and cancels events, and keeps their programme, write-up and files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events import permissions, registration
from events.models import Event, EventFile, EventTranslation, ProgrammeItem, Registration
from spaces.choices import TranslationStatus
from spaces.permissions import is_coordinator

# The fields a form hands to save_event; texts and the programme come apart.
EVENT_FIELDS = [
    "kind",
    "source_language",
    "starts_at",
    "ends_at",
    "time_zone",
    "space",
    "address",
    "town",
    "country",
    "region",
    "online",
    "online_url",
    "organiser_space",
    "by_network",
    "audience",
    "capacity",
    "price",
    "image",
    "tags",
]
TEXT_FIELDS = ["title", "summary", "description"]

# Far years overflow when converted between zones; beyond this, a number is a typo.
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_CAPACITY = 100_000
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_FILE_BYTES = 10 * 1024 * 1024
# Documents people open anywhere without special software; no executables or archives.
FILE_EXTENSIONS = {
    "pdf",
    "odt",
    "ods",
    "odp",
    "docx",
    "xlsx",
    "pptx",
    "txt",
    "md",
    "csv",
    "jpg",
    "jpeg",
    "png",
    "webp",
}


class EventError(ValueError):
    """A change refused for a reason the organiser can read (already translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Session:
    """One programme line before it is stored: local wall-clock times, no zone yet."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str
    speakers: str = ""
    room: str = ""


# --- rules shared by the forms (as field errors) and the services (as a last guard) ---


def zone_error(name: str) -> str | None:
    if name not in zoneinfo.available_timezones():
        return _("“%(zone)s” is not a known time zone.") % {"zone": name}
    return None


def dates_error(starts_at, ends_at) -> str | None:
    if starts_at and ends_at and ends_at <= starts_at:
        return _("The event must end after it starts.")
    return None


def place_error(values: dict) -> str | None:
    if values.get("online") and not values.get("online_url"):
        return _("Give the link of the online event (only registered people will see it).")
    if not (values.get("online") or values.get("space") or (values.get("address") or "").strip()):
        return _("Choose a space of the directory, give an address, or mark the event online.")
    return None


def organiser_error(user, values: dict, previous: Event | None = None) -> str | None:
    space = values.get("organiser_space")
    if values.get("by_network"):
        if space is not None:
            return _("An event is organised by the network or by a space, not both.")
        # An event a coordinator set up for the network may be edited by its space managers.
        if not is_coordinator(user) and not (previous and previous.by_network):
            return _("Only network coordinators may organise an event for the network.")
    unchanged = previous is not None and previous.organiser_space_id == getattr(space, "pk", None)
    if space is not None and not unchanged and not permissions.can_organise_for_space(user, space):
        return _("You may organise events only for a space you manage.")
    return None


def confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, state=Registration.State.CONFIRMED).count()


def capacity_error(event: Event | None, capacity: int | None) -> str | None:
    if capacity is not None and not (0 <= capacity <= MAX_CAPACITY):
        return _("The capacity must be between 0 and %(max)s.") % {"max": MAX_CAPACITY}
    if capacity is None or event is None or event.pk is None:
        return None
    taken = confirmed_count(event)
    if capacity < taken:
        return _("The capacity cannot be lower than the %(count)s confirmed registrations.") % {
            "count": taken
        }
    return None


def image_error(image) -> str | None:
    if image and getattr(image, "size", 0) > MAX_IMAGE_BYTES:
        return _("The image is too large; the limit is 5 MB.")
    return None


def localize(value: dt.datetime, zone: str) -> dt.datetime:
    """A wall-clock time in ``zone`` made aware; aware values are kept as they are."""
    if timezone.is_aware(value):
        return value
    return value.replace(tzinfo=zoneinfo.ZoneInfo(zone))


def local_time(value: dt.datetime, zone: str) -> dt.datetime:
    """An aware datetime as seen in ``zone``: what the forms and pages show."""
    return value.astimezone(zoneinfo.ZoneInfo(zone))


def _check(user, values: dict, event: Event | None) -> None:
    zone = values.get("time_zone") or ""
    errors = [zone_error(zone)]
    if not errors[0]:
        errors.append(dates_error(values.get("starts_at"), values.get("ends_at")))
    errors += [
        place_error(values),
        organiser_error(user, values, event),
        capacity_error(event, values.get("capacity")),
        image_error(values.get("image")),
    ]
    if values.get("price") is not None and Decimal(values["price"]) < 0:
        errors.append(_("The price cannot be negative."))
    errors = [error for error in errors if error]
    if errors:
        raise EventError(" ".join(errors))


def unique_slug(title: str, day: dt.date, exclude_pk: int | None = None) -> str:
    """title-YYYY-MM-DD, then a number: never taken by another event."""
    base = f"{slugify(title)[:180] or 'event'}-{day.isoformat()}"
    taken = Event.objects.exclude(pk=exclude_pk)
    candidate, number = base, 2
    while taken.filter(slug=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _copy_place(event: Event) -> None:
    """An event at a space of the directory takes its place from it (kept if the space goes)."""
    space = event.space
    if space is None:
        return
    event.address = space.address
    event.town = space.town
    event.country = space.country
    event.region = space.region
    event.latitude = space.latitude
    event.longitude = space.longitude


def _fill_places(event: Event) -> None:
    registration.fill_from_waiting_list(event)


@transaction.atomic
def save_event(
    *,
    event: Event | None = None,
    user,
    values: dict,
    texts: dict | None = None,
    programme: list[Session] | None = None,
    slug: str = "",
) -> Event:
    """Create (``event=None``, as a draft) or update an event.

    ``values`` holds any of ``EVENT_FIELDS`` (start and end either aware or as wall-clock
    times in ``time_zone``); ``texts`` the title/summary/description in the source
    language; ``programme`` replaces the sessions when given. ``slug`` is for demo data.
    """
    creating = event is None
    if creating:
        event = Event(created_by=user)
        merged = {"time_zone": "Europe/Paris", **values}
    else:
        event = Event.objects.select_for_update().get(pk=event.pk)
        merged = {field: getattr(event, field) for field in EVENT_FIELDS} | values
    # Wall-clock times typed in a form are read in the event's (possibly new) zone.
    if not zone_error(merged["time_zone"]):
        for field in ("starts_at", "ends_at"):
            if merged.get(field) is not None:
                merged[field] = localize(merged[field], merged["time_zone"])
    if creating and not (texts or {}).get("title", "").strip():
        raise EventError(_("Give the event a title."))
    _check(user, merged, None if creating else event)
    old_capacity = None if creating else event.capacity
    for field in EVENT_FIELDS:
        if field in merged:
            setattr(event, field, merged[field])
    _copy_place(event)
    if not event.online:
        event.online_url = ""
    if creating:
        event.slug = slug or unique_slug(
            texts["title"], local_time(event.starts_at, event.time_zone).date()
        )
    else:
        # Calendars that already hold the event replace it only when SEQUENCE grows.
        event.sequence += 1
    event.save()
    if texts is not None:
        save_text(event, event.source_language, texts)
    if programme is not None:
        _replace_programme(event, programme)
    if not creating and _capacity_raised(old_capacity, event.capacity):
        _fill_places(event)
    return event


def _capacity_raised(old: int | None, new: int | None) -> bool:
    return old is not None and (new is None or new > old)


def save_text(event: Event, language: str, texts: dict) -> EventTranslation:
    """Store one language's texts; a change to the source marks the others outdated."""
    if language not in dict(settings.LANGUAGES):
        raise EventError(_("Unknown language."))
    cleaned = {field: (texts.get(field) or "").strip() for field in TEXT_FIELDS}
    if not cleaned["title"]:
        raise EventError(_("Give the event a title."))
    row, created = EventTranslation.objects.get_or_create(
        event=event, language=language, defaults=cleaned
    )
    changed = created or any(getattr(row, f) != v for f, v in cleaned.items())
    if not created and (changed or row.status != TranslationStatus.UP_TO_DATE):
        for field, value in cleaned.items():
            setattr(row, field, value)
        row.status = TranslationStatus.UP_TO_DATE
        row.save()
    if changed and language == event.source_language and not created:
        event.translations.exclude(language=language).update(status=TranslationStatus.OUTDATED)
    return row


@transaction.atomic
def translate(event: Event, *, language: str, texts: dict) -> EventTranslation:
    """Add or correct the texts of another language than the source."""
    if language == event.source_language:
        raise EventError(_("Edit the event itself to change the original text."))
    # No SEQUENCE bump: calendars carry the source language only.
    return save_text(event, language, texts)


SESSION_LINE = re.compile(
    r"^\s*(?:(?P<day>\d{4}-\d{2}-\d{2})\s+)?(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})\s*"
    r"\|\s*(?P<title>[^|]+?)\s*(?:\|\s*(?P<speakers>[^|]*?)\s*)?(?:\|\s*(?P<room>[^|]*?)\s*)?$"
)


def parse_programme(text: str, first_day: dt.date) -> list[Session]:
    """Read "HH:MM-HH:MM | title | speakers | room", one session a line.

    Speakers and room are optional. A line may start with a date (YYYY-MM-DD) for
    events over several days; otherwise the session is on the event's first day.
    Raises EventError naming the first line it cannot read.
    """
    sessions = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = SESSION_LINE.match(line)
        try:
            if match is None:
                raise ValueError
            day = dt.date.fromisoformat(match["day"]) if match["day"] else first_day
            start = dt.datetime.combine(day, dt.time.fromisoformat(match["start"].zfill(5)))
            end = dt.datetime.combine(day, dt.time.fromisoformat(match["end"].zfill(5)))
        except ValueError:
            raise EventError(
                _('Programme, line %(number)s: write "HH:MM-HH:MM | title | speakers | room".')
                % {"number": number}
            ) from None
        if end <= start:
            raise EventError(
                _("Programme, line %(number)s: the session must end after it starts.")
                % {"number": number}
            )
        sessions.append(
            Session(
                start,
                end,
                match["title"][:200],
                (match["speakers"] or "")[:300],
                (match["room"] or "")[:100],
            )
        )
    return sessions


def programme_text(event: Event) -> str:
    """The programme in the form's one-line-per-session format (for editing)."""
    first_day = local_time(event.starts_at, event.time_zone).date()
    lines = []
    for item in event.programme.all():
        start = local_time(item.starts_at, event.time_zone)
        end = local_time(item.ends_at, event.time_zone)
        day = "" if start.date() == first_day else f"{start.date().isoformat()} "
        parts = [f"{day}{start:%H:%M}-{end:%H:%M}", item.title, item.speakers, item.room]
        while len(parts) > 2 and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def _replace_programme(event: Event, sessions: list[Session]) -> None:
    ProgrammeItem.objects.filter(event=event).delete()
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(
            event=event,
            starts_at=localize(session.starts_at, event.time_zone),
            ends_at=localize(session.ends_at, event.time_zone),
            title=session.title,
            speakers=session.speakers,
            room=session.room,
        )
        for session in sessions
    )


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def publish(event: Event) -> Event:
    event = _locked(event)
    if event.status != Event.Status.DRAFT:
        raise EventError(_("Only a draft can be published."))
    event.status = Event.Status.PUBLISHED
    event.sequence += 1
    event.save(update_fields=["status", "sequence", "updated_at"])
    return event


@transaction.atomic
def cancel(event: Event) -> Event:
    """Cancel the event (kept on its page and in the feeds, marked cancelled)."""
    event = _locked(event)
    if event.status == Event.Status.CANCELLED:
        raise EventError(_("This event is already cancelled."))
    was_published = event.status == Event.Status.PUBLISHED
    event.status = Event.Status.CANCELLED
    event.sequence += 1
    event.save(update_fields=["status", "sequence", "updated_at"])
    if was_published:
        registration.notify_event_cancelled(event)
    return event


@transaction.atomic
def set_capacity(event: Event, capacity: int | None) -> Event:
    """Change the number of places; raising it lets the waiting list in."""
    event = _locked(event)
    error = capacity_error(event, capacity)
    if error:
        raise EventError(error)
    old = event.capacity
    event.capacity = capacity
    event.sequence += 1
    event.save(update_fields=["capacity", "sequence", "updated_at"])
    if _capacity_raised(old, capacity):
        _fill_places(event)
    return event


@transaction.atomic
def save_writeup(event: Event, text: str) -> Event:
    """The organiser's account of the event (Markdown, sanitised when shown)."""
    event = _locked(event)
    if event.status == Event.Status.DRAFT:
        raise EventError(_("Publish the event before writing it up."))
    if event.starts_at > timezone.now():
        raise EventError(_("The write-up can be written once the event has begun."))
    event.writeup = text.strip()
    event.save(update_fields=["writeup", "updated_at"])
    return event


def file_error(upload) -> str | None:
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if extension not in FILE_EXTENSIONS:
        return _("Files of this type are not accepted. Accepted: %(list)s.") % {
            "list": ", ".join(sorted(FILE_EXTENSIONS))
        }
    if upload.size > MAX_FILE_BYTES:
        return _("The file is too large; the limit is 10 MB.")
    return None


@transaction.atomic
def add_file(event: Event, *, upload, title: str) -> EventFile:
    if event.status == Event.Status.DRAFT:
        raise EventError(_("Publish the event before attaching files to its write-up."))
    error = file_error(upload)
    if error:
        raise EventError(error)
    title = (title or "").strip() or os.path.basename(upload.name)
    return EventFile.objects.create(event=event, file=upload, title=title[:200])


@transaction.atomic
def delete_file(event_file: EventFile) -> None:
    # The row goes first: a failed storage delete leaves an orphan file, not a broken link.
    stored = event_file.file
    event_file.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
