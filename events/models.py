"""Events of the network: what, when, where, for whom, and who registered.

Texts are translated per language (one ``EventTranslation`` row each, marked outdated
when the source language changes after the translation was written).
"""

from __future__ import annotations

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spaces.choices import translation_status_field


def new_token() -> str:
    return secrets.token_urlsafe(24)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(zone)s” is not a known time zone."), params={"zone": value})


class Event(models.Model):
    class Kind(models.TextChoices):
        EXCHANGE_DAY = "exchange_day", _("exchange day")
        BARCAMP = "barcamp", _("barcamp")
        ROUND_TABLE = "round_table", _("round table")
        WORKSHOP = "workshop", _("workshop")
        VISIT = "visit", _("visit")
        TRAINING = "training", _("training session")
        MEETUP = "meetup", _("meetup")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    class Audience(models.TextChoices):
        ALL = "all", _("open to all")
        MEMBERS = "members", _("members only")

    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETUP)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    source_language = models.CharField(
        _("language of the original text"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"), max_length=40, default="Europe/Paris", validators=[validate_time_zone]
    )
    # Where: a space of the directory, or another address; or online.
    space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("space"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    town = models.CharField(_("town"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to registered people.")
    )
    # Who organises: the network, a space, or a member (always recorded as the creator).
    organiser_space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("organising space"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_events",
    )
    by_network = models.BooleanField(_("organised by the network"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="events_created",
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    price = models.DecimalField(
        _("price (€)"), max_digits=7, decimal_places=2, default=0, help_text=_("0 for free.")
    )
    image = models.ImageField(_("image"), upload_to="events/", blank=True)
    tags = models.CharField(
        _("tags"), max_length=200, blank=True, help_text=_("Separated by commas.")
    )
    # After the event: the organiser's write-up (Markdown), kept on the page.
    writeup = models.TextField(_("write-up"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # RFC 5545 SEQUENCE: raised at each change that calendars must pick up.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="event_price_positive"),
        ]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_free(self) -> bool:
        return not self.price

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class EventTranslation(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = translation_status_field()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event translation")
        verbose_name_plural = _("event translations")
        constraints = [
            models.UniqueConstraint(fields=["event", "language"], name="one_event_text_per_lang")
        ]

    def __str__(self):
        return f"{self.title} [{self.language}]"


class ProgrammeItem(models.Model):
    """A timed session of the programme, with its speakers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    title = models.CharField(_("title"), max_length=200)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("programme session")
        verbose_name_plural = _("programme sessions")
        ordering = ["starts_at", "room", "pk"]

    def __str__(self):
        return self.title


class Registration(models.Model):
    """One person's place at an event: a member's, or a visitor's verified by email."""

    class State(models.TextChoices):
        UNVERIFIED = "unverified", _("email to verify")
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    # The secret of the links in emails: verify, cancel. Never shown to anyone else.
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("registered on"), auto_now_add=True)
    # Order on the waiting list: when the place was asked for (verified, for visitors).
    queued_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    checked_in = models.BooleanField(_("checked in"), default=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One live registration per person and event (a cancelled one may be renewed).
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(state="cancelled"),
                name="one_live_registration_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "state", "queued_at"])]

    def __str__(self):
        return f"{self.name} → {self.event}"


class EventFile(models.Model):
    """A file attached to the write-up (slides, photos, minutes)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="events/files/")
    title = models.CharField(_("title"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title


class SessionProposal(models.Model):
    """Barcamp: a session a participant proposes; others vote for it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="proposals")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Where the organiser placed it in the grid (both empty until placed).
    room = models.CharField(_("room"), max_length=100, blank=True)
    slot = models.PositiveSmallIntegerField(_("slot"), null=True, blank=True)

    class Meta:
        verbose_name = _("session proposal")
        verbose_name_plural = _("session proposals")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "room", "slot"],
                condition=models.Q(slot__isnull=False),
                name="one_session_per_cell",
            )
        ]

    def __str__(self):
        return self.title


class Vote(models.Model):
    proposal = models.ForeignKey(SessionProposal, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "voter"], name="one_vote_per_proposal")
        ]

    def __str__(self):
        return f"{self.voter} → {self.proposal}"


class BarcampGrid(models.Model):
    """The barcamp's rooms and time slots, which the organiser fills with proposals."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="grid")
    rooms = models.CharField(_("rooms"), max_length=400, help_text=_("Separated by commas."))
    slots = models.TextField(
        _("time slots"), help_text=_("One per line, as HH:MM-HH:MM, e.g. 10:00-10:45.")
    )

    def __str__(self):
        return f"grid of {self.event}"

    @property
    def room_list(self) -> list[str]:
        return [room.strip() for room in self.rooms.split(",") if room.strip()]

    @property
    def slot_list(self) -> list[str]:
        return [line.strip() for line in self.slots.splitlines() if line.strip()]


class MemberCalendar(models.Model):
    """The secret address of a member's private calendar of their registrations."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_calendar"
    )
    token = models.CharField(max_length=40, unique=True, default=new_token)

    def __str__(self):
        return f"calendar of {self.user}"
