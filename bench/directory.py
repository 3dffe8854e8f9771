"""Latency of the directory's searches on 10,000 spaces, against the framework's floor.

    .venv/bin/python bench/directory.py [--spaces 10000] [--requests 200]
        [--database sqlite|postgres://USER@HOST:PORT/NAME] [--http] [--loader bulk|service]

Loads a fresh database (a temporary SQLite file by default), then times the list page,
the API search, the near-me searches and the map's GeoJSON, each with varied filters,
and a bare view behind the same middleware (the floor). Prints p50/p95/max latency and
SQL queries per request. Targets: p95 under 50 ms and under 3x the floor's p95.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# The service check saves this many spaces both ways and compares every stored value.
CHECK_SPACES = 300


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spaces", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests first")
    parser.add_argument(
        "--database",
        default="sqlite",
        help="'sqlite' (a fresh temporary file) or a postgres:// URL whose database name "
        "contains 'bench': it is dropped and created, then dropped at the end",
    )
    parser.add_argument(
        "--loader",
        choices=["bulk", "service"],
        default="bulk",
        help="bulk inserts with space_save's derived values (default), or space_save itself",
    )
    parser.add_argument("--http", action="store_true", help="also time over loopback HTTP")
    parser.add_argument("--keep-database", action="store_true", help="do not drop it at the end")
    parser.add_argument("--profile", metavar="SCENARIO", help="cProfile one scenario (name prefix)")
    parser.add_argument("--seed", type=int, default=2025)
    return parser.parse_args(argv)


# --- Database lifecycle (before Django is set up) -----------------------------------


class PostgresDatabase:
    """The benchmark's own PostgreSQL database, created and dropped via the 'postgres' one."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.url = url
        self.name = parts.path.lstrip("/")
        if "bench" not in self.name:
            raise SystemExit(f"refusing to drop and create {self.name!r}: its name lacks 'bench'")
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))

    def _execute(self, statement: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(self.name)))

    def create(self) -> None:
        self._execute("DROP DATABASE IF EXISTS {}")
        self._execute("CREATE DATABASE {}")

    def drop(self) -> None:
        self._execute("DROP DATABASE IF EXISTS {}")


