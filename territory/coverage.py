"""Who is within reach of a site: sparse coverage sets and coverage figures.

The coverage structure is a sparse boolean matrix, one row per site and one
column per demand point, built from a k-d tree on 3-D unit-sphere coordinates
(the chord matching the great-circle radius of the threshold), then filtered
exactly with the travel model. It is never a dense matrix: at national scale
(~35,000 communes) each site reaches a few hundred communes at most.

The travel model is any object with the two methods of :class:`TravelTimes`:
the great-circle :class:`~territory.travel.TravelModel` (the default) or
:class:`~territory.osrm.OsrmTravel` (real road times from an OSRM server).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from scipy import sparse
from scipy.spatial import cKDTree

from territory.geo import EARTH_RADIUS_KM
from territory.points import Points
from territory.travel import TravelModel, check_coordinates, check_minutes

__all__ = [
    "CoverageResult",
    "EpciCoverage",
    "TravelTimes",
    "UncoveredPoint",
    "coverage",
    "coverage_sets",
    "nearest_sites",
    "unit_vectors",
]

# The k-d tree search radius is widened by this relative margin, then every
# pair found is checked exactly with the travel model: no pair on the edge of
# the threshold is lost to rounding in the chord.
_RADIUS_MARGIN = 1e-9


class TravelTimes(Protocol):
    """What the coverage functions need of a travel model.

    A model may also have an integer ``nearest_candidates`` attribute: see
    :func:`nearest_sites`.
    """

    def minutes(self, lat1, lon1, lat2, lon2) -> np.ndarray:
        """Travel minutes between points, vectorised (numpy broadcasting)."""

    def radius_km(self, minutes) -> float:
        """Great-circle radius in km beyond which no point is within ``minutes``."""


def unit_vectors(lat, lon) -> np.ndarray:
    """(n, 3) Cartesian coordinates on the unit sphere of points in degrees.

    Examples
    --------
    >>> unit_vectors([0.0, 90.0], [0.0, 0.0]).round(6).tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
    """
    phi = np.radians(np.asarray(lat, dtype=np.float64).reshape(-1))
    lam = np.radians(np.asarray(lon, dtype=np.float64).reshape(-1))
    cos_phi = np.cos(phi)
    return np.column_stack((cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)))


def _chord(radius_km: float) -> float:
    """Chord length on the unit sphere for a great-circle radius in km."""
    angle = min(radius_km / EARTH_RADIUS_KM, math.pi)
    return 2.0 * math.sin(angle / 2.0) * (1.0 + _RADIUS_MARGIN) + _RADIUS_MARGIN


def coverage_sets(
    demand: Points,
    sites_lat,
    sites_lon,
    minutes: float,
    model: TravelTimes | None = None,
) -> sparse.csr_matrix:
    """Which demand points each site reaches within ``minutes``.

    Parameters
    ----------
    demand : Points
        The places to reach (columns).
    sites_lat, sites_lon : array_like of float
        Sites (rows), existing or candidate, in degrees.
    minutes : float
        Threshold in minutes, > 0; a point exactly at the threshold is covered.
    model : TravelModel or OsrmTravel, optional
        Defaults to ``TravelModel()``.

    Returns
    -------
    scipy.sparse.csr_matrix of bool, shape (n_sites, len(demand))
        True where the travel time from the site to the point is <= ``minutes``.

    Examples
    --------
    >>> from territory.points import points_from_arrays
    >>> demand = points_from_arrays(["a", "b", "c"], [45.0, 45.1, 46.0], [1.0, 1.0, 1.0])
    >>> coverage_sets(demand, [45.0], [1.0], 15).toarray().tolist()
    [[True, True, False]]
    """
    minutes = check_minutes(minutes)
    model = model or TravelModel()
    lat, lon = check_coordinates(sites_lat, sites_lon)
    n_sites, n_demand = lat.size, len(demand)
    if n_sites == 0 or n_demand == 0:
        return sparse.csr_matrix((n_sites, n_demand), dtype=bool)
    # Every (site, point) pair within the chord, zero distances included, as flat arrays.
    pairs = cKDTree(unit_vectors(lat, lon)).sparse_distance_matrix(
        cKDTree(unit_vectors(demand.lat, demand.lon)),
        max_distance=_chord(model.radius_km(minutes)),
        output_type="ndarray",
    )
    rows = pairs["i"].astype(np.intp, copy=False)
    columns = pairs["j"].astype(np.intp, copy=False)
    keep = model.minutes(lat[rows], lon[rows], demand.lat[columns], demand.lon[columns]) <= minutes
    rows, columns = rows[keep], columns[keep]
    matrix = sparse.csr_matrix(
        (np.ones(rows.size, dtype=bool), (rows, columns)), shape=(n_sites, n_demand)
    )
    matrix.sort_indices()
    return matrix


def nearest_sites(
    demand: Points, sites_lat, sites_lon, model: TravelTimes | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Index of the nearest site and travel minutes to it, for each demand point.

    With the great-circle :class:`~territory.travel.TravelModel`, the nearest
    site in chord distance is the nearest in travel time (the model's time
    grows with the great-circle distance). A model whose time does not, such as
    :class:`~territory.osrm.OsrmTravel`, has a ``nearest_candidates`` attribute
    ``k``: the site chosen is then the quickest to reach among the ``k``
    nearest as the crow flies (ties go to the nearer), which may miss a quicker
    site farther away. With no site, the index is -1 and the time ``np.inf``.

    Examples
    --------
    >>> from territory.points import points_from_arrays
    >>> demand = points_from_arrays(["a", "b"], [45.0, 46.0], [1.0, 1.0])
    >>> index, minutes = nearest_sites(demand, [45.9, 45.0], [1.0, 1.0])
    >>> index.tolist(), minutes.round(1).tolist()
    ([1, 0], [0.0, 14.5])
    """
    model = model or TravelModel()
    lat, lon = check_coordinates(sites_lat, sites_lon)
    n = len(demand)
    if lat.size == 0 or n == 0:
        return np.full(n, -1, dtype=np.intp), np.full(n, np.inf)
    tree = cKDTree(unit_vectors(lat, lon))
    points = unit_vectors(demand.lat, demand.lon)
    k = min(int(getattr(model, "nearest_candidates", 1)), lat.size)
    if k <= 1:
        _, index = tree.query(points, k=1)
        index = np.asarray(index, dtype=np.intp)
        return index, model.minutes(lat[index], lon[index], demand.lat, demand.lon)
    # Candidates in crow-flies order, (n, k); one batched call to the model for all of them.
    _, candidates = tree.query(points, k=k)
    candidates = np.asarray(candidates, dtype=np.intp)
    times = np.asarray(
        model.minutes(lat[candidates], lon[candidates], demand.lat[:, None], demand.lon[:, None]),
        dtype=np.float64,
    )
    best = np.argmin(times, axis=1)  # the first of equal times: the nearer as the crow flies
    rows = np.arange(n)
    return candidates[rows, best], times[rows, best]


