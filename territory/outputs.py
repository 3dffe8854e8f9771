"""A plan as files: per-commune CSV, GeoJSON for maps, and ``summary.json``.

The writers take a :class:`~territory.plan.Plan` and return text (or write
it to a path), so the command line, the web page and a notebook share them.
Times to the nearest site are rounded to 0.1 minute and coordinates to five
decimals (about a metre): enough for a map, and files stay small.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np

from territory.plan import Plan

__all__ = ["commune_rows", "json_safe", "plan_csv", "plan_geojson", "summary_json", "write_outputs"]

CSV_COLUMNS = [
    "id",
    "name",
    "dep",
    "epci",
    "epci_name",
    "population",
    "minutes_before",
    "covered_before",
    "minutes_after",
    "covered_after",
    "nearest_site",
    "nearest_site_name",
    "new_site_rank",
]


def _minutes(value: float) -> float | None:
    return round(float(value), 1) if math.isfinite(value) else None


def commune_rows(plan: Plan) -> list[dict]:
    """One dict per demand point with its times before and after the plan."""
    demand, before, after = plan.demand, plan.before, plan.after
    sites = plan.sites
    rank_of = {site.id: site.rank for site in plan.new_sites}
    rows = []
    for k in range(len(demand)):
        nearest = int(after.nearest_site[k])
        identifier = str(demand.ids[k])
        rows.append(
            {
                "id": identifier,
                "name": str(demand.names[k]),
                "dep": str(demand.dep[k]),
                "epci": str(demand.epci[k]),
                "epci_name": str(demand.epci_name[k]),
                "population": float(demand.population[k]),
                "minutes_before": _minutes(before.nearest_minutes[k]),
                "covered_before": bool(before.covered[k]),
                "minutes_after": _minutes(after.nearest_minutes[k]),
                "covered_after": bool(after.covered[k]),
                "nearest_site": str(sites.ids[nearest]) if nearest >= 0 else "",
                "nearest_site_name": str(sites.names[nearest]) if nearest >= 0 else "",
                "new_site_rank": rank_of.get(identifier, ""),
            }
        )
    return rows


def plan_csv(plan: Plan) -> str:
    """The per-commune table as CSV text (comma separated, UTF-8)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in commune_rows(plan):
        writer.writerow(
            {
                **row,
                "population": f"{row['population']:g}",
                "minutes_before": "" if row["minutes_before"] is None else row["minutes_before"],
                "minutes_after": "" if row["minutes_after"] is None else row["minutes_after"],
                "covered_before": int(row["covered_before"]),
                "covered_after": int(row["covered_after"]),
            }
        )
    return buffer.getvalue()


def _point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": [round(float(lon), 5), round(float(lat), 5)]}


def plan_geojson(plan: Plan) -> dict:
    """A FeatureCollection: communes (``kind`` "commune"), existing and new sites.

    Commune features carry the fields of :func:`commune_rows`; existing sites
    ``kind`` "existing"; proposed sites ``kind`` "new" with ``rank``,
    ``tier`` and ``newly_covered``. The collection's ``minutes`` is the
    plan's threshold, which a map uses to colour travel times.
    """
    features = []
    for k, row in enumerate(commune_rows(plan)):
        features.append(
            {
                "type": "Feature",
                "geometry": _point(plan.demand.lat[k], plan.demand.lon[k]),
                "properties": {"kind": "commune", **row},
            }
        )
    existing = plan.existing
    # Only the existing sites that serve the territory: a directory spanning
    # several countries would otherwise stretch every map to a continent.
    # A site counts when it is some commune's nearest within twice the threshold.
    serving = set()
    for result in (plan.before, plan.after):
        near = result.nearest_minutes <= 2 * plan.minutes
        serving |= set(result.nearest_site[near].tolist())
    for k in sorted(s for s in serving if 0 <= s < len(existing)):
        features.append(
            {
                "type": "Feature",
                "geometry": _point(existing.lat[k], existing.lon[k]),
                "properties": {
                    "kind": "existing",
                    "id": str(existing.ids[k]),
                    "name": str(existing.names[k]),
                },
            }
        )
    for site in plan.new_sites:
        features.append(
            {
                "type": "Feature",
                "geometry": _point(site.lat, site.lon),
                "properties": {
                    "kind": "new",
                    "id": site.id,
                    "name": site.name,
                    "rank": site.rank,
                    "tier": site.tier,
                    "minutes": site.minutes,
                    "newly_covered": site.newly_covered,
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "minutes": plan.minutes,
        "territory": plan.territory,
        "features": features,
    }


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_safe(value):
    """JSON has no infinity or NaN: they become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def summary_json(plan: Plan, extra: dict | None = None) -> str:
    """``Plan.summary()`` (plus ``extra`` keys) as indented JSON text."""
    data = {**plan.summary(), **(extra or {})}
    return json.dumps(json_safe(data), ensure_ascii=False, indent=2, default=_json_default)


def write_outputs(plan: Plan, folder: Path | str, extra: dict | None = None) -> dict[str, Path]:
    """Write ``communes.csv``, ``plan.geojson`` and ``summary.json`` into ``folder``.

    Returns the paths written, by kind ("csv", "geojson", "summary").
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "csv": folder / "communes.csv",
        "geojson": folder / "plan.geojson",
        "summary": folder / "summary.json",
    }
    paths["csv"].write_text(plan_csv(plan), encoding="utf-8")
    paths["geojson"].write_text(
        json.dumps(json_safe(plan_geojson(plan)), ensure_ascii=False, default=_json_default),
        encoding="utf-8",
    )
    paths["summary"].write_text(summary_json(plan, extra), encoding="utf-8")
    return paths
