"""Fill a space's administrative places and point from the French communes file."""

from __future__ import annotations

from django.conf import settings

from territory.communes import Commune, commune_index
from territory.text import fold


def communes():
    return commune_index(settings.COMMUNES_FILE)


def commune_for(space) -> Commune | None:
    """The French commune of a space: its INSEE code, else its town and postcode."""
    if space.country != "FR":
        return None
    index = communes()
    if space.insee:
        return index.get(space.insee)
    if space.postcode:
        in_postcode = index.by_postcode.get(space.postcode, [])
        for commune in in_postcode:
            if fold(commune.name) == fold(space.town):
                return commune
        if len(in_postcode) == 1 and not space.town:
            return in_postcode[0]
    if space.town:
        found = index.search(space.town, limit=5)
        exact = [c for c in found if fold(c.name) == fold(space.town)]
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
