"""Fill a space's administrative places and point from the French communes file."""

from __future__ import annotations

from django.conf import settings

from territory.communes import Commune, commune_index
from territory.text import fold


def communes():
    return commune_index(settings.COMMUNES_FILE)


def commune_for(space) -> Commune | None:
    """The French commune of a space: its INSEE code if it agrees with the town, else the
    commune named by town and postcode, else the INSEE code alone."""
    if space.country != "FR":
        return None
    index = communes()
    by_code = index.get(space.insee) if space.insee else None
    if by_code and (not space.town or fold(by_code.name) == fold(space.town)):
        return by_code
    return _by_town(index, space) or by_code


def _by_town(index, space) -> Commune | None:
    town = fold(space.town)
    if space.postcode:
        in_postcode = index.by_postcode.get(space.postcode, [])
        for commune in in_postcode:
            if fold(commune.name) == town:
                return commune
        if len(in_postcode) == 1 and not town:
            return in_postcode[0]
    if town:
        exact = [c for c in index.search(space.town, limit=20) if fold(c.name) == town]
        if len(exact) == 1:
            return exact[0]
    return None


def fill_places(space) -> None:
    """Set INSEE code, département, region and EPCI, and a point when none was given."""
    commune = commune_for(space)
    if commune is None:
        return
    space.insee = commune.insee
    space.departement = f"{commune.dep} – {commune.dep_name}"
    space.region = commune.region_name
    space.epci = commune.epci_name
    if not space.town:
        space.town = commune.name
    if not space.postcode and commune.postcodes:
        space.postcode = commune.postcodes[0]
    if (space.latitude is None or space.longitude is None) and commune.lat is not None:
        space.latitude, space.longitude = commune.lat, commune.lon
