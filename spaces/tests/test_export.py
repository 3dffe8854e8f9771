"""Downloads of the directory (CSV, GeoJSON, JSON) and their round trip through the import."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from spaces import services
from spaces.importers import import_file
from spaces.models import Network, Space
from spaces.values import current_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(space, network):
    """eLAN (from conftest) plus a fully described fablab and a space with no point."""
    cowocat = Network.objects.create(name="Cowocat", slug="cowocat")
    fablab = services.space_save(
        space=None,
        values={
            "name": "Fab'Lèze",
            "kind": "fablab",
            "town": "Foix",
            "postcode": "09000",
            "country": "FR",
            "address": "2 place Saint-Volusien",
            "opening_hours": "Tu-Sa 10:00-19:00; PH off",
            "price_day": Decimal("12.50"),
            "price_month": Decimal("140.00"),
            "price_notes": "Tarif réduit; étudiants",
            "seats": 8,
            "area_m2": 120,
            "wifi_mbps": 300,
            "has_wifi": True,
            "has_printer": True,
            "offers_events": True,
            "wheelchair_access": False,
            "website": "https://fablab.example.org/",
            "email": "atelier@fablab.example.org",
            "phone": "+33 5 61 02 03 04",
            "social_links": "https://www.facebook.com/fablab\nhttps://mastodon.example/@fab",
            "networks": [network, cowocat],
        },
        translations={
            "fr": {
                "short_description": 'Atelier partagé, "machines"',
                "description": "**Gras**\n\n- a, b",
            },
            "en": {"short_description": "Shared workshop", "description": ""},
        },
    )
    unlocated = services.space_save(
        space=None,
        values={"name": "Cowork Vic", "kind": "coworking", "town": "Vic", "country": "ES"},
        translations={"es": {"short_description": "Espacio en Vic"}},
    )
    return [space, fablab, unlocated]


def state() -> dict:
    """Everything an export carries, by slug: values, networks and descriptions."""
    spaces = Space.objects.prefetch_related("networks", "translations")
    return {
        s.slug: (
            current_values(s),
            {
                t.language: (t.short_description, t.description)
                for t in s.translations.all()
                if t.short_description or t.description
            },
        )
        for s in spaces
    }


def download(client, fmt, query=""):
    response = client.get(reverse("spaces:export", args=[fmt]) + query)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode("utf-8")


def test_csv_export_has_the_documented_columns(client, directory):
    response, body = download(client, "csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="maillage-spaces-')
    assert response["Link"] == '<https://opendatacommons.org/licenses/odbl/1-0/>; rel="license"'
    rows = list(csv.DictReader(io.StringIO(body)))
    header = body.splitlines()[0].split(",")
    assert header[:3] == ["id", "slug", "name"]
    assert header[-1] == "updated_at"
    # Only languages with text get columns: no Catalan, Basque, German or Latvian.
    assert [c for c in header if c.startswith("short_description_")] == [
        "short_description_fr",
        "short_description_en",
        "short_description_es",
    ]
    by_slug = {row["slug"]: row for row in rows}
    fablab = by_slug["fableze"]
    assert fablab["id"] == "maillage:fableze"
    assert fablab["networks"] == "cowocat|cowopy"
    assert fablab["price_day"] == "12.50"
    assert fablab["has_wifi"] == "true" and fablab["has_scanner"] == "false"
    assert fablab["wheelchair_access"] == "false"
    assert by_slug["elan"]["wheelchair_access"] == ""
    assert fablab["short_description_fr"] == 'Atelier partagé, "machines"'
    assert not body.startswith("#")


def test_an_imported_space_keeps_its_source_identifier(client, tmp_path):
    source = tmp_path / "osm.json"
    source.write_text(
        json.dumps(
            {
                "elements": [
                    {
                        "type": "node",
                        "id": 42,
                        "lat": 42.9656,
                        "lon": 1.6053,
                        "tags": {"office": "coworking", "name": "La Ruche", "addr:city": "Foix"},
                    }
                ]
            }
        )
    )
    import_file(source)

    _response, body = download(client, "csv")

    assert next(csv.DictReader(io.StringIO(body)))["id"] == "osm:node/42"


def test_csv_round_trip_is_lossless_and_updates_instead_of_duplicating(client, directory):
    before = state()
    _response, body = download(client, "csv")
    # Change everything the file will restore.
    fablab = Space.objects.get(slug="fableze")
    services.space_save(
        space=fablab,
        values={"name": "Renamed", "price_day": Decimal("1"), "has_wifi": False, "networks": []},
        translations={"fr": {"short_description": "autre", "description": ""}},
    )

    report = import_file(body.encode("utf-8"))

    assert report.summary == "imported 0, updated 3, rejected 0"
    assert [row.action for row in report.rows if row.slug == "fableze"] == ["updated"]
    assert Space.objects.count() == 3
    assert state() == before


def test_csv_round_trip_into_an_empty_directory_recreates_every_space(client, directory):
    before = state()
    _response, body = download(client, "csv")
    Space.objects.all().delete()
    Network.objects.all().delete()

    report = import_file(body.encode("utf-8"))

    assert report.summary == "imported 3, updated 0, rejected 0"
    assert state() == before
    assert Space.objects.get(slug="fableze").source == "maillage"
    # The new copy exports under the same identifiers, so a second import changes nothing.
    _response, again = download(client, "csv")
    assert {row["id"] for row in csv.DictReader(io.StringIO(again))} == {
        "maillage:elan",
        "maillage:fableze",
        "maillage:cowork-vic",
    }
    assert import_file(again.encode("utf-8")).summary == "imported 0, updated 3, rejected 0"
    assert Space.objects.count() == 3


@pytest.mark.parametrize("fmt", ["geojson", "json"])
def test_json_exports_round_trip_too(client, directory, fmt):
    before = state()
    _response, body = download(client, fmt)
    Space.objects.all().delete()

    report = import_file(body.encode("utf-8"))

    assert report.format == f"maillage-{fmt}"
    assert report.summary == "imported 3, updated 0, rejected 0"
    assert state() == before


def test_geojson_export_parses_and_states_its_licence(client, directory):
    response, body = download(client, "geojson")

    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(body)
    assert data["type"] == "FeatureCollection"
    assert data["licence"] == "ODbL-1.0"
    assert data["licence_url"] == "https://opendatacommons.org/licenses/odbl/1-0/"
    assert data["source"].endswith(reverse("spaces:open_data"))
    assert data["generated_at"]
    features = {f["properties"]["slug"]: f for f in data["features"]}
    elan = Space.objects.get(slug="elan")
    assert features["elan"]["geometry"] == {
        "type": "Point",
        "coordinates": [elan.longitude, elan.latitude],
    }
    assert features["cowork-vic"]["geometry"] is None
    assert features["fableze"]["properties"]["price_day"] == 12.5
    assert features["fableze"]["properties"]["networks"] == ["cowocat", "cowopy"]


def test_json_export_parses_and_counts_the_spaces(client, directory):
    response, body = download(client, "json")

    assert response["Content-Type"] == "application/json"
    data = json.loads(body)
    assert data["licence"] == "ODbL-1.0"
    assert data["count"] == len(data["spaces"]) == 3
    assert {s["id"] for s in data["spaces"]} >= {"maillage:elan"}


def test_exports_apply_the_list_page_filters(client, directory):
    _response, body = download(client, "csv", "?kind=fablab")
    assert [row["slug"] for row in csv.DictReader(io.StringIO(body))] == ["fableze"]

    _response, body = download(client, "json", "?country=ES")
    data = json.loads(body)
    assert data["count"] == 1 and data["spaces"][0]["slug"] == "cowork-vic"

    _response, body = download(client, "geojson", "?near=Foix&km=5")
    assert [f["properties"]["slug"] for f in json.loads(body)["features"]] == ["fableze"]


def test_closed_spaces_are_left_out_unless_asked_for(client, directory):
    services.space_save(space=Space.objects.get(slug="elan"), values={"status": "closed"})

    _response, body = download(client, "json")
    assert "elan" not in {s["slug"] for s in json.loads(body)["spaces"]}

    _response, body = download(client, "json", "?status=closed")
    assert [s["slug"] for s in json.loads(body)["spaces"]] == ["elan"]


def test_invalid_filters_are_a_400_and_unknown_formats_a_404(client, directory):
    response, body = download(client, "csv", "?seats=many")
    assert response.status_code == 400

    assert client.get(reverse("spaces:export", args=["xlsx"])).status_code == 404


def test_an_export_costs_a_bounded_number_of_queries(
    client, directory, django_assert_max_num_queries
):
    for number in range(40):
        services.space_save(
            space=None,
            values={
                "name": f"Espace {number}",
                "town": "Foix",
                "country": "FR",
                "networks": [Network.objects.get(slug="cowopy")],
            },
            translations={"fr": {"short_description": f"Numéro {number}"}},
        )
    for fmt in ("csv", "geojson", "json"):
        with django_assert_max_num_queries(12):
            response, body = download(client, fmt)
        assert response.status_code == 200
        assert "Espace 39" in body


def test_the_export_command_writes_a_file(tmp_path, directory):
    out = tmp_path / "spaces.geojson"

    call_command("export_spaces", "--format", "geojson", "--out", str(out))

    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 3


def test_the_open_data_page_states_the_licence_and_links_the_downloads(client, db):
    with translation.override("en"):
        response = client.get(reverse("spaces:open_data"))
        downloads = [reverse("spaces:export", args=[fmt]) for fmt in ("csv", "geojson", "json")]

    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license"' in body
    for url in downloads:
        assert f'href="{url}"' in body
    assert "/api/docs" in body
    assert "python manage.py import_spaces" in body
    assert "<code>short_description_&lt;lang&gt;</code>" in body
