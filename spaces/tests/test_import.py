"""`import_spaces`: the CGET national file, OpenStreetMap exports, bad rows, dry runs."""

import csv
import io
import json
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from spaces.models import Network, Space, SpaceRevision
from spaces.values import current_values

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "cget-tiers-lieux-2019-sample.csv"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
HEADER = SAMPLE_TEXT.splitlines()[0].split(",")


def run(path, *args) -> str:
    """The command's output, in English whatever the catalogues say."""
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_spaces", str(path), *args, stdout=out)
    return out.getvalue()


def cget_rows() -> list[dict]:
    return list(csv.DictReader(io.StringIO(SAMPLE_TEXT)))


def write_cget(path: Path, rows: list[dict], delimiter=",", encoding="utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def snapshot() -> dict:
    return {s.source_id: current_values(s) for s in Space.objects.prefetch_related("networks")}


def test_the_cget_sample_imports_every_row_as_published():
    output = run(SAMPLE)

    assert output.splitlines()[-1] == "imported 25, updated 0, rejected 0"
    assert Space.objects.filter(source="cget").count() == 25
    anticafe = Space.objects.get(source="cget", source_id="2")
    assert anticafe.name == "Anticafé"
    assert anticafe.kind == "coworking"
    assert anticafe.website == "http://www.anticafe.eu"
    assert (anticafe.latitude, anticafe.longitude) == (48.869483, 2.361539)
    # 75110 (the former 10th arrondissement) is no commune: Paris is found by postcode and town.
    assert anticafe.insee == "75056"
    assert anticafe.region == "Île-de-France"
    grenoble = Space.objects.get(source="cget", source_id="4")
    assert grenoble.insee == "38185"
    assert grenoble.departement.startswith("38")
    assert SpaceRevision.objects.filter(origin="import").count() == 25


def test_importing_the_same_file_twice_updates_instead_of_duplicating():
    run(SAMPLE)
    before = snapshot()
    stamps = dict(Space.objects.values_list("source_id", "updated_at"))

    output = run(SAMPLE, "--verbosity", "2")

    assert output.splitlines()[-1] == "imported 0, updated 25, rejected 0"
    assert output.count(": Unchanged: ") == 25
    assert Space.objects.count() == 25
    assert snapshot() == before
    # Unchanged rows are not saved at all: no new revision, no new date.
    assert dict(Space.objects.values_list("source_id", "updated_at")) == stamps
    assert SpaceRevision.objects.count() == 25


def test_a_changed_row_is_updated_and_local_additions_are_kept(tmp_path):
    run(SAMPLE)
    nantes = Space.objects.get(source="cget", source_id="1")
    nantes.phone = "02 40 00 00 00"
    nantes.save()
    rows = cget_rows()
    rows[0]["NOM_TL"] = "ADE Coworking Nantes"

    output = run(write_cget(tmp_path / "changed.csv", rows))

    assert output.splitlines()[-1] == "imported 0, updated 25, rejected 0"
    nantes.refresh_from_db()
    assert nantes.name == "ADE Coworking Nantes"
    # The national file has no phone column: a phone added here is not erased.
    assert nantes.phone == "02 40 00 00 00"
    assert nantes.revisions.filter(origin="import").count() == 2


def test_windows_1252_with_semicolons_and_decimal_commas_imports_the_same(tmp_path):
    rows = cget_rows()
    for row in rows:
        row["LAT"] = row["LAT"].replace(".", ",")
        row["LONG"] = row["LONG"].replace(".", ",")
    latin = write_cget(tmp_path / "cget-excel.csv", rows, delimiter=";", encoding="cp1252")
    assert "é".encode("cp1252") in latin.read_bytes()

    assert run(latin).splitlines()[-1] == "imported 25, updated 0, rejected 0"
    assert Space.objects.get(source_id="2").name == "Anticafé"
    assert Space.objects.get(source_id="4").latitude == 45.18532

    # The UTF-8, comma-separated original finds every value already there.
    assert run(SAMPLE, "--verbosity", "2").count(": Unchanged: ") == 25


def test_a_bom_and_blank_lines_are_ignored(tmp_path):
    lines = SAMPLE_TEXT.splitlines()
    text = "\ufeff" + "\n".join([lines[0], lines[1], "", lines[2], ""]) + "\n"
    path = tmp_path / "bom.csv"
    path.write_text(text, encoding="utf-8")

    assert run(path).splitlines()[-1] == "imported 2, updated 0, rejected 0"


def test_bad_rows_are_reported_with_their_line_while_good_rows_go_in(tmp_path):
    rows = cget_rows()[:4]
    rows[1].update(LAT="quarante-sept", INSEECOM="", CP="99999", NOMCOM="Nulle-Part")
    rows[2]["NOM_TL"] = ""
    # A bad point but a known commune: the space goes in at the centre of the commune.
    rows[3]["LAT"] = "n/a"
    path = write_cget(tmp_path / "bad.csv", rows)

    output = run(path).splitlines()

    assert "line 3: rejected: coordinates “quarante-sept”, “2.361539” are not numbers" in output
    assert "line 4: rejected: the name is missing" in output
    assert (
        "line 5: warning: coordinates “n/a”, “5.731603” are not numbers: placed at the commune"
        in output
    )
    assert output[-1] == "imported 2, updated 0, rejected 2"
    assert sorted(Space.objects.values_list("source_id", flat=True)) == ["1", "4"]
    grenoble = Space.objects.get(source_id="4")
    assert grenoble.insee == "38185"
    assert grenoble.latitude is not None and abs(grenoble.latitude - 45.18) < 0.1


def test_contact_fields_are_cleaned_or_left_out_with_a_warning(tmp_path):
    rows = cget_rows()[:3]
    rows[0].update(WEB="pas de site", MAIL="contact(at)ade", TWITTER="@adecowork", TYPO="")
    rows[1].update(FACEBOOK="anticafe.paris", MAIL="bonjour@anticafe.eu / autre@x.fr")
    rows[2].update(TYPO="Tiers lieux à dominante fablab", LAT="3.08581", LONG="50.65505")
    output = run(write_cget(tmp_path / "contacts.csv", rows)).splitlines()

    assert output[-1] == "imported 3, updated 0, rejected 0"
    assert "line 2: warning: website “pas de site” is not a web address: left out" in output
    assert "line 2: warning: email “contact(at)ade” is not valid: left out" in output
    assert "line 4: warning: latitude and longitude were swapped: corrected" in output
    nantes, paris, lille = (Space.objects.get(source_id=i) for i in ("1", "2", "3"))
    assert (nantes.website, nantes.email, nantes.kind) == ("", "", "tiers_lieu")
    assert nantes.social_links == "https://twitter.com/adecowork"
    assert paris.email == "bonjour@anticafe.eu"
    assert paris.social_links == "https://www.facebook.com/anticafe.paris"
    assert (lille.kind, lille.latitude, lille.longitude) == ("fablab", 50.65505, 3.08581)


def test_a_repeated_identifier_is_rejected(tmp_path):
    rows = cget_rows()[:2]
    rows[1]["ID"] = rows[0]["ID"]
    output = run(write_cget(tmp_path / "twice.csv", rows)).splitlines()

    assert "line 3: rejected: the identifier 1 already appears on line 2" in output
    assert Space.objects.count() == 1


def test_a_dry_run_reports_everything_and_writes_nothing():
    output = run(SAMPLE, "--dry-run").splitlines()

    assert output[-2:] == ["Dry run: nothing was written.", "imported 25, updated 0, rejected 0"]
    assert Space.objects.count() == 0
    assert SpaceRevision.objects.count() == 0


def test_missing_required_columns_reject_the_whole_file(tmp_path):
    rows = [{k: v for k, v in row.items() if k not in ("LAT", "LONG")} for row in cget_rows()]
    path = write_cget(tmp_path / "no-point.csv", rows)

    with pytest.raises(CommandError, match="Required columns are missing: LAT, LONG"):
        run(path)
    assert Space.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("people.csv", b"first_name,last_name\nAda,Lovelace\n", "columns of this file are not"),
        ("empty.csv", b"", "The file is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("broken.geojson", b'{"type": "FeatureCollection", "features": [', "not valid JSON"),
        ("list.json", b"[1, 2, 3]", "not an export of spaces"),
    ],
)
def test_an_unreadable_file_is_a_command_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        run(path)
    assert Space.objects.count() == 0


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "nowhere.csv")


