"""The planner's questions, one function each, usable from a notebook.

Every function takes the territory's places (a :class:`~territory.points.Points`
of communes or of the user's own points), the sites already open (another
``Points``; their population is ignored) and a threshold in minutes, and
returns a :class:`Plan`: coverage before and after, the proposed sites with
their rank and the population each one newly brings within reach, what the
solver proved, and a JSON-ready :meth:`Plan.summary`.

- :func:`coverage_plan`: who is within reach of the existing sites.
- :func:`best_new_sites`: ``p`` new sites reaching the most people
  (maximal covering).
- :func:`fewest_new_sites`: the fewest new sites so that everyone, or a
  target share, is within reach (set covering).
- :func:`two_tier_plan`: structuring sites in the larger communes within a
  long threshold, then village mini-coworks within a short one for the rest.

Example (Creuse, three existing sites, five new ones at 20 minutes)::

    >>> from territory.points import points_for_territory
    >>> creuse = points_for_territory(departement="23")
    >>> existing = points_for_territory(insee=["23096", "23008", "23176"])
    >>> plan = best_new_sites(creuse, 5, 20, existing=existing)
    >>> plan.after.covered_share > plan.before.covered_share, len(plan.new_sites)
    (True, 5)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from territory.coverage import CoverageResult, coverage, coverage_sets
from territory.errors import TerritoryError, describe_ids
from territory.impact import trips_avoided
from territory.optimize import rank_sites, solve_max_cover
from territory.points import Points, points_from_arrays
from territory.setcover import solve_set_cover
from territory.travel import TravelModel, check_minutes

__all__ = [
    "DEFAULT_STRUCTURING_POPULATION",
    "NewSite",
    "Plan",
    "best_new_sites",
    "impact_summary",
    "coverage_plan",
    "fewest_new_sites",
    "no_sites",
    "structuring_candidates",
    "two_tier_plan",
]

# INSEE calls a commune urban from 2,000 inhabitants living together; below
# that, a place is a village for the two-tier strategy's structuring tier.
DEFAULT_STRUCTURING_POPULATION = 2000

# The summary lists the most populated places still out of reach, up to this many.
UNCOVERED_IN_SUMMARY = 15

Progress = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class NewSite:
    """A proposed site, ranked by the population it newly brings within reach.

    ``rank`` starts at 1; ``newly_covered`` counts the people the site reaches
    that neither the existing sites nor the better-ranked proposals reach.
    ``tier`` is 1 (structuring) or 2 (mini-cowork) in a two-tier plan, else 0.
    """

    id: str
    name: str
    lat: float
    lon: float
    rank: int
    newly_covered: float
    minutes: float
    tier: int = 0


@dataclass(frozen=True, eq=False)
class Plan:
    """The answer to one planning question; see :meth:`summary` for its JSON form."""

    territory: str
    strategy: str
    minutes: float
    demand: Points
    existing: Points
    new_sites: tuple[NewSite, ...]
    before: CoverageResult
    after: CoverageResult
    solver: dict = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)
    tiers: tuple[dict, ...] = ()

    def impact(self, params=None, *, commute_km=None, car_commuters=None):
        """Commuting trips, car-km and CO2e avoided per year with every site of the plan.

        A commune counts when a site is within the threshold; its distance to
        the space is the nearest site's travel time at the model's speed (60
        km/h with OSRM). ``params`` is an :class:`~territory.impact.ImpactParameters`;
        ``commute_km`` and ``car_commuters`` per commune come from
        :func:`territory.impact.read_mobpro` when an INSEE file is available.
        """

        return _impact(self.after, self.demand, params, commute_km, car_commuters)

    def impact_before(self, params=None, *, commute_km=None, car_commuters=None):
        """The same as :meth:`impact` with the existing sites only."""
        return _impact(self.before, self.demand, params, commute_km, car_commuters)

    @property
    def sites(self) -> Points:
        """Existing sites followed by the proposed ones."""
        return _join_sites(self.existing, self.new_sites)

    def summary(self) -> dict:
        """Parameters, territory and figures, ready for ``json.dump``."""
        return {
            "parameters": {
                "strategy": self.strategy,
                "minutes": self.minutes,
                **_model_parameters(self.after.model),
                "existing_sites": len(self.existing),
                **self.parameters,
            },
            "territory": self.territory,
            "communes": len(self.demand),
            "dropped": [
                {"id": d.id, "name": d.name, "reason": d.reason} for d in self.demand.dropped
            ],
            "population": self.after.population,
            "covered_population_before": self.before.covered_population,
            "covered_share_before": self.before.covered_share,
            "covered_population": self.after.covered_population,
            "covered_share": self.after.covered_share,
            "new_sites": [
                {
                    "insee": site.id,
                    "name": site.name,
                    "rank": site.rank,
                    "newly_covered": site.newly_covered,
                    "tier": site.tier,
                    "lat": site.lat,
                    "lon": site.lon,
                }
                for site in self.new_sites
            ],
            "uncovered": [
                {
                    "insee": point.id,
                    "name": point.name,
                    "population": point.population,
                    "minutes": point.nearest_minutes,
                }
                for point in self.after.uncovered[:UNCOVERED_IN_SUMMARY]
            ],
            "by_epci": [
                {
                    "epci": before.epci,
                    "name": before.name,
                    "population": before.population,
                    "covered_share_before": before.covered_share,
                    "covered_share": after.covered_share,
                }
                for before, after in zip(self.before.by_epci, self.after.by_epci, strict=True)
            ],
            "tiers": list(self.tiers),
            "solver": self.solver,
            "impact": self.impact_report(),
        }

    def impact_report(self, params=None, *, commute_km=None, car_commuters=None) -> dict:
        """Trips and CO2 avoided before and with the plan, with every parameter and source.

        ``commute_km`` and ``car_commuters`` per demand point come from an
        INSEE commuting file (:meth:`territory.impact.Commutes.align`).
        """
        data = {"commute_km": commute_km, "car_commuters": car_commuters}
        after = self.impact(params, **data)
        return {
            "before": impact_summary(self.impact_before(params, **data)),
            "after": impact_summary(after),
            "commuting_file": commute_km is not None,
            "parameters": [row._asdict() for row in after.parameters_table()],
        }


def _impact(result: CoverageResult, demand: Points, params, commute_km, car_commuters):
    speed = getattr(result.model, "speed_kmh", 60.0)
    km = np.where(
        np.isfinite(result.nearest_minutes), result.nearest_minutes * speed / 60.0, np.inf
    )
    return trips_avoided(
        demand.population,
        km,
        params,
        covered=result.covered,
        commute_km=commute_km,
        car_commuters=car_commuters,
    )


def impact_summary(result) -> dict:
    """The totals of an :class:`~territory.impact.ImpactResult`, for JSON."""
    return {
        "communes": result.communes,
        "car_commuters": result.car_commuters,
        "users": result.users,
        "trips_per_year": result.trips,
        "round_trips_per_year": result.round_trips,
        "car_km_per_year": result.car_km,
        "co2e_tonnes_per_year": result.co2e_tonnes,
    }


def _model_parameters(model) -> dict:
    """How travel times were computed, for the summary."""
    if hasattr(model, "url"):
        return {"travel_model": "osrm", "osrm_url": model.url, "osrm_profile": model.profile}
    return {"travel_model": "great-circle", "detour": model.detour, "speed_kmh": model.speed_kmh}


def no_sites() -> Points:
    """An empty set of existing sites (planning from scratch)."""
    return points_from_arrays([], [], [])


def _report(progress: Progress | None, step: str, fraction: float) -> None:
    if progress is not None:
        progress(step, fraction)


def _join_sites(existing: Points, new_sites: Iterable[NewSite]) -> Points:
    new_sites = list(new_sites)
    return points_from_arrays(
        [*existing.ids.tolist(), *(s.id for s in new_sites)],
        [*existing.lat.tolist(), *(s.lat for s in new_sites)],
        [*existing.lon.tolist(), *(s.lon for s in new_sites)],
        names=[*existing.names.tolist(), *(s.name for s in new_sites)],
    )


def _candidates(demand: Points, candidates) -> np.ndarray:
    """Indices into ``demand`` of the places where a new site may open."""
    if candidates is None:
        return np.arange(len(demand))
    if isinstance(candidates, Points):
        candidates = candidates.ids.tolist()
    if isinstance(candidates, str):
        candidates = [candidates]
    wanted = list(dict.fromkeys(str(c).strip() for c in candidates))
    position = {identifier: k for k, identifier in enumerate(demand.ids.tolist())}
    unknown = [c for c in wanted if c not in position]
    if unknown:
        raise TerritoryError(f"candidate site(s) outside the territory: {describe_ids(unknown)}")
    if not wanted:
        raise TerritoryError("no candidate site: the list of candidates is empty")
    return np.array([position[c] for c in wanted], dtype=np.intp)


def _existing(existing: Points | None) -> Points:
    return no_sites() if existing is None else existing


def _cover_matrix(
    demand: Points, existing: Points, candidates: np.ndarray, minutes: float, model: TravelModel
) -> sparse.csr_matrix:
    """Rows: existing sites first, then candidates; columns: demand points."""
    lat = np.concatenate((existing.lat, demand.lat[candidates]))
    lon = np.concatenate((existing.lon, demand.lon[candidates]))
    return coverage_sets(demand, lat, lon, minutes, model)


def _ranked(
    cover: sparse.csr_matrix, weights: np.ndarray, fixed: int, chosen: Iterable[int]
) -> list[tuple[int, float]]:
    """Chosen rows in greedy order of the weight each adds, with that weight.

    The ranking is independent of how a solver returned its sites: the first
    site is the one that alone adds the most to the existing sites' coverage,
    and so on (ties to the lower row).
    """
    order = rank_sites(cover, weights, np.arange(fixed), np.asarray(list(chosen), dtype=np.intp))
    covered = np.zeros(cover.shape[1], dtype=bool)
    for row in range(fixed):
        covered[cover.indices[cover.indptr[row] : cover.indptr[row + 1]]] = True
    ranked = []
    for row in order.tolist():
        columns = cover.indices[cover.indptr[row] : cover.indptr[row + 1]]
        ranked.append((row, float(weights[columns[~covered[columns]]].sum())))
        covered[columns] = True
    return ranked


def _new_sites(
    demand: Points,
    candidates: np.ndarray,
    ranked: list[tuple[int, float]],
    fixed: int,
    minutes: float,
    tier: int = 0,
    first_rank: int = 1,
) -> list[NewSite]:
    sites = []
    for offset, (row, gain) in enumerate(ranked):
        k = int(candidates[row - fixed])
        sites.append(
            NewSite(
                id=str(demand.ids[k]),
                name=str(demand.names[k]),
                lat=float(demand.lat[k]),
                lon=float(demand.lon[k]),
                rank=first_rank + offset,
                newly_covered=gain,
                minutes=minutes,
                tier=tier,
            )
        )
    return sites


def _groups(demand: Points, candidates: np.ndarray, existing: Points) -> np.ndarray | None:
    """Département of each row, for the solvers' neighbourhood search."""
    labels = demand.dep[candidates]
    if not labels.size or not np.any(labels != ""):
        return None
    return np.concatenate((np.full(len(existing), "", dtype=labels.dtype), labels))


