"""The planner's questions on real data, checked against brute force and their constraints."""

import csv
import io
import json
import math

import numpy as np
import pytest

from territory.errors import TerritoryError
from territory.geo import haversine_km
from territory.outputs import plan_csv, plan_geojson, summary_json, write_outputs
from territory.plan import (
    best_new_sites,
    coverage_plan,
    fewest_new_sites,
    no_sites,
    structuring_candidates,
    two_tier_plan,
)
from territory.points import points_for_territory, points_from_arrays
from territory.travel import TravelModel

CREUSE_SITES = ["23096", "23008"]  # Guéret, Aubusson


@pytest.fixture(scope="module")
def creuse():
    return points_for_territory(departement="23")


@pytest.fixture(scope="module")
def ariege():
    return points_for_territory(departement="09")


def brute_reach(points, minutes):
    """Dense (site × commune) reach, one scalar haversine at a time."""
    model = TravelModel()
    factor = model.detour * 60.0 / model.speed_kmh
    n = len(points)
    reach = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(n):
            km = haversine_km(points.lat[i], points.lon[i], points.lat[j], points.lon[j])
            reach[i, j] = km * factor <= minutes + 1e-9
    return reach


def site_rows(points, ids):
    position = {identifier: k for k, identifier in enumerate(points.ids.tolist())}
    return [position[i] for i in ids]


@pytest.mark.parametrize(("department", "minutes"), [("23", 10), ("09", 20)])
def test_best_two_sites_match_enumeration_of_every_pair(department, minutes, creuse, ariege):
    points = creuse if department == "23" else ariege
    reach = brute_reach(points, minutes)
    weights = points.population
    best = 0.0
    for i in range(len(points)):
        pairs = reach[i] | reach[i + 1 :]
        if pairs.size:
            best = max(best, float((pairs @ weights).max()))
    plan = best_new_sites(points, 2, minutes, existing=no_sites(), time_limit=20)
    assert plan.solver["proven"]
    assert plan.after.covered_population == pytest.approx(best)
    chosen = site_rows(points, [s.id for s in plan.new_sites])
    assert float(weights[reach[chosen].any(axis=0)].sum()) == pytest.approx(best)


def test_best_new_sites_rank_and_newly_covered_add_up(creuse):
    existing = points_for_territory(insee=CREUSE_SITES)
    plan = best_new_sites(creuse, 4, 20, existing=existing, time_limit=20)
    assert [s.rank for s in plan.new_sites] == [1, 2, 3, 4]
    gains = [s.newly_covered for s in plan.new_sites]
    assert gains == sorted(gains, reverse=True)
    added = plan.after.covered_population - plan.before.covered_population
    assert sum(gains) == pytest.approx(added)
    assert not set(CREUSE_SITES) & {s.id for s in plan.new_sites}
    assert plan.solver["objective"] == pytest.approx(plan.after.covered_population)


def test_fewest_sites_cover_everyone_and_no_smaller_cover_exists(creuse):
    existing = points_for_territory(insee=CREUSE_SITES)
    plan = fewest_new_sites(creuse, 20, existing=existing, time_limit=20)
    assert plan.after.covered_share == pytest.approx(1.0)
    assert plan.solver["proven"]
    assert plan.solver["lower_bound"] == len(plan.new_sites)
    # Independent check of validity with brute-force reach.
    reach = brute_reach(creuse, 20)
    chosen = site_rows(creuse, [s.id for s in plan.new_sites] + CREUSE_SITES)
    assert reach[chosen].any(axis=0).all()


def test_fewest_sites_for_a_share(ariege):
    plan = fewest_new_sites(ariege, 10, share=0.8, existing=no_sites(), time_limit=20)
    assert plan.after.covered_share >= 0.8 - 1e-9
    assert plan.solver["proven"]
    # One site fewer cannot reach 80%: the best (n-1) sites stay below.
    fewer = len(plan.new_sites) - 1
    smaller = best_new_sites(ariege, fewer, 10, existing=no_sites(), time_limit=20)
    assert smaller.solver["proven"]
    assert smaller.after.covered_share < 0.8


