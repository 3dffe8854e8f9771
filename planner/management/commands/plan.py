"""`manage.py plan`: the planner from the command line, with files for every output."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from planner import documents, services
from planner.models import PlanRun, Strategy
from planner.territories import DEPARTEMENT, EPCI, get_territory
from territory.errors import TerritoryError
from territory.impact import read_mobpro
from territory.outputs import json_safe, plan_geojson, write_outputs
from territory.plan import no_sites
from territory.points import points_for_territory, points_from_file

SHARE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(%?)\s*$")


def parse_share(text: str) -> float:
    """``100%``, ``95 %``, ``0.95`` or ``95`` → a share in (0, 1]."""
    match = SHARE.match(text or "")
    if not match:
        raise CommandError(f"--cover: expected a share such as 100% or 0.95, not {text!r}")
    value = float(match.group(1).replace(",", "."))
    if match.group(2) or value > 1:
        value /= 100
    if not 0 < value <= 1:
        raise CommandError(f"--cover: the share must be above 0% and at most 100%, not {text!r}")
    return value


def parse_tiers(text: str) -> tuple[float, float]:
    parts = [p.strip() for p in (text or "").split(",")]
    try:
        t1, t2 = (float(p) for p in parts)
    except ValueError:
        raise CommandError(
            f"--two-tier: expected two minutes such as 20,10, not {text!r}"
        ) from None
    return t1, t2


class Command(BaseCommand):
    help = "Coverage of a territory by coworking spaces, and where to open new ones."

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--departement", help="département code, e.g. 23 or 2A")
        where.add_argument("--epci", help="SIREN of an intercommunality (EPCI)")
        where.add_argument(
            "--communes", help="CSV or GeoJSON file of places: id,name,population,lat,lon"
        )
        parser.add_argument("--minutes", type=float, default=20.0, help="threshold (default 20)")
        question = parser.add_mutually_exclusive_group()
        question.add_argument("--new-sites", type=int, help="best places for P new sites")
        question.add_argument("--cover", help="fewest new sites to reach a share, e.g. 100%%")
        question.add_argument(
            "--two-tier", help="T1,T2: structuring sites within T1, mini-coworks within T2"
        )
        parser.add_argument(
            "--min-population",
            type=float,
            default=2000,
            help="two-tier: minimum population of a structuring commune (default 2000)",
        )
        parser.add_argument(
            "--existing",
            default="directory",
            help="existing sites: directory (default), none, or a CSV/GeoJSON file id,name,lat,lon",
        )
        parser.add_argument(
            "--candidates", help="file of places allowed to host a new site (one id per line)"
        )
        parser.add_argument(
            "--mobpro",
            help="INSEE 'mobilités professionnelles' file: real commutes for trips and CO2",
        )
        parser.add_argument("--out", help="folder for the files (default: plan-<territory>)")
        parser.add_argument(
            "--time-limit", type=float, default=55.0, help="seconds for the optimisation"
        )
        parser.add_argument(
            "--detour", type=float, default=1.3, help="road distance / straight line (1.3)"
        )
        parser.add_argument("--speed", type=float, default=60.0, help="average km/h (60)")
        parser.add_argument(
            "--osrm", help="URL of an OSRM server for real road times, e.g. http://127.0.0.1:5000"
        )
        parser.add_argument(
            "--osrm-max-table", type=int, default=100, help="the server's --max-table-size"
        )

    def handle(self, *args, **options):
        try:
            demand, label = self._territory(options)
            existing = self._existing(options["existing"])
            strategy, parameters = self._question(options)
            if options["candidates"]:
                parameters["candidates"] = self._candidates(options["candidates"])
            plan = services.compute_plan(demand, existing, parameters, territory=label)
            commutes = {}
            if options["mobpro"]:
                found = read_mobpro(options["mobpro"], residences=demand.ids.tolist())
                car_commuters, commute_km = found.align(demand.ids)
                commutes = {"commute_km": commute_km, "car_commuters": car_commuters}
        except TerritoryError as error:
            raise CommandError(str(error)) from None
        out = Path(options["out"] or f"plan-{slugify(label) or 'territory'}")
        impact = {"impact": plan.impact_report(**commutes)}
        paths = write_outputs(plan, out, extra=impact)
        run = PlanRun(
            territory_label=label,
            strategy=strategy,
            summary=json_safe({**plan.summary(), **impact}),
            geojson=json_safe(plan_geojson(plan)),
        )
        paths["html"] = out / "map.html"
        paths["html"].write_text(documents.standalone_html(run), encoding="utf-8")
        self._print(plan, commutes)
        for kind, path in paths.items():
            self.stdout.write(f"{kind:>8}: {path}")

    def _territory(self, options):
        if options["communes"]:
            path = Path(options["communes"])
            return points_from_file(path), path.stem
        if options["departement"]:
            points = points_for_territory(departement=options["departement"])
            key = f"{DEPARTEMENT}:{points.dep[0]}"
        else:
            points = points_for_territory(epci=options["epci"])
            key = f"{EPCI}:{points.epci[0]}"
        return points, get_territory(key).label

    def _existing(self, value: str):
        if value == "directory":
            return services.directory_sites()
        if value == "none":
            return no_sites()
        return points_from_file(value, population=False)

    def _candidates(self, value: str) -> list[str]:
        path = Path(value)
        if not path.is_file():
            raise TerritoryError(f"no such file: {path}")
        if path.suffix.lower() in (".csv", ".geojson", ".json"):
            return points_from_file(path, population=False).ids.tolist()
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def _question(self, options) -> tuple[str, dict]:
        common = {
            "time_limit": options["time_limit"],
            "minutes": options["minutes"],
            "detour": options["detour"],
            "speed_kmh": options["speed"],
            "osrm": options["osrm"],
            "osrm_max": options["osrm_max_table"],
        }
        if options["new_sites"] is not None:
            return Strategy.MAX_COVER, {
                **common,
                "strategy": Strategy.MAX_COVER,
                "new_sites": options["new_sites"],
            }
        if options["cover"]:
            share = parse_share(options["cover"])
            return Strategy.SET_COVER, {**common, "strategy": Strategy.SET_COVER, "share": share}
        if options["two_tier"]:
            t1, t2 = parse_tiers(options["two_tier"])
            return Strategy.TWO_TIER, {
                **common,
                "strategy": Strategy.TWO_TIER,
                "structuring_minutes": t1,
                "village_minutes": t2,
                "min_population": options["min_population"],
            }
        return Strategy.COVERAGE, {**common, "strategy": Strategy.COVERAGE}

    def _print(self, plan, commutes):
        write = self.stdout.write
        write(f"Territory: {plan.territory} — {len(plan.demand)} places")
        write(f"Population: {plan.before.population:,.0f}")
        write(
            f"Within {plan.minutes:g} min of the {len(plan.existing)} existing site(s): "
            f"{plan.before.covered_population:,.0f} ({plan.before.covered_share:.1%})"
        )
        if plan.new_sites:
            write(
                f"With {len(plan.new_sites)} new site(s): "
                f"{plan.after.covered_population:,.0f} ({plan.after.covered_share:.1%})"
            )
            write("")
            write(f"{'rank':>4}  {'INSEE':<6} {'name':<32} {'tier':>4} {'newly covered':>14}")
            for site in plan.new_sites:
                write(
                    f"{site.rank:>4}  {site.id:<6} {site.name[:32]:<32} {site.tier or '':>4} "
                    f"{site.newly_covered:>14,.0f}"
                )
        solver = plan.solver
        if solver:
            write("")
            if "lower_bound" in solver:
                write(
                    f"Solver: {solver['sites']} sites, lower bound {solver['lower_bound']}, "
                    f"{'proven optimal' if solver['proven'] else 'not proven optimal'}"
                )
            elif "gap" in solver:
                write(
                    f"Solver: {'proven optimal' if solver['proven'] else 'not proven optimal'}, "
                    f"gap {solver['gap']:.2%}"
                )
            else:
                write(f"Solver: {'proven optimal' if solver['proven'] else 'not proven optimal'}")
        write("")
        write(plan.impact(**commutes).report())
        uncovered = plan.after.uncovered[:10]
        if uncovered:
            write("")
            write(f"Most populated places still beyond {plan.minutes:g} min:")
            for point in uncovered:
                write(f"  {point.id:<6} {point.name[:32]:<32} {point.population:>9,.0f}")
