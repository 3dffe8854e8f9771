"""Every barcamp page that changes data, for each role: visitor, member not registered,
registered member, proposer, organiser, manager of the organising space, manager of
another space, coordinator."""

import pytest
from django.urls import reverse

from events import barcamp
from events.models import BarcampGrid, SessionProposal, Vote

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "member",
    "attendee",
    "proposer",
    "organiser",
    "manager",
    "other_manager",
    "coordinator",
]
MANAGERS = {"organiser", "manager", "coordinator"}
PARTICIPANTS = MANAGERS | {"attendee", "proposer"}


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def actor(role, request, client, session):
    user = None if role == "visitor" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    return user


@pytest.fixture
def session(barcamp_event, proposer):
    return barcamp.propose(barcamp_event, by=proposer, title="Mutualiser un tiers-lieu")


def url(name, event, *args):
    return reverse(f"events:{name}", args=[event.slug, *args])


def assert_refused(response, role):
    if role == "visitor":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code == 403


def test_propose(client, role, actor, barcamp_event):
    response = client.post(url("barcamp_propose", barcamp_event), {"title": "Le télétravail"})
    created = SessionProposal.objects.filter(title="Le télétravail").first()
    if role in PARTICIPANTS:
        assert response.status_code == 302
        assert created.proposer == actor
    else:
        assert_refused(response, role)
        assert created is None


def test_vote(client, role, actor, barcamp_event, session):
    response = client.post(url("barcamp_vote", barcamp_event, session.pk))
    voted = Vote.objects.filter(proposal=session).exists()
    # The proposer takes part but may not vote for their own session (a message says so).
    if role in PARTICIPANTS:
        assert response.status_code == 302
        assert voted == (role != "proposer")
    else:
        assert_refused(response, role)
        assert not voted


def test_withdraw_vote(client, role, actor, barcamp_event, session, attendee):
    Vote.objects.create(proposal=session, voter=attendee)
    if actor is not None and actor != attendee:
        Vote.objects.create(proposal=session, voter=actor)
    response = client.post(url("barcamp_unvote", barcamp_event, session.pk))
    mine = Vote.objects.filter(proposal=session, voter=actor).exists() if actor else False
    if role in PARTICIPANTS:
        assert response.status_code == 302
        assert not mine
    else:
        assert_refused(response, role)
        assert mine == (actor is not None)
    # Nobody withdraws someone else's vote.
    assert Vote.objects.filter(voter=attendee).exists() == (role != "attendee")


def test_withdraw_proposal(client, role, actor, barcamp_event, session):
    response = client.post(url("barcamp_withdraw", barcamp_event, session.pk))
    exists = SessionProposal.objects.filter(pk=session.pk).exists()
    if role in MANAGERS | {"proposer"}:
        assert response.status_code == 302
        assert not exists
    else:
        assert_refused(response, role)
        assert exists


def test_grid_page(client, role, actor, barcamp_event):
    response = client.get(url("barcamp_grid", barcamp_event))
    if role in MANAGERS:
        assert response.status_code == 200
    else:
        assert_refused(response, role)
    response = client.post(
        url("barcamp_grid", barcamp_event), {"rooms": "Salle", "slots": "10:00-10:45"}
    )
    saved = BarcampGrid.objects.filter(event=barcamp_event).exists()
    if role in MANAGERS:
        assert response.status_code == 302
        assert saved
    else:
        assert_refused(response, role)
        assert not saved


@pytest.fixture
def gridded(barcamp_event, proposer, session):
    """The grid has two cells; "Mutualiser" sits in the first, "Les communs" is unplaced."""
    barcamp.define_grid(barcamp_event, rooms="Salle", slots="10:00-10:45\n11:00-11:45")
    barcamp.move(session, room="Salle", slot=0)
    other = barcamp.propose(barcamp_event, by=proposer, title="Les communs")
    return session, other


def placement(*proposals):
    return [
        tuple(SessionProposal.objects.values_list("room", "slot").get(pk=p.pk)) for p in proposals
    ]


def test_fill(client, role, actor, barcamp_event, gridded):
    response = client.post(url("barcamp_fill", barcamp_event))
    placed, other = gridded
    if role in MANAGERS:
        assert response.status_code == 302
        assert placement(other) == [("Salle", 1)]
    else:
        assert_refused(response, role)
        assert placement(other) == [("", None)]


@pytest.mark.parametrize("action", ["move", "unplace", "swap"])
def test_grid_moves(client, role, actor, barcamp_event, gridded, action):
    placed, other = gridded
    name = f"barcamp_{action}"
    data = {"move": {"cell": "1,Salle"}, "unplace": {}, "swap": {"other": other.pk}}[action]
    response = client.post(url(name, barcamp_event, placed.pk), data)
    expected = {
        "move": [("Salle", 1), ("", None)],
        "unplace": [("", None), ("", None)],
        "swap": [("", None), ("Salle", 0)],
    }[action]
    if role in MANAGERS:
        assert response.status_code == 302
        assert placement(placed, other) == expected
    else:
        assert_refused(response, role)
        assert placement(placed, other) == [("Salle", 0), ("", None)]
