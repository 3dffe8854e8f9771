"""Set covering: brute force on small random instances, Creuse exactly, bounds and bad input."""

import doctest
import itertools
import math
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

import territory.setcover
from territory.coverage import coverage_sets
from territory.errors import TerritoryError
from territory.geo import haversine_km
from territory.points import points_for_territory, points_from_arrays
from territory.setcover import (
    _full_bound,
    _partial_bound,
    _reduce,
    greedy_set_cover,
    solve_set_cover,
)
from territory.travel import TravelModel

REL_TOL = 1e-9


def reaches(dense, weights, share, open_sites) -> bool:
    """Whether the open sites reach the target, by the documented rule."""
    weights = np.asarray(weights, dtype=np.float64)
    covered = np.asarray(dense, dtype=bool)[list(open_sites)].any(axis=0)
    if share == 1.0:
        return bool(covered[weights > 0].all())
    total = weights.sum()
    return bool(weights[covered].sum() >= share * total - REL_TOL * total)


def brute_min(dense, weights, share, fixed=(), candidates=None):
    """Fewest new sites reaching the target, over every subset; None if unreachable."""
    n_sites = np.asarray(dense).shape[0]
    pool = range(n_sites) if candidates is None else candidates
    free = [j for j in pool if j not in set(fixed)]
    for k in range(len(free) + 1):
        for combo in itertools.combinations(free, k):
            if reaches(dense, weights, share, list(fixed) + list(combo)):
                return k
    return None


def check_result(result, dense, weights, share, fixed=(), candidates=None):
    """Invariants every answer must satisfy, recomputed from the dense matrix."""
    dense = np.asarray(dense, dtype=bool)
    weights = np.asarray(weights, dtype=np.float64)
    sites = result.sites.tolist()
    assert len(sites) == len(set(sites))
    assert not set(sites) & set(fixed)
    if candidates is not None:
        assert set(sites) <= set(candidates)
    assert reaches(dense, weights, share, list(fixed) + sites)
    covered = dense[list(fixed) + sites].any(axis=0)
    assert result.covered_weight == pytest.approx(float(weights[covered].sum()))
    assert result.target_weight == pytest.approx(share * weights.sum())
    assert 0 <= result.lower_bound <= len(sites)
    assert result.proven == (result.lower_bound == len(sites))
    expected_gap = 0.0 if not sites else (len(sites) - result.lower_bound) / len(sites)
    assert result.gap == pytest.approx(expected_gap)
    # Rank order: each site adds at least as much weight as any later one would.
    open_now = dense[list(fixed)].any(axis=0) if fixed else np.zeros(dense.shape[1], bool)
    for position, j in enumerate(sites):
        gains = [float(weights[dense[k] & ~open_now].sum()) for k in sites[position:]]
        assert gains[0] >= max(gains) - 1e-9
        open_now |= dense[j]


# Hand-made: the greedy takes the big middle site 1 first, then needs two more;
# sites 0 and 2 alone cover everything.
HAND = np.array(
    [
        [1, 1, 1, 1, 0, 0, 0, 0],
        [0, 0, 1, 1, 1, 1, 0, 0],
        [0, 0, 0, 0, 1, 1, 1, 1],
        [0, 0, 0, 1, 1, 0, 0, 0],
    ],
    dtype=bool,
)
HAND_W = np.array([1.0, 1.0, 5.0, 5.0, 5.0, 5.0, 1.0, 1.0])


def test_hand_made_optimum_beats_greedy():
    assert greedy_set_cover(HAND, HAND_W).tolist() == [1, 0, 2]
    result = solve_set_cover(sparse.csr_matrix(HAND), HAND_W)
    assert sorted(result.sites.tolist()) == [0, 2]
    assert result.proven and result.lower_bound == 2 and result.gap == 0.0
    assert result.greedy_size == 3
    check_result(result, HAND, HAND_W, 1.0)


