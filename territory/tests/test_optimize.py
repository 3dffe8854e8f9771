"""Maximal covering: hand-made and random instances against brute force, and Creuse."""

import doctest
import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse

import territory.optimize
from territory.coverage import coverage_sets
from territory.errors import TerritoryError
from territory.optimize import covered_weight, exact_max_cover, greedy_max_cover
from territory.points import points_for_territory


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


def naive_greedy(dense, weights, p, fixed=()):
    """Eager greedy: argmax of the marginal gain each round (lowest index on ties)."""
    dense = np.asarray(dense, dtype=bool)
    covered = dense[list(fixed)].any(axis=0) if len(fixed) else np.zeros(dense.shape[1], bool)
    open_ = set(fixed)
    chosen = []
    for _ in range(p):
        gains = [
            -1.0 if j in open_ else float(weights[dense[j] & ~covered].sum())
            for j in range(dense.shape[0])
        ]
        j = int(np.argmax(gains))
        chosen.append(j)
        open_.add(j)
        covered |= dense[j]
    return chosen


def check_solution(result, dense, weights, p, fixed=()):
    sites = result.sites.tolist()
    assert len(sites) == p == len(set(sites))
    assert not set(sites) & set(fixed)
    all_open = list(fixed) + sites
    recomputed = float(np.asarray(weights)[np.asarray(dense, bool)[all_open].any(axis=0)].sum())
    assert result.objective == pytest.approx(recomputed)
    assert result.bound >= result.objective - 1e-9
    assert 0.0 <= result.gap <= 1.0


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
    result = exact_max_cover(sparse.csr_matrix(HAND), HAND_W, 2)
    assert result.sites.tolist() == [0, 3]
    assert result.objective == 15.0 == brute_force(HAND, HAND_W, 2)
    assert result.proven and result.gap == pytest.approx(0.0)
    check_solution(result, HAND, HAND_W, 2)


def test_hand_made_with_fixed_site():
    # Site 3 open already: its points are constant, the best addition is site 0.
    result = exact_max_cover(HAND, HAND_W, 1, fixed=[3])
    assert result.sites.tolist() == [0]
    assert result.objective == 15.0 == brute_force(HAND, HAND_W, 1, fixed=[3])
    assert greedy_max_cover(HAND, HAND_W, 1, fixed=np.array([3])).tolist() == [0]
    mask = np.zeros(5, dtype=bool)
    mask[3] = True
    assert exact_max_cover(HAND, HAND_W, 1, fixed=mask).sites.tolist() == [0]


def test_nothing_left_to_cover_is_trivially_optimal():
    result = exact_max_cover(HAND, HAND_W, 2, fixed=[0, 3])
    assert result.proven and result.objective == 15.0
    check_solution(result, HAND, HAND_W, 2, fixed=[0, 3])


@st.composite
def instances(draw):
    n_sites = draw(st.integers(1, 12))
    n_demand = draw(st.integers(1, 15))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    density = draw(st.sampled_from([0.1, 0.25, 0.5]))
    dense = rng.random((n_sites, n_demand)) < density
    weights = rng.integers(0, 20, n_demand).astype(np.float64)
    n_fixed = draw(st.integers(0, max(0, min(3, n_sites - 1))))
    fixed = sorted(rng.choice(n_sites, n_fixed, replace=False).tolist())
    p = draw(st.integers(1, min(4, n_sites - n_fixed)))
    return dense, weights, p, fixed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_random_instances_match_brute_force(instance):
    dense, weights, p, fixed = instance
    cover = sparse.csr_matrix(dense)
    result = exact_max_cover(cover, weights, p, fixed=np.array(fixed, dtype=int))
    best = brute_force(dense, weights, p, fixed)
    assert result.proven
    assert result.objective == pytest.approx(best)
    check_solution(result, dense, weights, p, fixed)
    greedy = greedy_max_cover(cover, weights, p, fixed=np.array(fixed, dtype=int))
    assert greedy.tolist() == naive_greedy(dense, weights, p, fixed)
    assert len(set(greedy.tolist())) == p and not set(greedy.tolist()) & set(fixed)
    assert covered_weight(cover, weights, fixed + greedy.tolist()) <= result.objective + 1e-9


