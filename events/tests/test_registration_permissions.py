"""Every registration page that changes data or shows personal data, for each role:
visitor, member, the event's organiser, a manager of the organising space, a manager
of another space, coordinator."""

import pytest
from django.urls import reverse

from events import registration as services
from events.models import Registration

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "organiser", "manager", "other_manager", "coordinator"]
MANAGES = {"organiser", "manager", "coordinator"}


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def actor(role, request, event):
    return None if role == "visitor" else request.getfixturevalue(role)


@pytest.fixture
def attendee(event, make_user):
    """Someone else's registration, whose data must not leak."""
    return services.register_member(event, make_user("ines", first_name="Inès"))


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_anyone_may_register_members_in_one_click(client, role, actor, event):
    data = {"name": "Ana", "email": "ana@example.org"} if actor is None else {}
    response = login(client, actor).post(reverse("events:register", args=[event.slug]), data)
    created = Registration.objects.get()
    if actor is None:
        assert response.status_code == 200
        assert created.state == "unverified" and created.user is None
    else:
        assert response.status_code == 302
        assert created.state == "confirmed" and created.user == actor


def test_my_registrations_shows_only_mine(client, role, actor, attendee):
    response = login(client, actor).get(reverse("events:mine"))
    if actor is None:
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
        return
    assert response.status_code == 200
    assert attendee.token not in response.text


def test_attendees_csv_is_for_those_who_manage_the_event(client, role, actor, attendee):
    response = login(client, actor).get(reverse("events:attendees_csv", args=["journee-elan"]))
    if role in MANAGES:
        assert response.status_code == 200
        assert attendee.email in response.content.decode()
    else:
        assert response.status_code == (302 if actor is None else 403)
        assert attendee.email not in response.content.decode()


def test_checkin_list_is_for_those_who_manage_the_event(client, role, actor, attendee):
    url = reverse("events:checkin", args=["journee-elan"])
    response = login(client, actor).get(url)
    if role in MANAGES:
        assert response.status_code == 200
        assert attendee.email in response.text
    else:
        assert response.status_code == (302 if actor is None else 403)
    response = client.post(url, {"registration": attendee.pk, "checked_in": "on"})
    attendee.refresh_from_db()
    assert attendee.checked_in == (role in MANAGES)
    if role not in MANAGES:
        assert response.status_code == (302 if actor is None else 403)


def test_only_the_link_cancels_a_registration(client, role, actor, attendee):
    """Knowing someone's registration number is not enough: the emailed token is the key."""
    login(client, actor)
    assert client.post(reverse("events:cancel", args=[str(attendee.pk)])).status_code == 404
    attendee.refresh_from_db()
    assert attendee.state == "confirmed"
    # Whoever holds the link may cancel (a visitor has no account to log in with).
    assert client.post(reverse("events:cancel", args=[attendee.token])).status_code == 302
    attendee.refresh_from_db()
    assert attendee.state == "cancelled"


def test_draft_events_are_hidden_from_those_who_do_not_manage_them(
    client, role, actor, event, attendee
):
    event.status = "draft"
    event.save()
    url = reverse("events:register", args=[event.slug])
    expected = 200 if role in MANAGES else 404
    assert login(client, actor).get(url).status_code == expected
    csv_response = client.get(reverse("events:attendees_csv", args=[event.slug]))
    assert csv_response.status_code == (200 if role in MANAGES else 302 if actor is None else 404)
