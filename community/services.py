"""Changes to profiles, skills and memberships: plain functions, one transaction each."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import Profile, Skill, SpaceMembership
from community.skills import CORE_SKILLS, MAX_TAG_LENGTH, canonical_key


class CommunityError(ValueError):
    """A change refused for a reason the member can read (already translated)."""


def ensure_profile(user) -> Profile:
    """The member's profile, created on first use with the account's name."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        pass
    name = user.get_full_name() or user.username
    profile, _created = Profile.objects.get_or_create(user=user, defaults={"display_name": name})
    user.profile = profile
    return profile


def ensure_core_skills() -> None:
    for key, label in CORE_SKILLS.items():
        Skill.objects.get_or_create(key=key, defaults={"name": str(label), "is_core": True})


def skill_from_text(text: str, *, create: bool = True) -> Skill | None:
    """The skill a typed tag names: a core skill in any language, or a free tag.

    Two spellings of one tag ("Gestion de projet", "gestion-de-projet ") give one row.
    Returns None for an empty tag, or an unknown one when ``create`` is false.
    """
    key = canonical_key(text)
    if not key:
        return None
    skill = Skill.objects.filter(key=key).first()
    if skill is not None or not create:
        return skill
    name = " ".join((text or "").split())[:MAX_TAG_LENGTH]
    try:
        with transaction.atomic():
            return Skill.objects.create(key=key, name=name, is_core=key in CORE_SKILLS)
    except IntegrityError:  # created meanwhile by another request
        return Skill.objects.get(key=key)


@transaction.atomic
def request_membership(user, space) -> SpaceMembership:
    membership, created = SpaceMembership.objects.get_or_create(user=user, space=space)
    if not created and membership.state == SpaceMembership.State.DECLINED:
        membership.state = SpaceMembership.State.REQUESTED
        membership.decided_by = None
        membership.decided_at = None
        membership.save()
    return membership


@transaction.atomic
def decide_membership(membership: SpaceMembership, manager, *, confirm: bool) -> SpaceMembership:
    if membership.state != SpaceMembership.State.REQUESTED:
        raise CommunityError(_("This request has already been answered."))
    membership.state = (
        SpaceMembership.State.CONFIRMED if confirm else SpaceMembership.State.DECLINED
    )
    membership.decided_by = manager
    membership.decided_at = timezone.now()
    membership.save()
    return membership


@transaction.atomic
def save_profile(profile: Profile, values: dict) -> Profile:
    """Store the profile form's values; a new home space asks its managers to confirm.

    ``values`` holds the model fields plus ``skills_offered``/``skills_sought`` (lists of
    Skill), ``spaces_visited`` (spaces) and ``languages`` (codes).
    """
    # Read from the database: a bound ModelForm has already changed the instance.
    previous_home = (
        Profile.objects.filter(pk=profile.pk).values_list("home_space_id", flat=True).first()
    )
    many = {
        name: values.pop(name)
        for name in ("skills_offered", "skills_sought", "spaces_visited")
        if name in values
    }
    if "languages" in values:
        profile.set_languages(values.pop("languages"))
    for name, value in values.items():
        setattr(profile, name, value)
    profile.save()
    for name, items in many.items():
        getattr(profile, name).set(items)
    if profile.home_space_id and profile.home_space_id != previous_home:
        request_membership(profile.user, profile.home_space)
    return profile


@transaction.atomic
def set_roles(actor, user, *, coordinator: bool, trainer: bool, spaces) -> None:
    """A coordinator grants or removes roles; they cannot remove their own coordination."""
    if actor.pk == user.pk and not coordinator:
        raise CommunityError(_("You cannot remove your own coordinator role."))
    user.is_coordinator = coordinator
    user.is_trainer = trainer
    user.save(update_fields=["is_coordinator", "is_trainer"])
    user.managed_spaces.set(spaces)