def test_fixed_sites_count_and_are_never_returned():
    result = solve_set_cover(HAND, HAND_W, fixed=[1])
    assert 1 not in result.sites.tolist()
    assert sorted(result.sites.tolist()) == [0, 2]
    check_result(result, HAND, HAND_W, 1.0, fixed=[1])
    # Site 0 open already: only the right end is left, site 2 covers it.
    result = solve_set_cover(HAND, HAND_W, fixed=np.array([True, False, False, False]))
    assert result.sites.tolist() == [2] and result.proven
    assert greedy_set_cover(HAND, HAND_W, fixed=[0]).tolist() == [2]


def test_nothing_to_do_when_fixed_sites_reach_the_target():
    result = solve_set_cover(HAND, HAND_W, fixed=[0, 2])
    assert result.sites.size == 0 and result.proven and result.lower_bound == 0
    assert result.covered_weight == HAND_W.sum()
    assert greedy_set_cover(HAND, HAND_W, fixed=[0, 2]).size == 0


def test_zero_weight_points_never_need_covering():
    dense = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=bool)
    weights = np.array([3.0, 0.0, 2.0])
    result = solve_set_cover(dense, weights)
    assert sorted(result.sites.tolist()) == [0, 2] and result.proven
    # A zero-weight point no site reaches does not make 100% unreachable.
    result = solve_set_cover(dense[[0, 2]], weights)
    assert sorted(result.sites.tolist()) == [0, 1]
    # Nothing to cover at all.
    assert solve_set_cover(dense, np.zeros(3)).sites.size == 0
    # 100% means every point of positive weight, however light next to the others.
    tiny = np.array([1e12, 1e-3, 0.0])
    assert solve_set_cover(dense, tiny, fixed=[0]).sites.tolist() == [1]
    assert greedy_set_cover(dense, tiny, fixed=[0]).tolist() == [1]


def test_partial_share_picks_the_heaviest_points():
    result = solve_set_cover(HAND, HAND_W, share=0.5)
    # 12 of 24 is needed: site 1 alone covers 20.
    assert result.sites.tolist() == [1] and result.proven
    check_result(result, HAND, HAND_W, 0.5)
    assert greedy_set_cover(HAND, HAND_W, share=0.5).tolist() == [1]


def test_candidates_restrict_the_choice():
    result = solve_set_cover(HAND, HAND_W, candidates=[1, 2, 3] + [0])
    assert sorted(result.sites.tolist()) == [0, 2]
    result = solve_set_cover(HAND, HAND_W, candidates=[False, True, True, True], share=0.9)
    check_result(result, HAND, HAND_W, 0.9, candidates=[1, 2, 3])
    assert result.sites.size == brute_min(HAND, HAND_W, 0.9, candidates=[1, 2, 3])


@st.composite
def instances(draw):
    n_sites = draw(st.integers(1, 9))
    n_demand = draw(st.integers(1, 12))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    density = draw(st.sampled_from([0.15, 0.3, 0.5]))
    dense = rng.random((n_sites, n_demand)) < density
    weights = rng.integers(0, 20, n_demand).astype(np.float64)
    n_fixed = draw(st.integers(0, min(2, n_sites)))
    fixed = sorted(rng.choice(n_sites, n_fixed, replace=False).tolist())
    candidates = None
    if draw(st.booleans()):
        candidates = sorted(rng.choice(n_sites, rng.integers(0, n_sites + 1), replace=False))
        candidates = [int(j) for j in candidates]
    share = draw(st.one_of(st.just(1.0), st.floats(0.05, 1.0)))
    return dense, weights, share, fixed, candidates


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_random_instances_match_brute_force(instance):
    dense, weights, share, fixed, candidates = instance
    best = brute_min(dense, weights, share, fixed, candidates)
    kwargs = {"fixed": np.array(fixed, dtype=int), "share": share, "candidates": candidates}
    if best is None:
        with pytest.raises(TerritoryError, match="cannot cover"):
            solve_set_cover(sparse.csr_matrix(dense), weights, **kwargs)
        with pytest.raises(TerritoryError, match="cannot cover"):
            greedy_set_cover(dense, weights, **kwargs)
        return
    result = solve_set_cover(sparse.csr_matrix(dense), weights, time_limit=10, **kwargs)
    assert result.proven, result.status_message
    assert result.sites.size == best
    check_result(result, dense, weights, share, fixed, candidates)
    greedy = greedy_set_cover(dense, weights, **kwargs).tolist()
    assert result.greedy_size == len(greedy) >= best
    assert reaches(dense, weights, share, fixed + greedy)
    assert not set(greedy) & set(fixed)


