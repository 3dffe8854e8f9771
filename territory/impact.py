"""Commuting trips, car-km and CO2 avoided when people work from a nearby space.

For each commune that a space covers (the caller decides which, usually those
within the coverage threshold), the model counts::

    car commuters   = inhabitants × employed_share × car_commuter_share
                      (or the number read from an INSEE commuting file)
    space users     = car commuters × teleworkable_share × uptake_share
    round trips     = space users × days_per_week × working_weeks      (per year)
    car-km avoided  = round trips × 2 × (commute_km − space_car_share × distance_to_space_km)
                      × (1 − rebound_share)
    t CO2e avoided  = car-km avoided × kg_co2e_per_car_km / 1000

A trip is one one-way commute, so a round trip is two trips. A commune whose
space is as far as the usual workplace or farther gains nothing: nobody is
assumed to drive farther to work from a space, so its figures are zero, never
negative.

Every parameter is explicit, in :class:`ImpactParameters`, with a default
taken from a public source or marked as an assumption; the result prints them
with their sources (:meth:`ImpactResult.report`). The figures are orders of
magnitude for comparing plans, not a carbon assessment.

The usual commute distance is, by default, one figure for every commune (the
median for rural residents). :func:`read_mobpro` derives it per commune, with
the number of car commuters, from an INSEE "mobilités professionnelles" file.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from territory.communes import commune_index
from territory.errors import TerritoryError, describe_ids
from territory.travel import haversine_km_array

__all__ = [
    "Commutes",
    "ImpactParameters",
    "ImpactResult",
    "ParameterRow",
    "UnknownCommune",
    "read_mobpro",
    "trips_avoided",
]

# Unit, and the citation of each default. "Assumption" marks a number no public
# source gives directly; the text says what it rests on.
_UNITS = {
    "employed_share": "share of inhabitants",
    "car_commuter_share": "share of people in employment",
    "teleworkable_share": "share of jobs",
    "uptake_share": "share of teleworkable car commuters",
    "days_per_week": "days per week",
    "working_weeks": "weeks per year",
    "commute_km": "km one way",
    "space_car_share": "share of trips to the space",
    "kg_co2e_per_car_km": "kg CO2e per car-km",
    "rebound_share": "share of the net car-km saved",
}

_SOURCES = {
    "employed_share": (
        "INSEE, Enquête Emploi 2022: an employment rate of about 68% of people aged 15 to 64, "
        "i.e. about 28 million people in employment for about 68 million inhabitants (0.41). "
        "Rural départements, with older populations, have fewer."
    ),
    "car_commuter_share": (
        "INSEE Première, January 2021, 'La voiture reste majoritaire pour les déplacements "
        "domicile-travail, même pour de courtes distances': 74% of people in employment who "
        "travel to work drove there in 2017 (more outside urban areas)."
    ),
    "teleworkable_share": (
        "Assumption, below the 37% of EU employment found teleworkable by Sostero et al., "
        "'Teleworkability and the COVID-19 crisis: a new digital divide?', European Commission "
        "JRC, 2020 (33-44% in most member states), because rural areas have more farming, "
        "industrial and care jobs."
    ),
    "uptake_share": (
        "Assumption: no public figure for the share of teleworkers who would use a nearby "
        "space rather than work at home or at the office; replace it with a local survey."
    ),
    "days_per_week": "Assumption: one day a week in the space for each user.",
    "working_weeks": (
        "52 weeks less 5 weeks of paid leave (French Code du travail: 2.5 jours ouvrables "
        "per month worked) and about 2 weeks of public holidays (11 in France)."
    ),
    "commute_km": (
        "INSEE Première no. 1948, May 2023, 'Le trajet médian domicile-travail augmente de "
        "moitié en vingt ans pour les habitants du rural': half of the people in employment "
        "living in rural communes travel more than 13 km to work (2019). A median: the mean "
        "is longer. Used for communes without a commuting file."
    ),
    "space_car_share": (
        "Assumption: every trip to the space is driven (cautious: walking or cycling to a "
        "space in the village would save more)."
    ),
    "kg_co2e_per_car_km": (
        "ADEME, Base Carbone / Base Empreinte: an average French car emits about 0.19 to "
        "0.22 kg CO2e per km depending on the edition and on whether its manufacture is "
        "counted; 0.2 is a rounded middle value, with the commuter driving alone."
    ),
    "rebound_share": (
        "ADEME, 2020, 'Caractérisation des effets rebond induits par le télétravail': rebound "
        "effects (extra trips, moving farther away, videoconferencing, home energy) cut the "
        "environmental benefit of teleworking by 31% on average, office space aside. Applied "
        "here to the net car-km as a proxy."
    ),
}


class ParameterRow(NamedTuple):
    """One printed parameter: ``(name, value, unit, source)``."""

    name: str
    value: float
    unit: str
    source: str


def _number(name: str, value) -> float:
    if isinstance(value, bool):
        raise TerritoryError(f"{name} must be a number, not {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TerritoryError(f"{name} must be a number, not {value!r}") from None
    if not math.isfinite(number):
        raise TerritoryError(f"{name} must be a finite number, not {value!r}")
    return number


@dataclass(frozen=True)
class ImpactParameters:
    """Every parameter of the trips and CO2 model, with its default and source.

    Parameters
    ----------
    employed_share : float, default 0.41
        People in employment per inhabitant, in [0, 1].
    car_commuter_share : float, default 0.74
        Share of people in employment who drive to work, in [0, 1].
    teleworkable_share : float, default 0.30
        Share of jobs that can be done remotely, in [0, 1].
    uptake_share : float, default 0.10
        Share of teleworkable car commuters who work from the space, in [0, 1].
    days_per_week : float, default 1.0
        Days a week each of them spends in the space, in (0, 7].
    working_weeks : float, default 45.0
        Working weeks per year, in (0, 53].
    commute_km : float, default 13.0
        One-way road distance to the usual workplace where the caller gives
        none for a commune, > 0.
    space_car_share : float, default 1.0
        Share of trips to the space made by car, in [0, 1].
    kg_co2e_per_car_km : float, default 0.2
        Emission factor, > 0.
    rebound_share : float, default 0.31
        Share of the net car-km saved that is driven again elsewhere, in [0, 1].
    sources : mapping of str to str, optional
        Citations for values the caller sets. A value that differs from its
        default without a citation here is printed as set by the user.

    Examples
    --------
    >>> params = ImpactParameters(commute_km=20, sources={"commute_km": "Local survey, 2024."})
    >>> params.sources["commute_km"]
    'Local survey, 2024.'
    >>> params.parameters_table()[6][:3]
    ('commute_km', 20.0, 'km one way')
    >>> params.sources["employed_share"][:33]
    'INSEE, Enquête Emploi 2022: an em'
    >>> ImpactParameters(rebound_share=1.5)
    Traceback (most recent call last):
    ...
    territory.errors.TerritoryError: rebound_share must be a share between 0 and 1, not 1.5
    """

    employed_share: float = 0.41
    car_commuter_share: float = 0.74
    teleworkable_share: float = 0.30
    uptake_share: float = 0.10
    days_per_week: float = 1.0
    working_weeks: float = 45.0
    commute_km: float = 13.0
    space_car_share: float = 1.0
    kg_co2e_per_car_km: float = 0.2
    rebound_share: float = 0.31
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        for spec in fields(self):
            if spec.name == "sources":
                continue
            value = _number(spec.name, getattr(self, spec.name))
            if spec.name.endswith("_share") and not 0 <= value <= 1:
                raise TerritoryError(
                    f"{spec.name} must be a share between 0 and 1, not {getattr(self, spec.name)!r}"
                )
            upper = {"days_per_week": 7, "working_weeks": 53}.get(spec.name, math.inf)
            if not spec.name.endswith("_share") and not 0 < value <= upper:
                bound = f" and at most {upper}" if upper < math.inf else ""
                raise TerritoryError(
                    f"{spec.name} must be positive{bound}, not {getattr(self, spec.name)!r}"
                )
            object.__setattr__(self, spec.name, value)
        given = dict(self.sources or {})
        unknown = sorted(set(given) - set(_SOURCES))
        if unknown:
            raise TerritoryError(f"sources given for unknown parameter(s): {describe_ids(unknown)}")
        defaults = type(self).__dataclass_fields__
        cited = {}
        for name, citation in _SOURCES.items():
            if name in given:
                cited[name] = str(given[name])
            elif getattr(self, name) == defaults[name].default:
                cited[name] = citation
            else:
                cited[name] = f"Set by the user (default {defaults[name].default:g}: {citation})"
        object.__setattr__(self, "sources", MappingProxyType(cited))

    def parameters_table(self) -> tuple[ParameterRow, ...]:
        """``(name, value, unit, source)`` for every parameter, in model order."""
        return tuple(
            ParameterRow(name, getattr(self, name), _UNITS[name], self.sources[name])
            for name in _UNITS
        )


@dataclass(frozen=True, eq=False)
class ImpactResult:
    """Trips, car-km and CO2e avoided per year, in total and per commune.

    Attributes
    ----------
    parameters : ImpactParameters
    covered_communes, communes : int
        Communes the caller counts as covered, and those of them with a gain
        (a space nearer than the usual workplace).
    car_commuters : float
        Car commuters living in the communes with a gain.
    users : float
        Of them, those assumed to work from a space.
    trips, round_trips : float
        One-way commutes and round trips avoided per year.
    commute_km, space_km, rebound_km, car_km : float
        Car-km per year: commuting avoided, driven to the space, driven again
        elsewhere (rebound), and the net saving ``commute_km - space_km - rebound_km``.
    co2e_tonnes : float
        Tonnes of CO2e avoided per year.
    observed_commute_km, observed_car_commuters : int
        Communes with a gain whose commute distance, or number of car
        commuters, came from the caller's data rather than the defaults.
    per_commune_users, per_commune_round_trips, per_commune_car_km, per_commune_co2e_tonnes :
    numpy.ndarray
        The same figures per commune, in the caller's order (zero where no gain).
    per_commune_commute_km : numpy.ndarray
        The one-way commute distance used for each commune.
    """

    parameters: ImpactParameters
    covered_communes: int
    communes: int
    car_commuters: float
    users: float
    trips: float
    round_trips: float
    commute_km: float
    space_km: float
    rebound_km: float
    car_km: float
    co2e_tonnes: float
    observed_commute_km: int
    observed_car_commuters: int
    per_commune_users: np.ndarray
    per_commune_round_trips: np.ndarray
    per_commune_car_km: np.ndarray
    per_commune_co2e_tonnes: np.ndarray
    per_commune_commute_km: np.ndarray

    def parameters_table(self) -> tuple[ParameterRow, ...]:
        """The parameters behind the figures, with units and sources."""
        return self.parameters.parameters_table()

    def report(self) -> str:
        """The figures and every parameter with its source, as plain text."""
        lines = [
            "Commuting avoided by working from a nearby space, per year",
            f"  communes counted: {self.communes} of {self.covered_communes} covered "
            f"(the others have no space nearer than the usual workplace)",
            f"  car commuters living there: {self.car_commuters:,.0f}",
            f"  of whom working from a space: {self.users:,.1f}",
            f"  one-way commutes avoided: {self.trips:,.0f} ({self.round_trips:,.0f} round trips)",
            f"  car-km: {self.commute_km:,.0f} not commuted - {self.space_km:,.0f} to the space"
            f" - {self.rebound_km:,.0f} rebound = {self.car_km:,.0f} avoided",
            f"  CO2e avoided: {self.co2e_tonnes:,.2f} t",
            f"  commute distances from data for {self.observed_commute_km} commune(s), "
            f"car commuters from data for {self.observed_car_commuters}; "
            "distances to the space from the travel model",
            "Parameters",
        ]
        for row in self.parameters_table():
            lines.append(f"  {row.name} = {row.value:g} {row.unit}. {row.source}")
        return "\n".join(lines)


def _per_commune(name: str, values, n: int, *, optional: bool = False) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise TerritoryError(f"{name} must be numbers") from None
    if array.ndim == 0:
        array = np.full(n, float(array))
    array = array.reshape(-1)
    if array.size != n:
        raise TerritoryError(f"{name} has {array.size} values for {n} communes")
    bad = (array < 0) | np.isinf(array) if optional else ~np.isfinite(array) | (array < 0)
    if bad.any():
        what = "negative or infinite" if optional else "missing, negative or infinite"
        raise TerritoryError(
            f"{what} {name} at position(s) {describe_ids(np.flatnonzero(bad).tolist())}"
        )
    return array


def trips_avoided(
    population,
    distance_to_space_km,
    params: ImpactParameters | None = None,
    *,
    covered,
    commute_km=None,
    car_commuters=None,
) -> ImpactResult:
    """Commuting trips, car-km and CO2e avoided per year by working from a nearby space.

    Parameters
    ----------
    population : array_like of float
        Inhabitants of each commune, >= 0.
    distance_to_space_km : array_like of float
        One-way road km from each commune to its nearest space (e.g. the
        great-circle distance × the travel model's detour); only read where
        ``covered`` (``inf`` or NaN elsewhere is fine).
    params : ImpactParameters, optional
        Defaults to ``ImpactParameters()``.
    covered : array_like of bool
        The communes to count: those a space reaches within the threshold.
    commute_km : array_like of float, optional
        One-way road km to the usual workplace per commune (from
        :meth:`Commutes.align`); NaN, or none given, means
        ``params.commute_km``.
    car_commuters : array_like of float, optional
        Car commuters per commune (from :meth:`Commutes.align`); NaN, or none
        given, means ``population × employed_share × car_commuter_share``.

    Returns
    -------
    ImpactResult

    Examples
    --------
    >>> result = trips_avoided([1000, 500], [2.0, 20.0], covered=[True, True])
    >>> result.communes, round(result.users, 3), round(result.round_trips, 2)
    (1, 9.102, 409.59)
    >>> round(result.car_km), round(result.co2e_tonnes, 3)
    (6218, 1.244)
    """
    params = params or ImpactParameters()
    population = _per_commune("population", population, np.size(population))
    n = population.size
    covered_array = np.asarray(covered).reshape(-1)
    if covered_array.size != n:
        raise TerritoryError(f"covered has {covered_array.size} values for {n} communes")
    if covered_array.dtype != bool:
        raise TerritoryError("covered must be booleans, one per commune")
    try:
        distance = np.asarray(distance_to_space_km, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise TerritoryError("distance_to_space_km must be numbers") from None
    if distance.size != n:
        raise TerritoryError(f"distance_to_space_km has {distance.size} values for {n} communes")
    bad = covered_array & ~(np.isfinite(distance) & (distance >= 0))
    if bad.any():
        raise TerritoryError(
            "missing, negative or infinite distance to the space for covered commune(s) at "
            f"position(s) {describe_ids(np.flatnonzero(bad).tolist())}"
        )
    commute_given = _per_commune("commute_km", commute_km, n, optional=True)
    drivers_given = _per_commune("car_commuters", car_commuters, n, optional=True)

    commute = np.where(np.isnan(commute_given), params.commute_km, commute_given)
    drivers = np.where(
        np.isnan(drivers_given),
        population * params.employed_share * params.car_commuter_share,
        drivers_given,
    )
    # Nobody drives farther to a space than to work: such a commune counts for nothing.
    gain = covered_array & (np.where(covered_array, distance, 0.0) < commute)
    to_space = np.where(gain, distance, 0.0)
    users = np.where(gain, drivers * params.teleworkable_share * params.uptake_share, 0.0)
    round_trips = users * params.days_per_week * params.working_weeks
    commute_avoided = round_trips * 2.0 * commute
    space_driven = round_trips * 2.0 * to_space * params.space_car_share
    rebound = (commute_avoided - space_driven) * params.rebound_share
    car_km = commute_avoided - space_driven - rebound
    co2e = car_km * params.kg_co2e_per_car_km / 1000.0
    for array in (users, round_trips, car_km, co2e, commute):
        array.setflags(write=False)
    return ImpactResult(
        parameters=params,
        covered_communes=int(covered_array.sum()),
        communes=int(gain.sum()),
        car_commuters=float(drivers[gain].sum()),
        users=float(users.sum()),
        trips=float(2.0 * round_trips.sum()),
        round_trips=float(round_trips.sum()),
        commute_km=float(commute_avoided.sum()),
        space_km=float(space_driven.sum()),
        rebound_km=float(rebound.sum()),
        car_km=float(car_km.sum()),
        co2e_tonnes=float(co2e.sum()),
        observed_commute_km=int((gain & ~np.isnan(commute_given)).sum()),
        observed_car_commuters=int((gain & ~np.isnan(drivers_given)).sum()),
        per_commune_users=users,
        per_commune_round_trips=round_trips,
        per_commune_car_km=car_km,
        per_commune_co2e_tonnes=co2e,
        per_commune_commute_km=commute,
    )


# Reading INSEE "mobilités professionnelles" files.


@dataclass(frozen=True, slots=True)
class UnknownCommune:
    """A commune code of a commuting file with no coordinates, and how much it weighs.

    ``role`` is ``"residence"`` (those rows are left out altogether) or
    ``"workplace"`` (those commuters are counted, but not in the mean distance).
    """

    code: str
    role: str
    rows: int
    weight: float


@dataclass(frozen=True, eq=False)
class Commutes:
    """Commuting per residence commune, read from an INSEE file by :func:`read_mobpro`.

    Attributes
    ----------
    ids : numpy.ndarray of str
        Residence communes (INSEE codes), sorted.
    commuters : numpy.ndarray of float
        Weighted number of car commuters (``car_modes``); of all commuters
        when the file has no mode column (``modes_known`` False).
    mean_km : numpy.ndarray of float
        Their weighted mean one-way distance (great-circle × ``detour``) to
        workplaces with known coordinates; NaN where there is none.
    all_commuters : numpy.ndarray of float
        Weighted number of people in employment of any mode.
    modes_known : bool
    car_modes : tuple of str
    detour : float
    unknown : tuple of UnknownCommune
        Codes without coordinates, most weighty first.
    rows : int
        Data rows read for the residences asked for.
    weight_column : str
    """

    ids: np.ndarray
    commuters: np.ndarray
    mean_km: np.ndarray
    all_commuters: np.ndarray
    modes_known: bool
    car_modes: tuple[str, ...]
    detour: float
    unknown: tuple[UnknownCommune, ...]
    rows: int
    weight_column: str

    def align(self, ids, params: ImpactParameters | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``(car_commuters, commute_km)`` for communes ``ids``, for :func:`trips_avoided`.

        NaN for a commune the file does not have, so that the model's defaults
        apply to it. When the file has no mode column, the car commuters are
        the commuters × ``params.car_commuter_share``.
        """
        params = params or ImpactParameters()
        ids = np.asarray([str(i) for i in ids], dtype=str)
        position = np.searchsorted(self.ids, ids) if self.ids.size else np.zeros(ids.size, int)
        position = np.minimum(position, max(self.ids.size - 1, 0))
        found = self.ids[position] == ids if self.ids.size else np.zeros(ids.size, dtype=bool)
        drivers = np.full(ids.size, np.nan)
        distance = np.full(ids.size, np.nan)
        factor = 1.0 if self.modes_known else params.car_commuter_share
        drivers[found] = self.commuters[position[found]] * factor
        distance[found] = self.mean_km[position[found]]
        return drivers, distance


_RESIDENCE = ("COMMUNE", "CODGEO")


def _lookup(coordinates) -> Callable[[str], tuple[float, float] | None]:
    if coordinates is None:
        by_insee = commune_index().by_insee

        def reference(code: str):
            commune = by_insee.get(code)
            if commune is None or commune.lat is None or commune.lon is None:
                return None
            return commune.lat, commune.lon

        return reference
    if isinstance(coordinates, Mapping):
        return coordinates.get
    if callable(coordinates):
        return coordinates
    raise TerritoryError(
        "coordinates must be a mapping or a function from INSEE code to (lat, lon)"
    )


def _aggregate(path: Path, wanted: set[str] | None, modes: tuple[str, ...]):
    """Weights summed per (residence, workplace) for drivers, and per residence for all.

    Returns ``(pairs, residences, rows, weight_column, modes_known)`` where
    ``pairs`` maps ``(residence, workplace)`` to ``[weight, rows]`` of the rows
    counted as driving, and ``residences`` maps a residence to ``[weight,
    rows]`` of all its rows.
    """
    pair_weight: dict[tuple[str, str], list] = {}
    all_weight: dict[str, list] = {}
    rows = 0
    with open(path, newline="", encoding="utf-8-sig") as handle:
        header_line = handle.readline()
        delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
        header = [c.strip().upper() for c in next(csv.reader([header_line], delimiter=delimiter))]
        residence_column = next((c for c in _RESIDENCE if c in header), None)
        weight_column = "IPONDI" if "IPONDI" in header else None
        weight_column = weight_column or next((c for c in header if c.startswith("NBFLUX")), None)
        missing = [
            name
            for name, found in (
                ("COMMUNE", residence_column),
                ("DCLT", "DCLT" if "DCLT" in header else None),
                ("IPONDI", weight_column),
            )
            if found is None
        ]
        if missing:
            raise TerritoryError(
                f"{path.name}: missing column(s) {', '.join(missing)} (expected an INSEE "
                "'mobilités professionnelles' file with COMMUNE, DCLT, IPONDI and TRANS, "
                "or a flows file with CODGEO, DCLT and NBFLUX_…)"
            )
        at = {name: header.index(name) for name in header}
        i_res, i_work, i_weight = at[residence_column], at["DCLT"], at[weight_column]
        i_mode = at.get("TRANS")
        width = max(i_res, i_work, i_weight, -1 if i_mode is None else i_mode) + 1
        for line, row in enumerate(csv.reader(handle, delimiter=delimiter), start=2):
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) < width:
                raise TerritoryError(
                    f"{path.name}, line {line}: {len(row)} fields, expected {len(header)}"
                )
            residence = row[i_res].strip()
            if wanted is not None and residence not in wanted:
                continue
            text = row[i_weight].strip()
            try:
                weight = float(text.replace(",", "."))
            except ValueError:
                weight = math.nan
            if not math.isfinite(weight) or weight < 0:
                raise TerritoryError(
                    f"{path.name}, line {line}: {weight_column} must be a number >= 0, not {text!r}"
                )
            rows += 1
            workplace = row[i_work].strip()
            total = all_weight.setdefault(residence, [0.0, 0])
            total[0] += weight
            total[1] += 1
            if i_mode is None or row[i_mode].strip() in modes:
                pair = pair_weight.setdefault((residence, workplace), [0.0, 0])
                pair[0] += weight
                pair[1] += 1
    return pair_weight, all_weight, rows, weight_column, i_mode is not None


