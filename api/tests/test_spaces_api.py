import pytest

from spaces.tests.factories import make_space

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(network):
    make_space(
        "eLAN",
        "Lézat-sur-Lèze",
        has_wifi=True,
        has_meeting_room=True,
        seats=12,
        networks=[network],
        opening_hours="Mo-Fr 09:00-18:00",
        translations={
            "fr": {"short_description": "Ancienne école"},
            "es": {"short_description": "Antigua escuela"},
        },
    )
    make_space("Le Multiple", "Toulouse", kind="tiers_lieu", has_wifi=True)
    make_space("Design Kabi", "Bilbao", country="ES", latitude=43.263, longitude=-2.935)


def test_list_with_filters_and_paging(client, directory):
    data = client.get("/api/spaces", {"amenity": "has_wifi", "limit": 1}).json()
    assert data["count"] == 2 and data["pages"] == 2
    assert [s["name"] for s in data["results"]] == ["eLAN"]
    second = client.get("/api/spaces", {"amenity": "has_wifi", "limit": 1, "page": 2}).json()
    assert [s["name"] for s in second["results"]] == ["Le Multiple"]


def test_near_sorts_by_distance_and_reports_it(client, directory):
    data = client.get("/api/spaces", {"near": "43.6047,1.4442", "km": 100}).json()
    assert [s["name"] for s in data["results"]] == ["Le Multiple", "eLAN"]
    assert data["results"][0]["distance_km"] < data["results"][1]["distance_km"] < 100


def test_text_search_and_language(client, directory):
    data = client.get("/api/spaces", {"q": "escuela", "lang": "es"}).json()
    assert [s["short_description"] for s in data["results"]] == ["Antigua escuela"]
    assert client.get("/api/spaces", {"q": "escuela", "lang": "fr"}).json()["count"] == 0


def test_detail(client, directory):
    data = client.get("/api/spaces/elan").json()
    assert data["insee"] == "09167"
    assert data["opening_hours"] == "Mo-Fr 09:00-18:00"
    assert set(data["amenities"]) == {"has_wifi", "has_meeting_room"}
    assert data["networks"] == [{"name": "Cowopy", "slug": "cowopy"}]
    assert client.get("/api/spaces/nowhere").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"near": "abc"},
        {"near": "95,1"},
        {"km": "-1"},
        {"limit": "1000"},
        {"kind": "castle"},
        {"country": "ZZ"},
        {"amenity": "is_admin"},
        {"lang": "xx"},
        {"page": "0"},
        {"seats": "many"},
    ],
)
def test_bad_parameters_are_422_with_a_message(client, directory, params):
    response = client.get("/api/spaces", params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_bounded_queries(client, directory, network, django_assert_max_num_queries):
    for number in range(30):
        make_space(f"Espace {number}", "Guéret", networks=[network])
    with django_assert_max_num_queries(5):
        assert client.get("/api/spaces", {"limit": 50}).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/spaces", {"near": "46.17,1.87", "km": 10}).status_code == 200


def test_openapi_documentation(client):
    assert client.get("/api/docs").status_code == 200
    schema = client.get("/api/openapi.json").json()
    assert "/api/spaces" in schema["paths"] and "/api/spaces/{slug}" in schema["paths"]