@st.composite
def covers(draw):
    """A matrix (points x candidates) where every point has a candidate."""
    m = draw(st.integers(1, 12))
    n = draw(st.integers(1, 9))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    a = rng.random((m, n)) < draw(st.sampled_from([0.2, 0.4, 0.6]))
    a[np.arange(m), rng.integers(0, n, m)] = True
    return a


def brute_cover_size(a) -> int:
    """Fewest columns covering every row of a dense (points x candidates) matrix."""
    a = np.asarray(a, dtype=bool)
    for k in range(a.shape[1] + 1):
        for combo in itertools.combinations(range(a.shape[1]), k):
            if a[:, list(combo)].any(axis=1).all():
                return k
    raise AssertionError("uncoverable")


@settings(max_examples=80, deadline=None)
@given(covers())
def test_reductions_keep_the_optimum(a):
    red = _reduce(sparse.csr_matrix(a), time.monotonic() + 60)
    best = brute_cover_size(a)
    assert red.forced.size + (brute_cover_size(red.a.toarray()) if red.a.shape[0] else 0) == best
    # Bookkeeping: the reduced model is the input restricted to its rows and columns.
    assert np.array_equal(red.a.toarray(), a[np.ix_(red.rows, red.cols)])
    assert not set(red.forced.tolist()) & set(red.cols.tolist())
    # Forced columns plus any cover of the reduced model cover the input.
    if red.a.shape[0] == 0:
        assert a[:, red.forced].any(axis=1).all()


@settings(max_examples=80, deadline=None)
@given(covers(), st.integers(0, 2**32 - 1), st.floats(0.05, 1.0))
def test_lagrangian_bounds_never_exceed_the_optimum(a, seed, share):
    rng = np.random.default_rng(seed)
    atf = sparse.csr_matrix(a.T, dtype=np.float64)
    u = rng.random(a.shape[0]) * rng.choice([0.3, 1.0, 3.0])
    assert _full_bound(atf, u) <= brute_cover_size(a) + 1e-9
    w = rng.integers(1, 20, a.shape[0]).astype(np.float64)
    goal = share * w.sum()
    dense = a.T  # sites x points
    best = brute_min(dense, w, share) if share < 1 else brute_cover_size(a)
    value = _partial_bound(atf, w, goal, u)
    assert value <= best + 1e-9
    # The multiplier of the target is the best one: no breakpoint (nor 0) does better.
    load = a.T.astype(np.float64) @ u
    columns = np.minimum(0.0, 1.0 - load).sum()
    for lam in np.concatenate(([0.0], u / w)):
        assert value >= columns + lam * goal + np.minimum(0.0, u - lam * w).sum() - 1e-9


@pytest.fixture(scope="module")
def creuse():
    return points_for_territory(departement="23")


def nearest_minutes(points, sites):
    """Per point, minutes to the nearest site, one scalar haversine at a time."""
    model = TravelModel()
    factor = model.detour * 60.0 / model.speed_kmh
    return np.array(
        [
            min(
                haversine_km(points.lat[j], points.lon[j], lat, lon) * factor
                for j in sites.tolist()
            )
            for lat, lon in zip(points.lat, points.lon, strict=True)
        ]
    )


def plain_milp_size(cover, weights, fixed=()):
    """Minimum cover size from HiGHS on the unreduced model, written independently."""
    a = sparse.csr_matrix(cover.T, dtype=np.float64)[np.asarray(weights) > 0]
    n = a.shape[1]
    lower = np.zeros(n)
    lower[list(fixed)] = 1
    res = milp(
        np.ones(n),
        integrality=np.ones(n),
        bounds=Bounds(lower, 1),
        constraints=[LinearConstraint(a, 1, np.inf)],
        options={"mip_rel_gap": 0},
    )
    assert res.status == 0
    return round(res.fun) - len(fixed)


