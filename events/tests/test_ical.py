"""iCalendar feeds, parsed back with icalendar to check what calendars will read."""

import datetime as dt
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, MemberCalendar, ProgrammeItem, Registration

pytestmark = pytest.mark.django_db
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar) -> dict[str, icalendar.Event]:
    return {str(item["summary"]): item for item in calendar.walk("VEVENT")}


@pytest.fixture
def events(event_factory, space):
    start = dt.datetime(timezone.now().year + 1, 1, 20, 17, 0, tzinfo=MADRID)
    zawp = event_factory(
        title="Mesa redonda",
        language="es",
        time_zone="Europe/Madrid",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        address="Zorrotzaurre",
        town="Bilbao",
        country="ES",
        online=True,
        online_url="https://visio.example.org/secret-room",
    )
    ProgrammeItem.objects.create(
        event=zawp, starts_at=start, ends_at=start + dt.timedelta(hours=1), title="Apertura"
    )
    elan = event_factory(title="Journée à eLAN", space=space, organiser_space=space)
    called_off = event_factory(title="Annulée", status=Event.Status.CANCELLED, sequence=3)
    draft = event_factory(title="Brouillon", status=Event.Status.DRAFT)
    return zawp, elan, called_off, draft


def test_network_feed(client, events):
    zawp, elan, called_off, _draft = events
    response = client.get("/events/feed.ics")
    assert response.request["PATH_INFO"] == reverse("events_ical:network")
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"])
    assert calendar["VERSION"] == "2.0"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content
    items = vevents(calendar)
    assert set(items) == {"Mesa redonda", "Journée à eLAN", "Annulée"}
    item = items["Mesa redonda"]
    assert item["UID"] == f"event-{zawp.pk}@127.0.0.1"
    assert item["STATUS"] == "CONFIRMED"
    assert item["SEQUENCE"] == 0
    assert item["DTSTART"].params["TZID"] == "Europe/Madrid"
    assert item["DTSTART"].dt == zawp.starts_at
    assert item["DTSTART"].dt.hour == 17
    assert item["DTEND"].dt == zawp.ends_at
    assert item["DTSTAMP"].dt.tzinfo is not None
    assert "Zorrotzaurre" in str(item["LOCATION"])
    assert str(item["URL"]).endswith(f"/es/events/{zawp.slug}/")
    assert "Apertura" in str(item["DESCRIPTION"])
    assert items["Annulée"]["STATUS"] == "CANCELLED"
    assert items["Annulée"]["SEQUENCE"] == 3
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} >= {"Europe/Madrid"}
    assert b"secret-room" not in response.content


def test_space_feed(client, events, space):
    calendar = parse(client.get(reverse("events_ical:space", args=[space.slug])))
    assert set(vevents(calendar)) == {"Journée à eLAN"}
    assert "eLAN" in str(calendar["X-WR-CALNAME"])
    assert client.get("/events/space/nowhere.ics").status_code == 404


def test_event_download_never_for_a_draft(client, events):
    zawp, _elan, _off, draft = events
    calendar = parse(client.get(reverse("events_ical:event", args=[zawp.slug])))
    assert list(vevents(calendar)) == ["Mesa redonda"]
    client.force_login(draft.created_by)
    assert client.get(reverse("events_ical:event", args=[draft.slug])).status_code == 404


def test_member_feed_lists_only_their_confirmed_seats(client, events, member):
    zawp, elan, called_off, draft = events
    for event, state in [
        (zawp, "confirmed"),
        (elan, "waiting"),
        (called_off, "confirmed"),
        (draft, "confirmed"),
    ]:
        Registration.objects.create(
            event=event, user=member, name="Mia", email=member.email, state=state
        )
    token = MemberCalendar.objects.create(user=member).token
    response = client.get(reverse("events_ical:member", args=[token]))
    calendar = parse(response)
    assert set(vevents(calendar)) == {"Mesa redonda", "Annulée"}
    assert response["Cache-Control"].startswith("private")
    assert b"secret-room" not in response.content
    assert client.get(reverse("events_ical:member", args=["wrong-token"])).status_code == 404
