"""A run's results as documents: the page context, a standalone HTML map and a PDF report."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from planner.models import PlanRun
from planner.svgmap import COLOURS, plan_svg


def run_context(run: PlanRun) -> dict:
    summary = run.summary or {}
    minutes = (run.geojson or {}).get("minutes") or summary.get("parameters", {}).get("minutes")
    return {
        "run": run,
        "summary": summary,
        "new_sites": summary.get("new_sites", []),
        "minutes": minutes,
        "colours": COLOURS,
        "half": (minutes or 0) / 2,
        "one_and_half": (minutes or 0) * 1.5,
        "gap_percent": 100 * float((summary.get("solver") or {}).get("gap") or 0),
    }


def _static_text(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file {path} is missing")
    with open(found, encoding="utf-8") as handle:
        return handle.read()


def standalone_html(run: PlanRun) -> str:
    """One HTML file with Leaflet, the map script and the data inline: it opens offline."""
    context = run_context(run)
    context.update(
        leaflet_css=_static_text("vendor/leaflet/leaflet.css"),
        leaflet_js=_static_text("vendor/leaflet/leaflet.js"),
        map_js=_static_text("planner/plan-map.js"),
        map_tile_url=settings.MAP_TILE_URL,
        map_tile_attribution=settings.MAP_TILE_ATTRIBUTION,
    )
    return render_to_string("planner/standalone.html", context)


def pdf_report(run: PlanRun, url: str = "") -> bytes:
    """The report for elected officials, rendered by WeasyPrint from HTML and CSS.

    ``url`` is the run's shareable address, printed in the report.
    """
    from weasyprint import HTML  # imported here: it loads Pango, which only PDFs need

    context = run_context(run)
    context["svg"] = plan_svg(run.geojson, width=680, height=560)
    context["url"] = url
    return HTML(string=render_to_string("planner/report.html", context)).write_pdf()
