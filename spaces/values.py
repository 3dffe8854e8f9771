"""The editable values of a space as plain JSON, shared by proposals, revisions and imports."""

from __future__ import annotations

from decimal import Decimal

from spaces.choices import AMENITIES

# Every field a person may set on a space, in the order forms show them.
EDITABLE_FIELDS = [
    "name",
    "kind",
    "status",
    "source_language",
    "address",
    "postcode",
    "town",
    "country",
    "insee",
    "departement",
    "region",
    "latitude",
    "longitude",
    "seats",
    "area_m2",
    "opening_hours",
    "price_day",
    "price_week",
    "price_month",
    "price_notes",
    *AMENITIES.keys(),
    "wifi_mbps",
    "wheelchair_access",
    "website",
    "email",
    "phone",
    "social_links",
]
TRANSLATED_FIELDS = ["short_description", "description"]


def to_json(values: dict) -> dict:
    """Make cleaned form values storable in a JSONField (decimals, networks)."""
    out = {}
    for key, value in values.items():
        if isinstance(value, Decimal):
            # Prices are stored with two decimals: compare and store them the same way.
            value = str(value.quantize(Decimal("0.01")))
        elif key == "networks":
            value = sorted(network.slug for network in value)
        out[key] = value
    return out


def from_json(data: dict) -> dict:
    """Inverse of :func:`to_json` for the model fields (networks stay slugs)."""
    out = dict(data)
    for key in ("price_day", "price_week", "price_month"):
        if out.get(key) not in (None, ""):
            out[key] = Decimal(out[key])
    return out


def changed_values(before: dict, after: dict) -> dict:
    """{field: [old, new]} for each value that differs; empty and None count as equal."""
    return {
        key: [before.get(key), value]
        for key, value in after.items()
        if before.get(key) != value and not (before.get(key) in (None, "") and value in (None, ""))
    }


def current_values(space) -> dict:
    """The editable values of a saved space, JSON-ready, for diffs and exports."""
    values = {field: getattr(space, field) for field in EDITABLE_FIELDS}
    values["networks"] = list(space.networks.all()) if space.pk else []
    return to_json(values)
