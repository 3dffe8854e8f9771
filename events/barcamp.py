"""Barcamp: participants propose sessions and vote; the organiser fills a grid of rooms × slots.

Plain functions: reads, and changes that run inside one transaction each. Every refusal
raises ``BarcampError`` with a message the member can read (already translated).

Choices written down here because the model leaves them open:
- A member may not vote for their own proposal: proposing already says they want it;
  votes measure the interest of the others.
- Voting is not a blind toggle: "vote" and "withdraw my vote" are two explicit actions, so
  that a double click never undoes a vote. Voting twice is refused with a message.
- A placed session keeps its cell by room *name* and slot *label*: the grid stores
  ``slot`` as an index into the sorted slot list, and redefining the grid moves the
  indices along; a session whose room or slot disappears (or is renamed) is unplaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from events import permissions
from events.models import BarcampGrid, Event, SessionProposal, Vote

MAX_ROOMS = 10
MAX_SLOTS = 12
ROOM_MAX_LENGTH = SessionProposal._meta.get_field("room").max_length
ROOMS_MAX_LENGTH = BarcampGrid._meta.get_field("rooms").max_length
SLOT = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")


class BarcampError(ValueError):
    """A change refused for a reason the member can read (already translated)."""


class BarcampRefused(BarcampError):
    """Refused because of who asks (not registered, not a manager), not of the data."""


# Grid text: parsed and normalised here, for the form (as field errors) and the services.


def parse_rooms(text: str) -> list[str]:
    rooms = [room.strip() for room in (text or "").split(",") if room.strip()]
    if not rooms:
        raise BarcampError(_("Give at least one room."))
    if len(rooms) > MAX_ROOMS:
        raise BarcampError(_("At most %(max)s rooms.") % {"max": MAX_ROOMS})
    seen = set()
    for room in rooms:
        if len(room) > ROOM_MAX_LENGTH:
            raise BarcampError(
                _("A room name has at most %(max)s characters.") % {"max": ROOM_MAX_LENGTH}
            )
        if room.casefold() in seen:
            raise BarcampError(_("The room “%(room)s” is given twice.") % {"room": room})
        seen.add(room.casefold())
    if len(", ".join(rooms)) > ROOMS_MAX_LENGTH:
        raise BarcampError(
            _("The list of rooms is too long (%(max)s characters at most).")
            % {"max": ROOMS_MAX_LENGTH}
        )
    return rooms


def _minutes(hours: str, minutes: str) -> int | None:
    h, m = int(hours), int(minutes)
    return h * 60 + m if h < 24 and m < 60 else None


def parse_slots(text: str) -> list[str]:
    """The slots as "HH:MM-HH:MM", sorted by start; refused if malformed or overlapping."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        raise BarcampError(_("Give at least one time slot."))
    if len(lines) > MAX_SLOTS:
        raise BarcampError(_("At most %(max)s time slots.") % {"max": MAX_SLOTS})
    spans = []
    for line in lines:
        match = SLOT.match(line)
        start = end = None
        if match:
            start, end = _minutes(*match.group(1, 2)), _minutes(*match.group(3, 4))
        if start is None or end is None:
            raise BarcampError(
                _("“%(line)s” is not a time slot such as 10:00-10:45.") % {"line": line}
            )
        if start >= end:
            raise BarcampError(_("The slot “%(line)s” ends before it starts.") % {"line": line})
        spans.append((start, end))
    spans.sort()
    for (_start, previous_end), (start, end) in zip(spans, spans[1:], strict=False):
        if start < previous_end:
            slot = _label(start, end)
            raise BarcampError(_("Two time slots overlap: %(slot)s.") % {"slot": slot})
    return [_label(start, end) for start, end in spans]


def _label(start: int, end: int) -> str:
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


# Reads.


def ranked(event: Event):
    """The proposals, most voted first; ties go to the earlier proposal."""
    return (
        SessionProposal.objects.filter(event=event)
        .annotate(vote_count=Count("votes"))
        .select_related("proposer__profile")
        .order_by("-vote_count", "created_at", "pk")
    )


def grid_of(event: Event) -> BarcampGrid | None:
    return BarcampGrid.objects.filter(event=event).first()


@dataclass
class Cell:
    room: str
    slot: int
    proposal: SessionProposal | None = None

    @property
    def key(self) -> str:
        return cell_key(self.room, self.slot)


def cell_key(room: str, slot: int) -> str:
    """The value a form posts for a cell (room names never hold a comma)."""
    return f"{slot},{room}"


def parse_cell_key(value: str) -> tuple[str, int] | None:
    slot, _comma, room = (value or "").partition(",")
    return (room, int(slot)) if slot.isdigit() and room else None


