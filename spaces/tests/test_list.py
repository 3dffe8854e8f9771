import datetime as dt

import pytest
from django.urls import reverse

from spaces.models import Space
from spaces.selectors import SpaceQuery, search_spaces
from spaces.tests.factories import make_space

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(network):
    make_space(
        "eLAN",
        "Lézat-sur-Lèze",
        postcode="09210",
        has_wifi=True,
        has_meeting_room=True,
        seats=12,
        networks=[network],
        opening_hours="Mo-Fr 09:00-18:00",
        translations={
            "fr": {"short_description": "Ancienne école communale"},
            "es": {"short_description": "Antigua escuela municipal"},
        },
    )
    make_space(
        "Le Multiple",
        "Toulouse",
        kind="tiers_lieu",
        has_wifi=True,
        seats=40,
        opening_hours="Mo-Sa 08:00-20:00",
    )
    make_space("La Quincaillerie", "Guéret", kind="tiers_lieu", has_meeting_room=True, seats=20)
    make_space(
        "Espai La Magrana",
        "Valls",
        country="ES",
        latitude=41.286,
        longitude=1.25,
        has_wifi=True,
        has_meeting_room=True,
        timezone="Europe/Madrid",
        translations={"es": {"short_description": "Coworking rural en Valls"}},
        source_language="es",
    )
    make_space("Fermé", "Anglet", status="closed", has_wifi=True, has_meeting_room=True)


def names(response):
    return [space.name for space in response.context["page"].object_list]


def test_text_search_ignores_accents_and_case(client, directory):
    assert names(client.get(reverse("spaces:list"), {"q": "lezat"})) == ["eLAN"]
    assert names(client.get(reverse("spaces:list"), {"q": "GUERET"})) == ["La Quincaillerie"]
    assert names(client.get(reverse("spaces:list"), {"q": "quincaillerie gueret"})) == [
        "La Quincaillerie"
    ]


def test_text_search_reads_descriptions_in_the_visitors_language(client, directory):
    assert names(client.get("/fr/spaces/", {"q": "ecole"})) == ["eLAN"]
    assert names(client.get("/es/spaces/", {"q": "escuela"})) == ["eLAN"]
    assert names(client.get("/fr/spaces/", {"q": "escuela"})) == []
    # A space described only in its source language is still found from other languages.
    assert names(client.get("/fr/spaces/", {"q": "rural"})) == ["Espai La Magrana"]


def test_amenity_filters_combine(client, directory):
    response = client.get(reverse("spaces:list"), {"amenity": ["has_wifi", "has_meeting_room"]})
    assert names(response) == ["eLAN", "Espai La Magrana"]


def test_closed_spaces_are_hidden_unless_asked(client, directory):
    assert "Fermé" not in names(client.get(reverse("spaces:list")))
    assert names(client.get(reverse("spaces:list"), {"status": "closed"})) == ["Fermé"]


def test_filters_by_kind_country_network_seats_and_place(client, directory):
    url = reverse("spaces:list")
    assert names(client.get(url, {"kind": "tiers_lieu"})) == ["La Quincaillerie", "Le Multiple"]
    assert names(client.get(url, {"country": "ES"})) == ["Espai La Magrana"]
    assert names(client.get(url, {"network": "cowopy"})) == ["eLAN"]
    assert names(client.get(url, {"seats": "15"})) == ["La Quincaillerie", "Le Multiple"]
    assert names(client.get(url, {"departement": "23 – Creuse"})) == ["La Quincaillerie"]
    assert names(client.get(url, {"region": "Occitanie"})) == ["eLAN", "Le Multiple"]


def test_near_a_town_sorts_by_distance_within_the_radius(client, directory):
    response = client.get(reverse("spaces:list"), {"near": "Toulouse", "km": "60"})
    spaces = response.context["page"].object_list
    assert [s.name for s in spaces] == ["Le Multiple", "eLAN"]
    assert spaces[0].distance_km < 5 < spaces[1].distance_km < 60
    assert "km" in response.content.decode()


