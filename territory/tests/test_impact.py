"""Trips and CO2 avoided, checked against figures computed by hand, and INSEE commuting files."""

import doctest
import math

import numpy as np
import pytest

import territory.impact
from territory.coverage import coverage
from territory.errors import TerritoryError
from territory.geo import haversine_km
from territory.impact import ImpactParameters, read_mobpro, trips_avoided
from territory.points import points_for_territory

# Round numbers, so that every figure below can be checked with pen and paper.
ROUND = ImpactParameters(
    employed_share=0.5,
    car_commuter_share=0.8,
    teleworkable_share=0.25,
    uptake_share=0.5,
    days_per_week=2,
    working_weeks=40,
    commute_km=20,
    space_car_share=1.0,
    kg_co2e_per_car_km=0.2,
    rebound_share=0.25,
)

# Communes of Creuse and their coordinates in data/communes-fr.csv.
AUBUSSON, GUERET, LA_SOUTERRAINE, LIMOGES = "23008", "23096", "23176", "87085"
PLACES = {
    AUBUSSON: (45.95686, 2.17013),
    GUERET: (46.16960, 1.87145),
    LA_SOUTERRAINE: (46.24010, 1.48208),
    LIMOGES: (45.82661, 1.26035),
}


def road_km(a, b, detour=1.3):
    return haversine_km(*PLACES[a], *PLACES[b]) * detour


def test_hand_computed_totals():
    result = trips_avoided(
        population=[1000, 200, 5000, 300],
        distance_to_space_km=[5.0, 4.0, 1.0, 25.0],
        params=ROUND,
        covered=np.array([True, True, False, True]),
        commute_km=[np.nan, 10.0, np.nan, np.nan],
    )
    # A: 1000 × 0.5 × 0.8 = 400 car commuters; × 0.25 × 0.5 = 50 users; × 2 days × 40 weeks
    #    = 4000 round trips; 4000 × 2 × 20 = 160,000 km not commuted, 4000 × 2 × 5 = 40,000
    #    driven to the space, a quarter of the 120,000 left driven again: 90,000 km, 18 t.
    # B: 80 car commuters, 10 users, 800 round trips, its own 10 km commute: 16,000 − 6,400
    #    = 9,600 km, 7,200 after the rebound, 1.44 t.
    # C is not covered; D's space (25 km) is farther than the 20 km commute.
    np.testing.assert_allclose(result.per_commune_users, [50, 10, 0, 0])
    np.testing.assert_allclose(result.per_commune_round_trips, [4000, 800, 0, 0])
    np.testing.assert_allclose(result.per_commune_car_km, [90_000, 7_200, 0, 0])
    np.testing.assert_allclose(result.per_commune_co2e_tonnes, [18, 1.44, 0, 0])
    np.testing.assert_allclose(result.per_commune_commute_km, [20, 10, 20, 20])
    assert (result.covered_communes, result.communes) == (3, 2)
    assert result.car_commuters == pytest.approx(480)
    assert result.users == pytest.approx(60)
    assert result.round_trips == pytest.approx(4800)
    assert result.trips == pytest.approx(9600)
    assert result.commute_km == pytest.approx(176_000)
    assert result.space_km == pytest.approx(46_400)
    assert result.rebound_km == pytest.approx(32_400)
    assert result.car_km == pytest.approx(97_200)
    assert result.co2e_tonnes == pytest.approx(19.44)
    assert (result.observed_commute_km, result.observed_car_commuters) == (1, 0)
    assert result.commute_km - result.space_km - result.rebound_km == pytest.approx(result.car_km)
    with pytest.raises(ValueError):
        result.per_commune_car_km[0] = 0  # read-only, like the coverage arrays


