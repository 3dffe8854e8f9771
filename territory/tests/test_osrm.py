"""The OSRM client against a small local server that speaks the ``table`` format.

The server is real (``http.server`` on the loopback interface, in a thread):
it parses the OSRM URL like osrm-routed does, refuses what osrm-routed refuses
(fewer than two coordinates, more than ``max_table_size``² cells), and answers
durations from a known rule, so every answer can be checked by hand. A last
test talks to a real OSRM server when ``MAILLAGE_OSRM_URL`` names one.
"""

import doctest
import json
import math
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest

import territory.osrm
from territory.coverage import coverage, coverage_sets, nearest_sites
from territory.errors import TerritoryError
from territory.geo import haversine_km
from territory.osrm import OsrmTravel, osrm_table
from territory.points import points_for_territory, points_from_arrays
from territory.travel import TravelModel

# Guéret, Aubusson, La Souterraine.
CREUSE_SITES = ["23096", "23008", "23176"]


def rule_seconds(lat1, lon1, lat2, lon2, slow=frozenset()):
    """The fake server's durations: great-circle km × 1.3 at 60 km/h, to 0.1 s as OSRM.

    Trips to or from a place listed in ``slow`` (as "lon,lat" text) take three
    times as long, so that time no longer grows with distance.
    """
    seconds = round(haversine_km(lat1, lon1, lat2, lon2) * 1.3 * 60.0, 1)
    if f"{lon1:.6f},{lat1:.6f}" in slow or f"{lon2:.6f},{lat2:.6f}" in slow:
        seconds *= 3
    return seconds


def six(x: float) -> float:
    """A coordinate as OSRM receives it: six decimals."""
    return float(f"{x:.6f}")


