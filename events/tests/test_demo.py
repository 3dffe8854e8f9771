"""Demo events: the real days of the field (past, written up) and upcoming ones."""

import pytest
from django.utils import timezone

from events.demo import PAST, UPCOMING, load_demo_events
from events.models import Event
from spaces import demo as spaces_demo

pytestmark = pytest.mark.django_db


def test_no_account_no_demo_event():
    assert load_demo_events() == 0
    assert not Event.objects.exists()


@pytest.fixture
def demo_world(make_user):
    spaces_demo.load_demo(with_users=True)
    return [make_user(name) for name in ("camille", "ane", "jordi")]


def test_demo_events_are_real_places_past_and_upcoming_and_load_once(demo_world):
    created = load_demo_events()
    assert created == len(PAST) + len(UPCOMING) == Event.objects.count()
    now = timezone.now()
    past = Event.objects.filter(ends_at__lte=now)
    assert past.count() == len(PAST)
    assert all(event.writeup for event in past)
    assert all(event.status == "published" for event in Event.objects.all())
    bilbao = Event.objects.get(slug__startswith="table-ronde-coworking")
    assert bilbao.space.town == "Bilbao" and bilbao.time_zone == "Europe/Madrid"
    assert set(bilbao.translations.values_list("language", flat=True)) == {"fr", "es"}
    bayonne = Event.objects.get(slug__startswith="petit-ramdam-des-pyrenees")
    assert bayonne.space is None and "Maison de la Vie Citoyenne" in bayonne.address
    assert bayonne.by_network
    lezat = Event.objects.get(slug="cowopy-lezat-2015-09-11")
    assert lezat.organiser_space.managers.filter(username="gestionnaire").exists()
    assert lezat.programme.count() == 4
    upcoming = Event.objects.filter(starts_at__gt=now)
    kinds = set(upcoming.values_list("kind", flat=True))
    assert {"barcamp", "workshop", "training", "meetup"} <= kinds
    assert upcoming.filter(audience="members").exists()
    assert upcoming.filter(online=True).exclude(online_url="").exists()
    workshop = upcoming.get(kind="workshop")
    assert workshop.audience == "all" and workshop.capacity <= 10
    before = list(Event.objects.order_by("pk").values())
    assert load_demo_events() == 0
    assert list(Event.objects.order_by("pk").values()) == before


def test_without_demo_members_a_coordinator_organises(make_user):
    spaces_demo.load_demo()
    make_user("boss", is_coordinator=True)
    assert load_demo_events() == len(PAST) + len(UPCOMING)
    assert set(Event.objects.values_list("created_by__username", flat=True)) == {"boss"}