def test_default_parameters_by_hand():
    result = trips_avoided([1000], [2.0], covered=[True])
    # 1000 × 0.41 × 0.74 × 0.30 × 0.10 = 9.102 users; × 1 day × 45 weeks = 409.59 round trips;
    # × 2 × (13 − 2) km × (1 − 0.31) = 6,217.58 car-km; × 0.2 kg = 1.2435 t.
    assert result.users == pytest.approx(9.102)
    assert result.round_trips == pytest.approx(409.59)
    assert result.car_km == pytest.approx(409.59 * 22 * 0.69)
    assert result.co2e_tonnes == pytest.approx(409.59 * 22 * 0.69 * 0.2 / 1000)


def test_observed_car_commuters_replace_the_population_model():
    result = trips_avoided(
        [1000, 1000], [5.0, 5.0], ROUND, covered=[True, True], car_commuters=[100, np.nan]
    )
    # 100 observed car commuters against 400 from the population model.
    np.testing.assert_allclose(result.per_commune_users, [12.5, 50])
    assert result.observed_car_commuters == 1


def test_zero_population_gives_zero():
    result = trips_avoided([0, 0], [1.0, 3.0], ROUND, covered=[True, True])
    assert result.communes == 2  # covered and nearer than work, but nobody lives there
    assert result.users == result.trips == result.car_km == result.co2e_tonnes == 0
    empty = trips_avoided([], [], covered=np.array([], dtype=bool))
    assert empty.communes == 0 and empty.co2e_tonnes == 0


@pytest.mark.parametrize("distance", [20.0, 20.5, 80.0])
def test_no_gain_when_the_space_is_not_nearer_than_work(distance):
    result = trips_avoided([1000], [distance], ROUND, covered=[True])
    assert result.communes == 0 and result.covered_communes == 1
    assert result.trips == result.car_km == result.co2e_tonnes == 0
    assert (result.per_commune_car_km >= 0).all()
    # Just nearer: a small positive gain.
    nearer = trips_avoided([1000], [19.5], ROUND, covered=[True])
    assert nearer.car_km == pytest.approx(4000 * 2 * 0.5 * 0.75)


def test_uncovered_communes_need_no_distance():
    result = trips_avoided([10, 1000], [np.inf, 2.0], ROUND, covered=[False, True])
    assert result.communes == 1 and np.isfinite(result.per_commune_car_km).all()
    with pytest.raises(TerritoryError, match=r"distance to the space for covered commune\(s\)"):
        trips_avoided([10, 1000], [np.inf, 2.0], ROUND, covered=[True, True])


def test_rebound_bounds():
    args = ([1000, 200], [5.0, 4.0])
    kwargs = {"covered": [True, True], "commute_km": [np.nan, 10.0]}
    none = trips_avoided(
        *args, ImpactParameters(**{**_values(ROUND), "rebound_share": 0}), **kwargs
    )
    full = trips_avoided(
        *args, ImpactParameters(**{**_values(ROUND), "rebound_share": 1}), **kwargs
    )
    some = trips_avoided(*args, ROUND, **kwargs)
    assert none.car_km == pytest.approx(176_000 - 46_400) and none.rebound_km == 0
    assert full.car_km == pytest.approx(0, abs=1e-6) and full.co2e_tonnes == pytest.approx(0)
    assert none.car_km > some.car_km > full.car_km
    # The rebound takes back car-km, never trips: people still stay away from the office.
    assert none.trips == some.trips == full.trips == pytest.approx(9600)


