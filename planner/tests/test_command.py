"""`manage.py plan` end to end: real communes, real engine, files checked."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from spaces.tests.factories import make_space

pytestmark = pytest.mark.django_db


def run(tmp_path, *args):
    out = tmp_path / "out"
    log = io.StringIO()
    call_command("plan", *args, "--out", str(out), stdout=log)
    return out, log.getvalue()


def test_new_sites_in_creuse_with_directory_spaces(tmp_path):
    make_space("La Quincaillerie", "Guéret", kind="tiers_lieu")
    out, log = run(tmp_path, "--departement", "23", "--minutes", "20", "--new-sites", "5")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["territory"] == "Creuse (23)"
    assert summary["parameters"]["existing_sites"] == 1
    assert [s["rank"] for s in summary["new_sites"]] == [1, 2, 3, 4, 5]
    assert summary["covered_share"] > summary["covered_share_before"]
    rows = list(csv.DictReader((out / "communes.csv").open()))
    assert len(rows) == summary["communes"] == 255
    assert json.loads((out / "plan.geojson").read_text())["type"] == "FeatureCollection"
    assert 'id="plan-data"' in (out / "map.html").read_text()
    assert "rank" in log and summary["new_sites"][0]["name"] in log


def test_cover_everyone_from_scratch(tmp_path):
    out, log = run(tmp_path, "--departement", "23", "--cover", "100%", "--existing", "none")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["covered_share"] == pytest.approx(1.0)
    assert summary["solver"]["proven"]
    assert "proven optimal" in log


def test_two_tier_from_an_epci(tmp_path):
    out, _ = run(tmp_path, "--epci", "200034825", "--two-tier", "20,10", "--existing", "none")
    summary = json.loads((out / "summary.json").read_text())
    assert {s["tier"] for s in summary["new_sites"]} <= {1, 2}
    assert summary["covered_share"] == pytest.approx(1.0)


def test_user_points_and_existing_file(tmp_path):
    places = tmp_path / "valls.csv"
    places.write_text(
        "id,name,population,lat,lon\nv1,Valls,25000,41.286,1.25\n"
        "v2,Alcover,5000,41.263,1.170\nv3,Montblanc,7000,41.376,1.162\n"
    )
    sites = tmp_path / "sites.csv"
    sites.write_text("id,name,lat,lon\nmagrana,Espai La Magrana,41.286,1.25\n")
    out, _ = run(tmp_path, "--communes", str(places), "--existing", str(sites), "--minutes", "10")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["population"] == 37000
    assert summary["covered_population"] >= 25000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--departement", "99"], "unknown département"),
        (["--epci", "123"], "unknown EPCI"),
        (["--departement", "23", "--minutes", "0"], "minutes"),
        (["--departement", "23", "--minutes", "nan"], "minutes"),
        (["--departement", "23", "--new-sites", "400"], "candidate"),
        (["--departement", "23", "--new-sites", "0"], "at least 1"),
        (["--departement", "23", "--cover", "0%"], "share"),
        (["--departement", "23", "--cover", "lots"], "share"),
        (["--departement", "23", "--two-tier", "10"], "two minutes"),
        (["--departement", "23", "--two-tier", "10,20"], "exceed"),
        (["--departement", "23", "--existing", "/nonexistent.csv"], "no such file"),
    ],
)
def test_bad_input_gives_a_clear_error(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, *args)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,name,population,lat,lon\na,A,10,nan,1.0\n", "coordinates"),
        ("id,name,population,lat,lon\na,A,-5,45,1.0\n", "negative"),
        ("id,name,population,lat,lon\n", "empty territory"),
    ],
)
def test_bad_user_files(tmp_path, content, message):
    path = tmp_path / "places.csv"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        run(tmp_path, "--communes", str(path))


def test_commuting_file_replaces_the_default_commute(tmp_path):
    mobpro = tmp_path / "mobpro.csv"
    # Aubusson residents: 40 drive to Guéret (about 35 km away), 10 take the bus.
    mobpro.write_text(
        "COMMUNE;DCLT;IPONDI;TRANS\n23008;23096;40;5\n23008;23096;10;6\n", encoding="utf-8"
    )
    plain, _ = run(tmp_path, "--departement", "23", "--existing", "none", "--new-sites", "3")
    default = json.loads((plain / "summary.json").read_text())["impact"]
    out = tmp_path / "with-file"
    log = io.StringIO()
    call_command(
        "plan", "--departement", "23", "--existing", "none", "--new-sites", "3",
        "--mobpro", str(mobpro), "--out", str(out), stdout=log,
    )  # fmt: skip
    impact = json.loads((out / "summary.json").read_text())["impact"]
    assert impact["commuting_file"] and not default["commuting_file"]
    assert impact["after"] != default["after"]
    assert "from data for 1 commune" in log.getvalue()
