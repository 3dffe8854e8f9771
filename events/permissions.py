"""Every access rule of the events, in one place.

Roles: visitor (anonymous), member (any active account), manager (listed on a space),
coordinator. Any member organises events in their own name; a space's managers
organise for it; coordinators organise for the network and may manage every event.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from community.permissions import manages
from events.models import Event
from spaces.permissions import is_coordinator, is_member


def can_create(user) -> bool:
    return is_member(user)


def can_organise_for_space(user, space) -> bool:
    return is_coordinator(user) or manages(user, space)


def can_manage(user, event: Event) -> bool:
    """Edit, publish, cancel, see the attendees, build the barcamp grid, write up."""
    if not is_member(user):
        return False
    if is_coordinator(user) or event.created_by_id == user.pk:
        return True
    space = event.organiser_space
    return space is not None and manages(user, space)


def can_view(user, event: Event) -> bool:
    """Drafts only for those who manage them; published and cancelled events for all."""
    return event.status != Event.Status.DRAFT or can_manage(user, event)


def can_register_as_visitor(event: Event) -> bool:
    return event.audience == Event.Audience.ALL


def get_event_for_view(user, slug: str, rows=None) -> Event:
    """The event, if ``user`` may see it (``rows``: a queryset to read it from)."""
    event = get_object_or_404(Event.objects.all() if rows is None else rows, slug=slug)
    if not can_view(user, event):
        raise Http404
    return event


def get_event_for_manage(user, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not can_view(user, event):
        raise Http404
    if not can_manage(user, event):
        raise PermissionDenied
    return event


# Barcamp (events/barcamp.py): who takes part, who withdraws a proposal.


def can_take_part_in_barcamp(user, event: Event) -> bool:
    """Propose sessions and vote: people with a confirmed registration, and the managers.

    Whether the barcamp is still open (published, not over) is the service's rule.
    """
    if not is_member(user):
        return False
    confirmed = event.registrations.filter(user=user, state="confirmed").exists()
    return confirmed or can_manage(user, event)


def can_withdraw_proposal(user, proposal) -> bool:
    return is_member(user) and (proposal.proposer_id == user.pk or can_manage(user, proposal.event))