def _values(params):
    return {row.name: row.value for row in params.parameters_table()}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"employed_share": 1.2}, "employed_share must be a share between 0 and 1, not 1.2"),
        ({"car_commuter_share": -0.1}, "car_commuter_share must be a share between 0 and 1"),
        ({"teleworkable_share": math.nan}, "teleworkable_share must be a finite number"),
        ({"uptake_share": "most"}, "uptake_share must be a number, not 'most'"),
        ({"rebound_share": True}, "rebound_share must be a number, not True"),
        ({"space_car_share": 2}, "space_car_share must be a share between 0 and 1"),
        ({"kg_co2e_per_car_km": 0}, "kg_co2e_per_car_km must be positive, not 0"),
        ({"kg_co2e_per_car_km": -0.2}, "kg_co2e_per_car_km must be positive"),
        ({"commute_km": 0}, "commute_km must be positive"),
        ({"commute_km": math.inf}, "commute_km must be a finite number"),
        ({"days_per_week": 8}, "days_per_week must be positive and at most 7, not 8"),
        ({"days_per_week": 0}, "days_per_week must be positive"),
        ({"working_weeks": 60}, "working_weeks must be positive and at most 53"),
        ({"sources": {"speed": "a guess"}}, r"sources given for unknown parameter\(s\): 'speed'"),
    ],
)
def test_parameters_are_validated(kwargs, message):
    with pytest.raises(TerritoryError, match=message):
        ImpactParameters(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"population": [1, -2]}, r"negative or infinite population at position\(s\) '1'"),
        ({"population": [1, math.nan]}, "missing, negative or infinite population"),
        ({"distance_to_space_km": [1.0]}, "distance_to_space_km has 1 values for 2 communes"),
        ({"covered": [1, 0]}, "covered must be booleans"),
        ({"covered": [True]}, "covered has 1 values for 2 communes"),
        ({"commute_km": [1.0, -1.0]}, r"negative or infinite commute_km at position\(s\) '1'"),
        ({"car_commuters": [1.0, 2.0, 3.0]}, "car_commuters has 3 values for 2 communes"),
        ({"car_commuters": ["a", "b"]}, "car_commuters must be numbers"),
    ],
)
def test_bad_arrays(kwargs, message):
    arguments = {"population": [1, 2], "distance_to_space_km": [1.0, 2.0], "covered": [True] * 2}
    arguments.update(kwargs)
    with pytest.raises(TerritoryError, match=message):
        trips_avoided(**arguments)


def test_parameters_are_printed_with_their_sources():
    default = ImpactParameters()
    table = default.parameters_table()
    names = [row.name for row in table]
    assert names == [
        "employed_share",
        "car_commuter_share",
        "teleworkable_share",
        "uptake_share",
        "days_per_week",
        "working_weeks",
        "commute_km",
        "space_car_share",
        "kg_co2e_per_car_km",
        "rebound_share",
    ]
    assert all(row.unit and len(row.source) > 40 for row in table)
    sources = dict(default.sources)
    assert "INSEE" in sources["car_commuter_share"] and "74%" in sources["car_commuter_share"]
    assert "ADEME" in sources["rebound_share"] and "31%" in sources["rebound_share"]
    assert sources["uptake_share"].startswith("Assumption")
    assert sources["days_per_week"].startswith("Assumption")
    # A value the user changes says so, and keeps the default's citation for comparison.
    changed = ImpactParameters(commute_km=22.5, sources={"rebound_share": "Our own study."})
    assert changed.sources["commute_km"].startswith("Set by the user (default 13: INSEE")
    assert changed.sources["rebound_share"] == "Our own study."
    with pytest.raises(TypeError):
        changed.sources["commute_km"] = "edited"  # read-only
    report = trips_avoided([1000], [2.0], changed, covered=[True]).report()
    assert "commute_km = 22.5 km one way. Set by the user" in report
    assert "rebound_share = 0.31 share of the net car-km saved. Our own study." in report
    assert "CO2e avoided" in report and all(name in report for name in names)


MOBPRO = """\
COMMUNE;ARM;DCLT;ILT;IPONDI;TRANS
23008;ZZZZZ;23096;3;2.5;5
23008;ZZZZZ;23008;1;1.0;5
23008;ZZZZZ;23096;3;4;6
23008;ZZZZZ;99123;5;0.5;5
23176;ZZZZZ;87085;3;3,0;5
23176;ZZZZZ;23176;1;2;1
00000;ZZZZZ;23096;3;1.2;5

"""


