"""The list (upcoming, past) and month pages, their filters and their cost in queries."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from events import selectors
from events.models import Event, EventTranslation
from spaces import services as space_services

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [event.text.title for event in response.context["page"].object_list]


def test_upcoming_by_default_past_on_its_tab_never_drafts(client, event_factory):
    now = timezone.now()
    event_factory(title="Soon", starts_at=now + dt.timedelta(days=1))
    event_factory(title="Later", starts_at=now + dt.timedelta(days=9))
    event_factory(title="Gone", starts_at=now - dt.timedelta(days=9))
    event_factory(title="Older", starts_at=now - dt.timedelta(days=30))
    event_factory(title="Secret", status=Event.Status.DRAFT)
    event_factory(title="Called off", status=Event.Status.CANCELLED)
    assert titles(client.get(reverse("events:list"))) == ["Soon", "Called off", "Later"]
    assert titles(client.get(reverse("events:list") + "?when=past")) == ["Gone", "Older"]


def test_list_is_paginated_with_bounded_queries(
    client, event_factory, space, django_assert_max_num_queries
):
    for number in range(selectors.PER_PAGE + 5):
        event = event_factory(title=f"E{number}", space=space, organiser_space=space)
        EventTranslation.objects.create(event=event, language="es", title=f"S{number}")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("events:list"))
    assert len(response.context["page"].object_list) == selectors.PER_PAGE
    with django_assert_max_num_queries(10):
        response = client.get(reverse("events:list") + "?page=2&kind=meetup")
    assert len(response.context["page"].object_list) == 5
    with django_assert_max_num_queries(12):
        client.get(reverse("events:month"))


@pytest.fixture
def spread(event_factory, space, make_user):
    """Events at two spaces, of two kinds, in two regions and languages."""
    other = space_services.space_save(
        space=None, values={"name": "Zawp", "kind": "coworking", "town": "Bilbao", "country": "ES"}
    )
    space.region = "Occitanie"
    space.save()
    at_elan = event_factory(title="À eLAN", space=space, region="Occitanie", kind="workshop")
    at_zawp = event_factory(
        title="En Zawp", language="es", space=other, region="País Vasco", kind="round_table"
    )
    online = event_factory(title="En ligne", online=True, kind="training")
    EventTranslation.objects.create(event=online, language="es", title="En línea")
    return space, other, at_elan, at_zawp, online


@pytest.mark.parametrize(
    "query, expected",
    [
        ("space=SPACE", ["À eLAN"]),
        ("kind=round_table", ["En Zawp"]),
        ("region=Occitanie", ["À eLAN"]),
        ("language=es", ["En Zawp", "En ligne"]),
        ("language=fr", ["À eLAN", "En ligne"]),
    ],
)
def test_filters(client, spread, query, expected):
    space = spread[0]
    response = client.get(reverse("events:list") + "?" + query.replace("SPACE", space.slug))
    assert sorted(titles(response)) == sorted(expected)


def test_unknown_filter_values_are_a_400_not_a_500(client, spread):
    for query in ("space=nowhere", "kind=party", "region=Atlantis", "language=xx"):
        assert client.get(reverse("events:list") + "?" + query).status_code == 400
        assert client.get(reverse("events:month") + "?" + query).status_code == 400


def test_month_grid_places_events_on_their_local_days(client, event_factory):
    madrid = zoneinfo.ZoneInfo("Europe/Madrid")
    event_factory(
        title="Deux jours",
        time_zone="Europe/Madrid",
        starts_at=dt.datetime(2031, 3, 30, 23, 30, tzinfo=madrid),
        ends_at=dt.datetime(2031, 4, 1, 12, 0, tzinfo=madrid),
    )
    response = client.get(reverse("events:month", args=[2031, 3]))
    assert response.status_code == 200
    days = {day.date: day for week in response.context["weeks"] for day in week}
    assert [e.text.title for e in days[dt.date(2031, 3, 30)].events] == ["Deux jours"]
    assert days[dt.date(2031, 3, 31)].events and days[dt.date(2031, 4, 1)].events
    assert not days[dt.date(2031, 3, 29)].events
    assert days[dt.date(2031, 3, 3)].date.weekday() == 0  # weeks start on Monday
    html = response.content.decode()
    assert reverse("events:month", args=[2031, 2]) in html
    assert reverse("events:month", args=[2031, 4]) in html
    assert client.get("/fr/events/month/2031/13/").status_code == 404


def test_month_defaults_to_the_current_month(client):
    response = client.get(reverse("events:month"))
    assert response.context["first"] == timezone.localdate().replace(day=1)
