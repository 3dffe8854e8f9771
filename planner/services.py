"""The planner's Django side: existing spaces from the directory, runs, their results.

The numbers come from the ``territory`` engine; this module only feeds it
the directory's spaces and stores what it answers on a :class:`PlanRun`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from planner.models import PlanRun, RunStatus, Strategy
from planner.territories import DEPARTEMENT, Territory, get_territory
from spaces.models import Space
from spaces.models.space import Status
from spaces.places import communes
from territory.errors import TerritoryError
from territory.osrm import OsrmTravel
from territory.outputs import json_safe, plan_csv, plan_geojson
from territory.plan import (
    Plan,
    best_new_sites,
    coverage_plan,
    fewest_new_sites,
    no_sites,
    two_tier_plan,
)
from territory.points import Points, points_for_territory, points_from_arrays
from territory.travel import TravelModel

logger = logging.getLogger(__name__)

# Runs on territories up to this many communes are computed during the request;
# larger ones go to the background worker.
INLINE_COMMUNES = 400


def directory_sites() -> Points:
    """Open spaces of the directory that have a point, as sites (id = slug)."""
    rows = list(
        Space.objects.filter(status=Status.OPEN, latitude__isnull=False, longitude__isnull=False)
        .order_by("slug")
        .values_list("slug", "name", "latitude", "longitude")
    )
    if not rows:
        return no_sites()
    slugs, names, lat, lon = zip(*rows, strict=True)
    return points_from_arrays(slugs, lat, lon, names=names)


def territory_points(territory: Territory) -> Points:
    """The communes of a département or EPCI, from the communes reference file."""
    reference = communes().communes
    if territory.kind == DEPARTEMENT:
        return points_for_territory(departement=territory.code, communes=reference)
    return points_for_territory(epci=territory.code, communes=reference)


def compute_plan(
    demand: Points,
    existing: Points,
    parameters: dict,
    *,
    territory: str = "",
    progress=None,
) -> Plan:
    """Answer the question ``parameters["strategy"]`` asks, with the engine."""
    strategy = parameters["strategy"]
    time_limit = float(parameters.get("time_limit", settings.PLANNER_TIME_LIMIT))
    common = {"existing": existing, "territory": territory, "model": travel_model(parameters)}
    if strategy == Strategy.COVERAGE:
        return coverage_plan(demand, parameters["minutes"], **common)
    common["candidates"] = parameters.get("candidates")
    if strategy == Strategy.MAX_COVER:
        return best_new_sites(
            demand,
            int(parameters["new_sites"]),
            parameters["minutes"],
            time_limit=time_limit,
            progress=progress,
            **common,
        )
    if strategy == Strategy.SET_COVER:
        return fewest_new_sites(
            demand,
            parameters["minutes"],
            share=float(parameters.get("share", 1.0)),
            time_limit=time_limit,
            progress=progress,
            **common,
        )
    if strategy == Strategy.TWO_TIER:
        return two_tier_plan(
            demand,
            structuring_minutes=parameters["structuring_minutes"],
            village_minutes=parameters["village_minutes"],
            min_population=parameters.get("min_population", 2000),
            time_limit=time_limit,
            progress=progress,
            **common,
        )
    raise TerritoryError(f"unknown strategy {strategy!r}")


def travel_model(parameters: dict):
    """Great-circle times by default; an OSRM server's road times when a URL is given."""
    if parameters.get("osrm"):
        return OsrmTravel(parameters["osrm"], max_locations=int(parameters.get("osrm_max", 100)))
    return TravelModel(
        detour=float(parameters.get("detour", 1.3)),
        speed_kmh=float(parameters.get("speed_kmh", 60.0)),
    )


def _save_progress(run: PlanRun, step: str, fraction: float) -> None:
    PlanRun.objects.filter(pk=run.pk).update(step=step[:60], progress=fraction)


def execute_run(run: PlanRun) -> PlanRun:
    """Compute a run and store its results; a bad request ends it as failed with the reason."""
    PlanRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started=timezone.now(), step="territory", progress=0.01
    )
    try:
        territory = get_territory(run.territory_key)
        if territory is None:
            raise TerritoryError(f"unknown territory {run.territory_key!r}")
        demand = territory_points(territory)
        existing = directory_sites() if run.parameters.get("existing") == "directory" else None
        plan = compute_plan(
            demand,
            existing or no_sites(),
            {**run.parameters, "strategy": run.strategy},
            territory=territory.label,
            progress=lambda step, fraction: _save_progress(run, step, fraction),
        )
        run.summary = json_safe(plan.summary())
        run.geojson = json_safe(plan_geojson(plan))
        run.csv = plan_csv(plan)
        run.status, run.error = RunStatus.DONE, ""
    except TerritoryError as error:
        run.status, run.error = RunStatus.FAILED, str(error)
    except Exception:  # a bug must end the run visibly, not leave it "running" forever
        logger.exception("planner run %s failed", run.pk)
        run.status, run.error = RunStatus.FAILED, "internal error"
    run.progress, run.step, run.finished = 1.0, "", timezone.now()
    run.save(
        update_fields=[
            "summary",
            "geojson",
            "csv",
            "status",
            "error",
            "progress",
            "step",
            "finished",
        ]
    )
    return run


def start_run(territory: Territory, strategy: str, parameters: dict, user=None) -> PlanRun:
    """Create a run; small territories are computed now, the others by the worker."""
    run = PlanRun.objects.create(
        territory_key=territory.key,
        territory_label=territory.label,
        strategy=strategy,
        parameters=parameters,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if territory.communes <= INLINE_COMMUNES:
        return execute_run(run)
    from planner.tasks import run_plan

    transaction.on_commit(lambda: run_plan.enqueue(str(run.pk)))
    return run
