"""Every access rule of the community (profiles, roles, memberships, barter), in one place.

Roles: visitor (anonymous), member (any active account), manager (listed on a space),
trainer and coordinator (flags granted by a coordinator; superusers count as
coordinators). What a viewer may see of a profile is in ``community.visibility``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from community.models import BarterPost, Exchange, SpaceMembership
from spaces.permissions import is_coordinator, is_member


def can_grant_roles(user) -> bool:
    return is_coordinator(user)


def manages(user, space) -> bool:
    return is_member(user) and space.managers.filter(pk=user.pk).exists()


def can_decide_membership(user, membership: SpaceMembership) -> bool:
    """A manager of the space answers; a coordinator may answer for any space."""
    return is_coordinator(user) or manages(user, membership.space)


def can_see_space_members(user, space) -> bool:
    return is_coordinator(user) or manages(user, space)


def can_close_post(user, post: BarterPost) -> bool:
    return is_member(user) and (post.author_id == user.pk or is_coordinator(user))


def can_answer_exchange(user, exchange: Exchange) -> bool:
    """Only the side that did not record the exchange confirms or declines it."""
    return (
        is_member(user)
        and exchange.state == Exchange.State.PENDING
        and user.pk in (exchange.giver_id, exchange.receiver_id)
        and user.pk != exchange.recorded_by_id
    )


def can_see_exchange(user, exchange: Exchange) -> bool:
    return is_member(user) and user.pk in (exchange.giver_id, exchange.receiver_id)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
