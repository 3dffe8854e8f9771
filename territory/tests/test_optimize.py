"""Maximal covering: hand-made and random instances against brute force, Creuse and Ariège."""

import doctest
import itertools
import math
import re
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint

import territory.optimize
from territory.coverage import coverage_sets
from territory.errors import TerritoryError
from territory.geo import haversine_km
from territory.optimize import (
    _branch_and_bound,
    _cover_all,
    _highs_solve,
    _Model,
    _simplify,
    _swap_search,
    covered_weight,
    exact_max_cover,
    greedy_max_cover,
    lagrangian_bound,
    solve_max_cover,
)
from territory.points import points_for_territory
from territory.setcover import solve_set_cover
from territory.solver import milp_limited, run_limited
from territory.travel import TravelModel


def brute_force(dense, weights, p, fixed=()):
    """Best covered weight over every combination of p non-fixed sites."""
    dense = np.asarray(dense, dtype=bool)
    weights = np.asarray(weights, dtype=np.float64)
    base = dense[list(fixed)].any(axis=0) if len(fixed) else np.zeros(dense.shape[1], bool)
    free = [j for j in range(dense.shape[0]) if j not in set(fixed)]
    return max(
        float(weights[base | dense[list(combo)].any(axis=0)].sum())
        for combo in itertools.combinations(free, p)
    )


def naive_greedy(dense, weights, p, fixed=(), among=None):
    """Eager greedy: argmax of the marginal gain each round (lowest index on ties)."""
    dense = np.asarray(dense, dtype=bool)
    covered = dense[list(fixed)].any(axis=0) if len(fixed) else np.zeros(dense.shape[1], bool)
    allowed = set(range(dense.shape[0]) if among is None else among) - set(fixed)
    chosen = []
    for _ in range(p):
        gains = [
            float(weights[dense[j] & ~covered].sum()) if j in allowed else -1.0
            for j in range(dense.shape[0])
        ]
        j = int(np.argmax(gains))
        chosen.append(j)
        allowed.discard(j)
        covered |= dense[j]
    return chosen


def check_solution(result, dense, weights, p, fixed=()):
    """Valid sites, objective recomputed, bound and gap consistent, sites in rank order."""
    sites = result.sites.tolist()
    assert len(sites) == p == len(set(sites))
    assert not set(sites) & set(fixed)
    all_open = list(fixed) + sites
    recomputed = float(np.asarray(weights)[np.asarray(dense, bool)[all_open].any(axis=0)].sum())
    assert result.objective == pytest.approx(recomputed)
    assert result.bound >= result.objective - 1e-9
    assert 0.0 <= result.gap <= 1.0
    if result.bound > 0:
        assert result.gap == pytest.approx((result.bound - result.objective) / result.bound)
    assert result.proven == (result.bound == result.objective)
    # Rank order: a greedy pass over the chosen sites opens them in this order.
    assert sites == naive_greedy(dense, np.asarray(weights), p, fixed, among=sorted(sites))


# Hand-made: sites 0 and 3 together cover every point; the greedy picks 1 first and misses.
HAND = np.array(
    [
        [1, 1, 0, 0, 0, 0],
        [0, 1, 1, 1, 1, 0],
        [0, 0, 0, 0, 0, 1],
        [0, 0, 1, 1, 1, 1],
        [1, 0, 0, 0, 0, 0],
    ],
    dtype=bool,
)
HAND_W = np.array([3.0, 3.0, 2.0, 2.0, 2.0, 3.0])


def test_hand_made_optimum_beats_greedy():
    greedy = greedy_max_cover(sparse.csr_matrix(HAND), HAND_W, 2)
    assert greedy.tolist() == [1, 0]  # 1 and 3 tie at 9, then 0, 2, 3, 4 tie at 3: lowest index
    assert covered_weight(HAND, HAND_W, greedy) == 12.0
    for solve in (solve_max_cover, exact_max_cover):
        result = solve(sparse.csr_matrix(HAND), HAND_W, 2)
        assert result.sites.tolist() == [3, 0]  # rank order: site 3 adds 9, then site 0 adds 6
        assert result.objective == 15.0 == brute_force(HAND, HAND_W, 2)
        assert result.proven and result.gap == 0.0
        check_solution(result, HAND, HAND_W, 2)