@pytest.mark.parametrize("minutes", [20, 10])
def test_creuse_proven_optimum(creuse, minutes):
    cover = coverage_sets(creuse, creuse.lat, creuse.lon, minutes)
    start = time.monotonic()
    result = solve_set_cover(cover, creuse.population, time_limit=30)
    assert time.monotonic() - start < 5
    assert result.proven, result.status_message
    assert result.lower_bound == result.sites.size == plain_milp_size(cover, creuse.population)
    assert result.sites.size < result.greedy_size
    # Independent check of the cover: every commune within the threshold of a chosen one
    # (1e-9 minutes of slack for rounding at the edge).
    nearest = nearest_minutes(creuse, result.sites)
    populated = creuse.population > 0
    assert (nearest[populated] <= minutes + 1e-9).all()
    assert result.covered_weight == pytest.approx(creuse.total_population)


def test_creuse_with_existing_spaces(creuse):
    cover = coverage_sets(creuse, creuse.lat, creuse.lon, 20)
    fixed = creuse.index(["23096", "23008", "23176"])  # Guéret, Aubusson, La Souterraine
    result = solve_set_cover(cover, creuse.population, fixed=fixed, time_limit=30)
    assert result.proven, result.status_message
    assert not set(result.sites.tolist()) & set(fixed.tolist())
    assert result.sites.size == plain_milp_size(cover, creuse.population, fixed)
    check_result(result, cover.toarray(), creuse.population, 1.0, fixed.tolist())


def test_creuse_partial_share_matches_plain_milp(creuse):
    cover = coverage_sets(creuse, creuse.lat, creuse.lon, 20)
    weights = creuse.population
    result = solve_set_cover(cover, weights, share=0.9, time_limit=30)
    assert result.proven, result.status_message
    # Independent model: binary x and y, y_i <= sum x_j, w.y >= 90% of the total.
    a = sparse.csr_matrix(cover.T, dtype=np.float64)
    m, n = a.shape
    res = milp(
        np.concatenate((np.ones(n), np.zeros(m))),
        integrality=np.ones(n + m),
        bounds=Bounds(0, 1),
        constraints=[
            LinearConstraint(sparse.hstack((-a, sparse.identity(m))), -np.inf, 0),
            LinearConstraint(np.concatenate((np.zeros(n), weights))[None, :], 0.9 * weights.sum()),
        ],
        options={"mip_rel_gap": 0},
    )
    assert res.status == 0 and result.sites.size == round(res.fun)
    check_result(result, cover.toarray(), weights, 0.9)


def random_territory(n, seed, spread=0.6):
    """n random places in a square of about (spread * 111 km)^2, with populations."""
    rng = np.random.default_rng(seed)
    lat = 45 + rng.random(n) * spread
    lon = 2 + rng.random(n) * spread * 1.4
    return points_from_arrays(
        [str(i) for i in range(n)], lat, lon, population=rng.integers(1, 2000, n)
    )


@pytest.mark.parametrize("share", [1.0, 0.8])
def test_search_path_keeps_covers_and_bounds_valid(creuse, monkeypatch, share):
    """Creuse forced through the heuristics (as if too large for HiGHS): never below the
    proven optimum, the bound never above it, and better than the greedy."""
    cover = coverage_sets(creuse, creuse.lat, creuse.lon, 10)
    weights = creuse.population
    best = solve_set_cover(cover, weights, share=share, time_limit=30)
    assert best.proven
    monkeypatch.setattr(territory.setcover, "_EXACT_ROWS", 20)
    start = time.monotonic()
    result = solve_set_cover(cover, weights, share=share, time_limit=2.0, groups=creuse.epci)
    assert time.monotonic() - start < 2.0 + 0.5
    check_result(result, cover.toarray(), weights, share)
    assert result.lower_bound <= best.sites.size <= result.sites.size <= result.greedy_size
    assert "neighbourhood" in result.status_message and "PDHG" in result.status_message
    if share == 1.0:
        assert "after the guided search" in result.status_message


