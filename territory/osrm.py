"""Real road travel times from an OSRM ``table`` service, when the user runs one.

The planner's default travel model is :class:`territory.travel.TravelModel`:
great-circle distance stretched by a detour index at an average speed. It
needs nothing but coordinates. When a user runs an `OSRM
<https://project-osrm.org>`_ server on an OpenStreetMap extract, this module
asks it for real driving times instead:

- :func:`osrm_table` is a small client of OSRM's ``table`` service (standard
  library ``urllib`` only), chunked to the server's table size limit;
- :class:`OsrmTravel` is a travel model that :func:`~territory.coverage.coverage`,
  :func:`~territory.coverage.coverage_sets` and
  :func:`~territory.coverage.nearest_sites` accept in place of ``TravelModel``.

Running OSRM locally
--------------------
With the project's Docker image (the profiles are in ``/opt`` inside it), on a
Geofabrik extract of the region to study (Creuse is in the ``limousin`` extract;
take neighbouring regions too when sites or workplaces may lie across the
border)::

    wget https://download.geofabrik.de/europe/france/limousin-latest.osm.pbf
    IMAGE=ghcr.io/project-osrm/osrm-backend
    docker run -t -v "$PWD:/data" $IMAGE osrm-extract -p /opt/car.lua /data/limousin-latest.osm.pbf
    docker run -t -v "$PWD:/data" $IMAGE osrm-partition /data/limousin-latest.osrm
    docker run -t -v "$PWD:/data" $IMAGE osrm-customize /data/limousin-latest.osrm
    docker run -t -p 127.0.0.1:5000:5000 -v "$PWD:/data" $IMAGE \\
        osrm-routed --algorithm mld --max-table-size 1000 /data/limousin-latest.osrm

then use ``OsrmTravel("http://127.0.0.1:5000", max_locations=1000)``. The same
``osrm-extract``, ``osrm-partition``, ``osrm-customize`` and ``osrm-routed``
commands work with binaries built from osrm-backend's sources or from a
distribution package where one exists (some Debian and Ubuntu releases ship
them as ``osrm-tools``; ``apt-cache search osrm`` tells). A whole-France
extract needs a machine with tens of GB of memory; a region needs far less.

``--max-table-size`` (100 by default) caps a table request at that many
sources times that many destinations; keep ``max_locations`` at or below the
value the server was started with. The test suite talks to a real server when
the environment variable ``MAILLAGE_OSRM_URL`` holds its address, and skips
that test otherwise.

What OSRM changes, and what it does not
---------------------------------------
Coverage keeps its two steps: a k-d tree finds the pairs within a crow-flies
radius, then the travel model keeps those within the threshold. With OSRM the
radius is ``minutes × max_speed_kmh / 60`` (130 km/h by default, the French
motorway limit): a pair farther apart than that would need a door-to-door
average above that speed, so it is taken as out of reach without asking the
server. Road time does not grow with distance as the great-circle model's does,
so the nearest site of a place is chosen by real time among its
``nearest_candidates`` nearest sites as the crow flies (see
:func:`territory.coverage.nearest_sites`).
"""

from __future__ import annotations

import http.client
import json
import math
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

import numpy as np

from territory.errors import TerritoryError
from territory.travel import check_coordinates, check_minutes

__all__ = ["DEFAULT_MAX_LOCATIONS", "OsrmTravel", "osrm_table"]

# osrm-routed's default --max-table-size.
DEFAULT_MAX_LOCATIONS = 100

# OSRM stores coordinates as fixed-point integers with six decimals: sending
# more digits gains nothing, and two points equal at that precision are one.
_PRECISION = 1_000_000

_PROFILE = re.compile(r"^[A-Za-z0-9_.-]+$")


def _base_url(url) -> str:
    text = str(url or "").strip()
    if not re.match(r"^https?://[^/\s?#]+", text) or any(c.isspace() for c in text):
        raise TerritoryError(
            f"the OSRM URL must start with http:// or https:// and a host, not {url!r}"
        )
    return text.rstrip("/")


def _profile(profile) -> str:
    text = str(profile or "")
    if not _PROFILE.match(text):
        raise TerritoryError(f"the OSRM profile must be a name such as 'driving', not {profile!r}")
    return text


