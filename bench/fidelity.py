"""Proof that the bulk loader stores what ``services.space_save`` stores.

Both loaders run on the same descriptions in an empty directory, each inside a
transaction that is rolled back; everything they stored is compared, except ids and
timestamps.
"""

from __future__ import annotations

from django.db import transaction

from bench import dataset
from spaces.models import Space

SKIPPED_FIELDS = {"id", "created_at", "updated_at"}


def _space_fields() -> list[str]:
    return [f.attname for f in Space._meta.concrete_fields if f.attname not in SKIPPED_FIELDS]


def snapshot() -> list[dict]:
    """Every stored value of every space, in creation order, without ids or timestamps."""
    spaces = Space.objects.order_by("pk").prefetch_related(
        "networks", "opening_slots", "translations", "revisions"
    )
    return [
        {
            **{name: getattr(space, name) for name in _space_fields()},
            "networks": sorted(n.slug for n in space.networks.all()),
            "slots": sorted(
                (s.weekday, s.start_minute, s.end_minute) for s in space.opening_slots.all()
            ),
            "translations": sorted(
                (t.language, t.short_description, t.description, t.status, t.search_text)
                for t in space.translations.all()
            ),
            "revisions": [(r.origin, r.user_id, r.changes) for r in space.revisions.all()],
        }
        for space in spaces
    ]


def _stored_by(load) -> list[dict]:
    with transaction.atomic():
        load()
        stored = snapshot()
        transaction.set_rollback(True)
    return stored


def compare(specs: list[dataset.SpaceSpec], networks) -> str | None:
    """None when both loaders stored the same directory, else the first difference."""
    bulk = _stored_by(lambda: dataset.load_in_bulk(specs, networks))
    service = _stored_by(lambda: dataset.load_with_service(specs))
    if len(bulk) != len(service):
        return f"{len(bulk)} spaces in bulk, {len(service)} through the service"
    for index, (ours, theirs) in enumerate(zip(bulk, service, strict=True)):
        for key in theirs:
            if ours[key] != theirs[key]:
                return f"space #{index} {key}: bulk {ours[key]!r} != service {theirs[key]!r}"
    return None