def test_hand_made_with_fixed_site():
    # Site 3 open already: its points are constant, the best addition is site 0.
    result = solve_max_cover(HAND, HAND_W, 1, fixed=[3])
    assert result.sites.tolist() == [0]
    assert result.objective == 15.0 == brute_force(HAND, HAND_W, 1, fixed=[3])
    assert greedy_max_cover(HAND, HAND_W, 1, fixed=np.array([3])).tolist() == [0]
    mask = np.zeros(5, dtype=bool)
    mask[3] = True
    assert solve_max_cover(HAND, HAND_W, 1, fixed=mask).sites.tolist() == [0]


def test_nothing_left_to_cover_is_trivially_optimal():
    result = solve_max_cover(HAND, HAND_W, 2, fixed=[0, 3])
    assert result.proven and result.objective == 15.0
    assert "every useful candidate" in result.status_message
    check_solution(result, HAND, HAND_W, 2, fixed=[0, 3])


@st.composite
def instances(draw, max_sites=12, max_p=4):
    n_sites = draw(st.integers(1, max_sites))
    n_demand = draw(st.integers(1, 15))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    density = draw(st.sampled_from([0.1, 0.25, 0.5]))
    dense = rng.random((n_sites, n_demand)) < density
    if draw(st.booleans()):
        weights = rng.integers(0, 20, n_demand).astype(np.float64)
    else:  # fractional weights: no rounding of the bound to integers
        weights = rng.random(n_demand) * rng.choice([0.0, 1.0, 1000.0], n_demand)
    n_fixed = draw(st.integers(0, max(0, min(3, n_sites - 1))))
    fixed = sorted(rng.choice(n_sites, n_fixed, replace=False).tolist())
    p = draw(st.integers(1, min(max_p, n_sites - n_fixed)))
    return dense, weights, p, fixed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_random_instances_match_brute_force(instance):
    dense, weights, p, fixed = instance
    cover = sparse.csr_matrix(dense)
    result = solve_max_cover(cover, weights, p, fixed=np.array(fixed, dtype=int))
    best = brute_force(dense, weights, p, fixed)
    assert result.proven, result.status_message
    assert result.objective == pytest.approx(best, rel=1e-12, abs=1e-9)
    assert result.bound >= best - 1e-9
    check_solution(result, dense, weights, p, fixed)
    greedy = greedy_max_cover(cover, weights, p, fixed=np.array(fixed, dtype=int))
    assert greedy.tolist() == naive_greedy(dense, weights, p, fixed)
    assert len(set(greedy.tolist())) == p and not set(greedy.tolist()) & set(fixed)
    assert covered_weight(cover, weights, fixed + greedy.tolist()) <= result.objective + 1e-9


@settings(max_examples=80, deadline=None)
@given(instances(), st.integers(0, 2**32 - 1), st.sampled_from([0.0, 0.5, 1.0, 3.0]))
def test_lagrangian_bound_holds_for_any_multipliers(instance, seed, spread):
    dense, weights, p, fixed = instance
    rng = np.random.default_rng(seed)
    # Multipliers around the weights, some above them, some 0.
    multipliers = weights * rng.random(weights.size) * spread + rng.random(weights.size) * spread
    bound = lagrangian_bound(sparse.csr_matrix(dense), weights, p, multipliers, fixed=fixed)
    assert bound >= brute_force(dense, weights, p, fixed)
    # Multipliers 0: the bound is the whole weight (plus the rounding margin).
    total = lagrangian_bound(dense, weights, p, np.zeros(weights.size), fixed=fixed)
    assert total == pytest.approx(weights.sum(), rel=1e-8, abs=1e-8)


def test_lagrangian_bound_can_be_tight():
    # Multipliers = weights: the bound is the best single site's weight, the optimum for p=1.
    assert lagrangian_bound(HAND, HAND_W, 1, HAND_W) == pytest.approx(9.0)
    assert brute_force(HAND, HAND_W, 1) == 9.0