def _check_model(model: TravelModel | None) -> TravelModel:
    return model or TravelModel()


def coverage_plan(
    demand: Points,
    minutes: float,
    *,
    existing: Points | None = None,
    model: TravelModel | None = None,
    territory: str = "",
) -> Plan:
    """Who is within ``minutes`` of the existing sites, with no new site.

    Returns
    -------
    Plan
        ``before`` and ``after`` are the same coverage; ``new_sites`` is empty.
    """
    minutes = check_minutes(minutes)
    model = _check_model(model)
    existing = _existing(existing)
    result = coverage(demand, existing, minutes, model)
    return Plan(
        territory=territory,
        strategy="coverage",
        minutes=minutes,
        demand=demand,
        existing=existing,
        new_sites=(),
        before=result,
        after=result,
    )


def best_new_sites(
    demand: Points,
    p: int,
    minutes: float,
    *,
    existing: Points | None = None,
    candidates=None,
    model: TravelModel | None = None,
    time_limit: float = 30.0,
    territory: str = "",
    progress: Progress | None = None,
) -> Plan:
    """``p`` new sites that bring the most people within ``minutes`` (maximal covering).

    Parameters
    ----------
    demand : Points
        The territory's places and population.
    p : int
        Number of new sites, at least 1 and at most the number of candidates.
    minutes : float
        Threshold, > 0.
    existing : Points, optional
        Sites already open; they count and stay open.
    candidates : iterable of ids or Points, optional
        Places of ``demand`` where a site may open (e.g. communes with a shop
        or a public building); all of them by default.
    model : TravelModel, optional
    time_limit : float
        Seconds for the optimisation; past it the best solution found is
        returned with its proven gap.

    Raises
    ------
    TerritoryError
        Bad threshold, ``p`` out of range, candidates outside the territory.
    """
    minutes = check_minutes(minutes)
    model = _check_model(model)
    existing = _existing(existing)
    rows = _candidates(demand, candidates)
    _report(progress, "coverage", 0.05)
    cover = _cover_matrix(demand, existing, rows, minutes, model)
    fixed = np.arange(len(existing))
    _report(progress, "optimisation", 0.15)
    started = time.perf_counter()
    result = solve_max_cover(
        cover,
        demand.population,
        p,
        fixed=fixed,
        time_limit=time_limit,
        groups=_groups(demand, rows, existing),
    )
    seconds = time.perf_counter() - started
    _report(progress, "results", 0.9)
    ranked = _ranked(cover, demand.population, len(existing), result.sites)
    new_sites = _new_sites(demand, rows, ranked, len(existing), minutes)
    before = coverage(demand, existing, minutes, model)
    after = coverage(demand, _join_sites(existing, new_sites), minutes, model)
    return Plan(
        territory=territory,
        strategy="max_cover",
        minutes=minutes,
        demand=demand,
        existing=existing,
        new_sites=tuple(new_sites),
        before=before,
        after=after,
        solver={
            "problem": "maximal covering",
            "objective": result.objective,
            "bound": result.bound,
            "gap": result.gap,
            "proven": result.proven,
            "seconds": round(seconds, 3),
            "message": result.status_message,
        },
        parameters={"new_sites": int(p), "candidates": int(rows.size), "time_limit": time_limit},
    )