def _max_locations(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise TerritoryError(
            f"max_locations must be a whole number >= 1 (the server's --max-table-size), "
            f"not {value!r}"
        )
    return int(value)


def _timeout(value) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if isinstance(value, bool) or not math.isfinite(seconds) or seconds <= 0:
        raise TerritoryError(
            f"the OSRM timeout must be a positive number of seconds, not {value!r}"
        )
    return seconds


def _lat_lon(places, what: str) -> tuple[np.ndarray, np.ndarray]:
    """``(lat, lon)`` arrays from a pair of arrays or from an object with ``lat`` and ``lon``."""
    if hasattr(places, "lat") and hasattr(places, "lon"):
        return check_coordinates(places.lat, places.lon, what)
    try:
        lat, lon = places
    except (TypeError, ValueError):
        raise TerritoryError(
            f"the {what}s must be a (latitudes, longitudes) pair of arrays"
        ) from None
    return check_coordinates(lat, lon, what)


def _describe_body(body: bytes) -> str:
    text = body[:120].decode("utf-8", errors="replace").strip()
    return repr(text + ("…" if len(body) > 120 else "")) if text else "an empty body"


def _refusal(body: bytes) -> str | None:
    """``"Code: message"`` from an OSRM error body, or None if it is not one."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or "code" not in data:
        return None
    message = data.get("message")
    return f"{data['code']}: {message}" if message else str(data["code"])


def _seconds(value, where: str) -> float:
    if value is None:  # OSRM's answer when no route joins the two points
        return math.inf
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise TerritoryError(f"OSRM at {where} answered a duration that is not a number: {value!r}")
    return float(value)


def _table_request(
    where: str,
    src: tuple[np.ndarray, np.ndarray],
    dst: tuple[np.ndarray, np.ndarray],
    timeout: float,
) -> np.ndarray:
    """Seconds from each source to each destination, in one request.

    ``where`` is ``{base}/table/v1/{profile}``; ``src`` and ``dst`` are
    ``(lat, lon)`` arrays small enough for the server.
    """
    # A place that is both a source and a destination is sent once.
    index: dict[str, int] = {}

    def positions(lat, lon) -> list[int]:
        return [
            index.setdefault(f"{x:.6f},{y:.6f}", len(index))  # OSRM wants lon,lat
            for y, x in zip(lat.tolist(), lon.tolist(), strict=True)
        ]

    sources, destinations = positions(*src), positions(*dst)
    coordinates = list(index)
    if len(coordinates) == 1:
        # OSRM refuses a table of fewer than two coordinates: repeat the only one.
        coordinates.append(coordinates[0])
    url = (
        f"{where}/{';'.join(coordinates)}?sources={';'.join(map(str, sources))}"
        f"&destinations={';'.join(map(str, destinations))}&annotations=duration"
    )
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "maillage-territory"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        # OSRM explains a refused request in a JSON body sent with HTTP 400.
        detail = _refusal(error.read() or b"") or error.reason
        raise TerritoryError(f"OSRM at {where} answered HTTP {error.code}: {detail}") from None
    except urllib.error.URLError as error:
        raise TerritoryError(f"could not reach OSRM at {where}: {error.reason}") from None
    except TimeoutError:
        raise TerritoryError(f"OSRM at {where} did not answer within {timeout:g} s") from None
    except (OSError, http.client.HTTPException) as error:
        raise TerritoryError(f"the connection to OSRM at {where} failed: {error!r}") from None

    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise TerritoryError(
            f"OSRM at {where} answered something that is not JSON: {_describe_body(body)}"
        ) from None
    if not isinstance(data, dict):
        raise TerritoryError(f"OSRM at {where} answered JSON that is not an object")
    if data.get("code") != "Ok":
        detail = _refusal(body) or "no code in the answer"
        raise TerritoryError(f"OSRM at {where} refused the request: {detail}")
    rows = data.get("durations")
    n_src, n_dst = len(sources), len(destinations)
    if (
        not isinstance(rows, list)
        or len(rows) != n_src
        or not all(isinstance(row, list) and len(row) == n_dst for row in rows)
    ):
        got = (
            f"{len(rows)} rows" if isinstance(rows, list) else f"{type(rows).__name__} 'durations'"
        )
        raise TerritoryError(
            f"OSRM at {where} answered a durations table of the wrong shape: expected "
            f"{n_src} rows of {n_dst}, got {got}"
        )
    return np.array(
        [[_seconds(value, where) for value in row] for row in rows], dtype=np.float64
    ).reshape(n_src, n_dst)


def osrm_table(
    base_url: str,
    sources,
    destinations,
    *,
    profile: str = "driving",
    timeout: float = 30.0,
    max_locations: int = DEFAULT_MAX_LOCATIONS,
) -> np.ndarray:
    """Driving minutes from every source to every destination, from an OSRM server.

    Parameters
    ----------
    base_url : str
        The server, e.g. ``"http://127.0.0.1:5000"``.
    sources, destinations : (lat, lon) pair of array_like, or Points
        Places in WGS 84 degrees.
    profile : str, default "driving"
        The profile part of the URL; ``osrm-routed`` serves the one profile it
        was built with whatever this says.
    timeout : float, default 30
        Seconds to wait for each request.
    max_locations : int, default 100
        At most this many sources and this many destinations per request: the
        server's ``--max-table-size``.

    Returns
    -------
    numpy.ndarray of float, shape (n_sources, n_destinations)
        Minutes; ``inf`` where OSRM found no route (its ``null``).

    Raises
    ------
    TerritoryError
        Bad coordinates or parameters, a server that cannot be reached, an
        HTTP error, a refusal (OSRM's code and message are quoted), or an
        answer that is not a durations table of the expected shape. The
        message names the URL.

    Examples
    --------
    >>> osrm_table("http://127.0.0.1:5000", ([46.17], [1.87]), ([45.96], [2.17]))  # doctest: +SKIP
    array([[34.1]])
    >>> osrm_table("localhost:5000", ([46.17], [1.87]), ([45.96], [2.17]))
    Traceback (most recent call last):
    ...
    territory.errors.TerritoryError: the OSRM URL must start with http:// or https://...
    """
    where = f"{_base_url(base_url)}/table/v1/{_profile(profile)}"
    timeout = _timeout(timeout)
    chunk = _max_locations(max_locations)
    src_lat, src_lon = _lat_lon(sources, "source")
    dst_lat, dst_lon = _lat_lon(destinations, "destination")
    seconds = np.empty((src_lat.size, dst_lat.size), dtype=np.float64)
    for i in range(0, src_lat.size, chunk):
        for j in range(0, dst_lat.size, chunk):
            seconds[i : i + chunk, j : j + chunk] = _table_request(
                where,
                (src_lat[i : i + chunk], src_lon[i : i + chunk]),
                (dst_lat[j : j + chunk], dst_lon[j : j + chunk]),
                timeout,
            )
    return seconds / 60.0


def _spread_bits(values: np.ndarray) -> np.ndarray:
    """Insert a zero bit between the 16 low bits of each value (for a Morton key)."""
    v = values.astype(np.uint64) & np.uint64(0xFFFF)
    for shift, mask in ((8, 0x00FF00FF), (4, 0x0F0F0F0F), (2, 0x33333333), (1, 0x55555555)):
        v = (v | (v << np.uint64(shift))) & np.uint64(mask)
    return v


def _spatial_order(micro_lat: np.ndarray, micro_lon: np.ndarray) -> np.ndarray:
    """Indices ordering points along a Z-order curve, so that neighbours come together.

    Sources sent in the same request then share most of their destinations,
    which keeps the tables asked for small.
    """
    y = (micro_lat + 90 * _PRECISION) * 0xFFFF // (180 * _PRECISION)
    x = (micro_lon + 180 * _PRECISION) * 0xFFFF // (360 * _PRECISION)
    key = _spread_bits(x) | (_spread_bits(y) << np.uint64(1))
    return np.argsort(key, kind="stable")


@dataclass(frozen=True, slots=True)
class OsrmTravel:
    """Travel model asking an OSRM ``table`` service for real driving times.

    It offers what the coverage functions use of a travel model:
    :meth:`radius_km` (a crow-flies radius beyond which no place is within the
    threshold) and :meth:`minutes` (times for pairs of places).

    Parameters
    ----------
    url : str
        The OSRM server, e.g. ``"http://127.0.0.1:5000"``.
    profile : str, default "driving"
    max_speed_kmh : float, default 130
        The highest plausible door-to-door average speed: pairs farther apart
        as the crow flies than this speed covers within the threshold are not
        asked for. 130 km/h is the French motorway limit.
    timeout : float, default 30
        Seconds to wait for each request.
    max_locations : int, default 100
        The server's ``--max-table-size``.
    nearest_candidates : int, default 5
        How many of a place's nearest sites as the crow flies
        :func:`~territory.coverage.nearest_sites` compares by road time.

    Examples
    --------
    >>> model = OsrmTravel("http://127.0.0.1:5000/")
    >>> model.url, round(model.radius_km(20), 2)
    ('http://127.0.0.1:5000', 43.33)
    >>> OsrmTravel("http://127.0.0.1:5000", max_speed_kmh=0)
    Traceback (most recent call last):
    ...
    territory.errors.TerritoryError: the maximum speed must be a positive number of km/h, not 0
    """

    url: str
    profile: str = "driving"
    max_speed_kmh: float = 130.0
    timeout: float = 30.0
    max_locations: int = DEFAULT_MAX_LOCATIONS
    nearest_candidates: int = 5

    def __post_init__(self):
        try:
            speed = float(self.max_speed_kmh)
        except (TypeError, ValueError):
            speed = math.nan
        if not math.isfinite(speed) or speed <= 0:
            raise TerritoryError(
                f"the maximum speed must be a positive number of km/h, not {self.max_speed_kmh!r}"
            )
        candidates = self.nearest_candidates
        if isinstance(candidates, bool) or not isinstance(candidates, int) or candidates < 1:
            raise TerritoryError(
                f"nearest_candidates must be a whole number >= 1, not {candidates!r}"
            )
        object.__setattr__(self, "url", _base_url(self.url))
        object.__setattr__(self, "profile", _profile(self.profile))
        object.__setattr__(self, "max_speed_kmh", speed)
        object.__setattr__(self, "timeout", _timeout(self.timeout))
        object.__setattr__(self, "max_locations", _max_locations(self.max_locations))

    def radius_km(self, minutes) -> float:
        """Crow-flies radius in km beyond which no place is within ``minutes`` (> 0)."""
        return check_minutes(minutes) * self.max_speed_kmh / 60.0

    def minutes(self, lat1, lon1, lat2, lon2) -> np.ndarray:
        """Driving minutes from each ``(lat1, lon1)`` to its ``(lat2, lon2)`` (broadcast).

        The pairs are grouped by origin: distinct origins are sent by chunks of
        ``max_locations`` neighbouring ones, each chunk with the distinct
        destinations its pairs need (again by chunks of ``max_locations``), so
        every request stays within the server's table size and nothing is asked
        twice. ``inf`` where OSRM finds no route.
        """
        arrays = np.broadcast_arrays(
            *(np.asarray(a, dtype=np.float64) for a in (lat1, lon1, lat2, lon2))
        )
        shape = arrays[0].shape
        src_lat, src_lon = check_coordinates(arrays[0], arrays[1], "origin")
        dst_lat, dst_lon = check_coordinates(arrays[2], arrays[3], "destination")
        result = np.full(src_lat.size, np.inf)
        if result.size == 0:
            return result.reshape(shape)

        def distinct(lat, lon):
            micro = np.rint(np.column_stack((lat, lon)) * _PRECISION).astype(np.int64)
            unique, inverse = np.unique(micro, axis=0, return_inverse=True)
            return unique, inverse.reshape(-1)

        origins, origin_of = distinct(src_lat, src_lon)
        targets, target_of = distinct(dst_lat, dst_lon)
        # Rank of each distinct origin along the Z-order curve, and the pairs sorted by it.
        order = _spatial_order(origins[:, 0], origins[:, 1])
        rank = np.empty(order.size, dtype=np.intp)
        rank[order] = np.arange(order.size)
        pair_rank = rank[origin_of]
        by_rank = np.argsort(pair_rank, kind="stable")
        sorted_rank = pair_rank[by_rank]
        where = f"{self.url}/table/v1/{self.profile}"
        step = self.max_locations
        for start in range(0, order.size, step):
            lo, hi = np.searchsorted(sorted_rank, [start, start + step])
            pairs = by_rank[lo:hi]
            chunk = origins[order[start : start + step]] / _PRECISION
            pair_target = target_of[pairs]
            needed = np.unique(pair_target)
            for first in range(0, needed.size, step):
                wanted = needed[first : first + step]
                seconds = _table_request(
                    where,
                    (chunk[:, 0], chunk[:, 1]),
                    (targets[wanted, 0] / _PRECISION, targets[wanted, 1] / _PRECISION),
                    self.timeout,
                )
                column = np.minimum(np.searchsorted(wanted, pair_target), wanted.size - 1)
                inside = wanted[column] == pair_target
                hit = pairs[inside]
                result[hit] = seconds[pair_rank[hit] - start, column[inside]] / 60.0
        return result.reshape(shape)