def test_a_forced_format_that_does_not_fit_is_a_command_error():
    with pytest.raises(CommandError, match="not valid JSON"):
        run(SAMPLE, "--format", "osm")
    assert Space.objects.count() == 0


def test_an_overpass_turbo_geojson_export_imports_coworking_spaces_only():
    path = DATA / "osm-overpass-turbo.geojson"

    output = run(path).splitlines()

    assert "feature 3: rejected: not a coworking space" in output
    assert "feature 5: rejected: country unknown" in output
    assert (
        "feature 2: warning: opening hours “weekdays 9 to 5” are not understood: left out" in output
    )
    assert "feature 2: warning: no address: France assumed from the location" in output
    assert output[-1] == "imported 3, updated 0, rejected 2"
    foix = Space.objects.get(source="osm", source_id="node/4411223344")
    assert foix.address == "12 Rue de Rhône"
    assert (foix.town, foix.postcode, foix.insee, foix.country) == ("Foix", "09000", "09122", "FR")
    assert foix.email == "bonjour@laruche-foix.example.org"
    assert foix.wheelchair_access is True and foix.has_wifi and foix.seats == 14
    assert foix.opening_slots.count() == 5
    couserans = Space.objects.get(source_id="way/552211")
    assert (couserans.latitude, couserans.longitude) == pytest.approx((42.986, 1.146))
    assert couserans.opening_hours == "" and couserans.wheelchair_access is False
    vic = Space.objects.get(source_id="node/9911")
    assert (vic.country, vic.insee) == ("ES", "")

    assert run(path).splitlines()[-1] == "imported 0, updated 3, rejected 2"
    assert Space.objects.count() == 3


