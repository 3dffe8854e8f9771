"""The barcamp's pages: what each reader sees, bad input, and bounded queries."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from events import barcamp
from events.models import BarcampGrid, SessionProposal, Vote
from events.views_barcamp import barcamp_context

pytestmark = pytest.mark.django_db


def en(name, event, *args):
    """The English address of a page, so that tests read the English messages."""
    with translation.override("en"):
        return reverse(f"events:{name}", args=[event.slug, *args])


@pytest.fixture
def session(barcamp_event, proposer):
    return barcamp.propose(barcamp_event, by=proposer, title="Mutualiser un tiers-lieu")


def test_no_barcamp_context_for_other_events(rf, event, member):
    request = rf.get("/")
    request.user = member
    assert barcamp_context(request, event) == {}


def test_barcamp_pages_of_other_events_do_not_exist(client, event, organiser):
    client.force_login(organiser)
    assert client.get(en("barcamp", event)).status_code == 404
    assert client.get(en("barcamp_grid", event)).status_code == 404
    response = client.post(en("barcamp_propose", event), {"title": "Hors sujet"})
    assert response.status_code == 404
    assert not SessionProposal.objects.exists()


def test_a_draft_barcamp_is_hidden_from_members(client, barcamp_event, attendee):
    barcamp_event.status = "draft"
    barcamp_event.save()
    client.force_login(attendee)
    assert client.get(en("barcamp", barcamp_event)).status_code == 404


def test_a_registered_member_sees_the_form_and_vote_buttons(
    client, barcamp_event, session, attendee
):
    client.force_login(attendee)
    page = client.get(en("barcamp", barcamp_event)).text
    assert "Mutualiser un tiers-lieu" in page
    assert en("barcamp_vote", barcamp_event, session.pk) in page
    assert en("barcamp_propose", barcamp_event) in page
    assert en("barcamp_withdraw", barcamp_event, session.pk) not in page
    assert en("barcamp_grid", barcamp_event) not in page


def test_the_proposer_may_withdraw_but_not_vote(client, barcamp_event, session, proposer):
    client.force_login(proposer)
    page = client.get(en("barcamp", barcamp_event)).text
    assert en("barcamp_withdraw", barcamp_event, session.pk) in page
    assert en("barcamp_vote", barcamp_event, session.pk) not in page


def test_others_read_the_proposals_without_buttons(client, barcamp_event, session, member):
    page = client.get(en("barcamp", barcamp_event)).text
    assert "Mutualiser un tiers-lieu" in page
    assert "/vote/" not in page and "barcamp/propose/" not in page
    client.force_login(member)
    page = client.get(en("barcamp", barcamp_event)).text
    assert "Register to this event to propose sessions and vote." in page
    assert "/vote/" not in page and "barcamp/propose/" not in page


def test_the_vote_button_turns_into_withdraw(client, barcamp_event, session, attendee):
    client.force_login(attendee)
    response = client.post(en("barcamp_vote", barcamp_event, session.pk), follow=True)
    assert "Your vote is counted." in response.text
    assert en("barcamp_unvote", barcamp_event, session.pk) in response.text
    response = client.post(en("barcamp_vote", barcamp_event, session.pk), follow=True)
    assert "You have already voted for this proposal." in response.text
    assert Vote.objects.count() == 1


def test_back_to_the_page_the_form_came_from_if_it_is_ours(
    client, barcamp_event, session, attendee
):
    client.force_login(attendee)
    vote = en("barcamp_vote", barcamp_event, session.pk)
    response = client.post(vote, {"next": "/en/events/somewhere/"})
    assert response["Location"] == "/en/events/somewhere/"
    unvote = en("barcamp_unvote", barcamp_event, session.pk)
    response = client.post(unvote, {"next": "https://evil.example/"})
    assert response["Location"] == en("barcamp", barcamp_event)


def test_the_page_says_why_a_closed_barcamp_takes_nothing(client, barcamp_event, attendee):
    barcamp_event.status = "cancelled"
    barcamp_event.save()
    client.force_login(attendee)
    response = client.get(en("barcamp", barcamp_event))
    assert "This event has been cancelled." in response.text
    assert "barcamp/propose/" not in response.text
    response = client.post(
        en("barcamp_propose", barcamp_event), {"title": "Trop tard"}, follow=True
    )
    assert "This event has been cancelled." in response.text
    assert not SessionProposal.objects.exists()


@pytest.mark.parametrize(
    "data, error",
    [
        ({"title": ""}, "This field is required."),
        ({"title": "   "}, "This field is required."),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"title": "Bien", "description": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_a_bad_proposal_is_refused_with_the_reason(client, barcamp_event, attendee, data, error):
    client.force_login(attendee)
    response = client.post(en("barcamp_propose", barcamp_event), data)
    assert response.status_code == 400
    assert error in response.text
    assert not SessionProposal.objects.exists()


def test_an_unregistered_member_is_told_why(client, barcamp_event, member):
    client.force_login(member)
    response = client.post(en("barcamp_propose", barcamp_event), {"title": "Sans inscription"})
    assert response.status_code == 403
    assert "Only people registered to this event may propose sessions and vote." in response.text


@pytest.mark.parametrize("action", ["barcamp_vote", "barcamp_unvote", "barcamp_withdraw"])
def test_unknown_proposals_are_a_message(client, barcamp_event, event, attendee, action, proposer):
    elsewhere = SessionProposal.objects.create(event=event, proposer=proposer, title="Ailleurs")
    client.force_login(attendee)
    for pk in (999999, elsewhere.pk):
        response = client.post(en(action, barcamp_event, pk), follow=True)
        assert response.status_code == 200
        assert "This proposal no longer exists." in response.text
    assert not Vote.objects.exists()
    assert SessionProposal.objects.filter(pk=elsewhere.pk).exists()


# The organiser's page.


@pytest.mark.parametrize(
    "data, error",
    [
        ({"rooms": "", "slots": "10:00-10:45"}, "This field is required."),
        ({"rooms": " , ", "slots": "10:00-10:45"}, "Give at least one room."),
        ({"rooms": "Salle, SALLE", "slots": "10:00-10:45"}, "is given twice"),
        ({"rooms": "Salle", "slots": "dix heures"}, "is not a time slot such as 10:00-10:45"),
        ({"rooms": "Salle", "slots": "10:00-11:00\n10:30-11:30"}, "Two time slots overlap"),
        ({"rooms": "Salle", "slots": "11:00-10:00"}, "ends before it starts"),
        ({"rooms": ",".join("abcdefghijk"), "slots": "10:00-10:45"}, "At most 10 rooms."),
    ],
)
def test_a_malformed_grid_is_refused(client, barcamp_event, organiser, data, error):
    client.force_login(organiser)
    response = client.post(en("barcamp_grid", barcamp_event), data)
    assert response.status_code == 400
    assert error in response.text
    assert not BarcampGrid.objects.exists()


def test_build_fill_and_show_the_grid(client, barcamp_event, proposer, attendee, organiser):
    first = barcamp.propose(barcamp_event, by=proposer, title="Premier")
    second = barcamp.propose(barcamp_event, by=proposer, title="Second")
    Vote.objects.create(proposal=second, voter=attendee)
    client.force_login(organiser)
    data = {"rooms": "Salle , Atelier", "slots": "11:00-11:45\n10:00-10:45"}
    response = client.post(en("barcamp_grid", barcamp_event), data, follow=True)
    assert "The grid is saved." in response.text
    grid = BarcampGrid.objects.get()
    assert (grid.rooms, grid.slots) == ("Salle, Atelier", "10:00-10:45\n11:00-11:45")
    response = client.post(en("barcamp_fill", barcamp_event), follow=True)
    assert "2 sessions placed in the grid." in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.room, second.slot, first.room, first.slot) == ("Salle", 0, "Atelier", 0)
    # Everyone sees the programme once filled.
    client.logout()
    page = client.get(en("barcamp", barcamp_event)).text
    assert "Programme" in page and "10:00-10:45" in page and "Atelier" in page


def test_taking_out_a_room_says_how_many_sessions_left_the_grid(
    client, barcamp_event, session, organiser
):
    barcamp.define_grid(barcamp_event, rooms="Salle, Cave", slots="10:00-10:45")
    barcamp.move(session, room="Cave", slot=0)
    client.force_login(organiser)
    data = {"rooms": "Salle", "slots": "10:00-10:45"}
    response = client.post(en("barcamp_grid", barcamp_event), data, follow=True)
    assert "1 session lost its room or slot and is no longer placed." in response.text
    session.refresh_from_db()
    assert session.slot is None


@pytest.mark.parametrize(
    "cell, error",
    [
        ("0,Salle", "already holds"),
        ("5,Salle", "This cell is not in the grid."),
        ("0,Cave", "This cell is not in the grid."),
        ("n'importe quoi", "This cell is not in the grid."),
        ("", "This cell is not in the grid."),
    ],
)
def test_moving_to_a_taken_or_missing_cell_is_a_message(
    client, barcamp_event, proposer, organiser, cell, error
):
    taken = barcamp.propose(barcamp_event, by=proposer, title="Déjà là")
    moving = barcamp.propose(barcamp_event, by=proposer, title="En attente")
    barcamp.define_grid(barcamp_event, rooms="Salle", slots="10:00-10:45\n11:00-11:45")
    barcamp.move(taken, room="Salle", slot=0)
    client.force_login(organiser)
    response = client.post(
        en("barcamp_move", barcamp_event, moving.pk), {"cell": cell}, follow=True
    )
    assert error in response.text
    moving.refresh_from_db()
    assert moving.slot is None


def test_swapping_with_an_unknown_session_is_a_message(client, barcamp_event, session, organiser):
    barcamp.define_grid(barcamp_event, rooms="Salle", slots="10:00-10:45")
    barcamp.move(session, room="Salle", slot=0)
    client.force_login(organiser)
    for data in ({"other": 999999}, {"other": "x"}, {}):
        response = client.post(en("barcamp_swap", barcamp_event, session.pk), data, follow=True)
        assert "Choose another session of this barcamp." in response.text
    session.refresh_from_db()
    assert (session.room, session.slot) == ("Salle", 0)


def test_fill_without_a_grid_is_a_message(client, barcamp_event, session, organiser):
    client.force_login(organiser)
    response = client.post(en("barcamp_fill", barcamp_event), follow=True)
    assert "Define the rooms and time slots first." in response.text


# Bounded queries: 30 proposals and 50 votes.


@pytest.fixture
def crowded(barcamp_event, make_user, register, proposer):
    voters = [make_user(f"v{n}") for n in range(10)]
    for voter in voters:
        register(barcamp_event, voter)
    proposals = SessionProposal.objects.bulk_create(
        SessionProposal(event=barcamp_event, proposer=proposer, title=f"Session {n}")
        for n in range(30)
    )
    Vote.objects.bulk_create(
        Vote(proposal=proposals[n % 30], voter=voters[n // 5]) for n in range(50)
    )
    barcamp.define_grid(barcamp_event, rooms="A, B, C", slots="10:00-10:45\n11:00-11:45")
    barcamp.fill(barcamp_event)
    return voters


def test_the_barcamp_page_has_bounded_queries(
    client, barcamp_event, crowded, django_assert_max_num_queries
):
    client.force_login(crowded[0])
    with django_assert_max_num_queries(14):
        response = client.get(en("barcamp", barcamp_event))
    assert response.text.count("/vote/") + response.text.count("/unvote/") == 30


def test_the_context_for_the_event_page_has_bounded_queries(
    barcamp_event, crowded, django_assert_max_num_queries
):
    request = RequestFactory().get("/")
    request.user = crowded[0]
    with django_assert_max_num_queries(8):
        context = barcamp_context(request, barcamp_event)["barcamp"]
        assert len(context["page"].object_list) == 30


def test_the_grid_page_has_bounded_queries(
    client, barcamp_event, crowded, organiser, django_assert_max_num_queries
):
    client.force_login(organiser)
    with django_assert_max_num_queries(12):
        response = client.get(en("barcamp_grid", barcamp_event))
    assert response.status_code == 200


def test_the_event_page_includes_the_barcamp_and_actions_come_back_to_it(
    client, barcamp_event, session, attendee
):
    with translation.override("en"):
        detail = reverse("events:detail", args=[barcamp_event.slug])
    client.force_login(attendee)
    page = client.get(detail).text
    assert 'id="barcamp"' in page and "Mutualiser un tiers-lieu" in page
    response = client.post(en("barcamp_propose", barcamp_event), {"title": "Deux", "next": detail})
    assert response["Location"] == detail