def test_near_a_postcode_and_a_town_abroad(client, directory):
    assert names(client.get(reverse("spaces:list"), {"near": "23000", "km": "5"})) == [
        "La Quincaillerie"
    ]
    assert names(client.get(reverse("spaces:list"), {"near": "Valls", "km": "5"})) == [
        "Espai La Magrana"
    ]


def test_unknown_place_and_bad_radius_are_clear_errors(client, directory):
    response = client.get(reverse("spaces:list"), {"near": "Nowhere-sur-Rien", "km": "-3"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "near" in errors and "km" in errors


def test_open_now_uses_each_spaces_local_time(directory):
    monday_morning = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)  # 10:30 in Paris
    open_spaces = search_spaces(SpaceQuery(open_now=True), "fr", now=monday_morning)
    assert sorted(s.name for s in open_spaces.queryset) == ["Le Multiple", "eLAN"]
    sunday = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    assert not search_spaces(SpaceQuery(open_now=True), "fr", now=sunday).queryset.exists()


def test_open_now_filter_on_the_page(client, directory):
    response = client.get(reverse("spaces:list"), {"open_now": "on"})
    assert response.status_code == 200


def test_list_pages_have_a_bounded_number_of_queries(
    client, directory, network, django_assert_max_num_queries
):
    for number in range(60):
        make_space(
            f"Espace {number}",
            "Guéret",
            networks=[network],
            translations={"fr": {"short_description": f"Espace numéro {number}"}},
        )
    with django_assert_max_num_queries(9):
        response = client.get(reverse("spaces:list"), {"amenity": "has_wifi"})
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(reverse("spaces:list"), {"near": "Guéret", "km": "30", "page": "2"})
    assert len(response.context["page"].object_list) == 20
    with django_assert_max_num_queries(4):
        client.get(reverse("spaces:map_data"), {"q": "espace"})


def test_pagination_keeps_the_filters(client, directory):
    for number in range(25):
        make_space(f"Tiers-lieu {number:02d}", "Guéret", kind="tiers_lieu")
    response = client.get(reverse("spaces:list"), {"kind": "tiers_lieu"})
    page = response.content.decode()
    assert "kind=tiers_lieu&amp;page=2" in page
    second = client.get(reverse("spaces:list"), {"kind": "tiers_lieu", "page": "2"})
    assert len(second.context["page"].object_list) == 7
    assert client.get(reverse("spaces:list"), {"page": "999"}).status_code == 200


def test_map_data_follows_the_filters(client, directory):
    data = client.get(reverse("spaces:map_data"), {"country": "ES"}).json()
    assert [f["properties"]["name"] for f in data["features"]] == ["Espai La Magrana"]
    assert data["features"][0]["geometry"]["coordinates"] == [1.25, 41.286]
    everything = client.get(reverse("spaces:map_data")).json()
    assert len(everything["features"]) == Space.objects.exclude(status="closed").count()


def test_garbage_filters_never_give_a_server_error(client, directory):
    for params in (
        {"kind": "castle"},
        {"seats": "many"},
        {"km": "1e999"},
        {"near": "x" * 500},
        {"country": "ZZ"},
        {"page": "-1"},
        {"q": "\x00"},
        {"amenity": "is_admin"},
    ):
        assert client.get(reverse("spaces:list"), params).status_code in (200, 400)
        assert client.get(reverse("spaces:map_data"), params).status_code in (200, 400)


def test_commune_suggestions(client):
    results = client.get(reverse("spaces:communes"), {"q": "lezat"}).json()["results"]
    assert results[0]["insee"] == "09167"
    assert client.get(reverse("spaces:communes"), {"q": "x"}).json() == {"results": []}


def test_the_filter_form_keeps_what_was_chosen(client, directory):
    page = client.get(
        reverse("spaces:list"),
        {"departement": "23 – Creuse", "kind": "tiers_lieu", "status": "open", "country": "FR"},
    ).content.decode()
    assert '<option value="23 – Creuse" selected>' in page
    assert '<option value="09 – Ariège">' in page
    assert 'name="kind" value="tiers_lieu" checked>' in page
    assert 'name="kind" value="fablab">' in page
    assert '<option value="FR" selected>' in page