class FakeOsrm:
    """State of the fake server: its settings, and the requests it received."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.max_table_size = 100
        self.unreachable = set()  # "lon,lat" texts with no road to anywhere else
        self.slow = set()  # "lon,lat" texts three times slower to reach
        self.answer = None  # (status, body) to send instead of a table
        self.delay = 0.0
        self.requests = []


class Handler(BaseHTTPRequestHandler):
    state: FakeOsrm  # set on the class the fixture makes

    def log_message(self, *args):  # keep the test output quiet
        pass

    def send(self, status: int, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        state = self.state
        url = urlsplit(self.path)
        parts = url.path.split("/")
        if len(parts) != 5 or parts[1:3] != ["table", "v1"]:
            return self.send(400, {"code": "InvalidUrl", "message": f"URL {url.path} malformed"})
        profile, text = parts[3], parts[4]
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        try:
            coordinates = [tuple(map(float, c.split(","))) for c in text.split(";")]
            sources = [int(i) for i in query["sources"].split(";")]
            destinations = [int(i) for i in query["destinations"].split(";")]
        except (KeyError, ValueError):
            return self.send(400, {"code": "InvalidQuery", "message": "Query string malformed"})
        state.requests.append(
            {
                "profile": profile,
                "coordinates": coordinates,
                "texts": text.split(";"),
                "sources": sources,
                "destinations": destinations,
                "annotations": query.get("annotations"),
            }
        )
        time.sleep(state.delay)
        if state.answer is not None:
            return self.send(*state.answer)
        if len(coordinates) < 2 or max(sources + destinations) >= len(coordinates):
            return self.send(400, {"code": "InvalidOptions", "message": "Invalid options"})
        if len(sources) * len(destinations) > state.max_table_size**2:
            return self.send(400, {"code": "TooBig", "message": "Too many table coordinates"})
        texts = text.split(";")
        durations = []
        for s in sources:
            row = []
            for d in destinations:
                (lon1, lat1), (lon2, lat2) = coordinates[s], coordinates[d]
                cut = texts[s] != texts[d] and {texts[s], texts[d]} & state.unreachable
                row.append(None if cut else rule_seconds(lat1, lon1, lat2, lon2, state.slow))
            durations.append(row)
        return self.send(200, {"code": "Ok", "durations": durations})


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client that gave up (the timeout test) closes the socket before the answer.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def server():
    state = FakeOsrm()
    handler = type("BoundHandler", (Handler,), {"state": state})
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def osrm(server):
    server.reset()
    return server


@pytest.fixture(scope="module")
def creuse():
    return points_for_territory(departement="23")


def test_one_request_coordinate_order_and_minutes(osrm):
    # Guéret and Bourganeuf to Aubusson and Guéret.
    sources = ([46.16960, 45.95350], [1.87145, 1.75550])
    destinations = ([45.95686, 46.16960], [2.17013, 1.87145])
    minutes = osrm_table(osrm.url, sources, destinations)
    assert minutes.shape == (2, 2)
    for i in range(2):
        for j in range(2):
            expected = rule_seconds(sources[0][i], sources[1][i], *np.array(destinations)[:, j])
            assert minutes[i, j] == pytest.approx(expected / 60.0)
    assert minutes[0, 1] == 0.0
    [request] = osrm.requests
    # lon,lat order, six decimals, and Guéret sent once although it is source and destination.
    assert request["texts"] == ["1.871450,46.169600", "1.755500,45.953500", "2.170130,45.956860"]
    assert request["sources"] == [0, 1] and request["destinations"] == [2, 0]
    assert request["profile"] == "driving" and request["annotations"] == "duration"


def test_chunks_respect_the_table_size(osrm):
    osrm.max_table_size = 3
    rng = np.random.default_rng(7)
    src = (rng.uniform(45.7, 46.4, 8), rng.uniform(1.4, 2.5, 8))
    dst = (rng.uniform(45.7, 46.4, 7), rng.uniform(1.4, 2.5, 7))
    minutes = osrm_table(osrm.url, src, dst, max_locations=3)
    # ceil(8 / 3) × ceil(7 / 3) requests, none above 3 sources or 3 destinations.
    assert len(osrm.requests) == 3 * 3
    assert all(len(r["sources"]) <= 3 and len(r["destinations"]) <= 3 for r in osrm.requests)
    expected = [
        [rule_seconds(six(a), six(b), six(c), six(d)) / 60.0 for c, d in zip(*dst, strict=True)]
        for a, b in zip(*src, strict=True)
    ]
    np.testing.assert_allclose(minutes, expected, rtol=1e-12)
    # Asking for more than the server takes gets its refusal, quoted.
    with pytest.raises(TerritoryError, match=r"HTTP 400: TooBig: Too many table coordinates"):
        osrm_table(osrm.url, src, dst, max_locations=4)


def test_a_single_place_is_still_a_valid_table(osrm):
    assert osrm_table(osrm.url, ([46.1696], [1.87145]), ([46.1696], [1.87145])).tolist() == [[0.0]]
    # OSRM wants at least two coordinates: the only one is repeated.
    assert len(osrm.requests[0]["coordinates"]) == 2
    assert osrm_table(osrm.url, ([], []), ([46.0], [1.9])).shape == (0, 1)
    assert osrm.requests[1:] == []  # nothing to ask, no request


def test_null_durations_are_unreachable(osrm):
    osrm.unreachable = {"2.170130,45.956860"}  # Aubusson, cut off from everything else
    minutes = osrm_table(
        osrm.url, ([46.1696, 45.95686], [1.87145, 2.17013]), ([45.95686], [2.17013])
    )
    assert np.isinf(minutes[0, 0]) and minutes[1, 0] == 0.0


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            (
                400,
                {"code": "InvalidQuery", "message": "Query string malformed close to position 9"},
            ),
            r"answered HTTP 400: InvalidQuery: Query string malformed close to position 9",
        ),
        ((500, b"<html>Internal Server Error</html>"), r"answered HTTP 500"),
        ((200, {"code": "NoTable", "message": "No table found"}), "refused the request: NoTable"),
        ((200, {"durations": [[1.0]]}), "refused the request: no code in the answer"),
        ((200, b"{'code': 'Ok'"), r"answered something that is not JSON: \"\{'code': 'Ok'\""),
        ((200, b""), "not JSON: an empty body"),
        ((200, [1, 2]), "JSON that is not an object"),
        ((200, {"code": "Ok", "durations": [[1.0, 2.0]]}), "expected 2 rows of 1, got 1 rows"),
        ((200, {"code": "Ok", "durations": [[1.0], [2.0, 3.0]]}), "expected 2 rows of 1"),
        ((200, {"code": "Ok"}), "wrong shape: expected 2 rows of 1, got NoneType 'durations'"),
        ((200, {"code": "Ok", "durations": [[1.0], ["2"]]}), "not a number: '2'"),
        ((200, {"code": "Ok", "durations": [[1.0], [-2.0]]}), "not a number: -2.0"),
    ],
)
def test_bad_answers_name_the_url(osrm, answer, message):
    osrm.answer = answer
    with pytest.raises(TerritoryError, match=message) as caught:
        osrm_table(osrm.url, ([46.0, 46.1], [1.9, 1.9]), ([46.2], [2.0]))
    assert f"OSRM at {osrm.url}/table/v1/driving" in str(caught.value)


def test_unreachable_server():
    with socket.socket() as probe:  # a port nothing listens on any more
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with pytest.raises(TerritoryError, match=rf"could not reach OSRM at {url}/table/v1/driving"):
        osrm_table(url, ([46.0], [1.9]), ([46.2], [2.0]))


def test_slow_server_times_out(osrm):
    osrm.delay = 0.5
    with pytest.raises(TerritoryError, match=r"did not answer within 0.1 s|could not reach"):
        osrm_table(osrm.url, ([46.0], [1.9]), ([46.2], [2.0]), timeout=0.1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"base_url": "localhost:5000"}, "must start with http:// or https://"),
        ({"base_url": ""}, "must start with http:// or https://"),
        ({"profile": "dri ving"}, "profile must be a name"),
        ({"max_locations": 0}, "max_locations must be a whole number >= 1"),
        ({"max_locations": 2.5}, "max_locations must be a whole number >= 1"),
        ({"timeout": 0}, "timeout must be a positive number"),
        ({"timeout": "soon"}, "timeout must be a positive number"),
        ({"sources": ([46.0, math.nan], [1.9, 1.9])}, r"source\(s\) at position\(s\) '1'"),
        ({"destinations": ([46.0], [1.9, 2.0])}, "1 destination latitudes for 2 longitudes"),
        ({"sources": [46.0]}, r"must be a \(latitudes, longitudes\) pair"),
    ],
)
def test_bad_parameters(osrm, kwargs, message):
    arguments = {
        "base_url": osrm.url,
        "sources": ([46.0], [1.9]),
        "destinations": ([46.2], [2.0]),
    }
    arguments.update(kwargs)
    base = arguments.pop("base_url")
    with pytest.raises(TerritoryError, match=message):
        osrm_table(base, arguments.pop("sources"), arguments.pop("destinations"), **arguments)
    assert osrm.requests == []


def test_travel_model_parameters():
    model = OsrmTravel("https://osrm.example.org/", max_speed_kmh=100, max_locations=500)
    assert model.url == "https://osrm.example.org" and model.radius_km(30) == pytest.approx(50.0)
    with pytest.raises(TerritoryError, match="threshold must be a positive number"):
        model.radius_km(0)
    for kwargs, message in [
        ({"max_speed_kmh": -1}, "maximum speed must be a positive number"),
        ({"max_speed_kmh": "fast"}, "maximum speed must be a positive number"),
        ({"nearest_candidates": 0}, "nearest_candidates must be a whole number"),
        ({"max_locations": True}, "max_locations must be a whole number"),
        ({"timeout": -3}, "timeout must be a positive number"),
    ]:
        with pytest.raises(TerritoryError, match=message):
            OsrmTravel("http://127.0.0.1:5000", **kwargs)


def test_minutes_group_pairs_by_origin(osrm):
    osrm.max_table_size = 4
    model = OsrmTravel(osrm.url, max_locations=4)
    rng = np.random.default_rng(11)
    origins = np.column_stack((rng.uniform(45.7, 46.4, 10), rng.uniform(1.4, 2.5, 10)))
    targets = np.column_stack((rng.uniform(45.7, 46.4, 9), rng.uniform(1.4, 2.5, 9)))
    # 60 pairs drawn among 10 origins and 9 destinations, with repeats, as a (6, 10) grid.
    o = rng.integers(0, 10, 60)
    t = rng.integers(0, 9, 60)
    lat1, lon1 = origins[o, 0].reshape(6, 10), origins[o, 1].reshape(6, 10)
    lat2, lon2 = targets[t, 0].reshape(6, 10), targets[t, 1].reshape(6, 10)
    minutes = model.minutes(lat1, lon1, lat2, lon2)
    assert minutes.shape == (6, 10)
    expected = np.vectorize(lambda a, b, c, d: rule_seconds(six(a), six(b), six(c), six(d)))(
        lat1, lon1, lat2, lon2
    )
    np.testing.assert_allclose(minutes, expected / 60.0, rtol=1e-12)
    # Each origin is asked for in one chunk only, and no request exceeds the table size.
    assert all(len(r["sources"]) <= 4 and len(r["destinations"]) <= 4 for r in osrm.requests)
    asked = [r["texts"][s] for r in osrm.requests for s in r["sources"]]
    chunks = {}
    for r in osrm.requests:
        chunks.setdefault(tuple(r["texts"][s] for s in r["sources"]), []).append(r)
    assert sorted(set(asked)) == sorted(f"{b:.6f},{a:.6f}" for a, b in origins[np.unique(o)])
    assert sum(len(key) for key in chunks) == np.unique(o).size
    # Scalars broadcast against arrays; nothing to ask gives an empty answer.
    one = model.minutes(46.1696, 1.87145, [45.95686, 46.1696], [2.17013, 1.87145])
    assert one.shape == (2,) and one[1] == 0.0
    assert model.minutes([], [], [], []).shape == (0,)
    with pytest.raises(TerritoryError, match=r"coordinates for origin\(s\) at position\(s\) '1'"):
        model.minutes([46.0, 91.0], [1.9, 1.9], 46.2, 2.0)


@pytest.mark.parametrize("minutes", [15, 25])
def test_coverage_sets_with_osrm_match_the_server_rule(osrm, creuse, minutes):
    sites = points_for_territory(insee=CREUSE_SITES)
    osrm.unreachable = {f"{creuse.lon[5]:.6f},{creuse.lat[5]:.6f}"}  # one commune with no road
    sets = coverage_sets(creuse, sites.lat, sites.lon, minutes, OsrmTravel(osrm.url))
    table = np.array(
        [
            [
                rule_seconds(six(a), six(b), six(c), six(d)) / 60.0
                for c, d in zip(creuse.lat, creuse.lon, strict=True)
            ]
            for a, b in zip(sites.lat, sites.lon, strict=True)
        ]
    )
    table[:, 5] = np.inf
    assert np.array_equal(sets.toarray(), table <= minutes)
    assert 0 < sets.nnz < table.size
    # The server's rule is the great-circle model's, to 0.1 s: the same sets but at the edge.
    great_circle = coverage_sets(creuse, sites.lat, sites.lon, minutes, TravelModel())
    assert (sets.toarray() != great_circle.toarray()).sum() <= 2  # commune 5, and one at the edge


def test_nearest_site_is_chosen_by_road_time(osrm):
    # A place 10 km north of a slow site and 15 km south of a normal one.
    step = math.degrees(1 / 6371.0088)
    demand = points_from_arrays(["p"], [46.0], [2.0], population=[100])
    sites_lat = [46.0 + 10 * step, 46.0 - 15 * step]
    osrm.slow = {f"{2.0:.6f},{six(sites_lat[0]):.6f}"}
    index, minutes = nearest_sites(demand, sites_lat, [2.0, 2.0], OsrmTravel(osrm.url))
    assert index.tolist() == [1]
    assert minutes[0] == pytest.approx(rule_seconds(six(sites_lat[1]), 2.0, 46.0, 2.0) / 60)
    # Comparing only the nearest as the crow flies keeps the slow site: the documented limit.
    index, minutes = nearest_sites(
        demand, sites_lat, [2.0, 2.0], OsrmTravel(osrm.url, nearest_candidates=1)
    )
    assert index.tolist() == [0] and minutes[0] == pytest.approx(3 * 13.0, rel=1e-3)


def test_coverage_with_osrm(osrm, creuse):
    sites = points_for_territory(insee=CREUSE_SITES)
    model = OsrmTravel(osrm.url)
    result = coverage(creuse, sites, 20, model)
    reference = coverage(creuse, sites, 20, TravelModel())
    assert result.model is model
    assert abs(result.covered_population - reference.covered_population) < 0.01 * (
        reference.population
    )
    # Every place is within reach of the slowest site by its rule: the nearest is found.
    np.testing.assert_allclose(result.nearest_minutes, reference.nearest_minutes, atol=0.01)
    assert (result.nearest_site == reference.nearest_site).mean() > 0.99


def test_docstring_examples_run():
    result = doctest.testmod(territory.osrm, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


REAL_OSRM = os.environ.get("MAILLAGE_OSRM_URL", "").strip()


@pytest.mark.skipif(not REAL_OSRM, reason="MAILLAGE_OSRM_URL is not set")
def test_a_real_osrm_server():
    # Guéret to Aubusson and La Souterraine: about 30 and 33 km apart as the crow flies.
    sites = points_for_territory(insee=CREUSE_SITES)
    try:
        minutes = osrm_table(REAL_OSRM, sites.take([0]), sites.take([0, 1, 2]), timeout=10)
    except TerritoryError as error:
        if "could not reach" in str(error) or "did not answer" in str(error):
            pytest.skip(f"no OSRM server answers at {REAL_OSRM}: {error}")
        raise
    assert minutes.shape == (1, 3) and minutes[0, 0] < 2
    for j in (1, 2):
        km = haversine_km(sites.lat[0], sites.lon[0], sites.lat[j], sites.lon[j])
        # No faster than 130 km/h as the crow flies, no slower than 20 km/h.
        assert km / 130 * 60 <= minutes[0, j] <= km / 20 * 60
