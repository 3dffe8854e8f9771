"""Every page that changes an event, for every role.

Olga organises the event in the name of eLAN (managed by Manon); Otto manages another
space; Mia is a member; Cora a coordinator.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from events import permissions, services
from events.models import Event, EventFile

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "organiser", "manager", "other_manager", "coordinator"]
ALLOWED = {"organiser", "manager", "coordinator"}


@pytest.fixture
def people(member, organiser, manager, other_manager, coordinator):
    return {
        "anonymous": None,
        "member": member,
        "organiser": organiser,
        "manager": manager,
        "other_manager": other_manager,
        "coordinator": coordinator,
    }


@pytest.fixture
def past_event(event):
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=1),
    )
    event.refresh_from_db()
    return event


def pages(event):
    """(method, url, data) of each page that changes data or is for organisers only."""
    slug = event.slug
    file = EventFile.objects.create(event=event, file="events/files/x.pdf", title="x")
    return [
        ("get", reverse("events:edit", args=[slug]), None),
        ("post", reverse("events:edit", args=[slug]), {"title": ""}),
        ("get", reverse("events:translate", args=[slug, "es"]), None),
        ("post", reverse("events:translate", args=[slug, "es"]), {"title": "Jornada"}),
        ("get", reverse("events:writeup", args=[slug]), None),
        ("post", reverse("events:writeup", args=[slug]), {"writeup": "Bilan"}),
        ("post", reverse("events:file_delete", args=[slug, file.pk]), None),
        ("get", reverse("events:cancel_event", args=[slug]), None),
        ("post", reverse("events:cancel_event", args=[slug]), None),
    ]


def expected(role: str, method: str, url: str, status: int):
    if role == "anonymous":
        return status == 302
    if role in ALLOWED:
        return status in (200, 302, 400)
    return status == 403


@pytest.mark.parametrize("role", ROLES)
def test_managing_a_published_event(client, people, past_event, role):
    user = people[role]
    if user is not None:
        client.force_login(user)
    for method, url, data in pages(past_event):
        response = getattr(client, method)(url, data or {})
        assert expected(role, method, url, response.status_code), (role, method, url)
        if role == "anonymous":
            assert "/accounts/" in response["Location"] or "login" in response["Location"]
    past_event.refresh_from_db()
    assert (past_event.status == "cancelled") == (role in ALLOWED)
    assert (past_event.writeup == "Bilan") == (role in ALLOWED)
    assert past_event.translations.filter(language="es").exists() == (role in ALLOWED)


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_is_a_404_for_those_who_may_not_manage_it(client, people, event, role):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    user = people[role]
    if user is not None:
        client.force_login(user)
    detail = client.get(reverse("events:detail", args=[event.slug]))
    publish = client.post(reverse("events:publish", args=[event.slug]))
    event.refresh_from_db()
    if role in ALLOWED:
        assert detail.status_code == 200
        assert event.status == "published"
    else:
        assert detail.status_code == 404
        assert publish.status_code in (302, 404) and event.status == "draft"
        if role != "anonymous":
            assert publish.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_creating(client, people, role):
    user = people[role]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("events:new"))
    assert response.status_code == (302 if role == "anonymous" else 200)


@pytest.mark.parametrize("role", ROLES)
def test_who_organises_for_a_space_and_for_the_network(people, space, role):
    user = people[role]
    if user is None:
        assert not permissions.can_create(None)
        return
    assert permissions.can_organise_for_space(user, space) == (role in {"manager", "coordinator"})
    error = services.organiser_error(user, {"by_network": True})
    assert (error is None) == (role == "coordinator")


def test_files_are_attached_only_by_those_who_manage(client, people, past_event):
    url = reverse("events:writeup", args=[past_event.slug])
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        upload = SimpleUploadedFile(f"{role}.pdf", b"%PDF")
        client.post(url, {"file": upload, "title": role})
    assert sorted(past_event.files.values_list("title", flat=True)) == sorted(ALLOWED)
