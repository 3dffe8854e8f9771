"""Coverage on real data and random points, against brute force with territory.geo."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse

from territory.coverage import coverage, coverage_sets, nearest_sites
from territory.errors import TerritoryError
from territory.geo import haversine_km
from territory.points import points_for_territory, points_from_arrays
from territory.travel import TravelModel

CREUSE_SITES = ["23096", "23008", "23176"]  # Guéret, Aubusson, La Souterraine
ARIEGE_SITES = ["09167", "09122", "09225"]  # Lézat-sur-Lèze, Foix, Pamiers


def brute_minutes(demand, sites, model):
    """(sites × demand) travel minutes, one scalar haversine at a time: O(n·m)."""
    factor = model.detour * 60.0 / model.speed_kmh
    return np.array(
        [
            [
                haversine_km(s_lat, s_lon, d_lat, d_lon) * factor
                for d_lat, d_lon in zip(demand.lat, demand.lon, strict=True)
            ]
            for s_lat, s_lon in zip(sites.lat, sites.lon, strict=True)
        ]
    ).reshape(len(sites), len(demand))


def assert_sets_match_brute_force(sets, minutes_matrix, minutes):
    """Equal except for pairs within rounding of the threshold (either answer is right)."""
    assert sparse.issparse(sets) and sets.dtype == bool
    assert sets.shape == minutes_matrix.shape
    expected = minutes_matrix <= minutes
    on_edge = np.isclose(minutes_matrix, minutes, rtol=1e-9, atol=1e-9)
    got = sets.toarray()
    assert np.array_equal(got[~on_edge], expected[~on_edge])


@pytest.fixture(scope="module")
def creuse():
    return points_for_territory(departement="23")


@pytest.fixture(scope="module")
def ariege():
    return points_for_territory(departement="09")


@pytest.mark.parametrize(
    ("dep", "site_codes"),
    [("23", CREUSE_SITES), ("09", ARIEGE_SITES), ("09", "epci-of-09167")],
)
@pytest.mark.parametrize("minutes", [10, 20])
def test_real_coverage_matches_brute_force(dep, site_codes, minutes):
    demand = points_for_territory(departement=dep)
    if site_codes == "epci-of-09167":  # every commune of Lézat-sur-Lèze's EPCI as a site
        lezat = points_for_territory(insee=["09167"])
        sites = points_for_territory(epci=str(lezat.epci[0]))
    else:
        sites = points_for_territory(insee=site_codes)
    model = TravelModel()
    matrix = brute_minutes(demand, sites, model)

    sets = coverage_sets(demand, sites.lat, sites.lon, minutes, model)
    assert_sets_match_brute_force(sets, matrix, minutes)

    result = coverage(demand, sites, minutes, model)
    covered = (matrix <= minutes).any(axis=0)
    assert np.array_equal(result.covered, covered)
    population = demand.population
    assert result.population == pytest.approx(population.sum())
    assert result.covered_population == pytest.approx(population[covered].sum())
    assert 0 < result.covered_share < 1
    assert result.covered_share == pytest.approx(population[covered].sum() / population.sum())
    np.testing.assert_allclose(result.nearest_minutes, matrix.min(axis=0), rtol=1e-12)
    assert np.array_equal(result.nearest_site, matrix.argmin(axis=0))

    # Uncovered communes: exactly the others, most populated first.
    uncovered_ids = [u.id for u in result.uncovered]
    assert set(uncovered_ids) == set(demand.ids[~covered].tolist())
    pops = [u.population for u in result.uncovered]
    assert pops == sorted(pops, reverse=True)
    assert all(u.nearest_minutes > minutes for u in result.uncovered)

    # Per EPCI, by brute force over the communes.
    expected = {}
    for i in range(len(demand)):
        total, reached = expected.get(str(demand.epci[i]), (0.0, 0.0))
        expected[str(demand.epci[i])] = (
            total + population[i],
            reached + population[i] * covered[i],
        )
    assert [e.epci for e in result.by_epci] == sorted(expected)
    for row in result.by_epci:
        total, reached = expected[row.epci]
        assert row.population == pytest.approx(total)
        assert row.covered_population == pytest.approx(reached)
        assert row.covered_share == pytest.approx(reached / total)
        assert row.name == str(demand.epci_name[demand.epci == row.epci][0])
    assert sum(r.covered_population for r in result.by_epci) == pytest.approx(
        result.covered_population
    )


def test_gueret_alone_in_creuse(creuse):
    result = coverage(creuse, points_for_territory(insee=["23096"]), 20)
    gueret = creuse.index(["23096"])[0]
    assert result.covered[gueret] and result.nearest_minutes[gueret] == 0.0
    grand_gueret = next(r for r in result.by_epci if r.epci == "200034825")
    assert grand_gueret.name == "CA du Grand Guéret" and grand_gueret.covered_share > 0.9
    # The most populated uncovered communes of Creuse are its other towns.
    assert {u.name for u in result.uncovered[:3]} >= {"La Souterraine", "Aubusson"}


def test_every_commune_as_a_site_matches_brute_force(ariege):
    sets = coverage_sets(ariege, ariege.lat, ariege.lon, 15)
    assert_sets_match_brute_force(sets, brute_minutes(ariege, ariege, TravelModel()), 15)
    assert sets.diagonal().all()  # each commune covers itself
    assert sets.nnz < 0.2 * len(ariege) ** 2  # sparse in practice, not only in type


def test_no_sites_and_far_sites(creuse, ariege):
    empty = coverage(creuse, points_from_arrays([], [], []), 20)
    assert empty.covered_population == 0 and empty.covered_share == 0
    assert np.isinf(empty.nearest_minutes).all() and (empty.nearest_site == -1).all()
    assert len(empty.uncovered) == len(creuse)
    far = coverage(creuse, points_for_territory(insee=ARIEGE_SITES), 60)
    assert far.covered_population == 0 and np.isfinite(far.nearest_minutes).all()
    assert coverage_sets(creuse, [], [], 20).shape == (0, len(creuse))


@pytest.mark.parametrize("minutes", [0, -1, math.nan, math.inf])
def test_threshold_must_be_positive(creuse, minutes):
    sites = points_for_territory(insee=["23096"])
    with pytest.raises(TerritoryError, match="threshold must be a positive number of minutes"):
        coverage(creuse, sites, minutes)
    with pytest.raises(TerritoryError, match="threshold must be a positive number of minutes"):
        coverage_sets(creuse, sites.lat, sites.lon, minutes)


def test_bad_site_coordinates(creuse):
    with pytest.raises(TerritoryError, match=r"coordinates for site\(s\) at position\(s\) '1'"):
        coverage_sets(creuse, [46.0, math.nan], [1.9, 1.9], 20)
    with pytest.raises(TerritoryError, match=r"out-of-range coordinates for site"):
        nearest_sites(creuse, [46.0], [200.0])
    with pytest.raises(TerritoryError, match="2 site latitudes for 1 longitudes"):
        coverage_sets(creuse, [46.0, 46.1], [1.9], 20)


# Random small point sets: clusters anywhere on Earth, across the antimeridian and near poles.


@st.composite
def clusters(draw):
    center_lat = draw(st.floats(-89.0, 89.0))
    center_lon = draw(st.floats(-180.0, 180.0))
    spread = draw(st.sampled_from([0.01, 0.2, 0.6]))
    offset = st.floats(-spread, spread)

    def places(prefix, size, populated):
        lat = [min(90.0, max(-90.0, center_lat + draw(offset))) for _ in range(size)]
        lon = [(center_lon + draw(offset) + 180.0) % 360.0 - 180.0 for _ in range(size)]
        population = [draw(st.integers(0, 5000)) for _ in range(size)] if populated else None
        ids = [f"{prefix}{i}" for i in range(size)]
        return points_from_arrays(ids, lat, lon, population=population)

    demand = places("d", draw(st.integers(0, 25)), True)
    sites = places("s", draw(st.integers(0, 8)), False)
    extra = places("x", 1, False)
    model = TravelModel(detour=draw(st.floats(1.0, 2.0)), speed_kmh=draw(st.floats(5.0, 130.0)))
    minutes = draw(st.floats(0.5, 90.0))
    return demand, sites, extra, model, minutes


HYPOTHESIS = settings(
    max_examples=150,
    deadline=None,
    # The root conftest's autouse settings fixture is harmless to share between examples.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@HYPOTHESIS
@given(clusters())
def test_random_sets_equal_brute_force(case):
    demand, sites, _, model, minutes = case
    matrix = brute_minutes(demand, sites, model)
    assert_sets_match_brute_force(
        coverage_sets(demand, sites.lat, sites.lon, minutes, model), matrix, minutes
    )
    index, nearest = nearest_sites(demand, sites.lat, sites.lon, model)
    if len(sites):
        np.testing.assert_allclose(nearest, matrix.min(axis=0), rtol=1e-9, atol=1e-9)
    else:
        assert np.isinf(nearest).all() and (index == -1).all()


@HYPOTHESIS
@given(clusters())
def test_random_coverage_is_bounded_and_monotone(case):
    demand, sites, extra, model, minutes = case
    before = coverage(demand, sites, minutes, model)
    assert 0 <= before.covered_population <= before.population
    assert 0 <= before.covered_share <= 1
    assert before.covered_population == pytest.approx(demand.population[before.covered].sum())
    assert len(before.uncovered) == int((~before.covered).sum())
    assert sum(r.population for r in before.by_epci) == pytest.approx(before.population)

    more = points_from_arrays(
        [*sites.ids.tolist(), *extra.ids.tolist()],
        np.concatenate([sites.lat, extra.lat]),
        np.concatenate([sites.lon, extra.lon]),
    )
    after = coverage(demand, more, minutes, model)
    assert after.covered_population >= before.covered_population
    assert (after.covered >= before.covered).all()
    assert (after.nearest_minutes <= before.nearest_minutes + 1e-9).all()


def test_points_just_inside_the_threshold_are_covered():
    model = TravelModel(detour=1.25, speed_kmh=45)
    radius = model.radius_km(12)
    step = math.degrees(radius / 6371.0088)
    lat = [44.0 + step * f for f in (0.0, 0.5, 1 - 1e-7, 1 + 1e-7, 3.0)]
    demand = points_from_arrays(list("abcde"), lat, [3.0] * 5, population=[1] * 5)
    sets = coverage_sets(demand, [44.0], [3.0], 12, model)
    assert sets.toarray().tolist() == [[True, True, True, False, False]]
    assert coverage(demand, demand.take(slice(0, 1)), 12, model).covered_population == 3
