"""The planner in Debian's Chromium: pick Creuse, run a coverage, see the map, download GeoJSON."""

import json

import pytest

from planner.models import PlanRun
from spaces.tests.factories import make_space
from spaces.tests.test_browser import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def creuse_spaces():
    make_space("La Quincaillerie", "Guéret", kind="tiers_lieu")
    make_space("Le Fab'Lab d'Aubusson", "Aubusson", kind="fablab", postcode="23200")


def test_coverage_of_creuse_with_the_directory(page, creuse_spaces, tmp_path):
    page.goto("/fr/planner/")
    check_accessibility(page)
    page.fill("#id_territory", "Creus")
    # The suggestions come from the server while typing.
    page.wait_for_function("document.querySelectorAll('#territory-suggestions option').length > 0")
    label = page.eval_on_selector("#territory-suggestions option", "o => o.value")
    assert label == "Creuse (23)"
    page.fill("#id_territory", label)
    page.check("input[name=strategy][value=coverage]")
    assert page.is_hidden("#id_new_sites")  # only the fields the question needs
    page.fill("#id_minutes", "20")
    page.select_option("#id_existing", "directory")
    page.click("#planner-form button[type=submit]")
    page.wait_for_url("**/fr/planner/runs/*/")

    page.wait_for_function("document.getElementById('plan-map').dataset.communes !== undefined")
    assert page.get_attribute("#plan-map", "data-communes") == "255"
    assert page.get_attribute("#plan-map", "data-sites") == "2"
    assert page.locator(".leaflet-interactive").count() >= 255
    check_accessibility(page)

    run = PlanRun.objects.get()
    with page.expect_download() as download_info:
        page.click("#download-geojson")
    path = tmp_path / "plan.geojson"
    download_info.value.save_as(path)
    data = json.loads(path.read_text())
    assert data["type"] == "FeatureCollection"
    communes = [f for f in data["features"] if f["properties"]["kind"] == "commune"]
    assert len(communes) == 255
    covered = sum(
        f["properties"]["population"] for f in communes if f["properties"]["covered_after"]
    )
    assert covered == pytest.approx(run.summary["covered_population"])
