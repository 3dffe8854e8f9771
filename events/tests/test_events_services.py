"""Services of the events themselves: save, publish, cancel, capacity, write-up, files."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events import registration, services
from events.models import Event, EventTranslation, Registration
from spaces.choices import TranslationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are checked in English: the msgids, whatever the catalogues hold."""


NEXT_YEAR = timezone.now().year + 1


def values(**extra):
    base = {
        "kind": Event.Kind.WORKSHOP,
        "source_language": "fr",
        "starts_at": dt.datetime(NEXT_YEAR, 3, 27, 9, 30),
        "ends_at": dt.datetime(NEXT_YEAR, 3, 27, 17, 0),
        "time_zone": "Europe/Paris",
        "address": "Maison de la Vie Citoyenne",
        "town": "Bayonne",
        "price": Decimal("0"),
    }
    return base | extra


TEXTS = {"title": "Petit Ramdam", "summary": "Une journée", "description": "**Venez**"}


def test_create_saves_a_draft_with_local_times_and_a_dated_slug(organiser):
    event = services.save_event(user=organiser, values=values(), texts=TEXTS)
    assert event.status == Event.Status.DRAFT
    assert event.slug == f"petit-ramdam-{NEXT_YEAR}-03-27"
    assert event.created_by == organiser
    # 9:30 in Paris in March is 8:30 UTC.
    assert event.starts_at.astimezone(dt.UTC).hour == 8
    assert event.translations.get().title == "Petit Ramdam"
    again = services.save_event(user=organiser, values=values(), texts=TEXTS)
    assert again.slug == f"petit-ramdam-{NEXT_YEAR}-03-27-2"


def test_times_are_read_in_the_events_own_zone(organiser):
    event = services.save_event(
        user=organiser, values=values(time_zone="Europe/Madrid", town="Valls"), texts=TEXTS
    )
    local = event.starts_at.astimezone(zoneinfo.ZoneInfo("Europe/Madrid"))
    assert (local.hour, local.minute) == (9, 30)


def test_space_gives_its_place(organiser, space, manager):
    space.region = "Occitanie"
    space.latitude, space.longitude = 43.19, 1.43
    space.save()
    event = services.save_event(
        user=manager, values=values(space=space, address="", organiser_space=space), texts=TEXTS
    )
    assert (event.town, event.country, event.region) == ("Lézat-sur-Lèze", "FR", "Occitanie")
    assert event.latitude == 43.19
    assert event.organiser_space == space


def test_update_bumps_sequence_and_marks_other_languages_outdated(organiser):
    event = services.save_event(user=organiser, values=values(), texts=TEXTS)
    services.translate(event, language="es", texts={"title": "Pequeño Ramdam"})
    assert event.sequence == 0
    event = services.save_event(
        event=event, user=organiser, values={}, texts=TEXTS | {"summary": "Une autre journée"}
    )
    assert event.sequence == 1
    statuses = dict(event.translations.values_list("language", "status"))
    assert statuses == {"fr": TranslationStatus.UP_TO_DATE, "es": TranslationStatus.OUTDATED}
    # Saving the translation again brings it back up to date.
    services.translate(event, language="es", texts={"title": "Pequeño Ramdam"})
    assert EventTranslation.objects.get(event=event, language="es").status == "up_to_date"
    # Same texts again: nothing becomes outdated.
    services.save_event(
        event=event, user=organiser, values={}, texts=TEXTS | {"summary": "Une autre journée"}
    )
    assert EventTranslation.objects.get(event=event, language="es").status == "up_to_date"


def test_the_source_language_is_not_edited_as_a_translation(organiser):
    event = services.save_event(user=organiser, values=values(), texts=TEXTS)
    with pytest.raises(services.EventError):
        services.translate(event, language="fr", texts={"title": "x"})


