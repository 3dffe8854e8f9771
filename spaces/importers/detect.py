"""Which format a file is in, from its contents (its name only breaks ties)."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from spaces.importers.base import Format, ImportFileError, decode, read_csv
from spaces.importers.cget import CGET
from spaces.importers.maillage import MAILLAGE_CSV, MAILLAGE_GEOJSON, MAILLAGE_JSON
from spaces.importers.osm import OSM, OSM_ID

FORMATS: dict[str, Format] = {
    f.name: f for f in (MAILLAGE_CSV, MAILLAGE_GEOJSON, MAILLAGE_JSON, CGET, OSM)
}


def get_format(name: str | None, data: bytes, filename: str = "") -> Format:
    """The format asked for (``--format``), else the detected one."""
    if name:
        if name not in FORMATS:
            raise ImportFileError(
                _("Unknown format “%(format)s”; choose one of: %(formats)s.")
                % {"format": name, "formats": ", ".join(FORMATS)}
            )
        return FORMATS[name]
    return FORMATS[detect_format(data, filename)]


def detect_format(data: bytes, filename: str = "") -> str:
    text = decode(data).lstrip()
    if not text:
        raise ImportFileError(_("The file is empty."))
    if text[0] in "{[" or filename.lower().endswith((".json", ".geojson")):
        return _json_format(text)
    header, _rows = read_csv(data)
    columns = {name.upper() for name in header}
    if "NOM_TL" in columns:
        return CGET.name
    if {"id", "name"} <= set(header):
        return MAILLAGE_CSV.name
    raise ImportFileError(
        _(
            "The columns of this file are not those of a Maillage export, of the CGET "
            "national file or of an OpenStreetMap export."
        )
    )


def _json_format(text: str) -> str:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ImportFileError(_("The file is not valid JSON.")) from exc
    if not isinstance(document, dict):
        raise ImportFileError(_("This JSON file is not an export of spaces."))
    if isinstance(document.get("elements"), list):
        return OSM.name
    if isinstance(document.get("spaces"), list):
        return MAILLAGE_JSON.name
    features = document.get("features")
    if isinstance(features, list):
        for feature in features:
            if not isinstance(feature, dict):
                continue
            properties = feature.get("properties")
            properties = properties if isinstance(properties, dict) else {}
            if "slug" in properties and "id" in properties:
                return MAILLAGE_GEOJSON.name
            ids = (feature.get("id"), properties.get("@id"), properties.get("id"))
            if any(OSM_ID.match(str(value)) for value in ids if value):
                return OSM.name
        if not features:
            raise ImportFileError(_("This GeoJSON file has no feature."))
    raise ImportFileError(_("This JSON file is not an export of spaces."))
