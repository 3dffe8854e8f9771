"""The French state's 2019 national file of tiers-lieux (CGET, "Mission Coworking").

Read as published: UTF-8 or Windows-1252, "," or ";" between cells, decimal
commas in the coordinates. The CONTACT column names a person and is never
imported.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from spaces.choices import Kind, Status
from spaces.importers.base import (
    Format,
    Row,
    RowError,
    clean_url,
    csv_records,
    email_or_warn,
    parse_number,
    website_or_warn,
)
from spaces.importers.geo import in_france
from spaces.models import Space
from spaces.places import commune_for, communes
from territory.text import fold

SOURCE = "cget"
REQUIRED_COLUMNS = ["ID", "NOM_TL", "ADRESSE", "CP", "NOMCOM", "LAT", "LONG"]


def records(data: bytes) -> list[tuple[int, dict]]:
    # Headers are upper case in the published file; accept any case.
    return csv_records(data, REQUIRED_COLUMNS, fold_case=True)


def name_of(raw: dict) -> str:
    return (raw.get("NOM_TL") or "").strip()


def parse(line: int, raw: dict) -> Row:
    cell = {key: (value or "").strip() for key, value in raw.items() if key}
    source_id = cell.get("ID", "")
    if not source_id:
        raise RowError(_("the identifier (ID) is missing"))
    if not cell.get("NOM_TL"):
        raise RowError(_("the name is missing"))
    warnings: list[str] = []
    values = {
        "name": cell["NOM_TL"],
        "kind": _kind(cell.get("TYPO", ""), warnings),
        "status": Status.OPEN,
        "source_language": "fr",
        "country": "FR",
        "address": cell.get("ADRESSE", ""),
        "postcode": _code(cell.get("CP", "")),
        "town": cell.get("NOMCOM") or cell.get("COMINIT", ""),
        "insee": _insee(cell.get("INSEECOM", "")),
        "website": website_or_warn(cell.get("WEB", ""), warnings),
        "email": email_or_warn(cell.get("MAIL", ""), warnings),
        "social_links": _social_links(cell, warnings),
    }
    values["latitude"], values["longitude"] = _point(cell, values, warnings)
    return Row(line=line, source=SOURCE, source_id=source_id, values=values, warnings=warnings)


def _kind(typology: str, warnings: list[str]) -> str:
    folded = fold(typology)
    if not folded:
        return Kind.TIERS_LIEU
    if "coworking" in folded:
        return Kind.COWORKING
    if "fablab" in folded or "fab lab" in folded:
        return Kind.FABLAB
    warnings.append(
        _("unknown typology “%(value)s”: imported as a tiers-lieu") % {"value": typology}
    )
    return Kind.TIERS_LIEU


def _code(value: str) -> str:
    # Spreadsheets drop the leading zero of codes such as 01000.
    value = value.removesuffix(".0")
    return value.zfill(5) if value.isdigit() and len(value) == 4 else value


def _insee(value: str) -> str:
    """The INSEE code when the communes file knows it (not the former Paris arrondissements)."""
    code = _code(value)
    return code if code and communes().get(code) is not None else ""


def _social_links(cell: dict, warnings: list[str]) -> str:
    links = []
    for column, site in (
        ("TWITTER", "https://twitter.com/"),
        ("FACEBOOK", "https://www.facebook.com/"),
    ):
        handle = cell.get(column, "")
        if not handle:
            continue
        # Page names may hold dots ("anticafe.paris"): only a known address is taken as one.
        lowered = handle.lower()
        is_url = (
            "://" in lowered
            or lowered.startswith("www.")
            or any(
                domain in lowered for domain in ("facebook.com", "fb.com", "twitter.com", "x.com/")
            )
        )
        url = clean_url(handle if is_url else site + handle.lstrip("@"))
        if url:
            links.append(url)
        else:
            warnings.append(
                _("%(network)s “%(value)s” is not usable: left out")
                % {"network": column.title(), "value": handle}
            )
    return "\n".join(links)


def _point(cell: dict, values: dict, warnings: list[str]) -> tuple[float | None, float | None]:
    """The row's coordinates, or none when the commune can place the space instead."""
    raw_lat, raw_lon = cell.get("LAT", ""), cell.get("LONG", "")
    probe = Space(
        country="FR", insee=values["insee"], postcode=values["postcode"], town=values["town"]
    )
    if not raw_lat and not raw_lon:
        if commune_for(probe) is None:
            warnings.append(_("no coordinates and an unknown commune: not shown on the map"))
        return None, None
    lat, lon = parse_number(raw_lat), parse_number(raw_lon)
    places = {"lat": raw_lat, "lon": raw_lon}
    if lat is None or lon is None:
        if commune_for(probe) is None:
            raise RowError(_("coordinates “%(lat)s”, “%(lon)s” are not numbers") % places)
        warnings.append(
            _("coordinates “%(lat)s”, “%(lon)s” are not numbers: placed at the commune") % places
        )
        return None, None
    if in_france(lat, lon):
        return lat, lon
    if in_france(lon, lat):
        warnings.append(_("latitude and longitude were swapped: corrected"))
        return lon, lat
    if commune_for(probe) is None:
        raise RowError(_("coordinates %(lat)s, %(lon)s are outside France") % places)
    warnings.append(
        _("coordinates %(lat)s, %(lon)s are outside France: placed at the commune") % places
    )
    return None, None


CGET = Format(name="cget", unit="line", records=records, parse=parse, name_of=name_of)
