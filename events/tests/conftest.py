"""Fixtures shared by the tests of the events app (add yours; keep the others working)."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from events.models import Event, EventTranslation


@pytest.fixture
def organiser(make_user):
    """Olga, a member who organises events in her own name."""
    return make_user("olga", first_name="Olga", last_name="Rey")


@pytest.fixture
def event_factory(db, organiser):
    """Build a published event, a week ahead, with its French text, through the ORM."""
    numbers = itertools.count(1)

    def make(*, title="Journée d'échanges", language="fr", **values):
        number = next(numbers)
        starts_at = values.pop("starts_at", timezone.now() + dt.timedelta(days=7))
        values.setdefault("slug", f"evenement-{number}")
        values.setdefault("status", Event.Status.PUBLISHED)
        values.setdefault("ends_at", starts_at + dt.timedelta(hours=3))
        values.setdefault("created_by", organiser)
        event = Event.objects.create(starts_at=starts_at, source_language=language, **values)
        EventTranslation.objects.create(event=event, language=language, title=title)
        return event

    return make


@pytest.fixture
def event(event_factory, space):
    """Ten seats at eLAN, organised by Olga for the space (its manager may manage it)."""
    return event_factory(
        slug="journee-elan",
        title="Journée d'échanges à eLAN",
        capacity=10,
        space=space,
        organiser_space=space,
        town="Lézat-sur-Lèze",
    )


# Barcamp (test_barcamp*.py): a barcamp at eLAN, people registered to it, their proposals.


@pytest.fixture
def barcamp_event(event_factory, space):
    """A published barcamp at eLAN next week, organised by Olga for the space."""
    from events.models import Event

    return event_factory(
        slug="barcamp-elan",
        title="Barcamp des tiers-lieux",
        kind=Event.Kind.BARCAMP,
        space=space,
        organiser_space=space,
    )


@pytest.fixture
def register(db):
    """Give ``user`` a confirmed registration to ``event`` (straight through the ORM)."""
    from events.models import Registration

    def make(event, user, state="confirmed"):
        return Registration.objects.create(
            event=event, user=user, name=user.username, email=user.email, state=state
        )

    return make


@pytest.fixture
def attendee(make_user, register, barcamp_event):
    """Rémi, registered to the barcamp."""
    user = make_user("remi")
    register(barcamp_event, user)
    return user


@pytest.fixture
def proposer(make_user, register, barcamp_event):
    """Paula, registered to the barcamp; she proposed a session."""
    user = make_user("paula")
    register(barcamp_event, user)
    return user