@pytest.mark.parametrize(
    "bad, words",
    [
        ({"ends_at": dt.datetime(NEXT_YEAR, 3, 27, 9, 0)}, "end after"),
        ({"time_zone": "Mars/Olympus"}, "not a known time zone"),
        ({"online": True, "address": ""}, "link"),
        ({"address": ""}, "Choose a space"),
        ({"by_network": True}, "coordinators"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(organiser, bad, words):
    with pytest.raises(services.EventError) as caught:
        services.save_event(user=organiser, values=values(**bad), texts=TEXTS)
    assert words in caught.value.message
    assert not Event.objects.exists()


def test_only_managers_organise_for_a_space(member, manager, space):
    with pytest.raises(services.EventError, match="space you manage"):
        services.save_event(user=member, values=values(organiser_space=space), texts=TEXTS)
    assert services.save_event(user=manager, values=values(organiser_space=space), texts=TEXTS)


def test_a_failed_update_changes_nothing(event, organiser):
    before = (event.starts_at, event.ends_at, event.sequence)
    with pytest.raises(services.EventError):
        services.save_event(
            event=event, user=organiser, values={"ends_at": event.starts_at - dt.timedelta(hours=1)}
        )
    event.refresh_from_db()
    assert (event.starts_at, event.ends_at, event.sequence) == before


def confirm(event, count):
    for number in range(count):
        Registration.objects.create(
            event=event, name=f"P{number}", email=f"p{number}@example.org", state="confirmed"
        )


@pytest.fixture
def hooks(monkeypatch):
    """Record when the event services hand over to events.registration."""
    calls = []
    monkeypatch.setattr(
        registration, "notify_event_cancelled", lambda event: calls.append(("notify", event.pk))
    )
    monkeypatch.setattr(
        registration, "fill_from_waiting_list", lambda event: calls.append(("fill", event.pk))
    )
    return calls


def test_capacity_cannot_go_below_the_confirmed_seats(event, hooks):
    confirm(event, 3)
    with pytest.raises(services.EventError, match="3 confirmed"):
        services.set_capacity(event, 2)
    event.refresh_from_db()
    assert event.capacity == 10
    services.set_capacity(event, 3)
    assert hooks == []
    services.set_capacity(event, 5)
    services.set_capacity(event, None)
    assert hooks == [("fill", event.pk), ("fill", event.pk)]


def test_raising_capacity_in_the_form_lets_the_waiting_list_in(event, organiser, hooks):
    services.save_event(event=event, user=organiser, values={"capacity": 12})
    assert hooks == [("fill", event.pk)]


def test_publish_then_cancel_tells_the_people_registered(event_factory, hooks):
    event = event_factory(status=Event.Status.DRAFT, address="Bayonne")
    event = services.publish(event)
    assert event.status == "published" and event.sequence == 1
    with pytest.raises(services.EventError):
        services.publish(event)
    event = services.cancel(event)
    assert event.status == "cancelled" and event.sequence == 2
    assert hooks == [("notify", event.pk)]
    with pytest.raises(services.EventError):
        services.cancel(event)


def test_writeup_waits_for_the_event_and_is_sanitised_when_shown(event_factory):
    coming = event_factory()
    with pytest.raises(services.EventError):
        services.save_writeup(coming, "Trop tôt")
    past = event_factory(starts_at=timezone.now() - dt.timedelta(days=3))
    past = services.save_writeup(past, "Bilan **positif** <script>alert(1)</script>")
    assert past.writeup.startswith("Bilan")


def test_files_have_a_size_limit_and_allowed_types(event):
    ok = services.add_file(
        event, upload=SimpleUploadedFile("notes.pdf", b"%PDF-1.4"), title="Notes"
    )
    assert ok.title == "Notes"
    with pytest.raises(services.EventError, match="not accepted"):
        services.add_file(event, upload=SimpleUploadedFile("virus.exe", b"MZ"), title="")
    big = SimpleUploadedFile("big.pdf", b"0" * (services.MAX_FILE_BYTES + 1))
    with pytest.raises(services.EventError, match="10 MB"):
        services.add_file(event, upload=big, title="")
    assert event.files.count() == 1


def test_programme_lines_are_parsed_and_written_back(organiser):
    sessions = services.parse_programme(
        "09:30-12:00 | Table ronde | Ana, Luc | Salle 1\n\n2030-01-02 14:00-17:00 | Atelier",
        dt.date(2030, 1, 1),
    )
    assert [(s.starts_at.day, s.title, s.speakers, s.room) for s in sessions] == [
        (1, "Table ronde", "Ana, Luc", "Salle 1"),
        (2, "Atelier", "", ""),
    ]
    with pytest.raises(services.EventError, match="line 2"):
        services.parse_programme("09:00-10:00 | ok\nnonsense", dt.date(2030, 1, 1))
    with pytest.raises(services.EventError, match="line 1"):
        services.parse_programme("10:00-09:00 | backwards", dt.date(2030, 1, 1))
    event = services.save_event(
        user=organiser,
        values=values(starts_at=dt.datetime(2030, 1, 1, 9), ends_at=dt.datetime(2030, 1, 2, 18)),
        texts=TEXTS,
        programme=sessions,
    )
    assert services.programme_text(event) == (
        "09:30-12:00 | Table ronde | Ana, Luc | Salle 1\n2030-01-02 14:00-17:00 | Atelier"
    )