@dataclass(frozen=True, slots=True)
class UncoveredPoint:
    """A demand point no site reaches within the threshold."""

    id: str
    name: str
    population: float
    epci: str
    epci_name: str
    nearest_minutes: float


@dataclass(frozen=True, slots=True)
class EpciCoverage:
    """Coverage figures of one EPCI (or of the points without one, ``epci=""``)."""

    epci: str
    name: str
    population: float
    covered_population: float
    covered_share: float


@dataclass(frozen=True, eq=False)
class CoverageResult:
    """Coverage of a territory by sites within a threshold.

    Attributes
    ----------
    minutes : float
        The threshold.
    model : TravelModel or OsrmTravel
    population, covered_population : float
        Population of the territory, and of its points within the threshold.
    covered_share : float
        ``covered_population / population`` (0 when the population is 0).
    covered : array of bool
        Per demand point, whether a site reaches it.
    nearest_site : array of int
        Per demand point, index of the nearest site (-1 with no site).
    nearest_minutes : array of float
        Per demand point, travel minutes to the nearest site (``inf`` with no site).
    uncovered : tuple of UncoveredPoint
        Points not covered, most populated first (ties by id).
    by_epci : tuple of EpciCoverage
        The same figures per EPCI, in EPCI-id order.
    """

    minutes: float
    model: TravelTimes
    population: float
    covered_population: float
    covered_share: float
    covered: np.ndarray
    nearest_site: np.ndarray
    nearest_minutes: np.ndarray
    uncovered: tuple[UncoveredPoint, ...]
    by_epci: tuple[EpciCoverage, ...]


