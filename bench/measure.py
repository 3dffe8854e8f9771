"""Timing requests in-process (Django's test Client) or over loopback HTTP, and the report."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.scenarios import Request, Scenario

TARGET_MS = 50.0
TARGET_FLOOR_RATIO = 3.0


def timed_requests(get, scenario: Scenario, warmup: int) -> list[float]:
    """Send the warm-up requests untimed, then every request timed, in milliseconds."""
    for request in scenario.requests[:warmup]:
        get(request)
    times = []
    for request in scenario.requests:
        start = time.perf_counter()
        get(request)
        times.append((time.perf_counter() - start) * 1000)
    return times


@dataclass
class Measurement:
    scenario: str
    times_ms: list[float]
    queries: list[int] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return _percentile(self.times_ms, 50)

    @property
    def p95(self) -> float:
        return _percentile(self.times_ms, 95)


def _percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _url(request: Request) -> str:
    query = urlencode(request.params, doseq=True)
    return f"{request.path}?{query}" if query else request.path


# --- In-process ---------------------------------------------------------------------


def _check(status: int, request: Request) -> None:
    if status != 200:
        raise RuntimeError(f"{_url(request)} answered {status}: the benchmark needs 200s")


class InProcess:
    """Django's test Client: the whole request/response cycle, no network, no server."""

    def __init__(self):
        # Not "testserver": the test environment that would allow it is not set up.
        self.client = Client(HTTP_HOST="localhost")

    def get(self, request: Request) -> None:
        response = self.client.get(request.path, request.params)
        _check(response.status_code, request)

    def run(self, scenario: Scenario, warmup: int) -> Measurement:
        times = timed_requests(self.get, scenario, warmup)
        return Measurement(scenario.name, times, self.count_queries(scenario))

    def count_queries(self, scenario: Scenario) -> list[int]:
        """A second, untimed pass over each distinct request: capturing SQL costs time."""
        counts = []
        for url in dict.fromkeys(_url(request) for request in scenario.requests):
            with CaptureQueriesContext(connection) as captured:
                self.client.get(url)
            counts.append(len(captured.captured_queries))
        return counts


# --- Over loopback HTTP -------------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class LoopbackServer:
    """Django's WSGI server on 127.0.0.1 and a free port, serving from a background thread.

    One request at a time, like one synchronous worker process (gunicorn's default):
    the client sends one request at a time anyway, and the worker keeps its database
    connection as long as CONN_MAX_AGE allows (SQLite: reopened for every request).
    """

    def __init__(self):
        self.server = WSGIServer(("127.0.0.1", 0), _QuietHandler)
        self.server.set_app(WSGIHandler())
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        try:
            self.server.serve_forever()
        finally:
            # The worker's database connection belongs to this thread: close it here.
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


class OverHttp:
    """A new loopback connection per request, as from a reverse proxy without keep-alive."""

    def __init__(self, port: int):
        self.port = port

    def get(self, request: Request) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", _url(request), headers={"Host": "localhost"})
            response = conn.getresponse()
            response.read()
        finally:
            conn.close()
        _check(response.status, request)

    def run(self, scenario: Scenario, warmup: int) -> Measurement:
        return Measurement(scenario.name, timed_requests(self.get, scenario, warmup))


# --- Report -------------------------------------------------------------------------

HEADER = (
    "scenario",
    "requests",
    "p50 ms",
    "p95 ms",
    "max ms",
    "queries/req",
    "p95/floor",
    "target p95 < 50 ms and < 3x floor",
)


def _queries(counts: list[int]) -> str:
    if not counts:
        return "n/a"
    low, high = min(counts), max(counts)
    return str(low) if low == high else f"{low}-{high}"


def _verdict(measurement: Measurement, floor: Measurement) -> str:
    if measurement is floor:
        return "met" if measurement.p95 < TARGET_MS else "NOT met"
    ratio = measurement.p95 / floor.p95
    fast = measurement.p95 < TARGET_MS
    close = ratio < TARGET_FLOOR_RATIO
    if fast and close:
        return "met"
    missed = [] if fast else ["> 50 ms"]
    missed += [] if close else [f"> {TARGET_FLOOR_RATIO:g}x floor"]
    return "NOT met (" + ", ".join(missed) + ")"


def rows(measurements: list[Measurement]) -> list[tuple[str, ...]]:
    floor = measurements[0]
    return [
        (
            m.scenario,
            str(len(m.times_ms)),
            f"{m.p50:.1f}",
            f"{m.p95:.1f}",
            f"{max(m.times_ms):.1f}",
            _queries(m.queries),
            f"{m.p95 / floor.p95:.1f}",
            _verdict(m, floor),
        )
        for m in measurements
    ]


def table(title: str, measurements: list[Measurement]) -> str:
    lines = [HEADER, *rows(measurements)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    rendered = [
        "| "
        + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        + " |"
        for line in lines
    ]
    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([title, "", rendered[0], rule, *rendered[1:]])