def configure_environment(args, workdir: Path):
    """Environment for maillage.settings; returns the PostgreSQL database, if any."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "maillage.settings"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret")
    os.environ["HTTPS"] = "0"
    os.environ["DEBUG"] = "0"  # production behaviour: no query log, cached templates
    if args.database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        return None
    if not args.database.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--database takes 'sqlite' or a postgres:// URL")
    database = PostgresDatabase(args.database)
    database.create()
    os.environ["DATABASE_URL"] = args.database
    return database


def setup_django(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.floor_urls"
    # An empty static root: WhiteNoise serves from the finders (WHITENOISE_USE_FINDERS).
    settings.STATIC_ROOT = workdir / "static"
    settings.STATIC_ROOT.mkdir()
    # Plain static names, as the tests use: the manifest storage needs collectstatic, which
    # fails today (leaflet.js names a missing leaflet.js.map). A {% static %} lookup costs
    # about the same either way.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    django.setup()


def prepare_database() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# --- Loading ------------------------------------------------------------------------


def check_bulk_loader(specs, networks) -> None:
    """Save the first spaces both ways in an empty directory; every stored value must match."""
    from bench import fidelity

    count = min(CHECK_SPACES, len(specs))
    mismatch = fidelity.compare(specs[:count], networks)
    if mismatch:
        raise SystemExit(f"bulk loader differs from space_save: {mismatch}")
    print(f"bulk loader check: {count} spaces stored identically by space_save and in bulk")


def load(args) -> None:
    from django.db import transaction

    from bench import dataset

    start = time.perf_counter()
    specs = dataset.make_specs(args.spaces, seed=args.seed)
    networks = dataset.create_networks()
    print(f"generated {len(specs)} space descriptions in {time.perf_counter() - start:.1f} s")
    if args.loader == "bulk":
        check_bulk_loader(specs, networks)
    start = time.perf_counter()
    if args.loader == "bulk":
        dataset.load_in_bulk(specs, networks)
    else:
        with transaction.atomic():
            dataset.load_with_service(specs)
    print(f"loaded {len(specs)} spaces ({args.loader}) in {time.perf_counter() - start:.1f} s")
    print_counts()


def print_counts() -> None:
    from spaces.models import OpeningSlot, Space, SpaceRevision, SpaceTranslation

    counts = {
        "spaces": Space.objects.count(),
        "translations": SpaceTranslation.objects.count(),
        "opening slots": OpeningSlot.objects.count(),
        "revisions": SpaceRevision.objects.count(),
        "network links": Space.networks.through.objects.count(),
    }
    print("database: " + ", ".join(f"{count} {name}" for name, count in counts.items()))


# --- Measuring ----------------------------------------------------------------------


def measure_all(runner, scenarios, warmup: int) -> list:
    measurements = []
    for scenario in scenarios:
        start = time.perf_counter()
        measurements.append(runner.run(scenario, warmup))
        print(f"  {scenario.name}: {time.perf_counter() - start:.1f} s", flush=True)
    return measurements


def profile(runner, scenarios, prefix: str) -> None:
    scenario = next((s for s in scenarios if s.name.startswith(prefix)), None)
    if scenario is None:
        raise SystemExit(f"no scenario starts with {prefix!r}")
    for request in scenario.requests[:20]:
        runner.get(request)
    profiler = cProfile.Profile()
    profiler.enable()
    for request in scenario.requests:
        runner.get(request)
    profiler.disable()
    print(f"\ncProfile of {scenario.name!r}, {len(scenario.requests)} requests:")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def describe(args, database) -> str:
    from django.db import connection

    engine = "PostgreSQL" if database else "SQLite"
    if database:
        number = connection.cursor().connection.info.server_version
        engine += f" {number // 10000}.{number % 100}"
    else:
        import sqlite3

        engine += f" {sqlite3.sqlite_version}"
    return f"{engine}, {args.spaces} spaces, {os.cpu_count()} CPUs"


def run_benchmarks(args, database) -> None:
    from bench import measure, scenarios

    data = scenarios.read_directory()
    plan = scenarios.build(data, args.requests)
    warmup = min(args.warmup, args.requests)
    in_process = measure.InProcess()
    if args.profile:
        profile(in_process, plan, args.profile)
        return
    print("in-process (django.test.Client):")
    results = measure_all(in_process, plan, warmup)
    print()
    print(measure.table(f"In-process, {describe(args, database)}", results))
    if args.http:
        with measure.LoopbackServer() as server:
            print(f"\nover HTTP (127.0.0.1:{server.port}):")
            results = measure_all(measure.OverHttp(server.port), plan, warmup)
        print()
        print(measure.table(f"Loopback HTTP, {describe(args, database)}", results))


def cleanup(args, workdir: Path, database: PostgresDatabase | None, django_ready: bool) -> None:
    if django_ready:
        from django.db import connections

        connections.close_all()
    if args.keep_database and django_ready:
        print(f"kept the database: {os.environ['DATABASE_URL']}")
        return
    shutil.rmtree(workdir, ignore_errors=True)
    if database:
        database.drop()


def main(argv=None) -> None:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="maillage-bench-"))
    database, django_ready = None, False
    try:
        database = configure_environment(args, workdir)
        setup_django(workdir)
        django_ready = True
        start = time.perf_counter()
        prepare_database()
        print(f"migrated a fresh database in {time.perf_counter() - start:.1f} s")
        load(args)
        run_benchmarks(args, database)
    finally:
        cleanup(args, workdir, database, django_ready)


if __name__ == "__main__":
    main()