def _share(part: float, whole: float) -> float:
    return float(part / whole) if whole > 0 else 0.0


def coverage(
    demand: Points, sites, minutes: float, model: TravelTimes | None = None
) -> CoverageResult:
    """Population within ``minutes`` of a site, overall, per point and per EPCI.

    Parameters
    ----------
    demand : Points
        The territory's places, with their population.
    sites : Points or any object with ``lat`` and ``lon`` arrays
        Existing (or proposed) sites; may be empty.
    minutes : float
        Threshold in minutes, > 0; a point exactly at the threshold is covered.
    model : TravelModel or OsrmTravel, optional
        Defaults to ``TravelModel()`` (detour 1.3, 60 km/h).

    Returns
    -------
    CoverageResult

    Examples
    --------
    >>> from territory.points import points_for_territory
    >>> creuse = points_for_territory(departement="23")
    >>> result = coverage(creuse, points_for_territory(insee=["23096"]), 20)
    >>> round(result.covered_share, 2), result.uncovered[0].name
    (0.27, 'La Souterraine')
    """
    minutes = check_minutes(minutes)
    model = model or TravelModel()
    sets = coverage_sets(demand, sites.lat, sites.lon, minutes, model)
    covered = np.zeros(len(demand), dtype=bool)
    covered[sets.indices] = True
    nearest_site, nearest_minutes = nearest_sites(demand, sites.lat, sites.lon, model)
    population = demand.population
    covered_population = float(population[covered].sum())
    total = float(population.sum())

    missing = np.flatnonzero(~covered)
    order = np.lexsort((demand.ids[missing], -population[missing]))
    uncovered = tuple(
        UncoveredPoint(
            id=str(demand.ids[i]),
            name=str(demand.names[i]),
            population=float(population[i]),
            epci=str(demand.epci[i]),
            epci_name=str(demand.epci_name[i]),
            nearest_minutes=float(nearest_minutes[i]),
        )
        for i in missing[order]
    )

    by_epci = []
    if len(demand):
        epcis, first, group = np.unique(demand.epci, return_index=True, return_inverse=True)
        group = group.reshape(-1)
        totals = np.bincount(group, weights=population, minlength=epcis.size)
        reached = np.bincount(group, weights=population * covered, minlength=epcis.size)
        by_epci = [
            EpciCoverage(
                epci=str(epci),
                name=str(demand.epci_name[first[k]]),
                population=float(totals[k]),
                covered_population=float(reached[k]),
                covered_share=_share(reached[k], totals[k]),
            )
            for k, epci in enumerate(epcis)
        ]

    for array in (covered, nearest_site, nearest_minutes):
        array.setflags(write=False)
    return CoverageResult(
        minutes=minutes,
        model=model,
        population=total,
        covered_population=covered_population,
        covered_share=_share(covered_population, total),
        covered=covered,
        nearest_site=nearest_site,
        nearest_minutes=nearest_minutes,
        uncovered=uncovered,
        by_epci=tuple(by_epci),
    )
