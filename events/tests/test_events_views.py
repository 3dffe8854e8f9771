"""The event pages: detail, create, edit, translate, publish, cancel, write-up."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from events import services
from events.models import Event, EventTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are checked in English: the msgids, whatever the catalogues hold."""


def form_data(**extra):
    year = timezone.now().year + 1
    data = {
        "title": "Cowopy Lézat",
        "summary": "Une journée itinérante",
        "description": "Tables de projets",
        "source_language": "fr",
        "kind": "exchange_day",
        "starts_at": f"{year}-09-11T09:00",
        "ends_at": f"{year}-09-11T18:00",
        "time_zone": "Europe/Paris",
        "address": "Place de la mairie",
        "town": "Lézat-sur-Lèze",
        "country": "FR",
        "audience": "all",
        "price": "0",
        "programme": "09:00-10:30 | Tables de projets | Léa | Salle 1",
    }
    return data | extra


def png(size=(4, 4)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_detail_shows_texts_time_zone_and_organiser(client, event):
    event.time_zone = "Europe/Madrid"
    event.save()
    response = client.get(reverse("events:detail", args=[event.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Journée d&#x27;échanges à eLAN" in html
    assert "Europe/Madrid" in html
    assert "eLAN" in html
    assert reverse("events_ical:event", args=[event.slug]) in html


def test_detail_falls_back_to_the_source_with_a_notice(client, event):
    response = client.get(f"/en/events/{event.slug}/")
    assert "no text in your language" in response.content.decode()
    EventTranslation.objects.create(event=event, language="en", title="Exchange day at eLAN")
    response = client.get(f"/en/events/{event.slug}/")
    html = response.content.decode()
    assert "Exchange day at eLAN" in html and "no text in your language" not in html


def test_the_online_link_is_never_on_the_page(client, event, organiser):
    Event.objects.filter(pk=event.pk).update(
        online=True, online_url="https://visio.example.org/secret-room"
    )
    client.force_login(organiser)
    for path in (reverse("events:detail", args=[event.slug]), reverse("events:list")):
        assert "secret-room" not in client.get(path).content.decode()


def test_drafts_are_hidden_from_those_who_do_not_manage_them(client, event_factory, member):
    draft = event_factory(status=Event.Status.DRAFT)
    url = reverse("events:detail", args=[draft.slug])
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(draft.created_by)
    assert client.get(url).status_code == 200


def test_create_an_event_in_its_own_zone(client, member):
    client.force_login(member)
    response = client.post(reverse("events:new"), form_data(time_zone="Europe/Madrid", image=png()))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert event.status == "draft"
    assert event.created_by == member
    local = services.local_time(event.starts_at, "Europe/Madrid")
    assert (local.hour, local.minute) == (9, 0)
    assert event.image.name.startswith("events/")
    assert event.programme.get().speakers == "Léa"
    # The edit form shows the same wall-clock time back.
    page = client.get(reverse("events:edit", args=[event.slug])).content.decode()
    assert f'value="{local:%Y-%m-%dT%H:%M}"' in page


@pytest.mark.parametrize(
    "bad, words",
    [
        ({"ends_at": "2000-01-01T10:00"}, "must end after"),
        ({"time_zone": "Nowhere/Atlantis"}, "not a known time zone"),
        ({"online": "on", "address": ""}, "Give the link"),
        ({"address": ""}, "Choose a space"),
        ({"programme": "at nine | coffee"}, "Programme, line 1"),
        ({"capacity": "-3"}, None),
        ({"capacity": "99999999999999999999999"}, None),
        ({"starts_at": "0001-01-01T00:10"}, "between 1900"),
        ({"price": "-1"}, None),
    ],
)
def test_bad_input_is_a_clear_error_and_saves_nothing(client, member, bad, words):
    client.force_login(member)
    response = client.post(reverse("events:new"), form_data(**bad))
    assert response.status_code == 400
    assert response.context["form"].errors
    if words:
        assert words in response.content.decode()
    assert not Event.objects.exists()


def test_an_image_that_is_not_an_image_is_refused(client, member):
    client.force_login(member)
    fake = SimpleUploadedFile("photo.png", b"not really a png", content_type="image/png")
    response = client.post(reverse("events:new"), form_data(image=fake))
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_organising_for_a_space_one_does_not_manage_is_refused(client, member, space):
    client.force_login(member)
    response = client.post(reverse("events:new"), form_data(organiser_space=space.pk))
    assert response.status_code == 400
    assert "space you manage" in response.content.decode()
    assert not Event.objects.exists()


def test_edit_refuses_a_capacity_below_the_confirmed_seats(client, event, manager):
    for number in range(4):
        event.registrations.create(name=f"P{number}", email=f"p{number}@x.org", state="confirmed")
    client.force_login(manager)
    url = reverse("events:edit", args=[event.slug])
    data = form_data(capacity="3", title="Journée", organiser_space=event.organiser_space_id)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "4 confirmed" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 10 and event.sequence == 0


def test_edit_keeps_the_space_set_by_someone_else(client, event, organiser):
    """Olga is not a manager of eLAN, but the event is hers: she may edit it as it is."""
    client.force_login(organiser)
    url = reverse("events:edit", args=[event.slug])
    data = form_data(organiser_space=event.organiser_space_id, title="Nouveau titre")
    response = client.post(url, data)
    assert response.status_code == 302
    assert event.translations.get(language="fr").title == "Nouveau titre"


def test_translate_publish_cancel_and_write_up(client, event_factory, organiser):
    draft = event_factory(status=Event.Status.DRAFT, address="Bayonne")
    client.force_login(organiser)
    response = client.post(
        reverse("events:translate", args=[draft.slug, "es"]), {"title": "Jornada"}
    )
    assert response.status_code == 302
    assert draft.translations.get(language="es").title == "Jornada"
    assert client.get(reverse("events:translate", args=[draft.slug, "fr"])).status_code == 404
    client.post(reverse("events:publish", args=[draft.slug]))
    draft.refresh_from_db()
    assert draft.status == "published"
    assert client.get(reverse("events:cancel_event", args=[draft.slug])).status_code == 200
    client.post(reverse("events:cancel_event", args=[draft.slug]))
    draft.refresh_from_db()
    assert draft.status == "cancelled"
    Event.objects.filter(pk=draft.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=1),
    )
    url = reverse("events:writeup", args=[draft.slug])
    assert client.post(url, {"writeup": "Un **bilan** <script>x()</script>"}).status_code == 302
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4")
    assert client.post(url, {"file": upload, "title": "Compte rendu"}).status_code == 302
    html = client.get(reverse("events:detail", args=[draft.slug])).content.decode()
    assert "<strong>bilan</strong>" in html and "<script>x()" not in html
    assert "Compte rendu" in html
    refused = client.post(url, {"file": SimpleUploadedFile("run.exe", b"MZ")})
    assert refused.status_code == 400
    file = draft.files.get()
    client.post(reverse("events:file_delete", args=[draft.slug, file.pk]))
    assert not draft.files.exists()


def test_calendar_link_page_and_renewal(client, member):
    assert client.get(reverse("events:calendar_link")).status_code == 302
    client.force_login(member)
    page = client.get(reverse("events:calendar_link")).content.decode()
    token = member.event_calendar.token
    assert f"/events/my/{token}.ics" in page
    client.post(reverse("events:calendar_renew"))
    member.event_calendar.refresh_from_db()
    assert member.event_calendar.token != token
    assert client.get(f"/events/my/{token}.ics").status_code == 404