def test_guided_search_shrinks_a_cover_and_keeps_it_a_cover():
    points = random_territory(1500, seed=3, spread=0.8)
    cover = coverage_sets(points, points.lat, points.lon, 10)
    a = cover.T.tocsr()  # rows: points, columns: candidate sites
    at = a.T.tocsr()
    greedy = greedy_set_cover(cover, points.population)
    chosen = np.zeros(a.shape[1], dtype=bool)
    chosen[greedy] = True
    saved = territory.setcover._shrink(a, at, chosen, time.monotonic() + 2.0, floor=0)
    assert saved >= 1 and chosen.sum() == greedy.size - saved
    assert (a @ chosen.astype(np.int32) > 0).all()
    # At its floor (a lower bound, here the cover's own size), it does not even start.
    same = chosen.copy()
    assert territory.setcover._shrink(a, at, same, time.monotonic() + 2.0, int(same.sum())) == 0
    assert np.array_equal(same, chosen)


def test_time_limit_is_respected_on_a_large_instance():
    points = random_territory(6000, seed=5, spread=1.5)
    cover = coverage_sets(points, points.lat, points.lon, 10)
    start = time.monotonic()
    result = solve_set_cover(cover, points.population, time_limit=3.0)
    elapsed = time.monotonic() - start
    assert elapsed < 3.0 + 0.5
    check_result_fast(result, cover, points.population)
    assert result.lower_bound <= result.sites.size <= result.greedy_size


def check_result_fast(result, cover, weights):
    """The cover is valid, on a sparse matrix (too large for the dense checks)."""
    covered = np.zeros(cover.shape[1], dtype=bool)
    covered[cover[result.sites].indices] = True
    assert covered[weights > 0].all()
    assert len(set(result.sites.tolist())) == result.sites.size


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"share": 0}, r"share must be in \(0, 1\]"),
        ({"share": -0.5}, r"share must be in \(0, 1\]"),
        ({"share": 1.01}, r"share must be in \(0, 1\]"),
        ({"share": math.nan}, r"share must be in \(0, 1\]"),
        ({"share": "1"}, "share must be a number"),
        ({"share": True}, "share must be a number"),
        ({"weights": [1, 1, 1, 1, 1, 1, 1, math.nan]}, "NaN"),
        ({"weights": [1, 1, 1, 1, 1, 1, 1, -1]}, "negative"),
        ({"weights": [1, 1, 1]}, "3 weights for 8"),
        ({"cover": np.ones(8)}, "2-D"),
        ({"fixed": [9]}, "out of range"),
        ({"fixed": [0.5]}, "integer site indices"),
        ({"candidates": [4]}, "out of range"),
        ({"candidates": [True, False]}, "2 values for 4"),
        ({"candidates": [0.5]}, "integer site indices"),
        ({"candidates": [0, 1]}, r"cannot cover 100\.00% .* at most 91\.6667%"),
        ({"candidates": [1], "share": 0.9}, r"cannot cover 90\.00% .* at most 83\.3333%"),
    ],
)
def test_bad_input(kwargs, message):
    args = {"cover": HAND, "weights": HAND_W} | kwargs
    for solve in (greedy_set_cover, solve_set_cover):
        with pytest.raises(TerritoryError, match=message):
            solve(**args)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"time_limit": 0}, "time_limit"),
        ({"time_limit": math.inf}, "time_limit"),
        ({"time_limit": "5"}, "time_limit"),
        ({"groups": ["a", "b"]}, "2 group labels for 4 sites"),
    ],
)
def test_bad_solver_options(kwargs, message):
    with pytest.raises(TerritoryError, match=message):
        solve_set_cover(HAND, HAND_W, **kwargs)


def test_docstring_examples_run():
    result = doctest.testmod(territory.setcover)
    assert result.attempted > 0 and result.failed == 0