@settings(max_examples=80, deadline=None)
@given(instances(max_sites=12, max_p=5), st.integers(0, 2**32 - 1))
def test_reductions_keep_the_optimum(instance, seed):
    dense, weights, p, _ = instance
    # Copies of some sites and points: equal sets, where only one copy may go.
    rng = np.random.default_rng(seed)
    dense = np.vstack((dense, dense[rng.integers(0, dense.shape[0], rng.integers(0, 3))]))
    columns = rng.integers(0, dense.shape[1], rng.integers(0, 3))
    dense = np.hstack((dense, dense[:, columns]))
    weights = np.concatenate((weights, weights[columns]))
    a, w, rows = _simplify(sparse.csr_matrix(dense), weights, p)
    best = brute_force(dense, weights, p)
    if rows.size <= p:  # opening every kept row covers everything coverable
        assert best == pytest.approx(float(weights[dense.any(axis=0)].sum()))
    else:
        assert brute_force(a.toarray(), w, p) == pytest.approx(best)
        assert (w > 0).all() and len({tuple(c) for c in a.toarray().T}) == a.shape[1]
    assert len({tuple(r) for r in a.toarray()}) == a.shape[0]  # no two equal sites left


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 5))
def test_branch_and_bound_alone_finds_the_optimum(seed, p):
    """Without its heuristics, from the worst start: only valid pruning can find the optimum."""
    rng = np.random.default_rng(seed)
    dense = rng.random((14, 30)) < rng.choice([0.15, 0.3])
    dense[:, ~dense.any(axis=0)] = True  # every point coverable, every weight positive
    weights = rng.integers(1, 30, 30).astype(np.float64)
    model = _Model(sparse.csr_matrix(dense), weights, p)
    worst = np.zeros(14, bool)
    worst[np.argsort(dense.astype(float) @ weights, kind="stable")[:p]] = True
    found = _branch_and_bound(model, worst, 30, heuristics=False)
    best = brute_force(dense, weights, p)
    assert found["finished"] and found["value"] == best == found["bound"]
    assert model.value(found["sites"]) == best and found["sites"].size == p
    # Stopped at once, the bound still holds.
    stopped = _branch_and_bound(model, worst, 1e-9, heuristics=False)
    assert stopped["bound"] >= best


@settings(max_examples=60, deadline=None)
@given(instances(max_sites=14, max_p=5), st.integers(0, 2**32 - 1))
def test_swap_search_ends_in_a_swap_local_optimum(instance, seed):
    dense, weights, p, _ = instance
    weights = weights + 1.0  # the model expects positive weights
    model = _Model(sparse.csr_matrix(dense), weights, p)
    start = np.zeros(dense.shape[0], bool)
    start[np.random.default_rng(seed).choice(dense.shape[0], p, replace=False)] = True
    result = _swap_search(model, start, time.monotonic() + 10)
    assert result.sum() == p
    value = model.value(np.flatnonzero(result))
    assert value >= model.value(np.flatnonzero(start))
    for out in np.flatnonzero(result):
        for into in np.flatnonzero(~result):
            swapped = result.copy()
            swapped[[out, into]] = [False, True]
            assert model.value(np.flatnonzero(swapped)) <= value + 1e-9


def covering_by_haversine(points, minutes):
    """(sites × points) within ``minutes``, one scalar great-circle distance at a time."""
    model = TravelModel()
    factor = model.detour * 60.0 / model.speed_kmh
    pairs = zip(points.lat.tolist(), points.lon.tolist(), strict=True)
    coords = list(pairs)
    return np.array(
        [[haversine_km(*s, *d) * factor <= minutes for d in coords] for s in coords], dtype=bool
    )


@pytest.fixture(scope="module", params=["23", "09"])
def territory_cover(request):
    points = points_for_territory(departement=request.param)
    return request.param, points, {m: covering_by_haversine(points, m) for m in (10, 20)}


@pytest.mark.parametrize("minutes", [10, 20])
def test_creuse_and_ariege_one_and_two_sites_against_brute_force(territory_cover, minutes):
    dep, points, brute = territory_cover
    dense = brute[minutes]
    weights = points.population
    cover = coverage_sets(points, points.lat, points.lon, minutes)
    assert np.array_equal(cover.toarray(), dense)
    single = dense.astype(np.float64) @ weights
    # Weight covered by sites i and j: both sums minus what they cover twice.
    pair = single[:, None] + single[None, :] - (dense * weights) @ dense.T.astype(np.float64)
    np.fill_diagonal(pair, -1.0)
    for p, best in ((1, single.max()), (2, pair.max())):
        result = solve_max_cover(cover, weights, p, time_limit=30)
        assert result.proven, result.status_message
        assert result.objective == best
        check_solution(result, dense, weights, p)
    # With the prefecture open, the best second site is the best pair containing it.
    prefecture = int(points.index(["23096" if dep == "23" else "09122"])[0])
    result = solve_max_cover(cover, weights, 1, fixed=[prefecture], time_limit=30)
    assert result.proven and result.sites[0] != prefecture
    assert result.objective == max(pair[prefecture].max(), single[prefecture])
    check_solution(result, dense, weights, 1, fixed=[prefecture])


