"""State changes of the directory: every write to a space goes through here."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from spaces import hours
from spaces.choices import COUNTRY_TIMEZONES, TranslationStatus
from spaces.models import (
    Network,
    OpeningSlot,
    Proposal,
    Space,
    SpacePhoto,
    SpaceRevision,
    SpaceTranslation,
)
from spaces.places import fill_places
from spaces.values import EDITABLE_FIELDS, changed_values, current_values, from_json, to_json
from territory.text import fold


def unique_slug(name: str, town: str = "", exclude_pk: int | None = None) -> str:
    """A slug from the name, then name-town, then a number, never taken by another space."""
    base = slugify(name)[:200] or "space"
    candidates = [base]
    if town:
        candidates.append(f"{base}-{slugify(town)}"[:210])
    taken = Space.objects.exclude(pk=exclude_pk)
    for candidate in candidates:
        if not taken.filter(slug=candidate).exists():
            return candidate
    number = 2
    while taken.filter(slug=f"{candidates[-1]}-{number}").exists():
        number += 1
    return f"{candidates[-1]}-{number}"


def _search_text(space: Space) -> str:
    parts = [space.name, space.town, space.postcode, space.departement, space.region, space.epci]
    return fold(" ".join(part for part in parts if part))


def _rebuild_slots(space: Space) -> None:
    OpeningSlot.objects.filter(space=space).delete()
    OpeningSlot.objects.bulk_create(
        OpeningSlot(space=space, weekday=day, start_minute=start, end_minute=end)
        for day, start, end in hours.weekly_slots(space.opening_hours)
    )


@transaction.atomic
def space_save(
    *,
    space: Space | None,
    values: dict,
    translations: dict[str, dict] | None = None,
    user=None,
    origin: str = "edit",
) -> Space:
    """Create or update a space from cleaned values and record what changed.

    ``values`` holds any of ``EDITABLE_FIELDS`` plus ``networks`` (Network
    objects or slugs); ``translations`` maps a language to its
    ``short_description``/``description``.
    """
    creating = space is None
    if creating:
        space = Space()
        before = {}
    else:
        before = current_values(space)
    for field in EDITABLE_FIELDS:
        if field in values:
            setattr(space, field, values[field])
    fill_places(space)
    space.timezone = COUNTRY_TIMEZONES.get(space.country, space.timezone)
    if creating or not space.slug:
        space.slug = unique_slug(space.name, space.town)
    space.search_text = _search_text(space)
    space.updated_by = user if user and user.is_authenticated else None
    # Uniqueness is enforced by the database; checking it here would cost two queries a save.
    space.full_clean(
        exclude=["slug", "updated_by"], validate_unique=False, validate_constraints=False
    )
    space.save()

    if "networks" in values:
        networks = [
            n if isinstance(n, Network) else Network.objects.get(slug=n) for n in values["networks"]
        ]
        space.networks.set(networks)
    if creating or before.get("opening_hours") != space.opening_hours:
        _rebuild_slots(space)
    # This process's filter drop-downs see the change at once; others within minutes.
    cache.delete_many([f"spaces:facet:{name}" for name in ("region", "departement")])

    changes = changed_values(before, current_values(space))
    for language, texts in (translations or {}).items():
        changes.update(_save_translation(space, language, texts))
    if changes:
        SpaceRevision.objects.create(
            space=space,
            user=user if user and user.is_authenticated else None,
            origin=origin,
            changes=changes,
        )
    return space


def _save_translation(space: Space, language: str, texts: dict) -> dict:
    """Store one language's descriptions; a change to the source marks the others outdated."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    translation, _created = SpaceTranslation.objects.get_or_create(space=space, language=language)
    changes = {}
    for field in ("short_description", "description"):
        new = (texts.get(field) or "").strip()
        old = getattr(translation, field)
        if new != old:
            changes[f"{field}[{language}]"] = [old, new]
            setattr(translation, field, new)
    if not changes and not _created:
        return {}
    translation.status = TranslationStatus.UP_TO_DATE
    translation.search_text = fold(f"{translation.short_description} {translation.description}")
    translation.save()
    if language == space.source_language and changes:
        space.translations.exclude(language=language).update(status=TranslationStatus.OUTDATED)
    return changes


@transaction.atomic
def proposal_submit(
    *,
    space: Space | None,
    values: dict,
    translations: dict[str, dict],
    language: str,
    user=None,
    proposer_name: str = "",
    proposer_email: str = "",
    message: str = "",
) -> Proposal:
    """Queue a new space (``space=None``) or a correction for moderation."""
    data = to_json(values)
    data["translations"] = translations
    return Proposal.objects.create(
        space=space,
        data=data,
        language=language,
        message=message,
        proposer=user if user and user.is_authenticated else None,
        proposer_name=proposer_name,
        proposer_email=proposer_email,
    )


@transaction.atomic
def proposal_accept(*, proposal: Proposal, reviewer, note: str = "") -> Space:
    """Apply a pending proposal to the directory and close it."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state != Proposal.State.PENDING:
        raise ValueError("proposal already reviewed")
    data = from_json(proposal.data)
    translations = data.pop("translations", {})
    space = space_save(
        space=proposal.space,
        values=data,
        translations=translations,
        user=reviewer,
        origin="proposal",
    )
    if proposal.proposer_id and proposal.space_id is None:
        # Whoever proposes a new space with an account becomes its first manager.
        space.managers.add(proposal.proposer_id)
    _close(proposal, Proposal.State.ACCEPTED, reviewer, note)
    if proposal.space_id is None:
        proposal.space = space
        proposal.save(update_fields=["space"])
    return space


@transaction.atomic
def proposal_reject(*, proposal: Proposal, reviewer, note: str = "") -> None:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state != Proposal.State.PENDING:
        raise ValueError("proposal already reviewed")
    _close(proposal, Proposal.State.REJECTED, reviewer, note)


def _close(proposal: Proposal, state: str, reviewer, note: str) -> None:
    proposal.state = state
    proposal.reviewed_by = reviewer
    proposal.reviewed_at = timezone.now()
    proposal.review_note = note
    proposal.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])


@transaction.atomic
def photo_add(*, space: Space, image, alt_text: str, user) -> SpacePhoto:
    position = space.photos.count()
    photo = SpacePhoto.objects.create(
        space=space, image=image, alt_text=alt_text, position=position
    )
    SpaceRevision.objects.create(
        space=space, user=user, changes={"photos": [None, photo.image.name]}
    )
    return photo


@transaction.atomic
def photo_delete(*, photo: SpacePhoto, user) -> None:
    name = photo.image.name
    space = photo.space
    photo.image.delete(save=False)
    photo.delete()
    SpaceRevision.objects.create(space=space, user=user, changes={"photos": [name, None]})


@transaction.atomic
def managers_set(*, space: Space, users: list, by) -> None:
    """Replace the managers of a space, recording the change."""
    before = sorted(space.managers.values_list("username", flat=True))
    space.managers.set(users)
    after = sorted(user.username for user in users)
    if before != after:
        SpaceRevision.objects.create(space=space, user=by, changes={"managers": [before, after]})
