"""The barcamp's rules, through its services: grid text, proposals, votes, fill and moves."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from events import barcamp
from events.models import BarcampGrid, SessionProposal, Vote

pytestmark = pytest.mark.django_db


def propose(event, user, title="Mutualiser un tiers-lieu"):
    return barcamp.propose(event, by=user, title=title)


def grid(event, rooms="Salle, Atelier", slots="10:00-10:45\n11:00-11:45"):
    return barcamp.define_grid(event, rooms=rooms, slots=slots)[0]


def cell_of(proposal):
    proposal.refresh_from_db()
    return (proposal.room, proposal.slot)


# Grid text.


def test_rooms_and_slots_are_tidied_and_sorted():
    assert barcamp.parse_rooms(" Salle ,, Atelier ,") == ["Salle", "Atelier"]
    assert barcamp.parse_slots("11:00 - 11:45\n\n9:30-10:15\n") == ["09:30-10:15", "11:00-11:45"]


@pytest.mark.parametrize(
    "rooms, message",
    [
        ("", "at least one room"),
        (" , ,", "at least one room"),
        ("Salle, salle", "given twice"),
        (",".join(f"S{n}" for n in range(11)), "At most 10 rooms"),
        ("x" * 101, "at most 100 characters"),
    ],
)
def test_malformed_rooms_are_refused(rooms, message):
    with pytest.raises(barcamp.BarcampError, match=message):
        barcamp.parse_rooms(rooms)


@pytest.mark.parametrize(
    "slots, message",
    [
        ("", "at least one time slot"),
        ("10h-11h", "is not a time slot"),
        ("25:00-26:00", "is not a time slot"),
        ("10:75-11:00", "is not a time slot"),
        ("11:00-10:00", "ends before it starts"),
        ("10:00-10:00", "ends before it starts"),
        ("10:00-11:00\n10:30-11:30", "overlap"),
        ("10:00-11:00\n10:00-11:00", "overlap"),
        ("\n".join(f"{h:02d}:00-{h:02d}:30" for h in range(8, 21)), "At most 12"),
    ],
)
def test_malformed_slots_are_refused(slots, message):
    with pytest.raises(barcamp.BarcampError, match=message):
        barcamp.parse_slots(slots)


def test_back_to_back_slots_are_fine():
    assert barcamp.parse_slots("10:00-11:00\n11:00-12:00") == ["10:00-11:00", "11:00-12:00"]


# Proposals and votes.


def test_registered_people_and_managers_propose(barcamp_event, attendee, manager, organiser):
    for user in (attendee, manager, organiser):
        propose(barcamp_event, user, f"Session de {user.username}")
    assert barcamp_event.proposals.count() == 3


@pytest.mark.parametrize("state", ["waiting", "unverified", "cancelled"])
def test_an_unconfirmed_registration_is_not_enough(barcamp_event, member, register, state):
    register(barcamp_event, member, state=state)
    with pytest.raises(barcamp.BarcampRefused):
        propose(barcamp_event, member)
    assert not SessionProposal.objects.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kind": "workshop"}, "not a barcamp"),
        ({"status": "cancelled"}, "cancelled"),
        ({"status": "draft"}, "not published"),
        (
            {
                "starts_at": timezone.now() - dt.timedelta(days=2),
                "ends_at": timezone.now() - dt.timedelta(days=1),
            },
            "over",
        ),
    ],
)
def test_closed_events_refuse_proposals_and_votes(
    barcamp_event, attendee, proposer, change, message
):
    proposal = propose(barcamp_event, proposer)
    for name, value in change.items():
        setattr(barcamp_event, name, value)
    barcamp_event.save()
    with pytest.raises(barcamp.BarcampError, match=message):
        propose(barcamp_event, attendee)
    with pytest.raises(barcamp.BarcampError, match=message):
        barcamp.vote(proposal, by=attendee)
    assert barcamp_event.proposals.count() == 1
    assert not Vote.objects.exists()


def test_an_event_ending_now_is_over(barcamp_event, attendee):
    barcamp_event.starts_at = timezone.now() - dt.timedelta(hours=3)
    barcamp_event.ends_at = timezone.now()
    barcamp_event.save()
    with pytest.raises(barcamp.BarcampError, match="over"):
        propose(barcamp_event, attendee)


@pytest.mark.parametrize("title", ["", "   "])
def test_a_proposal_needs_a_title(barcamp_event, attendee, title):
    with pytest.raises(barcamp.BarcampError, match="title"):
        propose(barcamp_event, attendee, title)


def test_vote_then_withdraw_the_vote(barcamp_event, attendee, proposer):
    proposal = propose(barcamp_event, proposer)
    barcamp.vote(proposal, by=attendee)
    with pytest.raises(barcamp.BarcampError, match="already voted"):
        barcamp.vote(proposal, by=attendee)
    assert proposal.votes.count() == 1
    barcamp.withdraw_vote(proposal, by=attendee)
    with pytest.raises(barcamp.BarcampError, match="not voted"):
        barcamp.withdraw_vote(proposal, by=attendee)
    assert proposal.votes.count() == 0


def test_no_vote_for_ones_own_proposal(barcamp_event, proposer):
    proposal = propose(barcamp_event, proposer)
    with pytest.raises(barcamp.BarcampError, match="your own proposal"):
        barcamp.vote(proposal, by=proposer)
    assert not Vote.objects.exists()


def test_a_vote_racing_another_is_refused_cleanly(barcamp_event, attendee, proposer, monkeypatch):
    proposal = propose(barcamp_event, proposer)

    def racing(**values):  # the other request saved its vote after our check
        raise IntegrityError("one_vote_per_proposal")

    monkeypatch.setattr(Vote.objects, "create", racing)
    with pytest.raises(barcamp.BarcampError, match="already voted"):
        barcamp.vote(proposal, by=attendee)


def test_proposer_or_manager_withdraws_before_placement(barcamp_event, proposer, attendee, manager):
    first, second = propose(barcamp_event, proposer, "Un"), propose(barcamp_event, proposer, "Deux")
    with pytest.raises(barcamp.BarcampRefused):
        barcamp.withdraw_proposal(first, by=attendee)
    barcamp.withdraw_proposal(first, by=proposer)
    grid(barcamp_event)
    barcamp.fill(barcamp_event)
    with pytest.raises(barcamp.BarcampError, match="already in the grid"):
        barcamp.withdraw_proposal(second, by=manager)
    barcamp.unplace(second)
    barcamp.withdraw_proposal(second, by=manager)
    assert not SessionProposal.objects.exists()
    with pytest.raises(barcamp.BarcampError, match="no longer exists"):
        barcamp.withdraw_proposal(second, by=manager)


# The grid.


def ranked_proposals(event, proposer, voters):
    """Four proposals: C (3 votes), A and B (1 each, A earlier), D (none)."""
    a, b, c, d = (propose(event, proposer, title) for title in "ABCD")
    for proposal, count in ((a, 1), (b, 1), (c, 3)):
        for voter in voters[:count]:
            Vote.objects.create(proposal=proposal, voter=voter)
    return a, b, c, d


@pytest.fixture
def voters(make_user, register, barcamp_event):
    users = [make_user(f"voter{n}") for n in range(3)]
    for user in users:
        register(barcamp_event, user)
    return users


def test_fill_places_the_most_voted_slot_by_slot_room_by_room(barcamp_event, proposer, voters):
    a, b, c, d = ranked_proposals(barcamp_event, proposer, voters)
    grid(barcamp_event, rooms="Salle, Atelier", slots="11:00-11:45\n10:00-10:45")
    # Two rooms, slots sorted: (10:00 Salle), (10:00 Atelier), (11:00 Salle), ...
    assert barcamp.fill(barcamp_event) == 4
    assert cell_of(c) == ("Salle", 0)
    assert cell_of(a) == ("Atelier", 0)
    assert cell_of(b) == ("Salle", 1)
    assert cell_of(d) == ("Atelier", 1)


def test_fill_leaves_the_rest_unplaced_and_keeps_placed_sessions(barcamp_event, proposer, voters):
    a, b, c, d = ranked_proposals(barcamp_event, proposer, voters)
    grid(barcamp_event, rooms="Salle", slots="10:00-10:45\n11:00-11:45")
    barcamp.move(d, room="Salle", slot=0)
    assert barcamp.fill(barcamp_event) == 1
    assert cell_of(d) == ("Salle", 0)
    assert cell_of(c) == ("Salle", 1)
    assert cell_of(a) == cell_of(b) == ("", None)
    assert barcamp.fill(barcamp_event) == 0


def test_fill_needs_a_grid(barcamp_event, proposer):
    propose(barcamp_event, proposer)
    with pytest.raises(barcamp.BarcampError, match="rooms and time slots first"):
        barcamp.fill(barcamp_event)


def test_fill_racing_another_change_is_a_clear_error(barcamp_event, proposer, monkeypatch):
    first, second = propose(barcamp_event, proposer, "Un"), propose(barcamp_event, proposer, "Deux")
    grid(barcamp_event, rooms="Salle", slots="10:00-10:45")
    barcamp.move(first, room="Salle", slot=0)
    # The read misses the session placed meanwhile by another request.
    ranked = barcamp.ranked
    monkeypatch.setattr(barcamp, "ranked", lambda e: ranked(e).filter(slot__isnull=True))
    with pytest.raises(barcamp.BarcampError, match="same time"):
        barcamp.fill(barcamp_event)
    assert cell_of(second) == ("", None)
    assert cell_of(first) == ("Salle", 0)


def test_move_to_a_free_cell_only(barcamp_event, proposer):
    first, second = propose(barcamp_event, proposer, "Un"), propose(barcamp_event, proposer, "Deux")
    grid(barcamp_event)
    barcamp.move(first, room="Atelier", slot=1)
    with pytest.raises(barcamp.BarcampError, match="already holds “Un”"):
        barcamp.move(second, room="Atelier", slot=1)
    for room, slot in (("Cave", 0), ("Salle", 2), ("Salle", -1)):
        with pytest.raises(barcamp.BarcampError, match="not in the grid"):
            barcamp.move(second, room=room, slot=slot)
    assert cell_of(second) == ("", None)
    barcamp.move(first, room="Atelier", slot=1)  # where it already is: nothing to say
    assert cell_of(first) == ("Atelier", 1)


def test_unplace_and_swap(barcamp_event, proposer):
    one, two, three = (propose(barcamp_event, proposer, t) for t in ("Un", "Deux", "Trois"))
    grid(barcamp_event)
    barcamp.move(one, room="Salle", slot=0)
    barcamp.move(two, room="Atelier", slot=1)
    barcamp.swap(one, two)
    assert cell_of(one) == ("Atelier", 1)
    assert cell_of(two) == ("Salle", 0)
    barcamp.swap(three, two)  # an unplaced session takes the cell of a placed one
    assert cell_of(three) == ("Salle", 0)
    assert cell_of(two) == ("", None)
    barcamp.unplace(three)
    assert cell_of(three) == ("", None)
    with pytest.raises(barcamp.BarcampError, match="not in the grid"):
        barcamp.unplace(three)
    with pytest.raises(barcamp.BarcampError, match="Neither"):
        barcamp.swap(two, three)
    with pytest.raises(barcamp.BarcampError, match="another session"):
        barcamp.swap(one, one)


def test_changing_the_grid_keeps_sessions_by_room_and_slot(barcamp_event, proposer):
    kept, moved, lost_room, lost_slot = (propose(barcamp_event, proposer, t) for t in "ABCD")
    grid(barcamp_event, rooms="Salle, Atelier, Cave", slots="10:00-10:45\n11:00-11:45")
    barcamp.move(kept, room="Salle", slot=0)
    barcamp.move(moved, room="Atelier", slot=1)
    barcamp.move(lost_room, room="Cave", slot=0)
    barcamp.move(lost_slot, room="Salle", slot=1)
    # A slot inserted before the others moves their indices along; the Cave goes away.
    saved, lost = barcamp.define_grid(
        barcamp_event, rooms="Atelier, Salle", slots="09:00-09:45\n10:00-10:45\n11:00-11:45"
    )
    assert saved.slot_list == ["09:00-09:45", "10:00-10:45", "11:00-11:45"]
    assert lost == 1
    assert cell_of(kept) == ("Salle", 1)
    assert cell_of(moved) == ("Atelier", 2)
    assert cell_of(lost_room) == ("", None)
    assert cell_of(lost_slot) == ("Salle", 2)
    _saved, lost = barcamp.define_grid(barcamp_event, rooms="Atelier", slots="10:00-10:45")
    assert lost == 3
    assert cell_of(kept) == ("", None)
    assert BarcampGrid.objects.get().room_list == ["Atelier"]


def test_a_malformed_grid_changes_nothing(barcamp_event, proposer):
    proposal = propose(barcamp_event, proposer)
    grid(barcamp_event)
    barcamp.move(proposal, room="Salle", slot=0)
    with pytest.raises(barcamp.BarcampError):
        barcamp.define_grid(barcamp_event, rooms="", slots="10:00-10:45")
    assert BarcampGrid.objects.get().room_list == ["Salle", "Atelier"]
    assert cell_of(proposal) == ("Salle", 0)


def test_the_grid_is_frozen_once_the_event_is_cancelled(barcamp_event, proposer):
    proposal = propose(barcamp_event, proposer)
    grid(barcamp_event)
    barcamp_event.status = "cancelled"
    barcamp_event.save()
    with pytest.raises(barcamp.BarcampError, match="cancelled"):
        barcamp.fill(barcamp_event)
    with pytest.raises(barcamp.BarcampError, match="cancelled"):
        barcamp.move(proposal, room="Salle", slot=0)
    assert cell_of(proposal) == ("", None)


@pytest.fixture(autouse=True)
def _english(english):
    """These tests match the English messages of the services."""