@pytest.fixture
def mobpro(tmp_path):
    path = tmp_path / "FD_MOBPRO_2021.csv"
    path.write_text(MOBPRO, encoding="utf-8")
    return path


def test_read_mobpro_by_hand(mobpro):
    commutes = read_mobpro(mobpro)
    assert commutes.ids.tolist() == [AUBUSSON, LA_SOUTERRAINE]
    assert commutes.modes_known and commutes.weight_column == "IPONDI" and commutes.rows == 7
    # Aubusson: 2.5 + 1 + 0.5 car commuters (not the 4 by public transport); the 0.5 working
    # at an unknown place count, but only the 3.5 others are in the mean distance.
    np.testing.assert_allclose(commutes.commuters, [4.0, 3.0])
    np.testing.assert_allclose(commutes.all_commuters, [8.0, 5.0])
    expected = [
        (2.5 * road_km(AUBUSSON, GUERET) + 1.0 * 0.0) / 3.5,
        road_km(LA_SOUTERRAINE, LIMOGES),
    ]
    np.testing.assert_allclose(commutes.mean_km, expected, rtol=1e-12)
    assert commutes.mean_km[1] == pytest.approx(63.8, abs=0.05)  # 49.06 km as the crow flies × 1.3
    # Unknown codes are reported with their rows and weight, the heaviest first.
    assert [(u.code, u.role, u.rows, u.weight) for u in commutes.unknown] == [
        ("00000", "residence", 1, 1.2),
        ("99123", "workplace", 1, 0.5),
    ]


def test_read_mobpro_options(mobpro):
    only = read_mobpro(mobpro, residences=[LA_SOUTERRAINE])
    assert only.ids.tolist() == [LA_SOUTERRAINE] and only.rows == 2 and only.unknown == ()
    # Older files coded cars 4: nobody here.
    old = read_mobpro(mobpro, car_modes=["4"])
    assert old.commuters.tolist() == [0.0, 0.0] and np.isnan(old.mean_km).all()
    # Coordinates from a mapping, a function, and another detour index.
    mapping = read_mobpro(mobpro, PLACES, detour=1.0)
    np.testing.assert_allclose(
        mapping.mean_km[1], haversine_km(*PLACES[LA_SOUTERRAINE], *PLACES[LIMOGES])
    )
    assert {u.code for u in mapping.unknown} == {"00000", "99123"}
    function = read_mobpro(mobpro, lambda code: PLACES.get(code) if code != GUERET else None)
    assert GUERET in {u.code for u in function.unknown}
    assert function.mean_km[0] == 0.0  # only the commuter working in Aubusson is left


def test_flows_file_and_align(tmp_path):
    path = tmp_path / "flux.csv"
    path.write_text(
        "CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P\n"
        "23008;Aubusson;23096;Guéret;10\n"
        "23008;Aubusson;23008;Aubusson;30\n",
        encoding="utf-8",
    )
    flows = read_mobpro(path)
    assert not flows.modes_known and flows.weight_column == "NBFLUX_C21_ACTOCC15P"
    np.testing.assert_allclose(flows.commuters, [40.0])
    np.testing.assert_allclose(flows.mean_km, [road_km(AUBUSSON, GUERET) / 4])
    # Aligned to a territory: the file's modes are unknown, so the car share applies.
    drivers, commute = flows.align([GUERET, AUBUSSON], ROUND)
    assert np.isnan(drivers[0]) and np.isnan(commute[0])
    assert drivers[1] == pytest.approx(40 * 0.8) and commute[1] == flows.mean_km[0]