def cells(grid: BarcampGrid) -> list[Cell]:
    """Every cell, slot by slot, room by room: the order in which the fill goes."""
    return [Cell(room, slot) for slot in range(len(grid.slot_list)) for room in grid.room_list]


def grid_rows(grid: BarcampGrid, placed) -> list[tuple[str, list[Cell]]]:
    """The table to show: one row per slot, one cell per room, with its session if any."""
    by_cell = {(p.room, p.slot): p for p in placed}
    rooms = grid.room_list
    return [
        (label, [Cell(room, slot, by_cell.get((room, slot))) for room in rooms])
        for slot, label in enumerate(grid.slot_list)
    ]


# Who may take part, and while when.


def closed_reason(event: Event) -> str | None:
    """Why proposals and votes are closed, or None while they are open."""
    if event.kind != Event.Kind.BARCAMP:
        return _("This event is not a barcamp.")
    if event.status == Event.Status.CANCELLED:
        return _("This event has been cancelled.")
    if event.status != Event.Status.PUBLISHED:
        return _("This event is not published yet.")
    if event.is_past:
        return _("This event is over: proposals and votes are closed.")
    return None


def _check_participant(event: Event, user) -> None:
    reason = closed_reason(event)
    if reason:
        raise BarcampError(reason)
    if not permissions.can_take_part_in_barcamp(user, event):
        raise BarcampRefused(
            _("Only people registered to this event may propose sessions and vote.")
        )


def _check_grid_open(event: Event) -> None:
    if event.kind != Event.Kind.BARCAMP:
        raise BarcampError(_("This event is not a barcamp."))
    if event.status == Event.Status.CANCELLED:
        raise BarcampError(_("This event has been cancelled."))
    if event.is_past:
        raise BarcampError(_("This event is over: its grid can no longer change."))


def _fresh(proposal: SessionProposal) -> SessionProposal:
    """The proposal as stored now, locked; it may have been withdrawn meanwhile."""
    found = (
        SessionProposal.objects.select_for_update(of=("self",))
        .select_related("event")
        .filter(pk=proposal.pk)
        .first()
    )
    if found is None:
        raise BarcampError(_("This proposal no longer exists."))
    return found


# Proposals and votes.


@transaction.atomic
def propose(event: Event, *, by, title: str, description: str = "") -> SessionProposal:
    _check_participant(event, by)
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        raise BarcampError(_("Give your session a title."))
    if len(title) > 200 or len(description) > 2000:
        raise BarcampError(_("The title or the description is too long."))
    return SessionProposal.objects.create(
        event=event, proposer=by, title=title, description=description
    )


@transaction.atomic
def withdraw_proposal(proposal: SessionProposal, *, by) -> None:
    proposal = _fresh(proposal)
    event = proposal.event
    if not permissions.can_withdraw_proposal(by, proposal):
        raise BarcampRefused(_("Only the proposer or an organiser may withdraw a proposal."))
    if proposal.slot is not None:
        raise BarcampError(
            _("This session is already in the grid: ask an organiser to take it out first.")
        )
    # The proposer withdraws while the barcamp is open; organisers tidy up at any time.
    if not permissions.can_manage(by, event):
        reason = closed_reason(event)
        if reason:
            raise BarcampError(reason)
    proposal.delete()


def vote(proposal: SessionProposal, *, by) -> Vote:
    with transaction.atomic():
        proposal = _fresh(proposal)
        _check_participant(proposal.event, by)
        if proposal.proposer_id == by.pk:
            raise BarcampError(_("You cannot vote for your own proposal."))
        if proposal.votes.filter(voter=by).exists():
            raise BarcampError(_("You have already voted for this proposal."))
        try:
            with transaction.atomic():
                return Vote.objects.create(proposal=proposal, voter=by)
        except IntegrityError:  # a double submission racing the check above
            raise BarcampError(_("You have already voted for this proposal.")) from None


@transaction.atomic
def withdraw_vote(proposal: SessionProposal, *, by) -> None:
    proposal = _fresh(proposal)
    _check_participant(proposal.event, by)
    deleted, _rows = proposal.votes.filter(voter=by).delete()
    if not deleted:
        raise BarcampError(_("You have not voted for this proposal."))


# The grid (organisers only: the views check ``can_manage`` before calling these).


def _locked_grid(event: Event) -> BarcampGrid:
    grid = BarcampGrid.objects.select_for_update().filter(event=event).first()
    if grid is None:
        raise BarcampError(_("Define the rooms and time slots first."))
    return grid