def read_mobpro(
    path: Path | str,
    coordinates: Mapping[str, tuple[float, float]] | Callable | None = None,
    *,
    residences: Iterable[str] | None = None,
    car_modes: Iterable[str] = ("5",),
    detour: float = 1.3,
) -> Commutes:
    """Car commuters and their mean commute distance per residence commune.

    Reads the detail file of INSEE's census "mobilités professionnelles"
    (``FD_MOBPRO_<year>.csv``): one row per person counted, semicolon-separated,
    with among others

    - ``COMMUNE``: INSEE code of the commune of residence;
    - ``DCLT``: INSEE code of the commune of work (codes without coordinates,
      such as places abroad, are reported in ``Commutes.unknown``);
    - ``IPONDI``: the row's weight (a decimal number of people);
    - ``TRANS``: main mode of transport. In the files of the recent censuses
      it has six values: 1 no transport (works at home), 2 walking, 3 bicycle,
      4 motorised two-wheeler, 5 car, van or lorry, 6 public transport; older
      files, before bicycles had a value of their own, coded cars 4. Check the
      file's ``Varmod`` companion and set ``car_modes`` to match.

    INSEE's flows file (``base-flux-mobilite-domicile-lieu-travail``:
    ``CODGEO``, ``DCLT`` and a ``NBFLUX_…`` count) is read too; it has no
    mode, so every commuter is counted and ``modes_known`` is False.

    Parameters
    ----------
    path : path-like
    coordinates : mapping or callable, optional
        INSEE code to ``(lat, lon)`` (or None when unknown); defaults to the
        communes reference file. Paris, Lyon and Marseille arrondissement codes
        are not in the reference file.
    residences : iterable of str, optional
        Only read rows of these residence communes (a national file has
        millions of rows).
    car_modes : iterable of str, default ("5",)
        ``TRANS`` values counted as driving.
    detour : float, default 1.3
        Road distance over great-circle distance, >= 1, as in ``TravelModel``.

    Returns
    -------
    Commutes

    Raises
    ------
    TerritoryError
        A missing column, a weight that is not a non-negative number (the line
        is named), an unreadable file or a bad parameter.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "fd.csv").write_text(
    ...     "COMMUNE;DCLT;IPONDI;TRANS\\n23008;23096;2.0;5\\n23008;23008;1.0;5\\n23008;23096;4;6\\n"
    ... )
    >>> commutes = read_mobpro(folder / "fd.csv")
    >>> commutes.ids.tolist(), commutes.commuters.tolist(), commutes.all_commuters.tolist()
    (['23008'], [3.0], [7.0])
    >>> round(float(commutes.mean_km[0]), 2)  # Aubusson–Guéret 33.02 km × 1.3, for 2 of 3 people
    28.62
    """
    path = Path(path)
    detour = _number("detour", detour)
    if detour < 1:
        raise TerritoryError(f"the detour index must be a number >= 1, not {detour!r}")
    modes = tuple(dict.fromkeys(str(m).strip() for m in car_modes))
    if not modes:
        raise TerritoryError("car_modes must name at least one TRANS value")
    wanted = None if residences is None else {str(code).strip() for code in residences}
    locate = _lookup(coordinates)

    try:
        pair_weight, all_weight, rows, weight_column, modes_known = _aggregate(path, wanted, modes)
    except OSError as error:
        raise TerritoryError(f"{path.name}: cannot be read ({error.strerror or error})") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise TerritoryError(f"{path.name}: not a readable CSV text file ({error})") from None

    # Coordinates of each distinct code, looked up once.
    places: dict[str, tuple[float, float] | None] = {}
    for code in {c for pair in pair_weight for c in pair} | set(all_weight):
        found = locate(code)
        if found is not None:
            try:
                lat, lon = (float(v) for v in found)
            except (TypeError, ValueError):
                raise TerritoryError(
                    f"the coordinates of {code!r} must be a (lat, lon) pair, not {found!r}"
                ) from None
            ok = math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180
            found = (lat, lon) if ok else None
        places[code] = found

    unknown_rows: dict[tuple[str, str], list] = {}
    for residence, (weight, count) in all_weight.items():
        if places[residence] is None:  # all its rows are left out
            unknown_rows[(residence, "residence")] = [weight, count]
    commuters: dict[str, float] = {}
    known_pairs = []
    for (residence, workplace), (weight, count) in pair_weight.items():
        if places[residence] is None:
            continue
        commuters[residence] = commuters.get(residence, 0.0) + weight
        if places[workplace] is None:  # counted as commuters, not in the mean distance
            entry = unknown_rows.setdefault((workplace, "workplace"), [0.0, 0])
            entry[0] += weight
            entry[1] += count
        else:
            known_pairs.append((residence, workplace, weight))
    if known_pairs:
        res_lat, res_lon = np.array([places[r] for r, _, _ in known_pairs]).T
        work_lat, work_lon = np.array([places[w] for _, w, _ in known_pairs]).T
        km = haversine_km_array(res_lat, res_lon, work_lat, work_lon) * detour
    else:
        km = np.empty(0)
    total_km: dict[str, float] = {}
    distance_weight: dict[str, float] = {}
    for (residence, _, weight), one_way in zip(known_pairs, km.tolist(), strict=True):
        total_km[residence] = total_km.get(residence, 0.0) + weight * one_way
        distance_weight[residence] = distance_weight.get(residence, 0.0) + weight

    ids = sorted(code for code in all_weight if places[code] is not None)
    mean_km = [
        total_km[c] / distance_weight[c] if distance_weight.get(c, 0.0) > 0 else math.nan
        for c in ids
    ]
    unknown = sorted(
        (
            UnknownCommune(code, role, count, weight)
            for (code, role), (weight, count) in unknown_rows.items()
        ),
        key=lambda u: (-u.weight, u.role, u.code),
    )
    arrays = [
        np.array(ids, dtype=str),
        np.array([commuters.get(c, 0.0) for c in ids], dtype=np.float64),
        np.array(mean_km, dtype=np.float64),
        np.array([all_weight[c][0] for c in ids], dtype=np.float64),
    ]
    for array in arrays:
        array.setflags(write=False)
    return Commutes(
        ids=arrays[0],
        commuters=arrays[1],
        mean_km=arrays[2],
        all_commuters=arrays[3],
        modes_known=modes_known,
        car_modes=modes,
        detour=detour,
        unknown=tuple(unknown),
        rows=rows,
        weight_column=weight_column,
    )