def test_two_tier_plan_reaches_everyone_within_the_short_threshold(creuse):
    plan = two_tier_plan(creuse, structuring_minutes=20, village_minutes=10, time_limit=20)
    tier1 = [s for s in plan.new_sites if s.tier == 1]
    tier2 = [s for s in plan.new_sites if s.tier == 2]
    assert tier1 and tier2
    eligible = set(creuse.ids[structuring_candidates(creuse)].tolist())
    assert {s.id for s in tier1} <= eligible
    assert plan.after.covered_share == pytest.approx(1.0)
    assert plan.tiers[0]["covered_share"] >= plan.tiers[0]["target_share"] - 1e-9
    assert [s.rank for s in plan.new_sites] == list(range(1, len(plan.new_sites) + 1))


def test_structuring_candidates_are_large_or_main_towns(creuse):
    rows = structuring_candidates(creuse, 2000)
    for k in rows:
        same_epci = creuse.population[creuse.epci == creuse.epci[k]]
        assert creuse.population[k] >= 2000 or creuse.population[k] == same_epci.max()
    assert "23096" in creuse.ids[rows]  # Guéret


def test_coverage_plan_has_no_new_site(creuse):
    plan = coverage_plan(creuse, 20, existing=points_for_territory(insee=CREUSE_SITES))
    assert plan.new_sites == ()
    assert plan.before is plan.after
    assert 0 < plan.after.covered_share < 1


def test_candidates_restrict_where_sites_open(creuse):
    allowed = ["23030", "23079", "23093"]  # Bourganeuf, Felletin, Gouzon
    plan = best_new_sites(creuse, 2, 20, candidates=allowed, time_limit=20)
    assert {s.id for s in plan.new_sites} <= set(allowed)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda pts: best_new_sites(pts, 0, 20), "p must be at least 1"),
        (lambda pts: best_new_sites(pts, 300, 20), "candidate"),
        (lambda pts: best_new_sites(pts, 2, 0), "minutes"),
        (lambda pts: best_new_sites(pts, 2, -5), "minutes"),
        (lambda pts: fewest_new_sites(pts, 20, share=0), "share"),
        (lambda pts: fewest_new_sites(pts, 20, share=1.5), "share"),
        (lambda pts: best_new_sites(pts, 1, 20, candidates=["75056"]), "outside the territory"),
        (lambda pts: two_tier_plan(pts, structuring_minutes=10, village_minutes=20), "exceed"),
        (lambda pts: two_tier_plan(pts, min_population=-1), "population"),
    ],
)
def test_bad_questions_give_clear_errors(creuse, call, message):
    with pytest.raises(TerritoryError, match=message):
        call(creuse)


def test_unreachable_share_is_refused_with_what_is_reachable(creuse):
    with pytest.raises(TerritoryError):
        fewest_new_sites(creuse, 10, candidates=["23096"], time_limit=5)


def test_outputs_round_trip(creuse, tmp_path):
    existing = points_from_arrays(["la-quincaillerie"], [46.1717], [1.8718], names=["Quinca"])
    plan = best_new_sites(creuse, 3, 20, existing=existing, time_limit=20)
    rows = list(csv.DictReader(io.StringIO(plan_csv(plan))))
    assert len(rows) == len(creuse)
    covered = sum(float(r["population"]) for r in rows if r["covered_after"] == "1")
    assert covered == pytest.approx(plan.after.covered_population)
    ranked = sorted((int(r["new_site_rank"]), r["id"]) for r in rows if r["new_site_rank"])
    assert [i for _, i in ranked] == [s.id for s in plan.new_sites]

    geojson = plan_geojson(plan)
    kinds = [f["properties"]["kind"] for f in geojson["features"]]
    assert kinds.count("commune") == len(creuse) and kinds.count("new") == 3
    assert kinds.count("existing") == 1

    summary = json.loads(summary_json(plan))
    for key in ("parameters", "territory", "population", "covered_population", "covered_share"):
        assert key in summary
    assert [s["rank"] for s in summary["new_sites"]] == [1, 2, 3]
    assert set(summary["new_sites"][0]) >= {"insee", "name", "rank", "newly_covered"}

    paths = write_outputs(plan, tmp_path / "out")
    assert json.loads(paths["geojson"].read_text())["type"] == "FeatureCollection"
    assert math.isclose(json.loads(paths["summary"].read_text())["covered_share"],
                        plan.after.covered_share)  # fmt: skip


def test_far_away_existing_sites_stay_off_the_map(creuse):
    far = points_from_arrays(["valls"], [41.286], [1.25])
    plan = coverage_plan(creuse, 20, existing=far)
    kinds = [f["properties"]["kind"] for f in plan_geojson(plan)["features"]]
    assert "existing" not in kinds
    assert plan.after.covered_population == 0