@pytest.mark.parametrize("minutes", [10, 20])
def test_creuse_and_ariege_proven_for_one_to_ten_sites(territory_cover, minutes):
    dep, points, brute = territory_cover
    cover = coverage_sets(points, points.lat, points.lon, minutes)
    weights = points.population
    existing = points.index(["23096", "23176"] if dep == "23" else ["09122", "09225"])
    for fixed in ([], existing):
        previous = -1.0
        for p in range(1, 11):
            result = solve_max_cover(cover, weights, p, fixed=fixed, time_limit=30)
            assert result.proven, (dep, minutes, p, result.status_message)
            check_solution(result, brute[minutes], weights, p, fixed=list(fixed))
            greedy = greedy_max_cover(cover, weights, p, fixed=fixed)
            assert result.objective >= covered_weight(cover, weights, list(fixed) + list(greedy))
            assert result.objective >= previous  # one more site never covers less
            previous = result.objective


def test_creuse_20_minutes_ten_sites_beats_greedy_and_swaps():
    # The hardest département case measured: the LP bound is 0.2 % above the optimum.
    creuse = points_for_territory(departement="23")
    cover = coverage_sets(creuse, creuse.lat, creuse.lon, 20)
    started = time.monotonic()
    result = solve_max_cover(cover, creuse.population, 10, time_limit=30)
    assert time.monotonic() - started < 10
    assert result.proven and "branch and bound" in result.status_message
    greedy = greedy_max_cover(cover, creuse.population, 10)
    assert result.objective > covered_weight(cover, creuse.population, greedy)


@pytest.fixture(scope="module")
def limousin():
    """Three départements at 20 minutes: too large for the plain branch and bound."""
    points = points_for_territory(
        insee=[
            code
            for dep in ("19", "23", "87")
            for code in points_for_territory(departement=dep).ids.tolist()
        ]
    )
    return points, coverage_sets(points, points.lat, points.lon, 20)


def test_larger_problem_keeps_time_limit_and_invariants(limousin):
    points, cover = limousin
    weights = points.population
    greedy = greedy_max_cover(cover, weights, 25)
    greedy_value = covered_weight(cover, weights, greedy)
    total = lagrangian_bound(cover, weights, 25, np.zeros(len(points)))
    for groups in (points.dep, None):
        started = time.monotonic()
        result = solve_max_cover(cover, weights, 25, time_limit=2, groups=groups)
        elapsed = time.monotonic() - started
        assert elapsed < 2.5, elapsed
        # Past the size our branch and bound gets first: HiGHS, then neighbourhood search.
        reduced = int(re.search(r"reduced to (\d+) candidates", result.status_message)[1])
        assert reduced > territory.optimize._TINY_ROWS
        assert result.objective >= greedy_value
        check_solution(result, cover.toarray(), weights, 25)
        # The bound comes from HiGHS or the Lagrangian relaxation: close, but above.
        assert result.bound < total and result.gap < 0.01, result.status_message


def test_region_sized_optimum_proven_by_highs_matches_a_plain_milp(limousin):
    points, _ = limousin
    weights = points.population.astype(np.float64)
    cover = coverage_sets(points, points.lat, points.lon, 10)
    result = solve_max_cover(cover, weights, 25, time_limit=60, groups=points.dep)
    assert result.proven, result.status_message
    check_solution(result, cover.toarray(), weights, 25)
    # HiGHS alone (as solve_max_cover runs it, in a child process) on the reduced model.
    a, w, _ = _simplify(cover.tocsr(), weights, 25)
    alone = run_limited(_highs_solve, _Model(a, w, 25), 60.0, time_limit=60)
    assert alone.ok and alone.value["proven"], alone.error
    assert covered_weight(a, w, alone.value["sites"]) == result.objective
    assert alone.value["bound"] == pytest.approx(result.objective)
    # The textbook model of every (site, commune) pair, no reduction, solved by scipy's
    # own copy of HiGHS with its default settings.
    n, m = cover.shape
    link = sparse.hstack((-cover.T.astype(np.float64), sparse.identity(m)), format="csr")
    count = sparse.csr_matrix(np.concatenate((np.ones(n), np.zeros(m)))[None, :])
    out = milp_limited(
        np.concatenate((np.zeros(n), -weights)),
        integrality=np.concatenate((np.ones(n), np.zeros(m))),
        bounds=Bounds(0, 1),
        constraints=[LinearConstraint(link, -np.inf, 0), LinearConstraint(count, 25, 25)],
        options={"mip_rel_gap": 0.0},
        time_limit=120,
    )
    assert out.value["status"] == 0, out.error
    assert result.objective == pytest.approx(-out.value["fun"], abs=1e-6)


