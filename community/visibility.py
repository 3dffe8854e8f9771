"""Who sees which field of a profile: the one place every page, API, feed and export asks.

A field is visible to its owner always; to anyone when set to "everyone"; to any
signed-in member when set to "members"; to nobody else when set to "nobody".
Coordinators follow the same rule: a hidden field is hidden from them too.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from community.models import Profile, Visibility
from community.models.profile import PRIVATE_FIELDS


def levels_for(viewer) -> list[str]:
    """The visibility settings whose fields ``viewer`` may see (apart from their own)."""
    if viewer is not None and viewer.is_authenticated:
        return [Visibility.EVERYONE, Visibility.MEMBERS]
    return [Visibility.EVERYONE]


def can_see(profile: Profile | None, field: str, viewer) -> bool:
    if field not in PRIVATE_FIELDS:
        raise ValueError(f"unknown profile field {field!r}")
    if profile is None:
        return False
    if viewer is not None and viewer.is_authenticated and viewer.pk == profile.user_id:
        return True
    return getattr(profile, f"{field}_visibility") in levels_for(viewer)


def visible_q(field: str, viewer, prefix: str = "") -> Q:
    """A filter keeping only the profiles whose ``field`` ``viewer`` may see.

    ``prefix`` reaches the profile from another model ("user__profile__").
    """
    condition = Q(**{f"{prefix}{field}_visibility__in": levels_for(viewer)})
    if viewer is not None and viewer.is_authenticated:
        condition |= Q(**{f"{prefix}user_id": viewer.pk})
    return condition


def anonymous_label() -> str:
    return _("A member of the network")


def public_name(user, viewer) -> str:
    """The name of ``user`` as ``viewer`` may see it, or a neutral label."""
    if user is None or not user.is_active:
        return _("Former member")
    profile = getattr(user, "profile", None)
    if profile is None:
        return anonymous_label()
    return profile.display_name if can_see(profile, "name", viewer) else anonymous_label()


def profile_view(profile: Profile, viewer) -> dict:
    """The fields of ``profile`` that ``viewer`` may see (absent keys are hidden)."""
    shown = {}
    if can_see(profile, "name", viewer):
        shown["name"] = profile.display_name
    if can_see(profile, "photo", viewer) and profile.photo:
        shown["photo"] = profile.photo
    if can_see(profile, "bio", viewer) and profile.bio:
        shown["bio"] = profile.bio
    if can_see(profile, "spaces", viewer):
        shown["home_space"] = profile.home_space
        shown["spaces_visited"] = list(profile.spaces_visited.all())
    if can_see(profile, "skills", viewer):
        shown["skills_offered"] = list(profile.skills_offered.all())
        shown["skills_sought"] = list(profile.skills_sought.all())
    if can_see(profile, "languages", viewer):
        shown["languages"] = profile.language_codes
    if can_see(profile, "town", viewer) and profile.town:
        shown["town"] = profile.town
    if can_see(profile, "availability", viewer) and profile.availability:
        shown["availability"] = profile.availability
    if can_see(profile, "links", viewer) and profile.links:
        shown["links"] = profile.link_list
    return shown