def test_mobpro_feeds_trips_avoided(mobpro):
    commutes = read_mobpro(mobpro)
    drivers, commute = commutes.align([AUBUSSON, GUERET, LA_SOUTERRAINE])
    np.testing.assert_allclose(drivers, [4.0, np.nan, 3.0])
    result = trips_avoided(
        [3366, 13161, 5207],
        [0.0, 0.0, 0.0],
        ROUND,
        covered=[True, True, True],
        commute_km=commute,
        car_commuters=drivers,
    )
    # Aubusson: 4 × 0.25 × 0.5 = 0.5 users × 80 days × 2 × its mean commute, less a quarter.
    assert result.per_commune_car_km[0] == pytest.approx(0.5 * 80 * 2 * commute[0] * 0.75)
    # Guéret is not in the file: the population model and the default distance.
    assert result.per_commune_car_km[1] == pytest.approx(13161 * 0.4 * 0.125 * 80 * 40 * 0.75)
    assert (result.observed_commute_km, result.observed_car_commuters) == (2, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("COMMUNE;IPONDI;TRANS\n23008;1;5\n", r"missing column\(s\) DCLT"),
        ("COMMUNE;DCLT;TRANS\n23008;23096;5\n", r"missing column\(s\) IPONDI"),
        ("DCLT;IPONDI\n23096;1\n", r"missing column\(s\) COMMUNE"),
        ("", r"missing column\(s\) COMMUNE, DCLT, IPONDI"),
        ("COMMUNE;DCLT;IPONDI;TRANS\n23008;23096;1;5\n23008;23096;abc;5\n", "line 3: IPONDI"),
        ("COMMUNE;DCLT;IPONDI;TRANS\n23008;23096;-1;5\n", "line 2: IPONDI must be a number >= 0"),
        ("COMMUNE;DCLT;IPONDI;TRANS\n23008;23096;nan;5\n", "must be a number >= 0, not 'nan'"),
        ("COMMUNE;DCLT;IPONDI;TRANS\n23008;23096\n", "line 2: 2 fields, expected 4"),
    ],
)
def test_bad_mobpro_files(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TerritoryError, match=rf"bad.csv.*{message}"):
        read_mobpro(path)


def test_bad_mobpro_arguments(mobpro, tmp_path):
    with pytest.raises(TerritoryError, match="missing.csv: cannot be read"):
        read_mobpro(tmp_path / "missing.csv")
    (tmp_path / "latin1.csv").write_bytes("COMMUNE;DCLT;IPONDI\n23008;Guéret;1\n".encode("cp1252"))
    with pytest.raises(TerritoryError, match="latin1.csv: not a readable CSV text file"):
        read_mobpro(tmp_path / "latin1.csv")
    with pytest.raises(TerritoryError, match="detour index must be a number >= 1"):
        read_mobpro(mobpro, detour=0.8)
    with pytest.raises(TerritoryError, match="car_modes must name at least one"):
        read_mobpro(mobpro, car_modes=[])
    with pytest.raises(TerritoryError, match="coordinates must be a mapping or a function"):
        read_mobpro(mobpro, coordinates=[1, 2])
    with pytest.raises(TerritoryError, match=r"coordinates of '\d{5}' must be a \(lat, lon\)"):
        read_mobpro(mobpro, coordinates=lambda code: "somewhere")


def test_creuse_end_to_end():
    creuse = points_for_territory(departement="23")
    sites = points_for_territory(insee=[GUERET, AUBUSSON, LA_SOUTERRAINE])
    result = coverage(creuse, sites, 20)
    # The travel model's road km: its minutes at its speed.
    km = result.nearest_minutes * result.model.speed_kmh / 60.0
    impact = trips_avoided(creuse.population, km, covered=result.covered)
    assert impact.covered_communes == int(result.covered.sum())
    assert 0 < impact.communes <= impact.covered_communes
    assert impact.co2e_tonnes == pytest.approx(impact.per_commune_co2e_tonnes.sum())
    assert (impact.per_commune_car_km[~result.covered] == 0).all()
    # Communes farther than the default 13 km commute from their space gain nothing.
    assert (impact.per_commune_car_km[result.covered & (km >= 13)] == 0).all()
    assert 0 < impact.co2e_tonnes < 1000


def test_docstring_examples_run():
    result = doctest.testmod(territory.impact, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
