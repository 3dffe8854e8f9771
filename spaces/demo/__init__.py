"""Demo data of the directory: networks, spaces and role accounts, loaded by ``make run``.

Every write goes through ``services.space_save``; rows are found again by
``source="demo"`` and a stable ``source_id``, so loading twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction

from spaces import services
from spaces.choices import AMENITIES
from spaces.demo.spaces_es import SPACES_ES
from spaces.demo.spaces_fr import SPACES_FR
from spaces.models import Network, Space
from spaces.values import TRANSLATED_FIELDS, current_values, to_json

SOURCE = "demo"
NETWORKS = [
    {"slug": "cowocat", "name": "Cowocat"},
    {"slug": "cowopy", "name": "Cowopy"},
    {"slug": "cooperative-tiers-lieux", "name": "Coopérative Tiers-Lieux"},
]
SPACES = [*SPACES_FR, *SPACES_ES]

# Accounts for trying each role locally; their password is public, hence DEBUG only.
DEMO_PASSWORD = "maillage-demo"
USERS = [
    {"username": "coordinatrice", "is_coordinator": True, "manages": []},
    {"username": "gestionnaire", "manages": ["elan-lezat", "tiers-lieu-gascogne"]},
    {"username": "membre", "manages": []},
]

# Fields a demo entry leaves out are reset to these, so the data above stays the truth.
EMPTY = {
    **dict.fromkeys(AMENITIES, False),
    **dict.fromkeys(
        ["address", "opening_hours", "price_notes", "website", "email", "phone", "social_links"],
        "",
    ),
    **dict.fromkeys(
        ["seats", "area_m2", "wifi_mbps", "price_day", "price_week", "price_month"], None
    ),
    "wheelchair_access": None,
}
CENT = Decimal("0.01")


@dataclass
class DemoResult:
    spaces: int = 0
    networks: int = 0
    created: int = 0
    updated: int = 0
    users: list[str] = field(default_factory=list)


def demo_space(key: str) -> Space | None:
    """The demo space with this key (``"elan-lezat"``…), for other apps' demo data."""
    return Space.objects.filter(source=SOURCE, source_id=key).first()


@transaction.atomic
def load_demo(*, with_users: bool = False) -> DemoResult:
    """Create or refresh the demo networks and spaces, and the role accounts if asked."""
    result = DemoResult()
    networks = {}
    for spec in NETWORKS:
        networks[spec["slug"]], _created = Network.objects.update_or_create(
            slug=spec["slug"], defaults={"name": spec["name"]}
        )
    result.networks = len(networks)
    for entry in SPACES:
        outcome = _load_space(entry, networks)
        if outcome == "created":
            result.created += 1
        elif outcome == "updated":
            result.updated += 1
    result.spaces = Space.objects.filter(source=SOURCE).count()
    if with_users:
        result.users = _load_users()
    return result


def _load_space(entry: dict, networks: dict[str, Network]) -> str:
    values = _values(entry["values"], networks)
    translations = _source_first(entry["translations"], values["source_language"])
    extra = {"source": SOURCE, "source_id": entry["key"], **entry.get("extra", {})}
    space = demo_space(entry["key"])
    if space is not None and _unchanged(space, values, translations, extra):
        return "unchanged"
    outcome = "created" if space is None else "updated"
    space = services.space_save(
        space=space, values=values, translations=translations, origin=SOURCE
    )
    if any(getattr(space, name) != value for name, value in extra.items()):
        # source, province, region and time zone are not editable fields: set them, then
        # save once more with no values so the search text includes them (no revision).
        for name, value in extra.items():
            setattr(space, name, value)
        services.space_save(space=space, values={}, origin=SOURCE)
    return outcome


def _values(raw: dict, networks: dict[str, Network]) -> dict:
    values = {**EMPTY, **raw}
    values["networks"] = [networks[slug] for slug in raw.get("networks", [])]
    for name in ("price_day", "price_week", "price_month"):
        if values[name] is not None:
            # Two decimals, as the database gives them back: otherwise a rerun sees a change.
            values[name] = Decimal(values[name]).quantize(CENT)
    return values


def _source_first(translations: dict, source_language: str) -> dict:
    """Save the source language first: saving it later would mark the others outdated."""
    ordered = {source_language: translations[source_language]}
    ordered.update(translations)
    return ordered


def _unchanged(space: Space, values: dict, translations: dict, extra: dict) -> bool:
    current = current_values(space)
    if any(current.get(name) != value for name, value in to_json(values).items()):
        return False
    if any(getattr(space, name) != value for name, value in extra.items()):
        return False
    stored = {t.language: t for t in space.translations.all()}
    for language, texts in translations.items():
        row = stored.get(language)
        if row is None or any(
            (texts.get(name) or "").strip() != getattr(row, name) for name in TRANSLATED_FIELDS
        ):
            return False
    return True


def _load_users() -> list[str]:
    """Create the role accounts once; an existing account of that name is left as it is."""
    user_model = get_user_model()
    names = []
    for spec in USERS:
        username = spec["username"]
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "is_coordinator": spec.get("is_coordinator", False),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            for key in spec["manages"]:
                demo_space(key).managers.add(user)
            verified_email(user)
        names.append(username)
    return names


def verified_email(user) -> None:
    """Mark the address verified when allauth is installed, so the account can log in."""
    if not apps.is_installed("allauth.account"):
        return
    email_address = apps.get_model("account", "EmailAddress")
    email_address.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
