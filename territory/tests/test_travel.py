"""The travel model, and the engine's docstring examples."""

import doctest
import importlib
import math

import numpy as np
import pytest

from territory.errors import TerritoryError
from territory.geo import haversine_km
from territory.travel import TravelModel, check_minutes, haversine_km_array


def test_defaults_and_formula():
    model = TravelModel()
    assert (model.detour, model.speed_kmh) == (1.3, 60.0)
    # Guéret to Aubusson: great-circle km × 1.3 at 60 km/h.
    km = haversine_km(46.16960, 1.87145, 45.95686, 2.17013)
    assert float(model.minutes(46.16960, 1.87145, 45.95686, 2.17013)) == pytest.approx(km * 1.3)
    faster = TravelModel(detour=1.0, speed_kmh=120.0)
    assert float(faster.minutes(0, 0, 0, 1)) == pytest.approx(haversine_km(0, 0, 0, 1) / 2)


def test_minutes_are_vectorised_and_broadcast():
    rng = np.random.default_rng(3)
    lat1, lon1 = rng.uniform(-80, 80, 50), rng.uniform(-180, 180, 50)
    lat2, lon2 = rng.uniform(-80, 80, 50), rng.uniform(-180, 180, 50)
    km = haversine_km_array(lat1, lon1, lat2, lon2)
    expected = [haversine_km(*args) for args in zip(lat1, lon1, lat2, lon2, strict=True)]
    np.testing.assert_allclose(km, expected, rtol=1e-12, atol=1e-9)
    grid = TravelModel().minutes(lat1[:, None], lon1[:, None], lat2[None, :], lon2[None, :])
    assert grid.shape == (50, 50)
    np.testing.assert_allclose(np.diag(grid), km * 1.3, rtol=1e-12)
    # Across the antimeridian, and the same point.
    assert haversine_km_array(0, 179.9, 0, -179.9) == pytest.approx(haversine_km(0, 0, 0, 0.2))
    assert float(TravelModel().minutes(45, 1, 45, 1)) == 0.0


def test_radius_is_the_inverse_of_minutes():
    model = TravelModel(detour=1.4, speed_kmh=50)
    radius = model.radius_km(20)
    assert radius == pytest.approx(20 / 60 * 50 / 1.4)
    # A point `radius` km due north is exactly 20 minutes away.
    lat = 45 + math.degrees(radius / 6371.0088)
    assert float(model.minutes(45, 2, lat, 2)) == pytest.approx(20)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"speed_kmh": 0}, "speed must be a positive number"),
        ({"speed_kmh": -30}, "speed must be a positive number"),
        ({"speed_kmh": math.inf}, "speed must be a positive number"),
        ({"detour": 0.9}, "detour index must be a number >= 1"),
        ({"detour": math.nan}, "detour index must be a number >= 1"),
        ({"detour": "fast"}, "must be numbers"),
    ],
)
def test_bad_parameters(kwargs, message):
    with pytest.raises(TerritoryError, match=message):
        TravelModel(**kwargs)


@pytest.mark.parametrize("minutes", [0, -5, math.nan, math.inf, "soon", None])
def test_threshold_must_be_positive(minutes):
    with pytest.raises(TerritoryError, match="threshold must be a"):
        check_minutes(minutes)
    with pytest.raises(TerritoryError, match="threshold must be a"):
        TravelModel().radius_km(minutes)


@pytest.mark.parametrize(
    "module",
    [
        "territory.errors",
        "territory.points",
        "territory.travel",
        "territory.coverage",
        "territory.geo",
        "territory.text",
        "territory.plan",
    ],
)
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
