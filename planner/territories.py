"""Territories the planner can be asked about: départements and EPCI, found by name or code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spaces.places import communes
from territory.text import fold

DEPARTEMENT = "departement"
EPCI = "epci"


@dataclass(frozen=True, slots=True)
class Territory:
    kind: str  # DEPARTEMENT or EPCI
    code: str
    name: str
    communes: int

    @property
    def key(self) -> str:
        """What a form or URL carries: ``departement:23`` or ``epci:200034825``."""
        return f"{self.kind}:{self.code}"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


@lru_cache(maxsize=1)
def all_territories() -> tuple[Territory, ...]:
    """Every département and EPCI of the communes file, départements first."""
    deps: dict[str, list] = {}
    epcis: dict[str, list] = {}
    for commune in communes().communes:
        deps.setdefault(commune.dep, [commune.dep_name, 0])[1] += 1
        if commune.epci:
            epcis.setdefault(commune.epci, [commune.epci_name, 0])[1] += 1
    found = [Territory(DEPARTEMENT, code, name, n) for code, (name, n) in sorted(deps.items())]
    found += [
        Territory(EPCI, code, name, n)
        for code, (name, n) in sorted(epcis.items(), key=lambda item: fold(item[1][0]))
    ]
    return tuple(found)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Territory]:
    return {t.key: t for t in all_territories()}


def get_territory(key: str) -> Territory | None:
    """The territory for ``departement:23`` / ``epci:SIREN``, or None."""
    return _by_key().get((key or "").strip())


def find_territories(query: str, limit: int = 12) -> list[Territory]:
    """Territories whose name or code matches ``query`` (accents and case ignored).

    Names starting with the query come first, then names containing it;
    départements before EPCI.
    """
    needle = fold(query or "").strip()
    if not needle:
        return []
    starts, contains = [], []
    for territory in all_territories():
        name = fold(territory.name)
        if territory.code.lower() == needle or name.startswith(needle):
            starts.append(territory)
        elif needle in name or territory.code.startswith(needle):
            contains.append(territory)
        if len(starts) >= limit:
            break
    return (starts + contains)[:limit]


def resolve_territory(text: str) -> Territory | None:
    """A territory from what a person typed or picked: a key, a label, a code or a name."""
    text = (text or "").strip()
    if not text:
        return None
    direct = get_territory(text)
    if direct:
        return direct
    folded = fold(text)
    for territory in all_territories():
        if folded in (fold(territory.label), fold(territory.name), territory.code.lower()):
            return territory
    return None