def test_an_overpass_api_json_export_imports_nodes_and_ways():
    path = DATA / "osm-overpass-api.json"

    output = run(path).splitlines()

    # The untagged node is the geometry of the way, not a place: it is not reported.
    assert "feature 4: rejected: not a coworking space" in output
    assert not any(line.startswith("feature 3:") for line in output)
    assert output[-1] == "imported 2, updated 0, rejected 1"
    elan = Space.objects.get(source="osm", source_id="node/1201")
    assert elan.insee == "09167" and elan.has_wifi
    chai = Space.objects.get(source_id="way/3402")
    assert (chai.latitude, chai.longitude) == (46.1686, 1.8717)
    assert chai.website == "http://lechai.example.org"
    assert chai.insee == "23096"


def test_a_national_file_of_1512_rows_imports_twice_without_duplicates(tmp_path):
    """The published file's size: synthetic rows made from the sample, with distinct IDs."""
    sample = cget_rows()
    rows = []
    for number in range(1, 1513):
        row = dict(sample[(number - 1) % len(sample)])
        row["ID"] = str(number)
        row["NOM_TL"] = f"{row['NOM_TL']} {number}"
        row["LAT"] = f"{float(row['LAT']) + number / 100000:.6f}"
        rows.append(row)
    path = write_cget(tmp_path / "national.csv", rows)

    started = time.monotonic()
    first = run(path).splitlines()[-1]
    second = run(path).splitlines()[-1]
    elapsed = time.monotonic() - started

    assert first == "imported 1512, updated 0, rejected 0"
    assert second == "imported 0, updated 1512, rejected 0"
    assert Space.objects.filter(source="cget").count() == 1512
    assert Space.objects.values("slug").distinct().count() == 1512
    assert elapsed < 60, f"two imports of 1,512 rows took {elapsed:.0f} s"


