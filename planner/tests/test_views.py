"""The planner's pages through Django's test client, with the real engine and database."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from planner import services
from planner.models import PlanRun, RunStatus
from planner.territories import find_territories, resolve_territory
from spaces.tests.factories import make_space

pytestmark = pytest.mark.django_db

INDEX = "/fr/planner/"


@pytest.fixture
def creuse_spaces(db):
    make_space("La Quincaillerie", "Guéret", kind="tiers_lieu")
    make_space("Le Fab'Lab d'Aubusson", "Aubusson", kind="fablab", postcode="23200")


def post_plan(client, **fields):
    data = {"territory": "Creuse (23)", "strategy": "coverage", "minutes": 20,
            "existing": "directory", **fields}  # fmt: skip
    return client.post(INDEX, data)


def test_territories_are_found_by_name_code_and_accents():
    assert find_territories("creuse")[0].key == "departement:23"
    assert find_territories("ARIEGE")[0].key == "departement:09"
    assert resolve_territory("Creuse (23)").code == "23"
    assert resolve_territory("epci:200034825") is not None
    assert resolve_territory("Atlantide") is None


def test_suggestions_endpoint(client):
    response = client.get(reverse("planner:territories"), {"q": "Gueret"})
    labels = [r["label"] for r in response.json()["results"]]
    assert any("Grand Guéret" in label for label in labels)


def test_index_page_renders_in_spanish(client):
    response = client.get("/es/planner/")
    assert response.status_code == 200
    assert "Planificador territorial" in response.content.decode()


def test_coverage_run_with_directory_spaces(client, creuse_spaces):
    response = post_plan(client)
    run = PlanRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/runs/{run.pk}/")
    assert run.status == RunStatus.DONE, run.error
    assert run.summary["parameters"]["existing_sites"] == 2
    assert 0 < run.summary["covered_share"] < 1
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Creuse" in page.content.decode()


def test_max_cover_run_downloads(client, creuse_spaces):
    post_plan(client, strategy="max_cover", new_sites=3)
    run = PlanRun.objects.get()
    assert run.status == RunStatus.DONE, run.error
    assert [s["rank"] for s in run.summary["new_sites"]] == [1, 2, 3]

    url = reverse("planner:download", args=[run.pk, "csv"])
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    assert len(rows) == run.summary["communes"]

    geojson = json.loads(client.get(reverse("planner:download", args=[run.pk, "geojson"])).content)
    assert sum(f["properties"]["kind"] == "new" for f in geojson["features"]) == 3

    html = client.get(reverse("planner:download", args=[run.pk, "html"])).content.decode()
    assert 'id="plan-data"' in html and "L.map" in html and "<script src" not in html

    pdf = client.get(reverse("planner:download", args=[run.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 5000

    summary = json.loads(client.get(reverse("planner:download", args=[run.pk, "json"])).content)
    assert summary["covered_share"] == run.summary["covered_share"]


def test_two_tier_and_set_cover_runs(client):
    post_plan(client, strategy="set_cover", share=90, existing="none")
    post_plan(
        client, strategy="two_tier", structuring_minutes=20, village_minutes=10, existing="none"
    )
    runs = {r.strategy: r for r in PlanRun.objects.all()}
    assert runs["set_cover"].status == RunStatus.DONE, runs["set_cover"].error
    assert runs["set_cover"].summary["covered_share"] >= 0.9
    assert runs["two_tier"].status == RunStatus.DONE, runs["two_tier"].error
    assert runs["two_tier"].summary["covered_share"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"territory": "Atlantide"}, "territory"),
        ({"territory": ""}, "territory"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": -3}, "minutes"),
        ({"minutes": "abc"}, "minutes"),
        ({"strategy": "max_cover", "new_sites": 999}, "new_sites"),
        ({"strategy": "max_cover", "new_sites": 300}, "new_sites"),
        ({"strategy": "max_cover", "new_sites": 0}, "new_sites"),
        ({"strategy": "set_cover", "share": 0}, "share"),
        ({"strategy": "set_cover", "share": 150}, "share"),
        ({"strategy": "two_tier", "structuring_minutes": 10, "village_minutes": 20},
         "village_minutes"),
        ({"strategy": "magic"}, "strategy"),
        ({"existing": "elsewhere"}, "existing"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_and_nothing_is_stored(client, fields, field):
    response = post_plan(client, **fields)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert PlanRun.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connections
def test_large_territory_goes_to_the_worker_with_progress(client, settings):
    settings.PLANNER_TIME_LIMIT = 10
    with pytest.MonkeyPatch.context() as patch:
        # A département above the inline limit: Creuse stands for one by lowering the limit.
        patch.setattr(services, "INLINE_COMMUNES", 100)
        response = post_plan(client, strategy="max_cover", new_sites=2, existing="none")
    run = PlanRun.objects.get()
    assert run.status == RunStatus.QUEUED
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and 'http-equiv="refresh"' in page
    assert client.get(reverse("planner:status", args=[run.pk])).json()["status"] == "queued"
    assert client.get(reverse("planner:download", args=[run.pk, "csv"])).status_code == 409

    call_command("db_worker", batch=True, verbosity=0)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.progress == 1.0
    assert len(run.summary["new_sites"]) == 2


def test_unknown_run_and_format_are_404(client, creuse_spaces):
    assert client.get("/fr/planner/runs/00000000-0000-0000-0000-000000000000/").status_code == 404
    post_plan(client)
    run = PlanRun.objects.get()
    assert client.get(f"/fr/planner/runs/{run.pk}/plan.exe").status_code == 404


def test_delete_permissions_per_role(client, make_user, coordinator, member):
    owner = make_user("olga")
    client.force_login(owner)
    post_plan(client, existing="none")
    run = PlanRun.objects.get()
    url = reverse("planner:delete", args=[run.pk])
    client.logout()
    assert client.post(url).status_code == 403  # anonymous
    client.force_login(member)
    assert client.post(url).status_code == 403  # another member
    client.force_login(owner)
    assert client.post(url).status_code == 302
    assert not PlanRun.objects.exists()
    client.force_login(owner)
    post_plan(client, existing="none")
    client.force_login(coordinator)
    assert (
        client.post(reverse("planner:delete", args=[PlanRun.objects.get().pk])).status_code == 302
    )
    assert client.get(url).status_code == 405


@pytest.mark.parametrize(
    "query",
    [
        {"territory": "x" * 5000},
        {"territory": "Creuse (23)", "strategy": "max_cover", "new_sites": "1e9"},
        {"territory": "Creuse (23)", "minutes": "NaN"},
        {"territory": "Creuse (23)", "minutes": "inf", "share": "-0"},
        {"territory": "\u202e23", "strategy": "two_tier", "village_minutes": "[]"},
    ],
)
def test_odd_input_never_breaks_the_pages(client, query):
    assert client.get(INDEX, query).status_code == 200
    assert client.post(INDEX, query).status_code == 200
    assert PlanRun.objects.count() == 0
    assert client.get(reverse("planner:territories"), {"q": query["territory"]}).status_code == 200


def test_run_page_query_count_is_bounded(client, django_assert_max_num_queries, creuse_spaces):
    post_plan(client, strategy="max_cover", new_sites=3)
    run = PlanRun.objects.get()
    with django_assert_max_num_queries(3):
        assert client.get(run.get_absolute_url()).status_code == 200
