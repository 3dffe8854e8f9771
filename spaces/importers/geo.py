"""Where a record is: plausible French coordinates, the nearest commune, a shape's centre."""

from __future__ import annotations

from functools import lru_cache

from spaces.places import communes
from territory.communes import Commune
from territory.geo import haversine_km

# (min lat, max lat, min lon, max lon) of metropolitan France with Corsica, then the
# overseas départements and collectivities where the national file lists places.
FRANCE_BOXES = [
    (41.3, 51.15, -5.25, 9.6),
    (15.8, 16.55, -61.85, -60.95),  # Guadeloupe
    (14.35, 14.9, -61.25, -60.8),  # Martinique
    (2.1, 5.8, -54.65, -51.6),  # Guyane
    (-21.4, -20.85, 55.2, 55.85),  # La Réunion
    (-13.05, -12.6, 44.95, 45.35),  # Mayotte
    (46.7, 47.15, -56.45, -56.1),  # Saint-Pierre-et-Miquelon
    (17.85, 18.15, -63.2, -62.75),  # Saint-Martin, Saint-Barthélemy
]
_CELL = 0.1  # degrees: about 11 km of latitude, at least 7 km of longitude in France


def in_france(lat: float, lon: float) -> bool:
    """Whether a point falls in one of France's boxes (a cheap plausibility check)."""
    return any(s <= lat <= n and w <= lon <= e for s, n, w, e in FRANCE_BOXES)


@lru_cache(maxsize=1)
def _grid() -> dict[tuple[int, int], list[Commune]]:
    cells: dict[tuple[int, int], list[Commune]] = {}
    for commune in communes().communes:
        if commune.lat is not None and commune.lon is not None:
            key = (int(commune.lat // _CELL), int(commune.lon // _CELL))
            cells.setdefault(key, []).append(commune)
    return cells


def nearest_commune(lat: float, lon: float, max_km: float = 5.0) -> Commune | None:
    """The French commune whose centre is nearest the point, if within ``max_km`` (≤ 7)."""
    grid = _grid()
    row, col = int(lat // _CELL), int(lon // _CELL)
    best, best_km = None, max_km
    for d_row in (-1, 0, 1):
        for d_col in (-1, 0, 1):
            for commune in grid.get((row + d_row, col + d_col), ()):
                distance = haversine_km(lat, lon, commune.lat, commune.lon)
                if distance <= best_km:
                    best, best_km = commune, distance
    return best


def centroid(coordinates) -> tuple[float, float] | None:
    """(lat, lon) mean of every [lon, lat] position of a GeoJSON geometry's coordinates."""
    points = []
    _collect(coordinates, points)
    if not points:
        return None
    lon = sum(p[0] for p in points) / len(points)
    lat = sum(p[1] for p in points) / len(points)
    return lat, lon


def _collect(value, points: list, depth: int = 0) -> None:
    if depth > 6 or not isinstance(value, list):
        return
    if len(value) >= 2 and all(isinstance(v, int | float) for v in value[:2]):
        points.append((float(value[0]), float(value[1])))
        return
    ring = value
    # A closed ring repeats its first position last; counting it twice would pull the mean.
    if len(ring) > 3 and isinstance(ring[0], list) and ring[0] == ring[-1]:
        ring = ring[:-1]
    for item in ring:
        _collect(item, points, depth + 1)