def test_networks_named_in_a_file_are_created_once(tmp_path):
    header = "id,name,country,networks\n"
    path = tmp_path / "networks.csv"
    path.write_text(
        header + "test:1,Un,FR,Cowocat|Réseau Occitanie\ntest:2,Deux,FR,cowocat\n",
        encoding="utf-8",
    )

    assert run(path).splitlines()[-1] == "imported 2, updated 0, rejected 0"
    assert sorted(Network.objects.values_list("slug", flat=True)) == ["cowocat", "reseau-occitanie"]
    assert Space.objects.get(source_id="2").networks.get().name == "Cowocat"


def test_bad_values_in_our_own_format_are_rejected_with_the_field(tmp_path):
    path = tmp_path / "maillage.csv"
    path.write_text(
        "id,name,country,seats,latitude,longitude,has_wifi,social_links\n"
        "maillage:un,Un,FR,many,,,,\n"
        "maillage:deux,Deux,FR,3,95,1.2,,\n"
        "maillage:trois,Trois,FR,,43.2,,,\n"
        "maillage:quatre,Quatre,FR,,,,perhaps,\n"
        "maillage:cinq,Cinq,FR,,,,,not a link\n"
        "sans-source,Six,FR,,,,,\n"
        "maillage:sept,Sept,XX,,,,,\n"
        "maillage:huit,Huit,FR,4,43.2,1.2,true,https://example.org/huit\n",
        encoding="utf-8",
    )

    output = run(path).splitlines()

    assert output[-1] == "imported 1, updated 0, rejected 7"
    assert "line 2: rejected: seats: “many” is not a valid value" in output
    assert any(line.startswith("line 3: rejected: latitude: Ensure this value") for line in output)
    assert "line 4: rejected: give both latitude and longitude, or neither" in output
    assert "line 5: rejected: Wi-Fi: “perhaps” is not a valid value" in output
    assert "line 6: rejected: social link “not a link” is not a web address" in output
    assert any("must look like “source:identifier”" in line for line in output)
    assert any(line.startswith("line 8: rejected: country: ") for line in output)
    assert Space.objects.get().source_id == "huit"


@pytest.mark.parametrize(
    "document",
    [
        {"spaces": [None, 3, "x", {"id": None}, {"id": "a:b"}, {"name": "No id"}]},
        {"type": "FeatureCollection", "features": [{"properties": {"slug": "s", "id": 1}}, 2]},
        {
            "elements": [
                None,
                {"type": "node"},
                {"tags": "x"},
                {"type": "way", "id": 1, "tags": {"office": "coworking", "name": "Nowhere"}},
            ]
        },
    ],
)
def test_malformed_items_are_rejected_rows_never_crashes(tmp_path, document):
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    output = run(path).splitlines()

    assert output[-1].startswith("imported 0, updated 0, rejected ")
    assert Space.objects.count() == 0


def test_any_cut_of_a_valid_file_imports_or_fails_cleanly(tmp_path):
    """Truncated downloads are common: no cut may raise anything but a command error."""
    data = SAMPLE.read_bytes()[:3000]
    for content in [data[:cut] for cut in range(0, len(data), 97)] + [
        (DATA / "osm-overpass-turbo.geojson").read_bytes()[:cut] for cut in range(0, 2000, 61)
    ]:
        path = tmp_path / "cut.bin"
        path.write_bytes(content)
        try:
            output = run(path)
        except CommandError:
            continue
        assert output.splitlines()[-1].startswith("imported ")


def test_a_line_with_missing_cells_is_rejected(tmp_path):
    lines = SAMPLE_TEXT.splitlines()
    path = tmp_path / "cut.csv"
    path.write_text("\n".join([lines[0], lines[1], lines[2][:60]]), encoding="utf-8")

    output = run(path).splitlines()

    assert "line 3: rejected: this line has 8 cells where the header has 30" in output
    assert output[-1] == "imported 1, updated 0, rejected 1"
