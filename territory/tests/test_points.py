"""Points from the communes reference file, user files and arrays; bad input."""

import json
import math

import numpy as np
import pytest

from territory.communes import commune_index
from territory.errors import TerritoryError
from territory.points import Points, points_for_territory, points_from_arrays, points_from_file


def test_creuse_and_ariege_hold_every_commune_of_the_reference_file():
    communes = commune_index().communes
    for dep, expected in (("23", "Guéret"), ("09", "Foix")):
        points = points_for_territory(departement=dep)
        reference = [c for c in communes if c.dep == dep]
        assert len(points) == len(reference) and not points.dropped
        assert points.ids.tolist() == [c.insee for c in reference]
        assert points.total_population == sum(c.population for c in reference)
        assert expected in points.names.tolist()
        assert set(points.dep.tolist()) == {dep}
    assert len(points_for_territory(departement=9)) == len(points_for_territory(departement="09"))


def test_points_are_read_only_parallel_arrays():
    creuse = points_for_territory(departement="23")
    gueret = creuse.index(["23096"])[0]
    assert creuse.names[gueret] == "Guéret" and creuse.epci[gueret] == "200034825"
    assert creuse.epci_name[gueret] == "CA du Grand Guéret"
    assert creuse.population.dtype == np.float64 and creuse.lat.dtype == np.float64
    with pytest.raises(ValueError):
        creuse.population[0] = 1.0
    subset = creuse.take(creuse.epci == "200034825")
    assert 0 < len(subset) < len(creuse) and set(subset.epci.tolist()) == {"200034825"}


def test_epci_and_insee_selection():
    grand_gueret = points_for_territory(epci="200034825")
    assert "23096" in grand_gueret.ids.tolist()
    assert set(grand_gueret.epci_name.tolist()) == {"CA du Grand Guéret"}
    chosen = points_for_territory(insee=["09167", "23096", "09167"])
    assert chosen.ids.tolist() == ["09167", "23096"]
    assert chosen.names.tolist() == ["Lézat-sur-Lèze", "Guéret"]


def test_communes_without_point_or_population_are_reported_and_dropped():
    # Cantal has communes without a point; Mayotte has no municipal population.
    cantal = points_for_territory(departement="15")
    assert {"15031", "15035"} <= {d.id for d in cantal.dropped}
    assert all("no point" in d.reason for d in cantal.dropped)
    assert not set(cantal.ids.tolist()) & {d.id for d in cantal.dropped}
    mixed = points_for_territory(insee=["15031", "23096"])
    assert mixed.ids.tolist() == ["23096"] and [d.id for d in mixed.dropped] == ["15031"]
    with pytest.raises(TerritoryError, match="empty territory.*976"):
        points_for_territory(departement="976")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"departement": "99"}, r"unknown département '99'"),
        ({"epci": "123456789"}, r"unknown EPCI '123456789'"),
        ({"insee": ["23096", "99999"]}, r"unknown INSEE code\(s\): '99999'"),
        ({"insee": []}, r"empty territory: no INSEE code"),
        ({"insee": ["15031"]}, r"empty territory.*without a point"),
        ({}, r"exactly one of departement, epci or insee"),
        ({"departement": "23", "epci": "200034825"}, r"exactly one.*departement, epci"),
    ],
)
def test_bad_territories_raise_clear_errors(kwargs, message):
    with pytest.raises(TerritoryError, match=message):
        points_for_territory(**kwargs)


def test_territory_error_is_a_value_error():
    assert issubclass(TerritoryError, ValueError)


def test_user_csv_for_any_country(tmp_path):
    path = tmp_path / "valles.csv"
    path.write_text(
        "\ufeffid;name;population;lat;lon;epci\n"
        "ES1;Vilanova;1200;41.22;1.72;garraf\n"
        "ES2;Sitges;29000;41.235;1.81;garraf\n",
        encoding="utf-8",
    )
    points = points_from_file(path)
    assert points.ids.tolist() == ["ES1", "ES2"]
    assert points.population.tolist() == [1200.0, 29000.0]
    assert points.epci.tolist() == ["garraf", "garraf"] and points.dep.tolist() == ["", ""]