@transaction.atomic
def define_grid(event: Event, *, rooms: str, slots: str) -> tuple[BarcampGrid, int]:
    """Save the rooms and slots; returns the grid and how many sessions lost their cell."""
    _check_grid_open(event)
    new_rooms, new_slots = parse_rooms(rooms), parse_slots(slots)
    grid = BarcampGrid.objects.select_for_update().filter(event=event).first()
    old_slots = grid.slot_list if grid else []
    grid = grid or BarcampGrid(event=event)
    grid.rooms, grid.slots = ", ".join(new_rooms), "\n".join(new_slots)
    grid.save()
    placed = list(
        SessionProposal.objects.select_for_update().filter(event=event, slot__isnull=False)
    )
    # Take every session out, then put back those whose room and slot still exist: the
    # indices may have moved, and no two rows may share a cell even for a moment.
    SessionProposal.objects.filter(pk__in=[p.pk for p in placed]).update(room="", slot=None)
    kept, lost = [], 0
    for proposal in placed:
        label = old_slots[proposal.slot] if proposal.slot < len(old_slots) else None
        if proposal.room in new_rooms and label in new_slots:
            proposal.slot = new_slots.index(label)
            kept.append(proposal)
        else:
            lost += 1
    SessionProposal.objects.bulk_update(kept, ["room", "slot"])
    return grid, lost


def _taken(error: IntegrityError):
    raise BarcampError(
        _("Someone else changed the grid at the same time: look at it again and retry.")
    ) from error


def fill(event: Event) -> int:
    """Place the unplaced proposals, most voted first, in the free cells; returns how many."""
    try:
        with transaction.atomic():
            _check_grid_open(event)
            grid = _locked_grid(event)
            # The locked grid row serialises every change of the grid (PostgreSQL refuses
            # FOR UPDATE on the aggregated ranking itself).
            proposals = list(ranked(event))
            taken = {(p.room, p.slot) for p in proposals if p.slot is not None}
            free = [cell for cell in cells(grid) if (cell.room, cell.slot) not in taken]
            waiting = [p for p in proposals if p.slot is None]
            placed = []
            for proposal, cell in zip(waiting, free, strict=False):
                proposal.room, proposal.slot = cell.room, cell.slot
                placed.append(proposal)
            SessionProposal.objects.bulk_update(placed, ["room", "slot"])
    except IntegrityError as error:
        _taken(error)
    return len(placed)


def _check_cell(grid: BarcampGrid, room: str, slot: int) -> None:
    if room not in grid.room_list or not 0 <= slot < len(grid.slot_list):
        raise BarcampError(_("This cell is not in the grid."))


def move(proposal: SessionProposal, *, room: str, slot: int) -> SessionProposal:
    """Put a proposal (placed or not) in a free cell of the grid."""
    try:
        with transaction.atomic():
            proposal = _fresh(proposal)
            _check_grid_open(proposal.event)
            grid = _locked_grid(proposal.event)
            _check_cell(grid, room, slot)
            occupant = (
                SessionProposal.objects.filter(event=proposal.event, room=room, slot=slot)
                .exclude(pk=proposal.pk)
                .first()
            )
            if occupant is not None:
                raise BarcampError(
                    _("This cell already holds “%(title)s”: swap the two sessions instead.")
                    % {"title": occupant.title}
                )
            proposal.room, proposal.slot = room, slot
            proposal.save(update_fields=["room", "slot"])
    except IntegrityError as error:
        _taken(error)
    return proposal


@transaction.atomic
def unplace(proposal: SessionProposal) -> SessionProposal:
    proposal = _fresh(proposal)
    _check_grid_open(proposal.event)
    _locked_grid(proposal.event)
    if proposal.slot is None:
        raise BarcampError(_("This session is not in the grid."))
    proposal.room, proposal.slot = "", None
    proposal.save(update_fields=["room", "slot"])
    return proposal


def swap(first: SessionProposal, second: SessionProposal) -> None:
    """Exchange the cells of two proposals; one of them may be unplaced (it takes the cell)."""
    try:
        with transaction.atomic():
            first, second = _fresh(first), _fresh(second)
            if first.event_id != second.event_id or first.pk == second.pk:
                raise BarcampError(_("Choose another session of this barcamp."))
            _check_grid_open(first.event)
            _locked_grid(first.event)
            if first.slot is None and second.slot is None:
                raise BarcampError(_("Neither session is in the grid."))
            cells_before = [(first.room, first.slot), (second.room, second.slot)]
            ids = [first.pk, second.pk]
            # Free both cells first: the constraint forbids two sessions in one cell.
            SessionProposal.objects.filter(pk__in=ids).update(room="", slot=None)
            for proposal, (room, slot) in zip((second, first), cells_before, strict=True):
                proposal.room, proposal.slot = room, slot
                proposal.save(update_fields=["room", "slot"])
    except IntegrityError as error:
        _taken(error)