def brute_force_three(dense, weights):
    """Best weight covered by 3 sites, by inclusion-exclusion on dense matrices."""
    a = dense.astype(np.float64)
    single = a @ weights
    pair = (a * weights) @ a.T
    n = a.shape[0]
    best = -math.inf
    for i in range(n - 2):
        mine = dense[i]
        triple = (a[:, mine] * weights[mine]) @ a[:, mine].T
        value = (
            single[i]
            + single[:, None]
            + single[None, :]
            - pair[i][:, None]
            - pair[i][None, :]
            - pair
            + triple
        )
        upper = np.triu(np.ones((n, n), dtype=bool), k=1)
        upper[: i + 1, :] = False
        best = max(best, float(value[upper].max()))
    return best


def test_creuse_20_minutes_three_sites():
    creuse = points_for_territory(departement="23")
    cover = coverage_sets(creuse, creuse.lat, creuse.lon, 20)
    weights = creuse.population
    result = exact_max_cover(cover, weights, 3, time_limit=30)
    greedy = greedy_max_cover(cover, weights, 3)
    assert result.proven, result.status_message
    check_solution(result, cover.toarray(), weights, 3)
    assert result.objective >= covered_weight(cover, weights, greedy)
    assert result.objective == pytest.approx(brute_force_three(cover.toarray(), weights))


def test_creuse_with_fixed_prefecture():
    creuse = points_for_territory(departement="23")
    cover = coverage_sets(creuse, creuse.lat, creuse.lon, 20)
    gueret = int(creuse.index(["23096"])[0])
    result = exact_max_cover(cover, creuse.population, 2, fixed=[gueret], time_limit=30)
    assert result.proven and gueret not in result.sites.tolist()
    check_solution(result, cover.toarray(), creuse.population, 2, fixed=[gueret])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"p": 0}, "at least 1"),
        ({"p": 6}, "more than the 5"),
        ({"p": 4, "fixed": [0, 1]}, "more than the 3"),
        ({"p": 1.5}, "integer"),
        ({"weights": [1, 1, 1, 1, 1, -1]}, "negative"),
        ({"weights": [1, 1, 1, 1, 1, math.nan]}, "NaN"),
        ({"weights": [1, 1, 1]}, "3 weights for 6"),
        ({"fixed": [7]}, "out of range"),
        ({"fixed": np.zeros(3, dtype=bool)}, "3 values for 5"),
        ({"fixed": [0.5]}, "integer site indices"),
        ({"cover": np.ones(4)}, "2-D"),
    ],
)
def test_bad_input(kwargs, message):
    args = {"cover": HAND, "weights": HAND_W, "p": 2} | kwargs
    for solve in (greedy_max_cover, exact_max_cover):
        with pytest.raises(TerritoryError, match=message):
            solve(**args)


@pytest.mark.parametrize("time_limit", [0, -1.0, math.nan, math.inf, "10"])
def test_bad_time_limit(time_limit):
    with pytest.raises(TerritoryError, match="time_limit"):
        exact_max_cover(HAND, HAND_W, 2, time_limit=time_limit)


def test_docstring_examples_run():
    result = doctest.testmod(territory.optimize, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_stopped_solver_falls_back_to_greedy_with_lp_bound(monkeypatch):
    """HiGHS stopping with nothing: the greedy incumbent, an LP bound, never proven."""
    real_milp = territory.optimize.milp

    class Stopped:
        status, x, fun, mip_dual_bound, message = 1, None, None, None, "Time limit reached."

    def fake_milp(c, integrality=None, **kwargs):
        if np.any(integrality):
            return Stopped()
        return real_milp(c, integrality=integrality, **kwargs)

    monkeypatch.setattr(territory.optimize, "milp", fake_milp)
    result = exact_max_cover(HAND, HAND_W, 2)
    assert not result.proven
    assert result.sites.tolist() == [0, 1]  # the greedy's choice, sorted
    assert result.objective == 12.0
    assert "LP relaxation" in result.status_message
    assert 15.0 <= result.bound <= HAND_W.sum()
    assert result.gap == pytest.approx((result.bound - 12.0) / result.bound)
    check_solution(result, HAND, HAND_W, 2)


def test_real_time_limit_keeps_invariants():
    rng = np.random.default_rng(1)
    dense = rng.random((200, 1500)) < 0.02
    weights = rng.integers(1, 100, 1500).astype(np.float64)
    cover = sparse.csr_matrix(dense)
    result = exact_max_cover(cover, weights, 15, time_limit=0.2)
    greedy = greedy_max_cover(cover, weights, 15)
    assert result.objective >= covered_weight(cover, weights, greedy)
    check_solution(result, dense, weights, 15)
    if not result.proven:
        assert result.gap > 0 or result.bound == result.objective