def test_user_geojson(tmp_path):
    path = tmp_path / "villages.geojson"
    features = [
        {
            "type": "Feature",
            "id": "v1",
            "geometry": {"type": "Point", "coordinates": [-8.61, 41.15]},
            "properties": {"name": "Porto", "population": 230000},
        },
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [-8.4, 41.3]},
            "properties": {"id": "v2", "name": "Aldeia", "population": "85", "epci": "norte"},
        },
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    points = points_from_file(path)
    assert points.ids.tolist() == ["v1", "v2"]
    assert points.lat.tolist() == [41.15, 41.3] and points.lon.tolist() == [-8.61, -8.4]
    assert points.population.tolist() == [230000.0, 85.0]
    assert points.epci.tolist() == ["", "norte"]


def _csv(tmp_path, body):
    path = tmp_path / "points.csv"
    path.write_text("id,name,population,lat,lon\n" + body)
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("a,A,10,nan,1\nb,B,5,45,1\n", r"NaN or infinite coordinates for 'a'"),
        ("a,A,10,45,1\nb,B,5,,1\n", r"missing, NaN or infinite coordinates for 'b'"),
        ("a,A,10,95,1\n", r"out of range.*for 'a'"),
        ("a,A,10,45,181\n", r"out of range.*for 'a'"),
        ("a,A,-3,45,1\nb,B,-1,45,1\n", r"negative population for 'a', 'b'"),
        ("a,A,,45,1\n", r"missing, NaN or infinite population for 'a'"),
        ("a,A,inf,45,1\n", r"infinite population for 'a'"),
        ("a,A,many,45,1\n", r"population of 'a' is not a number: 'many'"),
        ("a,A,1,45,1\na,B,2,45,1\n", r"duplicate id\(s\): 'a'"),
        ("", r"empty territory: points.csv has no point"),
    ],
)
def test_bad_user_csv_names_the_offending_ids(tmp_path, body, message):
    with pytest.raises(TerritoryError, match=message):
        points_from_file(_csv(tmp_path, body))


def test_bad_user_files(tmp_path):
    with pytest.raises(TerritoryError, match="missing column.*population"):
        (tmp_path / "a.csv").write_text("id,name,lat,lon\na,A,45,1\n")
        points_from_file(tmp_path / "a.csv")
    with pytest.raises(TerritoryError, match="only Point features.*'p1'"):
        polygon = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
        feature = {"type": "Feature", "geometry": polygon, "properties": {"id": "p1"}}
        (tmp_path / "b.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": [feature]})
        )
        points_from_file(tmp_path / "b.geojson")
    with pytest.raises(TerritoryError, match="not valid JSON"):
        (tmp_path / "c.json").write_text("{")
        points_from_file(tmp_path / "c.json")
    with pytest.raises(TerritoryError, match="no such file"):
        points_from_file(tmp_path / "missing.csv")
    with pytest.raises(TerritoryError, match="expected a .csv"):
        (tmp_path / "d.xlsx").write_bytes(b"")
        points_from_file(tmp_path / "d.xlsx")


def test_arrays_are_validated_too():
    with pytest.raises(TerritoryError, match="NaN or infinite coordinates for 'x'"):
        points_from_arrays(["w", "x"], [45.0, math.nan], [1.0, 1.0])
    with pytest.raises(TerritoryError, match="negative population for 'w'"):
        points_from_arrays(["w"], [45.0], [1.0], population=[-1])
    with pytest.raises(TerritoryError, match="lat has 1 values for 2 ids"):
        points_from_arrays(["w", "x"], [45.0], [1.0, 2.0])
    with pytest.raises(TerritoryError, match="unknown place id"):
        points_from_arrays(["w"], [45.0], [1.0]).index(["nope"])
    empty = Points(ids=[], names=[], population=[], lat=[], lon=[], epci=[], epci_name=[], dep=[])
    assert len(empty) == 0 and empty.total_population == 0.0
