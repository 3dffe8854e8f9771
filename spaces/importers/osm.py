"""OpenStreetMap exports: overpass-turbo GeoJSON and Overpass API JSON.

Only ``office=coworking`` and ``amenity=coworking_space`` are spaces; any other
element of the export is reported as rejected.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from spaces.choices import Kind, Status
from spaces.importers.base import (
    Format,
    ImportFileError,
    Row,
    RowError,
    clean_url,
    email_or_warn,
    parse_number,
    read_json,
    website_or_warn,
)
from spaces.importers.geo import centroid, nearest_commune
from spaces.models import Space
from spaces.places import commune_for
from spaces.validators import validate_opening_hours
from territory.geo import haversine_km

SOURCE = "osm"
OSM_ID = re.compile(r"^(node|way|relation)/\d+$")
# A point further than this from the commune its address names is not in that commune.
ADDRESS_TOLERANCE_KM = 30.0
SOCIAL_TAGS = ["contact:facebook", "contact:twitter", "contact:instagram", "contact:linkedin"]


def records(data: bytes) -> list[tuple[int, dict]]:
    """Elements as {"id", "tags", "lat", "lon"} with their position in the file."""
    document = read_json(data)
    if isinstance(document, dict) and isinstance(document.get("elements"), list):
        items = [_from_overpass(element) for element in document["elements"]]
    elif isinstance(document, dict) and isinstance(document.get("features"), list):
        items = [_from_feature(feature) for feature in document["features"]]
    else:
        raise ImportFileError(
            _("This is neither an Overpass JSON nor a GeoJSON export of OpenStreetMap.")
        )
    # Untagged nodes are the geometry of ways ("out skel"), not places to report on.
    return [(number, item) for number, item in enumerate(items, start=1) if item["tags"]]


def _from_overpass(element) -> dict:
    if not isinstance(element, dict):
        return {"id": "", "tags": {}, "lat": None, "lon": None}
    point = element
    if "lat" not in element:
        point = element.get("center") or {}
        if not point and isinstance(element.get("geometry"), list):
            found = centroid(
                [[p.get("lon"), p.get("lat")] for p in element["geometry"] if isinstance(p, dict)]
            )
            point = {"lat": found[0], "lon": found[1]} if found else {}
    tags = element.get("tags")
    return {
        "id": f"{element.get('type', '')}/{element.get('id', '')}",
        "tags": tags if isinstance(tags, dict) else {},
        "lat": parse_number(point.get("lat")) if isinstance(point, dict) else None,
        "lon": parse_number(point.get("lon")) if isinstance(point, dict) else None,
    }


def _from_feature(feature) -> dict:
    if not isinstance(feature, dict):
        return {"id": "", "tags": {}, "lat": None, "lon": None}
    properties = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
    # osmtogeojson nests the tags unless asked for flat properties.
    if isinstance(properties.get("tags"), dict):
        tags = properties["tags"]
    else:
        tags = {k: v for k, v in properties.items() if not k.startswith("@") and k != "id"}
    osm_id = next(
        (
            str(v)
            for v in (feature.get("id"), properties.get("@id"), properties.get("id"))
            if v and OSM_ID.match(str(v))
        ),
        "",
    )
    geometry = feature.get("geometry") if isinstance(feature.get("geometry"), dict) else {}
    found = centroid(geometry.get("coordinates"))
    return {
        "id": osm_id,
        "tags": tags,
        "lat": found[0] if found else None,
        "lon": found[1] if found else None,
    }


def name_of(item: dict) -> str:
    return str(item["tags"].get("name") or item["id"])


def parse(line: int, item: dict) -> Row:
    tags = {str(k): str(v).strip() for k, v in item["tags"].items() if v is not None}
    if tags.get("office") != "coworking" and tags.get("amenity") != "coworking_space":
        raise RowError(_("not a coworking space"))
    if not OSM_ID.match(item["id"]):
        raise RowError(_("the OpenStreetMap identifier (node/…, way/…) is missing"))
    if not tags.get("name"):
        raise RowError(_("the name is missing"))
    warnings: list[str] = []
    street = " ".join(filter(None, [tags.get("addr:housenumber"), tags.get("addr:street")]))
    values = {
        "name": tags["name"],
        "kind": Kind.COWORKING,
        "status": Status.OPEN,
        "address": street or tags.get("addr:full") or tags.get("addr:place", ""),
        "postcode": tags.get("addr:postcode", ""),
        "town": tags.get("addr:city", ""),
        "latitude": item["lat"],
        "longitude": item["lon"],
        "website": website_or_warn(_first(tags, "website", "contact:website", "url"), warnings),
        "email": email_or_warn(_first(tags, "email", "contact:email"), warnings),
        "phone": _first(tags, "phone", "contact:phone").split(";")[0].strip()[:40],
        "opening_hours": _opening_hours(tags.get("opening_hours", ""), warnings),
        "social_links": "\n".join(
            url for url in (clean_url(tags.get(tag, "")) for tag in SOCIAL_TAGS) if url
        ),
    }
    values["country"] = _country(tags, values, warnings)
    wheelchair = {"yes": True, "limited": True, "no": False}.get(tags.get("wheelchair", ""))
    if wheelchair is not None:
        values["wheelchair_access"] = wheelchair
    if tags.get("internet_access") in ("wlan", "yes", "wifi"):
        values["has_wifi"] = True
    elif tags.get("internet_access") == "no":
        values["has_wifi"] = False
    if tags.get("capacity", "").isdigit():
        values["seats"] = int(tags["capacity"])
    return Row(line=line, source=SOURCE, source_id=item["id"], values=values, warnings=warnings)


def _first(tags: dict, *keys: str) -> str:
    return next((tags[key] for key in keys if tags.get(key)), "")


def _opening_hours(value: str, warnings: list[str]) -> str:
    try:
        if len(value) > 255:
            raise ValidationError("too long")
        validate_opening_hours(value)
    except ValidationError:
        warnings.append(
            _("opening hours “%(value)s” are not understood: left out") % {"value": value[:80]}
        )
        return ""
    return value


def _country(tags: dict, values: dict, warnings: list[str]) -> str:
    """The ISO code from addr:country, else France when the address or point is French."""
    code = tags.get("addr:country", "").upper()
    if code:
        return code
    lat, lon = values["latitude"], values["longitude"]
    if values["postcode"] or values["town"]:
        probe = Space(country="FR", postcode=values["postcode"], town=values["town"])
        commune = commune_for(probe)
        if commune is not None and (
            lat is None
            or commune.lat is None
            or haversine_km(lat, lon, commune.lat, commune.lon) <= ADDRESS_TOLERANCE_KM
        ):
            return "FR"
        raise RowError(_("country unknown: the address is not a French commune"))
    if lat is not None and nearest_commune(lat, lon) is not None:
        warnings.append(_("no address: France assumed from the location"))
        return "FR"
    raise RowError(_("country unknown"))


OSM = Format(name="osm", unit="feature", records=records, parse=parse, name_of=name_of)