def _solve_cover(
    cover: sparse.csr_matrix,
    demand: Points,
    existing: Points,
    rows: np.ndarray,
    share: float,
    time_limit: float,
):
    """Set covering on ``cover`` (from :func:`_cover_matrix`), with the solver's figures."""
    started = time.perf_counter()
    result = solve_set_cover(
        cover,
        demand.population,
        fixed=np.arange(len(existing)),
        share=share,
        time_limit=time_limit,
        groups=_groups(demand, rows, existing),
    )
    solver = {
        "problem": "set covering",
        "sites": int(len(result.sites)),
        "lower_bound": int(result.lower_bound),
        "gap": result.gap,
        "proven": result.proven,
        "greedy_sites": int(result.greedy_size),
        "seconds": round(time.perf_counter() - started, 3),
        "message": result.status_message,
    }
    return result, solver


def _check_share(share) -> float:
    try:
        value = float(share)
    except (TypeError, ValueError):
        raise TerritoryError(f"the target share must be a number, not {share!r}") from None
    if not (0 < value <= 1):
        raise TerritoryError(f"the target share must be in (0, 1], not {share!r}")
    return value


def fewest_new_sites(
    demand: Points,
    minutes: float,
    *,
    share: float = 1.0,
    existing: Points | None = None,
    candidates=None,
    model: TravelModel | None = None,
    time_limit: float = 30.0,
    territory: str = "",
    progress: Progress | None = None,
) -> Plan:
    """The fewest new sites so that ``share`` of the population is within ``minutes``.

    ``share=1.0`` asks for everyone. The solver's lower bound on the number
    of sites needed is in ``Plan.solver`` ("proven" when the count is optimal).

    Raises
    ------
    TerritoryError
        Bad threshold or share, candidates outside the territory, or a target
        the candidates cannot reach (the message gives the reachable share).
    """
    minutes = check_minutes(minutes)
    share = _check_share(share)
    model = _check_model(model)
    existing = _existing(existing)
    rows = _candidates(demand, candidates)
    _report(progress, "optimisation", 0.1)
    cover = _cover_matrix(demand, existing, rows, minutes, model)
    result, solver = _solve_cover(cover, demand, existing, rows, share, time_limit)
    _report(progress, "results", 0.9)
    ranked = _ranked(cover, demand.population, len(existing), result.sites)
    new_sites = _new_sites(demand, rows, ranked, len(existing), minutes)
    return Plan(
        territory=territory,
        strategy="set_cover",
        minutes=minutes,
        demand=demand,
        existing=existing,
        new_sites=tuple(new_sites),
        before=coverage(demand, existing, minutes, model),
        after=coverage(demand, _join_sites(existing, new_sites), minutes, model),
        solver=solver,
        parameters={"share": share, "candidates": int(rows.size), "time_limit": time_limit},
    )


