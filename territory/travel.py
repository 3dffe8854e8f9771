"""Travel times estimated from great-circle distances.

Without a road network, the time to drive between two places is estimated as
the great-circle distance stretched by a *detour index* (road distance over
straight-line distance) and divided by an average speed.

The defaults are deliberately simple and both are parameters:

- ``detour=1.3``: a detour index around 1.3 is commonly used for rural road
  networks (roads rarely run straight between villages, but seldom double the
  distance either);
- ``speed_kmh=60``: an average door-to-door speed on rural roads, slower than
  the 80–90 km/h limits once bends, villages and junctions are counted.

Since the detour and the speed are constants, travel time grows with the
great-circle distance, so "within T minutes" is the same as "within
``radius_km(T)`` km as the crow flies" and the nearest place in distance is
the nearest in time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from territory.errors import TerritoryError, describe_ids
from territory.geo import EARTH_RADIUS_KM

__all__ = ["TravelModel", "check_coordinates", "check_minutes", "haversine_km_array"]


def haversine_km_array(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in kilometres, vectorised (numpy broadcasting).

    The same formula as :func:`territory.geo.haversine_km`.

    Examples
    --------
    >>> haversine_km_array([43.1967], [1.4358], 43.6047, 1.4442).round(2).tolist()
    [45.37]
    """
    p1 = np.radians(np.asarray(lat1, dtype=np.float64))
    p2 = np.radians(np.asarray(lat2, dtype=np.float64))
    dl = np.radians(np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64))
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def check_coordinates(lat, lon, what: str = "site") -> tuple[np.ndarray, np.ndarray]:
    """Flat float arrays of latitudes and longitudes, or TerritoryError naming bad positions.

    Examples
    --------
    >>> check_coordinates([45.0], [1.0])[0].tolist()
    [45.0]
    """
    lat = np.asarray(lat, dtype=np.float64).reshape(-1)
    lon = np.asarray(lon, dtype=np.float64).reshape(-1)
    if lat.shape != lon.shape:
        raise TerritoryError(f"{lat.size} {what} latitudes for {lon.size} longitudes")
    bad = ~(np.isfinite(lat) & np.isfinite(lon)) | (np.abs(lat) > 90) | (np.abs(lon) > 180)
    if bad.any():
        raise TerritoryError(
            f"missing, NaN, infinite or out-of-range coordinates for {what}(s) at position(s) "
            f"{describe_ids(np.flatnonzero(bad).tolist())}"
        )
    return lat, lon


def check_minutes(minutes) -> float:
    """``minutes`` as a float, or :class:`TerritoryError` unless finite and > 0.

    Examples
    --------
    >>> check_minutes(20)
    20.0
    """
    try:
        value = float(minutes)
    except (TypeError, ValueError):
        raise TerritoryError(
            f"the threshold must be a number of minutes, not {minutes!r}"
        ) from None
    if not math.isfinite(value) or value <= 0:
        raise TerritoryError(f"the threshold must be a positive number of minutes, not {minutes!r}")
    return value


@dataclass(frozen=True, slots=True)
class TravelModel:
    """Travel time = great-circle distance × ``detour`` / ``speed_kmh``.

    Parameters
    ----------
    detour : float, default 1.3
        Road distance over straight-line distance; at least 1.
    speed_kmh : float, default 60.0
        Average speed in km/h; positive.

    Examples
    --------
    >>> model = TravelModel()
    >>> round(float(model.minutes(43.27579, 1.34591, 43.11450, 1.60818)), 1)  # Lézat–Pamiers
    36.2
    >>> round(model.radius_km(20), 2)
    15.38
    >>> TravelModel(speed_kmh=0)
    Traceback (most recent call last):
    ...
    territory.errors.TerritoryError: the speed must be a positive number of km/h, not 0
    """

    detour: float = 1.3
    speed_kmh: float = 60.0

    def __post_init__(self):
        try:
            detour, speed = float(self.detour), float(self.speed_kmh)
        except (TypeError, ValueError):
            raise TerritoryError("the detour and the speed must be numbers") from None
        if not math.isfinite(speed) or speed <= 0:
            raise TerritoryError(
                f"the speed must be a positive number of km/h, not {self.speed_kmh!r}"
            )
        if not math.isfinite(detour) or detour < 1:
            raise TerritoryError(
                f"the detour index must be a number >= 1 (road over straight-line distance), "
                f"not {self.detour!r}"
            )
        object.__setattr__(self, "detour", detour)
        object.__setattr__(self, "speed_kmh", speed)

    def minutes(self, lat1, lon1, lat2, lon2) -> np.ndarray:
        """Estimated travel minutes between points, vectorised (numpy broadcasting)."""
        return haversine_km_array(lat1, lon1, lat2, lon2) * (self.detour * 60.0 / self.speed_kmh)

    def radius_km(self, minutes) -> float:
        """Great-circle radius in km reached within ``minutes`` (> 0)."""
        return check_minutes(minutes) * self.speed_kmh / (60.0 * self.detour)
