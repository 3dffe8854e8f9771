"""The benchmark script keeps working: run it on a tiny directory (no timing is asserted)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def run_bench(script: str, *arguments: str, django: bool = True, timeout: int = 300):
    """One benchmark script in a child process; its output once it succeeded. Django
    benchmarks get a settings environment of their own (their own database, no DEBUG)."""
    env = dict(os.environ)
    if django:
        env = {k: v for k, v in env.items() if k not in ("DATABASE_URL", "DEBUG")}
        env.update(SECRET_KEY="bench-smoke-test", HTTPS="0")
    result = subprocess.run(
        [sys.executable, script, *arguments],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def test_directory_benchmark_runs_end_to_end():
    out = run_bench(
        "bench/directory.py", "--spaces", "60", "--requests", "3", "--warmup", "1", "--http"
    )
    assert "bulk loader check" in out
    for scenario in ("floor: bare view", "list page", "API search", "near me: list page"):
        assert scenario in out


def test_planner_benchmark_runs_our_engine():
    """bench/planner.py on Creuse at 20 minutes, our engine only (the suite needs no spopt)."""
    out = run_bench(
        "bench/planner.py",
        "--scales",
        "creuse",
        "--minutes",
        "20",
        "--skip-spopt",
        django=False,
        timeout=120,
    )
    assert "| scale" in out and "| solver" in out
    rows = [line for line in out.splitlines() if line.startswith("| Creuse")]
    assert [row.split("|")[3].strip() for row in rows] == ["MCLP", "LSCP"]
    # 5 sites reach 98,091 inhabitants of the Creuse within 20 minutes: the optimum that
    # spopt with HiGHS and with CBC proves too.
    assert "| 98,091 " in rows[0]
    assert "identical objectives where both proved optimality" in out


def test_community_benchmark_runs_end_to_end():
    arguments = ["--members", "300", "--opportunities", "100", "--spaces", "60"]
    out = run_bench("bench/community.py", *arguments, "--requests", "3", "--warmup", "1")
    assert "checks (answers against counts recomputed" in out
    for scenario in (
        "floor: bare view",
        "members by skill",
        "members by distance",
        "members by skill and distance",
        "opportunities for me",
        "opportunities list, skill filter",
    ):
        assert f"| {scenario} " in out


def test_surveys_benchmark_runs_and_its_counts_match_a_recount():
    """bench/surveys.py on 300 responses: pages, submissions, exports, and the check that
    the running counts equal a full recount after the submissions."""
    out = run_bench(
        "bench/surveys.py", "--responses", "300", "--requests", "2", "--submissions", "5"
    )
    assert "running counts against a full recount: " in out
    verdict = out.split("running counts against a full recount: ")[1].splitlines()[0]
    assert sorted(verdict.split(", ")) == ["country: equal", "whole: equal"]
    for export in ("export_csv", "export_xlsx", "export_aggregates_xlsx"):
        assert f"| {export}" in out
