"""Demand points and sites as parallel numpy arrays, with their constructors.

A :class:`Points` holds one row per place (a commune, a village, a space):
identifier, name, population, latitude, longitude, EPCI and département. It is
built from the French communes reference file (:func:`points_for_territory`),
from a user's CSV or GeoJSON file for any country (:func:`points_from_file`),
or from plain arrays (:func:`points_from_arrays`). Every constructor validates
its input and raises :class:`~territory.errors.TerritoryError` naming the
offending identifiers.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from territory.communes import Commune, commune_index
from territory.errors import TerritoryError, describe_ids

__all__ = [
    "Dropped",
    "Points",
    "TerritoryError",
    "points_for_territory",
    "points_from_arrays",
    "points_from_file",
]


@dataclass(frozen=True, slots=True)
class Dropped:
    """A place left out of a :class:`Points`, and why."""

    id: str
    name: str
    reason: str


def _strings(values, n: int, default: str = "") -> np.ndarray:
    if values is None:
        return np.array([default] * n, dtype=str)
    return np.array([str(v) for v in values], dtype=str)


@dataclass(frozen=True, eq=False)
class Points:
    """Places as parallel, read-only numpy arrays.

    Parameters
    ----------
    ids, names : array of str
        Unique identifier (the INSEE code for a French commune) and name.
    population : array of float64
        Population counted at each place (finite, >= 0).
    lat, lon : array of float64
        WGS 84 degrees, latitude in [-90, 90], longitude in [-180, 180].
    epci, epci_name, dep : array of str
        Intercommunality identifier and name, département code; empty
        strings when unknown (user files outside France).
    dropped : tuple of Dropped
        Places of the requested territory left out because the reference file
        has no point or no population for them.

    Examples
    --------
    >>> pts = points_from_arrays(["a", "b"], [45.0, 45.1], [1.0, 1.1], population=[10, 5])
    >>> len(pts), pts.total_population
    (2, 15.0)
    >>> pts.take([1]).ids.tolist()
    ['b']
    """

    ids: np.ndarray
    names: np.ndarray
    population: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    epci: np.ndarray
    epci_name: np.ndarray
    dep: np.ndarray
    dropped: tuple[Dropped, ...] = field(default=())

    def __post_init__(self):
        ids = _strings(self.ids, 0)
        n = ids.size
        arrays = {
            "ids": ids,
            "names": _strings(self.names, n),
            "population": np.asarray(self.population, dtype=np.float64).reshape(-1),
            "lat": np.asarray(self.lat, dtype=np.float64).reshape(-1),
            "lon": np.asarray(self.lon, dtype=np.float64).reshape(-1),
            "epci": _strings(self.epci, n),
            "epci_name": _strings(self.epci_name, n),
            "dep": _strings(self.dep, n),
        }
        for name, array in arrays.items():
            if array.shape != (n,):
                raise TerritoryError(f"{name} has {array.size} values for {n} ids")
        _validate(ids, arrays["population"], arrays["lat"], arrays["lon"])
        for name, array in arrays.items():
            array.setflags(write=False)
            object.__setattr__(self, name, array)
        object.__setattr__(self, "dropped", tuple(self.dropped))

    def __len__(self) -> int:
        return int(self.ids.size)

    def __repr__(self) -> str:
        return (
            f"Points({len(self)} places, population {self.total_population:,.0f}, "
            f"{len(self.dropped)} dropped)"
        )

    @property
    def total_population(self) -> float:
        """Sum of the population of every place."""
        return float(self.population.sum())

    def take(self, indices) -> Points:
        """The places at ``indices`` (integers, a slice or a boolean mask), in that order.

        The result has no ``dropped`` places.
        """
        if not isinstance(indices, slice):
            indices = np.asarray(indices)
        if isinstance(indices, np.ndarray) and indices.dtype == bool:
            indices = np.flatnonzero(indices)
        return Points(
            ids=self.ids[indices],
            names=self.names[indices],
            population=self.population[indices],
            lat=self.lat[indices],
            lon=self.lon[indices],
            epci=self.epci[indices],
            epci_name=self.epci_name[indices],
            dep=self.dep[indices],
        )

    def index(self, ids: Iterable[str]) -> np.ndarray:
        """Positions of ``ids``; raises :class:`TerritoryError` for unknown ones.

        Examples
        --------
        >>> points_from_arrays(["a", "b"], [0.0, 1.0], [0.0, 1.0]).index(["b"]).tolist()
        [1]
        """
        where = {identifier: i for i, identifier in enumerate(self.ids.tolist())}
        ids = [str(i) for i in ids]
        unknown = [i for i in ids if i not in where]
        if unknown:
            raise TerritoryError(f"unknown place id(s): {describe_ids(unknown)}")
        return np.array([where[i] for i in ids], dtype=np.intp)


def _validate(ids: np.ndarray, population: np.ndarray, lat: np.ndarray, lon: np.ndarray):
    """Raise :class:`TerritoryError` naming the ids with bad values."""
    values, counts = np.unique(ids, return_counts=True)
    if (counts > 1).any():
        raise TerritoryError(f"duplicate id(s): {describe_ids(values[counts > 1])}")
    if (ids == "").any():
        raise TerritoryError(f"{int((ids == '').sum())} place(s) have an empty id")
    bad_point = ~(np.isfinite(lat) & np.isfinite(lon))
    if bad_point.any():
        raise TerritoryError(
            f"missing, NaN or infinite coordinates for {describe_ids(ids[bad_point])}"
        )
    out = (np.abs(lat) > 90) | (np.abs(lon) > 180)
    if out.any():
        raise TerritoryError(
            "coordinates out of range (latitude -90..90, longitude -180..180 degrees) "
            f"for {describe_ids(ids[out])}"
        )
    bad_population = ~np.isfinite(population)
    if bad_population.any():
        raise TerritoryError(
            f"missing, NaN or infinite population for {describe_ids(ids[bad_population])}"
        )
    negative = population < 0
    if negative.any():
        raise TerritoryError(f"negative population for {describe_ids(ids[negative])}")


def points_from_arrays(
    ids: Sequence,
    lat: Sequence[float],
    lon: Sequence[float],
    *,
    names: Sequence[str] | None = None,
    population: Sequence[float] | None = None,
    epci: Sequence[str] | None = None,
    epci_name: Sequence[str] | None = None,
    dep: Sequence[str] | None = None,
) -> Points:
    """Points from plain sequences, e.g. sites whose population does not matter.

    Names default to the ids, population to zero, EPCI and département to "".

    Examples
    --------
    >>> sites = points_from_arrays(["eLAN"], [43.27579], [1.34591])
    >>> sites.names.tolist(), sites.population.tolist()
    (['eLAN'], [0.0])
    """
    ids = [str(i) for i in ids]
    n = len(ids)
    return Points(
        ids=ids,
        names=ids if names is None else names,
        population=np.zeros(n) if population is None else population,
        lat=lat,
        lon=lon,
        epci=epci,
        epci_name=epci_name,
        dep=dep,
    )


def _from_communes(communes: Sequence[Commune], what: str) -> Points:
    kept, dropped = [], []
    for commune in communes:
        if commune.lat is None or commune.lon is None:
            dropped.append(Dropped(commune.insee, commune.name, "no point in the reference file"))
        elif commune.population is None:
            dropped.append(
                Dropped(commune.insee, commune.name, "no population in the reference file")
            )
        else:
            kept.append(commune)
    if not kept:
        detail = f" ({len(dropped)} commune(s) without a point or population)" if dropped else ""
        raise TerritoryError(f"empty territory: {what} has no usable commune{detail}")
    return Points(
        ids=[c.insee for c in kept],
        names=[c.name for c in kept],
        population=[c.population for c in kept],
        lat=[c.lat for c in kept],
        lon=[c.lon for c in kept],
        epci=[c.epci for c in kept],
        epci_name=[c.epci_name for c in kept],
        dep=[c.dep for c in kept],
        dropped=tuple(dropped),
    )


def points_for_territory(
    *,
    departement: str | int | None = None,
    epci: str | None = None,
    insee: Iterable[str] | None = None,
    communes: Sequence[Commune] | None = None,
) -> Points:
    """The communes of a French territory, from the communes reference file.

    Give exactly one of ``departement``, ``epci`` or ``insee``. Communes the
    reference file has no point or population for are left out and listed in
    ``Points.dropped``.

    Parameters
    ----------
    departement : str or int, optional
        Département code: ``"23"``, ``"09"`` (or ``9``), ``"2A"``, ``"974"``.
    epci : str, optional
        SIREN of an EPCI (intercommunality), e.g. ``"200034825"``.
    insee : iterable of str, optional
        INSEE codes of communes; duplicates are ignored, order is kept.
    communes : sequence of Commune, optional
        The reference communes; defaults to ``data/communes-fr.csv``.

    Returns
    -------
    Points

    Raises
    ------
    TerritoryError
        Unknown département, EPCI or INSEE code, not exactly one selector, or
        an empty territory.

    Examples
    --------
    >>> creuse = points_for_territory(departement="23")
    >>> len(creuse), str(creuse.dep[0])
    (255, '23')
    >>> points_for_territory(insee=["23096"]).names.tolist()
    ['Guéret']
    """
    given = [
        name
        for name, value in (("departement", departement), ("epci", epci), ("insee", insee))
        if value is not None
    ]
    if len(given) != 1:
        raise TerritoryError(
            "give exactly one of departement, epci or insee"
            + (f" (got {', '.join(given)})" if given else "")
        )
    if communes is None:
        communes = commune_index().communes
    if departement is not None:
        code = str(departement).strip().upper()
        if code.isdigit() and len(code) == 1:
            code = code.zfill(2)
        selected = [c for c in communes if c.dep == code]
        if not selected:
            raise TerritoryError(
                f"unknown département {str(departement)!r} (expected a code such as '23' or '2A')"
            )
        return _from_communes(selected, f"département {code}")
    if epci is not None:
        code = str(epci).strip()
        selected = [c for c in communes if c.epci == code]
        if not code or not selected:
            raise TerritoryError(
                f"unknown EPCI {str(epci)!r} (expected a SIREN such as '200034825')"
            )
        return _from_communes(selected, f"EPCI {code}")
    if isinstance(insee, str):
        insee = [insee]
    codes = list(dict.fromkeys(str(code).strip() for code in insee))
    if not codes:
        raise TerritoryError("empty territory: no INSEE code given")
    by_insee = {c.insee: c for c in communes}
    unknown = [code for code in codes if code not in by_insee]
    if unknown:
        raise TerritoryError(f"unknown INSEE code(s): {describe_ids(unknown)}")
    return _from_communes([by_insee[code] for code in codes], "the list of INSEE codes")


def _number(value, identifier: str, column: str) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return math.nan
    if isinstance(value, bool):
        raise TerritoryError(f"{column} of {identifier!r} is not a number: {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TerritoryError(f"{column} of {identifier!r} is not a number: {value!r}") from None


def _population_value(value, required: bool):
    """A site file may leave the population out or blank: it then counts as zero."""
    if not required and (value is None or (isinstance(value, str) and not value.strip())):
        return 0
    return value


def _rows_from_csv(path: Path, required: tuple[str, ...]) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        sample = handle.readline()
        handle.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.DictReader(handle, delimiter=delimiter)
        columns = {(c or "").strip().lower() for c in reader.fieldnames or []}
        missing = [c for c in required if c not in columns]
        if missing:
            raise TerritoryError(
                f"{path.name}: missing column(s) {', '.join(missing)} "
                f"(expected {','.join(required)} and optionally epci)"
            )
        return [
            {k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
            for row in reader
        ]


def _rows_from_geojson(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except json.JSONDecodeError as error:
        raise TerritoryError(f"{path.name}: not valid JSON ({error})") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise TerritoryError(f"{path.name}: expected a GeoJSON FeatureCollection")
    rows, not_points = [], []
    for number, feature in enumerate(data.get("features") or [], start=1):
        properties = dict((feature or {}).get("properties") or {})
        identifier = properties.get("id", (feature or {}).get("id"))
        identifier = str(identifier) if identifier is not None else f"feature {number}"
        geometry = (feature or {}).get("geometry") or {}
        coordinates = geometry.get("coordinates")
        if geometry.get("type") != "Point" or not isinstance(coordinates, list | tuple):
            not_points.append(identifier)
            continue
        if len(coordinates) < 2:
            not_points.append(identifier)
            continue
        rows.append(
            {
                **{k.lower(): v for k, v in properties.items()},
                "id": identifier,
                "lon": coordinates[0],
                "lat": coordinates[1],
            }
        )
    if not_points:
        raise TerritoryError(
            f"{path.name}: only Point features are accepted; not a point: "
            f"{describe_ids(not_points)}"
        )
    return rows


def points_from_file(path: Path | str, *, population: bool = True) -> Points:
    """Points from a user's CSV or GeoJSON file, for any country.

    A CSV file (comma or semicolon separated, UTF-8) has the columns
    ``id,name,population,lat,lon`` and optionally ``epci``, ``epci_name`` and
    ``dep``. A GeoJSON file (``.geojson`` or ``.json``) is a FeatureCollection
    of Point features whose properties hold ``id`` (or the feature's ``id``),
    ``name``, ``population`` and optionally the same extra fields.

    With ``population=False`` (a file of sites rather than of inhabitants),
    the population column is optional and counts as zero when absent.

    Raises
    ------
    TerritoryError
        Missing columns, non-numeric values, missing or negative population,
        NaN/infinite or out-of-range coordinates (naming the offending ids),
        duplicate ids, or a file with no point.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "v.csv").write_text("id,name,population,lat,lon\\nv1,Vila,120,41.5,2.1\\n")
    >>> points_from_file(folder / "v.csv").names.tolist()
    ['Vila']
    """
    path = Path(path)
    if not path.is_file():
        raise TerritoryError(f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        rows = _rows_from_geojson(path)
    elif suffix in (".csv", ".txt", ""):
        required = (
            ("id", "name", "population", "lat", "lon") if population else ("id", "lat", "lon")
        )
        rows = _rows_from_csv(path, required)
    else:
        raise TerritoryError(f"{path.name}: expected a .csv, .geojson or .json file")
    if not rows:
        raise TerritoryError(f"empty territory: {path.name} has no point")
    ids = [str(row.get("id") or "").strip() for row in rows]
    return Points(
        ids=ids,
        names=[
            str(row.get("name") or identifier) for row, identifier in zip(rows, ids, strict=True)
        ],
        population=[
            _number(_population_value(r.get("population"), population), i, "population")
            for r, i in zip(rows, ids, strict=True)
        ],
        lat=[_number(r.get("lat"), i, "lat") for r, i in zip(rows, ids, strict=True)],
        lon=[_number(r.get("lon"), i, "lon") for r, i in zip(rows, ids, strict=True)],
        epci=[str(row.get("epci") or "") for row in rows],
        epci_name=[str(row.get("epci_name") or "") for row in rows],
        dep=[str(row.get("dep") or "") for row in rows],
    )
