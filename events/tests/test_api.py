"""/api/events: published and cancelled events only, with the list's filters."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Event, EventTranslation, ProgrammeItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(event_factory, space):
    now = timezone.now()
    soon = event_factory(
        title="Atelier",
        space=space,
        organiser_space=space,
        kind="workshop",
        region="Occitanie",
        online=True,
        online_url="https://visio.example.org/secret-room",
        starts_at=now + dt.timedelta(days=2),
    )
    EventTranslation.objects.create(event=soon, language="es", title="Taller")
    ProgrammeItem.objects.create(
        event=soon, starts_at=soon.starts_at, ends_at=soon.ends_at, title="Manos a la obra"
    )
    later = event_factory(title="Rencontre", starts_at=now + dt.timedelta(days=40), price=5)
    gone = event_factory(title="Passé", starts_at=now - dt.timedelta(days=40), writeup="**Bien**")
    off = event_factory(title="Annulé", status=Event.Status.CANCELLED)
    event_factory(title="Brouillon", status=Event.Status.DRAFT)
    return soon, later, gone, off


def titles(response):
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_list_upcoming_past_and_never_drafts(client, events):
    assert titles(client.get("/api/events")) == ["Atelier", "Annulé", "Rencontre"]
    assert titles(client.get("/api/events?past=true")) == ["Passé"]
    data = client.get("/api/events").json()
    assert data["count"] == 3 and data["pages"] == 1
    cancelled = [row for row in data["results"] if row["cancelled"]]
    assert [row["title"] for row in cancelled] == ["Annulé"]
    assert b"secret-room" not in client.get("/api/events").content


@pytest.mark.parametrize(
    "query, expected",
    [
        ("space=elan", ["Atelier"]),
        ("kind=workshop", ["Atelier"]),
        ("region=Occitanie", ["Atelier"]),
        ("language=es", ["Atelier"]),
        ("limit=1&page=2", ["Annulé"]),
    ],
)
def test_filters(client, events, space, query, expected):
    assert titles(client.get("/api/events?" + query.replace("elan", space.slug))) == expected


def test_date_range(client, events):
    start = (timezone.now() + dt.timedelta(days=30)).date()
    assert titles(client.get(f"/api/events?from={start}")) == ["Rencontre"]
    end = (timezone.now() + dt.timedelta(days=3)).date()
    assert titles(client.get(f"/api/events?to={end}")) == ["Atelier"]


@pytest.mark.parametrize(
    "query",
    [
        "space=nowhere",
        "kind=party",
        "language=xx",
        "lang=xx",
        "limit=1000",
        "page=9",
        "to=9999-12-31",
        "from=0001-01-01",
        "from=2030-02-01&to=2030-01-01",
    ],
)
def test_bad_filters_are_client_errors(client, events, query):
    assert client.get("/api/events?" + query).status_code in (404, 422)


def test_detail_in_a_language_with_programme_and_no_online_link(client, events):
    soon, _later, gone, _off = events
    response = client.get(f"/api/events/{soon.slug}?lang=es")
    data = response.json()
    assert data["title"] == "Taller" and data["language"] == "es"
    assert data["online"] is True
    assert data["programme"][0]["title"] == "Manos a la obra"
    assert data["ical_url"].endswith(f"/events/{soon.slug}.ics")
    assert b"secret-room" not in response.content
    assert "<strong>Bien</strong>" in client.get(f"/api/events/{gone.slug}").json()["writeup_html"]


def test_detail_of_a_draft_is_a_404(client, events):
    draft = Event.objects.get(status=Event.Status.DRAFT)
    assert client.get(f"/api/events/{draft.slug}").status_code == 404
