"""Every access rule of the opportunities board, in one place.

Roles: visitor (anonymous), member (any account), author (who posted), manager of
a space (``Space.managers``), coordinator (``spaces.permissions.is_coordinator``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from opportunities.models import Opportunity
from spaces.models import Space
from spaces.permissions import can_edit_space, is_coordinator


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def is_author(user, opportunity: Opportunity) -> bool:
    return _signed_in(user) and opportunity.author_id == user.pk


def can_post(user) -> bool:
    return _signed_in(user)


def spaces_user_may_post_for(user):
    """The spaces ``user`` may post on behalf of: their own, or any for a coordinator."""
    if not _signed_in(user):
        return Space.objects.none()
    if is_coordinator(user):
        return Space.objects.all()
    return Space.objects.filter(managers=user)


def can_post_for_space(user, space: Space | None) -> bool:
    if space is None:
        return can_post(user)
    return can_edit_space(user, space)


def publishes_directly(user) -> bool:
    """Coordinators' posts skip the moderation queue; everyone else's wait in it."""
    return is_coordinator(user)


def can_view(user, opportunity: Opportunity) -> bool:
    """Published posts (even expired) are public; others only for the author and coordinators."""
    if opportunity.state == Opportunity.State.PUBLISHED:
        return True
    return is_author(user, opportunity) or is_coordinator(user)


def can_edit(user, opportunity: Opportunity) -> bool:
    return is_author(user, opportunity) or is_coordinator(user)


def can_moderate(user) -> bool:
    return is_coordinator(user)


def can_see_applications(user, opportunity: Opportunity) -> bool:
    return can_edit(user, opportunity)


def may_apply(user, opportunity: Opportunity) -> bool:
    """Whether to offer the apply form; the service gives the reason when it refuses."""
    return (
        _signed_in(user)
        and opportunity.apply_in_platform
        and opportunity.is_live()
        and not is_author(user, opportunity)
    )


def get_for_view(user, pk: int) -> Opportunity:
    opportunity = get_object_or_404(
        Opportunity.objects.select_related("author__profile", "on_behalf_of"), pk=pk
    )
    if not can_view(user, opportunity):
        # A post still hidden is not acknowledged to exist.
        raise Http404
    return opportunity


def get_for_edit(user, pk: int) -> Opportunity:
    opportunity = get_object_or_404(Opportunity, pk=pk)
    if not can_edit(user, opportunity):
        raise PermissionDenied
    return opportunity


def require_moderator(user) -> None:
    if not can_moderate(user):
        raise PermissionDenied
