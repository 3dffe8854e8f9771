"""Registrations to events: plain functions, one transaction each.

Seats are counted inside a lock on the event row, so that simultaneous registrations
never overbook and a freed seat goes to exactly one waiting person. PostgreSQL takes
the lock with ``SELECT … FOR UPDATE``; SQLite is configured with
``transaction_mode: IMMEDIATE``, so every atomic block already holds the database's
write lock from its start and writers run one after the other.

Emails leave after the commit (``transaction.on_commit``): a rolled-back change never
sends one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events import emails, permissions
from events.models import Event, Registration

State = Registration.State
LIVE_STATES = [State.UNVERIFIED, State.CONFIRMED, State.WAITING]
NAME_MAX_LENGTH = Registration._meta.get_field("name").max_length
EMAIL_MAX_LENGTH = 254


class RegistrationError(ValueError):
    """A change refused for a reason the person can read (already translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnknownLink(RegistrationError):
    """The token of an emailed link matches no registration (mistyped, or forgotten)."""


def seats_left(event: Event) -> int | None:
    """Free seats, or None when the event has no capacity limit."""
    if event.capacity is None:
        return None
    taken = event.registrations.filter(state=State.CONFIRMED).count()
    return max(0, event.capacity - taken)


def closed_reason(event: Event) -> str | None:
    """Why nobody may register to ``event`` now, or None when registration is open."""
    if event.status == Event.Status.CANCELLED:
        return _("This event has been cancelled.")
    if event.status != Event.Status.PUBLISHED:
        return _("This event is not open for registration.")
    if event.is_past:
        return _("This event is over.")
    return None


def _lock(event: Event) -> Event:
    # Every change to an event's registrations starts here, so they are serialised.
    return Event.objects.select_for_update().get(pk=event.pk)


def _check_open(event: Event) -> None:
    reason = closed_reason(event)
    if reason:
        raise RegistrationError(reason)


def _take_seat_or_queue(event: Event, registration: Registration, now) -> None:
    """Confirm if a seat is free, else put on the waiting list (the caller holds the lock)."""
    registration.queued_at = now
    free = seats_left(event)
    # Someone already waiting keeps their turn: no overtaking while seats are being freed.
    queue = event.registrations.filter(state=State.WAITING).exclude(pk=registration.pk)
    if free is None or (free > 0 and not queue.exists()):
        registration.state = State.CONFIRMED
        registration.confirmed_at = now
    else:
        registration.state = State.WAITING


def _send_state_email(registration: Registration) -> None:
    send = emails.send_confirmation
    if registration.state == State.WAITING:
        send = emails.send_waiting
    transaction.on_commit(lambda: send(registration.pk))


def _save_new(registration: Registration) -> Registration:
    try:
        # A savepoint: the unique constraint is the last guard against a double submission.
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise RegistrationError(
            _("This email address is already registered for this event.")
        ) from None
    return registration


@transaction.atomic
def register_member(event: Event, user) -> Registration:
    """One click: a member's address is already verified, so the seat is taken at once."""
    if not permissions.is_member(user):
        raise RegistrationError(_("Log in to register as a member."))
    if not user.email:
        raise RegistrationError(_("Your account has no email address."))
    event = _lock(event)
    _check_open(event)
    live = event.registrations.filter(state__in=LIVE_STATES)
    if live.filter(user=user).exists() or live.filter(email__iexact=user.email).exists():
        raise RegistrationError(_("You are already registered for this event."))
    registration = Registration(
        event=event, user=user, name=user.display_name[:NAME_MAX_LENGTH], email=user.email
    )
    _take_seat_or_queue(event, registration, timezone.now())
    _save_new(registration)
    _send_state_email(registration)
    return registration


def clean_visitor(name: str, email: str) -> tuple[str, str]:
    """The visitor's name and address, trimmed, or a RegistrationError."""
    name = (name or "").strip()
    # Addresses are compared and stored in lower case: one person, one registration.
    email = (email or "").strip().lower()
    if not name:
        raise RegistrationError(_("Please give your name."))
    if len(name) > NAME_MAX_LENGTH:
        raise RegistrationError(
            _("The name is too long (at most %(limit)d characters).") % {"limit": NAME_MAX_LENGTH}
        )
    try:
        if len(email) > EMAIL_MAX_LENGTH:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise RegistrationError(_("Please give a valid email address.")) from None
    return name, email


@transaction.atomic
def register_visitor(event: Event, name: str, email: str) -> Registration:
    """Record an unverified registration and email the link that verifies it.

    No seat is held until the address is verified: unverified requests (typos, bots)
    must not fill the event.
    """
    name, email = clean_visitor(name, email)
    if not permissions.can_register_as_visitor(event):
        raise RegistrationError(_("This event is for members only. Log in to register."))
    event = _lock(event)
    _check_open(event)
    if event.registrations.filter(state__in=LIVE_STATES, email__iexact=email).exists():
        raise RegistrationError(_("This email address is already registered for this event."))
    registration = _save_new(
        Registration(event=event, name=name, email=email, state=State.UNVERIFIED)
    )
    transaction.on_commit(lambda: emails.send_verification(registration.pk))
    return registration


def _by_token(token: str) -> Registration:
    registration = Registration.objects.filter(token=token).select_related("event").first()
    if registration is None:
        raise UnknownLink(_("This link is not valid: it may be incomplete or out of date."))
    return registration


def get_by_token(token: str) -> Registration:
    """The registration an emailed link points to, or UnknownLink."""
    return _by_token(token)


@transaction.atomic
def verify(token: str) -> Registration:
    """Confirm a visitor's address: a seat if one is free, else the waiting list.

    Verifying again is harmless and returns the registration as it stands.
    """
    registration = _by_token(token)
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.event = event
    if registration.state == State.CANCELLED:
        raise RegistrationError(_("This registration has been cancelled."))
    if registration.state != State.UNVERIFIED:
        return registration
    _check_open(event)
    _take_seat_or_queue(event, registration, timezone.now())
    registration.save(update_fields=["state", "queued_at", "confirmed_at"])
    _send_state_email(registration)
    return registration


def _promote(event: Event) -> list[Registration]:
    """Give the free seats to the first waiting people (the caller holds the lock)."""
    if closed_reason(event):
        return []
    waiting = event.registrations.filter(state=State.WAITING).order_by("queued_at", "pk")
    free = seats_left(event)
    if free is not None:
        waiting = waiting[:free]
    now = timezone.now()
    promoted = []
    for registration in list(waiting):
        # Conditional on the state read: a row promoted by someone else is not promoted twice.
        changed = Registration.objects.filter(pk=registration.pk, state=State.WAITING).update(
            state=State.CONFIRMED, confirmed_at=now, promoted_at=now
        )
        if changed:
            promoted.append(registration)
            transaction.on_commit(lambda pk=registration.pk: emails.send_promotion(pk))
    return promoted


@transaction.atomic
def fill_from_waiting_list(event: Event) -> list[Registration]:
    """Promote as many waiting people as the capacity allows (after it was raised)."""
    return _promote(_lock(event))


@transaction.atomic
def cancel(registration: Registration, *, notify: bool = True) -> Registration:
    """Cancel a place; a freed seat goes to the first person on the waiting list.

    ``notify=False`` skips the email to the person (when their account is being deleted).
    """
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.event = event
    if registration.state == State.CANCELLED:
        raise RegistrationError(_("This registration is already cancelled."))
    if event.is_past:
        raise RegistrationError(_("This event is over."))
    registration.state = State.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["state", "cancelled_at"])
    if notify:
        transaction.on_commit(lambda: emails.send_cancellation(registration.pk))
    _promote(event)
    return registration


@transaction.atomic
def notify_event_cancelled(event: Event) -> int:
    """Email every confirmed or waiting registrant that the event is cancelled.

    Unverified addresses are not written to: their owner never confirmed asking for
    this event. Returns how many emails will be sent after the commit.
    """
    targets = list(
        event.registrations.filter(state__in=[State.CONFIRMED, State.WAITING]).values_list(
            "pk", flat=True
        )
    )
    for pk in targets:
        transaction.on_commit(lambda pk=pk: emails.send_event_cancelled(pk))
    return len(targets)


@transaction.atomic
def set_checked_in(registration: Registration, checked_in: bool) -> Registration:
    """The organiser ticks (or unticks) a person on the check-in list."""
    if registration.state == State.CANCELLED:
        raise RegistrationError(_("This registration has been cancelled."))
    Registration.objects.filter(pk=registration.pk).update(checked_in=checked_in)
    registration.checked_in = checked_in
    return registration