def test_full_cover_search_proves_that_p_sites_reach_everyone(limousin):
    points, cover = limousin
    weights = points.population
    minimum = solve_set_cover(cover, weights, time_limit=30)
    assert minimum.proven
    # One site more than the fewest that reach everyone: greedy and swaps leave some out.
    p = minimum.sites.size + 1
    result = solve_max_cover(cover, weights, p, time_limit=30, groups=points.dep)
    assert result.proven and result.objective == weights.sum()
    assert "full-cover search" in result.status_message
    check_solution(result, cover.toarray(), weights, p)


def test_full_cover_search_gives_up_at_its_deadline_when_no_cover_exists(limousin):
    points, cover = limousin
    minimum = solve_set_cover(cover, points.population, time_limit=30)
    assert minimum.proven
    a, w, _ = _simplify(cover.tocsr(), points.population.astype(np.float64), 1)
    k = minimum.sites.size - 1  # one too few: no such cover
    start = np.zeros(a.shape[0], bool)
    start[greedy_max_cover(a, w, k)] = True
    started = time.monotonic()
    assert _cover_all(a, start, time.monotonic() + 0.5) is None
    assert time.monotonic() - started < 1.5


def test_short_time_limit_still_gives_greedy_and_swaps_with_a_valid_bound():
    rng = np.random.default_rng(1)
    dense = rng.random((200, 1500)) < 0.02
    weights = rng.integers(1, 100, 1500).astype(np.float64)
    cover = sparse.csr_matrix(dense)
    started = time.monotonic()
    result = solve_max_cover(cover, weights, 15, time_limit=0.2)
    assert time.monotonic() - started < 2.0
    greedy = greedy_max_cover(cover, weights, 15)
    assert result.objective >= covered_weight(cover, weights, greedy)
    check_solution(result, dense, weights, 15)
    # Whatever stopped the search, the bound is at least the best of a longer run.
    longer = solve_max_cover(cover, weights, 15, time_limit=1)
    assert result.bound >= longer.objective


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"p": 0}, "at least 1"),
        ({"p": -2}, "at least 1"),
        ({"p": 6}, "more than the 5"),
        ({"p": 4, "fixed": [0, 1]}, "more than the 3"),
        ({"p": 1.5}, "integer"),
        ({"p": True}, "integer"),
        ({"weights": [1, 1, 1, 1, 1, -1]}, "negative"),
        ({"weights": [1, 1, 1, 1, 1, math.nan]}, "NaN"),
        ({"weights": [1, 1, 1, 1, 1, math.inf]}, "infinite"),
        ({"weights": [1, 1, 1]}, "3 weights for 6"),
        ({"fixed": [7]}, "out of range"),
        ({"fixed": np.zeros(3, dtype=bool)}, "3 values for 5"),
        ({"fixed": [0.5]}, "integer site indices"),
        ({"cover": np.ones(4)}, "2-D"),
    ],
)
def test_bad_input(kwargs, message):
    args = {"cover": HAND, "weights": HAND_W, "p": 2} | kwargs
    for solve in (greedy_max_cover, exact_max_cover, solve_max_cover):
        with pytest.raises(TerritoryError, match=message):
            solve(**args)
    with pytest.raises(TerritoryError, match=message):
        lagrangian_bound(multipliers=np.zeros(6), **args)


@pytest.mark.parametrize("time_limit", [0, -1.0, math.nan, math.inf, "10", None])
def test_bad_time_limit(time_limit):
    for solve in (exact_max_cover, solve_max_cover):
        with pytest.raises(TerritoryError, match="time_limit"):
            solve(HAND, HAND_W, 2, time_limit=time_limit)


@pytest.mark.parametrize(
    ("groups", "message"),
    [(["a", "b"], "2 group labels for 5"), ([1, "a", None, 2.0, "b"], "comparable")],
)
def test_bad_groups(groups, message):
    with pytest.raises(TerritoryError, match=message):
        solve_max_cover(HAND, HAND_W, 2, groups=groups)


@pytest.mark.parametrize(
    ("multipliers", "message"),
    [([0, 0, 0, 0, 0, -1], "negative"), ([0, 0, 0, 0, 0, math.nan], "NaN"), ([0], "1 multi")],
)
def test_bad_multipliers(multipliers, message):
    with pytest.raises(TerritoryError, match=message):
        lagrangian_bound(HAND, HAND_W, 2, multipliers)


def test_docstring_examples_run():
    result = doctest.testmod(territory.optimize, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