def structuring_candidates(
    demand: Points, min_population: float = DEFAULT_STRUCTURING_POPULATION
) -> np.ndarray:
    """Indices of the places that may host a structuring site.

    A place qualifies with at least ``min_population`` inhabitants, or as the
    most populated place of its EPCI (the reference data has no EPCI seat;
    the main town stands for it, and is the seat in most intercommunalities).
    """
    qualifies = demand.population >= min_population
    epcis = demand.epci
    for epci in np.unique(epcis[epcis != ""]):
        members = np.flatnonzero(epcis == epci)
        qualifies[members[np.argmax(demand.population[members])]] = True
    return np.flatnonzero(qualifies)


def two_tier_plan(
    demand: Points,
    *,
    structuring_minutes: float = 20.0,
    village_minutes: float = 10.0,
    min_population: float = DEFAULT_STRUCTURING_POPULATION,
    existing: Points | None = None,
    candidates=None,
    model: TravelModel | None = None,
    time_limit: float = 30.0,
    territory: str = "",
    progress: Progress | None = None,
) -> Plan:
    """Structuring sites within a long threshold, then mini-coworks within a short one.

    Tier 1 places the fewest structuring sites, among the larger communes
    (:func:`structuring_candidates`), so that everyone those communes can
    reach is within ``structuring_minutes`` of a site (existing sites count).
    Tier 2 then places the fewest mini-coworks, among ``candidates`` (every
    place by default), so that everyone is within ``village_minutes`` of a
    site of either tier. The plan's ``minutes`` is ``village_minutes``.
    """
    t1 = check_minutes(structuring_minutes)
    t2 = check_minutes(village_minutes)
    if t2 > t1:
        raise TerritoryError(
            f"the mini-cowork threshold ({t2:g} min) must not exceed the structuring one "
            f"({t1:g} min)"
        )
    try:
        min_population = float(min_population)
    except (TypeError, ValueError):
        raise TerritoryError(
            f"minimum population must be a number, not {min_population!r}"
        ) from None
    if not np.isfinite(min_population) or min_population < 0:
        raise TerritoryError(f"minimum population must be >= 0, not {min_population}")
    model = _check_model(model)
    existing = _existing(existing)
    started = time.perf_counter()

    # Tier 1: the share reachable by the structuring communes, all of it.
    tier1_rows = structuring_candidates(demand, min_population)
    _report(progress, "structuring sites", 0.1)
    cover1 = _cover_matrix(demand, existing, tier1_rows, t1, model)
    reachable = np.zeros(len(demand), dtype=bool)
    reachable[cover1.indices] = True
    total = demand.total_population
    tier1_share = float(demand.population[reachable].sum() / total) if total > 0 else 1.0
    result1, solver1 = _solve_cover(
        cover1, demand, existing, tier1_rows, tier1_share, time_limit / 2
    )
    ranked1 = _ranked(cover1, demand.population, len(existing), result1.sites)
    tier1 = _new_sites(demand, tier1_rows, ranked1, len(existing), t1, tier=1)

    # Tier 2: everyone within the short threshold of a site of either tier.
    _report(progress, "mini-coworks", 0.5)
    open_after1 = _join_sites(existing, tier1)
    rows2 = _candidates(demand, candidates)
    cover2 = _cover_matrix(demand, open_after1, rows2, t2, model)
    result2, solver2 = _solve_cover(cover2, demand, open_after1, rows2, 1.0, time_limit / 2)
    ranked2 = _ranked(cover2, demand.population, len(open_after1), result2.sites)
    tier2 = _new_sites(
        demand, rows2, ranked2, len(open_after1), t2, tier=2, first_rank=len(tier1) + 1
    )
    _report(progress, "results", 0.9)
    new_sites = tuple(tier1 + tier2)
    all_sites = _join_sites(existing, new_sites)
    within_t1 = coverage(demand, all_sites, t1, model)
    after = coverage(demand, all_sites, t2, model)
    return Plan(
        territory=territory,
        strategy="two_tier",
        minutes=t2,
        demand=demand,
        existing=existing,
        new_sites=new_sites,
        before=coverage(demand, existing, t2, model),
        after=after,
        solver={
            "problem": "two-tier set covering",
            "seconds": round(time.perf_counter() - started, 3),
            "proven": bool(solver1["proven"] and solver2["proven"]),
            "tier1": solver1,
            "tier2": solver2,
        },
        parameters={
            "structuring_minutes": t1,
            "village_minutes": t2,
            "min_population": min_population,
            "structuring_candidates": int(tier1_rows.size),
            "candidates": int(rows2.size),
            "time_limit": time_limit,
        },
        tiers=(
            {
                "tier": 1,
                "minutes": t1,
                "sites": len(tier1),
                "target_share": tier1_share,
                "covered_share": within_t1.covered_share,
            },
            {
                "tier": 2,
                "minutes": t2,
                "sites": len(tier2),
                "target_share": 1.0,
                "covered_share": after.covered_share,
            },
        ),
    )
