"""Every access rule of the directory, in one place.

Roles: visitor (anonymous), member (any account), manager (listed on the
space), coordinator (``User.is_coordinator``; superusers count as coordinators).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from spaces.models import Space


def is_member(user) -> bool:
    """A signed-in, active account: what every members-only action asks first."""
    return bool(user and user.is_authenticated and user.is_active)


def is_coordinator(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_coordinator or user.is_superuser))


def can_edit_space(user, space: Space) -> bool:
    """Managers edit their own spaces directly; coordinators edit any."""
    if not (user and user.is_authenticated):
        return False
    return is_coordinator(user) or space.managers.filter(pk=user.pk).exists()


def can_moderate(user) -> bool:
    return is_coordinator(user)


def can_import(user) -> bool:
    return is_coordinator(user)


def get_space_for_edit(user, slug: str) -> Space:
    """The space behind ``slug`` if ``user`` may edit it, else PermissionDenied."""
    space = get_object_or_404(Space, slug=slug)
    if not can_edit_space(user, space):
        raise PermissionDenied
    return space


def require_coordinator(user) -> None:
    if not is_coordinator(user):
        raise PermissionDenied
