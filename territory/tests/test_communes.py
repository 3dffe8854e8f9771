from territory.communes import commune_index
from territory.geo import bounding_box, haversine_km
from territory.text import fold


def test_the_reference_file_holds_every_commune_with_its_places():
    index = commune_index()
    assert len(index.communes) > 34_000
    gueret = index.get("23096")
    assert gueret.name == "Guéret" and gueret.dep == "23" and "23000" in gueret.postcodes
    assert gueret.epci_name == "CA du Grand Guéret"
    assert 46.0 < gueret.lat < 46.3 and 1.7 < gueret.lon < 2.0


def test_search_by_name_ignores_accents_and_prefers_exact_names():
    index = commune_index()
    assert index.search("lezat sur leze")[0].insee == "09167"
    assert index.resolve("Valence").name == "Valence"
    assert index.resolve("HAGETMAU").insee == "40119"


def test_search_by_postcode_and_insee_code():
    index = commune_index()
    assert {c.name for c in index.search("46140")} >= {"Luzech"}
    assert index.resolve("09167").name == "Lézat-sur-Lèze"
    assert index.search("") == [] and index.search("---") == []


def test_fold_and_distances():
    assert fold("Saint-Étienne-de-Baïgorry") == "saint etienne de baigorry"
    assert round(haversine_km(0, 0, 0, 1), 1) == 111.2
    min_lat, max_lat, min_lon, max_lon = bounding_box(45.0, 1.0, 10)
    assert min_lat < 45 < max_lat and min_lon < 1 < max_lon
    assert haversine_km(45, 1, max_lat, 1) >= 9.99
