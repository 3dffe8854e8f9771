"""The planner engine against PySAL's spopt (MCLP and LSCP), same inputs, one command.

    .venv/bin/python bench/planner.py [--scales creuse,ariege,nouvelle-aquitaine,france]
        [--minutes 10,20] [--problems mclp,lscp] [--p france=1000] [--time-limit 55]
        [--spopt-cap 300] [--spopt-memory 6] [--skip-spopt]

For each territory, threshold and problem, every solver runs in its own child process
(fresh interpreter, RLIMIT_AS memory cap, wall-clock cap, peak memory from wait4): ours
(territory.optimize.solve_max_cover, territory.setcover.solve_set_cover), then spopt's
MCLP and LSCP built with ``from_cost_matrix`` from the same coverage and solved by HiGHS
and CBC through PuLP. Prints seconds, peak memory, objective, bound, gap and whether the
optimum is proven, then checks the objectives and the targets. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata, util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NOUVELLE_AQUITAINE = ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87")


@dataclass(frozen=True)
class Scale:
    key: str
    label: str
    departements: tuple[str, ...] | None  # None: every metropolitan département
    p: int  # default number of sites for the maximal covering problem
    time_limit: float  # default time limit given to our solvers, in seconds


SCALES = {
    scale.key: scale
    for scale in (
        Scale("creuse", "Creuse", ("23",), 5, 5.0),
        Scale("ariege", "Ariège", ("09",), 5, 5.0),
        Scale("nouvelle-aquitaine", "Nouvelle-Aquitaine", NOUVELLE_AQUITAINE, 150, 10.0),
        Scale("france", "France (metropolitan)", None, 1000, 55.0),
    )
}
PROBLEMS = ("mclp", "lscp")
SPOPT_SOLVERS = {"highs": "spopt-HiGHS", "cbc": "spopt-CBC"}
# Our runs are killed after twice their time limit plus this (loading, coverage, greedy).
OURS_CAP_MARGIN = 120.0
# A capped spopt child gets its solver time limit so as to end by the cap, then this grace
# before it is killed (reading back a large solution takes time).
SPOPT_GRACE = 20.0
# Seconds kept between the solver's time limit and the cap, for writing and reading back.
SPOPT_MARGIN = 5.0


# --- Command line --------------------------------------------------------------------


def _names(value: str, allowed, what: str) -> list[str]:
    names = [name.strip().lower() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in allowed]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown {what} {', '.join(unknown) or '(none)'}; expected some of "
            + ", ".join(allowed)
        )
    return names


def _per_scale(value: str, cast, what: str) -> dict[str, float]:
    """'1000' for every scale, or 'france=1000,creuse=4' for some."""
    result = {}
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        key, sep, number = part.rpartition("=")
        keys = [key.strip().lower()] if sep else list(SCALES)
        if sep and keys[0] not in SCALES:
            raise argparse.ArgumentTypeError(f"unknown scale {keys[0]!r} in --{what}")
        try:
            number = cast(number)
        except ValueError:
            raise argparse.ArgumentTypeError(f"--{what}: {number!r} is not a number") from None
        if not number > 0:
            raise argparse.ArgumentTypeError(f"--{what} must be positive, not {number}")
        result.update(dict.fromkeys(keys, number))
    return result


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Defaults: p = 5 (Creuse), 5 (Ariège), 150 (Nouvelle-Aquitaine), 1000 (France); "
        "our time limit = 5 s (départements), 10 s (region), 55 s (France).",
    )
    parser.add_argument(
        "--scales",
        type=lambda v: _names(v, SCALES, "scale"),
        default=list(SCALES),
        help="comma-separated, from " + ", ".join(SCALES) + " (default: all)",
    )
    parser.add_argument(
        "--minutes",
        type=lambda v: [float(m) for m in v.split(",") if m.strip()],
        default=[10.0, 20.0],
        help="travel-time thresholds, comma-separated (default: 10,20)",
    )
    parser.add_argument(
        "--problems",
        type=lambda v: _names(v, PROBLEMS, "problem"),
        default=list(PROBLEMS),
        help="mclp (maximal covering with p sites), lscp (cover everyone with fewest sites)",
    )
    parser.add_argument(
        "--p",
        type=lambda v: _per_scale(v, int, "p"),
        default={},
        help="sites for the MCLP: one integer for every scale, or e.g. 'france=800,creuse=4'",
    )
    parser.add_argument(
        "--time-limit",
        type=lambda v: _per_scale(v, float, "time-limit"),
        default={},
        help="seconds for our solvers: one number, or e.g. 'france=55,nouvelle-aquitaine=10'",
    )
    parser.add_argument(
        "--spopt-cap",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="wall-clock cap of each spopt run, building included (default 300)",
    )
    parser.add_argument(
        "--spopt-memory",
        type=float,
        default=6.0,
        metavar="GB",
        help="address-space cap (RLIMIT_AS) of each spopt run, solver included (default 6)",
    )
    parser.add_argument(
        "--spopt-solvers",
        type=lambda v: _names(v, SPOPT_SOLVERS, "spopt solver"),
        default=list(SPOPT_SOLVERS),
        help="highs, cbc (default: both)",
    )
    parser.add_argument("--skip-spopt", action="store_true", help="run our engine only")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.minutes or any(not (math.isfinite(m) and m > 0) for m in args.minutes):
        parser.error("--minutes takes positive numbers")
    return args


# --- Inputs, identical for every solver --------------------------------------------


def load_points(scale_key: str):
    """The communes of a scale: candidates and demand at once, weighted by population."""
    from territory.communes import commune_index
    from territory.points import points_for_territory

    departements = SCALES[scale_key].departements
    if departements is not None and len(departements) == 1:
        return points_for_territory(departement=departements[0])
    communes = commune_index().communes
    if departements is None:  # metropolitan France: two-character codes (01–95, 2A, 2B)
        selected = [c.insee for c in communes if len(c.dep) == 2]
    else:
        wanted = set(departements)
        selected = [c.insee for c in communes if c.dep in wanted]
    return points_for_territory(insee=selected, communes=communes)


def dense_cost_matrix(points, cover, minutes: float, clients=None):
    """spopt's input: a dense (clients x sites) matrix of travel minutes, from our sets.

    Minutes where a site covers a client (clipped to the threshold, so the float32 rounding
    cannot move a pair across it), a large value elsewhere: spopt's ``cost <= radius`` gives
    back exactly our coverage. ``clients``: the demand points kept as rows (default: all).
    """
    import numpy as np

    from territory.travel import TravelModel

    n_sites, n_demand = cover.shape
    if clients is None:
        clients = np.arange(n_demand)
    client_row = np.full(n_demand, -1, dtype=np.intp)
    client_row[clients] = np.arange(clients.size)
    coo = cover.tocoo()
    keep = client_row[coo.col] >= 0
    sites, demand = coo.row[keep], coo.col[keep]
    minutes_covered = TravelModel().minutes(
        points.lat[sites], points.lon[sites], points.lat[demand], points.lon[demand]
    )
    cost = np.full((clients.size, n_sites), 1e6, dtype=np.float32)
    cost[client_row[demand], sites] = np.minimum(minutes_covered, minutes)
    return cost


# --- Child process: one solver on one problem ---------------------------------------


_current_phase = [""]


def _phase(name: str) -> None:
    _current_phase[0] = name
    print(f"phase: {name}", flush=True)


def _ours(job, points, cover, started: float) -> dict:
    import numpy as np

    from territory import optimize

    weights = points.population
    groups = points.dep
    limit = job["time_limit"]
    if job["problem"] == "mclp":
        if hasattr(optimize, "solve_max_cover"):
            result = optimize.solve_max_cover(
                cover, weights, job["p"], time_limit=limit, groups=groups
            )
            function = "solve_max_cover"
        else:  # until solve_max_cover lands
            result = optimize.exact_max_cover(cover, weights, job["p"], time_limit=limit)
            function = "exact_max_cover (no solve_max_cover yet)"
        recomputed = optimize.covered_weight(cover, weights, result.sites)
        return {
            "objective": float(result.objective),
            "bound": float(result.bound),
            "gap": float(result.gap),
            "proven": bool(result.proven),
            "sites": int(len(result.sites)),
            "check": _check_mclp(recomputed, result.objective, len(result.sites), job["p"]),
            "status": f"{function}: {result.status_message}",
            "share": recomputed / float(np.sum(weights)),
        }
    try:
        from territory.setcover import solve_set_cover
    except ImportError:
        return {"error": "not available (territory.setcover.solve_set_cover does not exist yet)"}
    result = solve_set_cover(cover, weights, share=1.0, time_limit=limit, groups=groups)
    covered = optimize.covered_weight(cover, weights, result.sites)
    size = int(len(result.sites))
    return {
        "objective": float(size),
        "bound": float(result.lower_bound),
        "gap": float(result.gap),
        "proven": bool(result.proven),
        "sites": size,
        "check": _check_lscp(covered, float(np.sum(weights)), size),
        "status": f"solve_set_cover: greedy {result.greedy_size} sites; {result.status_message}",
    }


def _check_mclp(recomputed: float, reported: float, sites: int, p: int) -> str:
    problems = []
    if abs(recomputed - reported) > 0.5:
        problems.append(f"reported {reported:,.0f} but the sites cover {recomputed:,.0f}")
    if sites != p:
        problems.append(f"{sites} sites instead of {p}")
    return "; ".join(problems) or "ok"


def _check_lscp(covered: float, total: float, sites: int) -> str:
    if covered + 0.5 < total:
        return f"{sites} sites leave {total - covered:,.0f} inhabitants uncovered"
    return "ok"


def _cbc_bound(log_path: Path) -> float | None:
    """CBC's best bound from its log (pulp does not return it); None when absent."""
    try:
        text = log_path.read_text(errors="replace")
    except OSError:
        return None
    found = re.findall(r"^(?:Lower bound|Upper bound):\s*(-?[0-9.eE+-]+)", text, re.MULTILINE)
    return float(found[-1]) if found else None


def _spopt(job, points, cover, started: float, phases: dict) -> dict:
    import numpy as np
    import pulp
    from spopt.locate import LSCP, MCLP

    from territory.optimize import covered_weight

    minutes = job["minutes"]
    weights = points.population
    mark = time.perf_counter()
    _phase("building the dense cost matrix")
    clients = None
    if job["problem"] == "lscp":
        # Inhabited communes only: our set cover must reach all the population, and a
        # commune of 0 inhabitants adds nothing to it (6 such communes, all in the Meuse).
        clients = np.flatnonzero(weights > 0)
    cost = dense_cost_matrix(points, cover, minutes, clients)
    phases["matrix"] = time.perf_counter() - mark

    mark = time.perf_counter()
    _phase("building the spopt model")
    if job["problem"] == "mclp":
        model = MCLP.from_cost_matrix(cost, weights, minutes, p_facilities=job["p"])
    else:
        model = LSCP.from_cost_matrix(cost, minutes)
    del cost
    phases["model"] = time.perf_counter() - mark
    expected = cover.nnz if clients is None else cover[:, clients].nnz
    aij = int(np.count_nonzero(model.aij))
    aij_check = "ok" if aij == expected else f"spopt's aij has {aij} pairs, ours {expected}"

    remaining = job["cap"] - (time.perf_counter() - started) - SPOPT_MARGIN
    if remaining < 1:
        return {"error": "did not finish (time cap: no time left to solve after building)"}
    log_path = Path(job["workdir"]) / "cbc.log"
    if job["solver"] == "highs":
        solver = pulp.HiGHS(msg=False, timeLimit=remaining, gapRel=0.0)
    else:
        solver = pulp.PULP_CBC_CMD(
            msg=False, timeLimit=remaining, gapRel=0.0, logPath=str(log_path)
        )
        if not solver.available():
            return {"error": "not available (PuLP has no CBC binary; pulp<4 bundles one)"}
    mark = time.perf_counter()
    _phase(f"solving, time limit {remaining:.0f} s")
    try:
        model.solve(solver, results=False)
        spopt_error = ""
    except RuntimeError as error:  # spopt's check_status: PuLP status other than Optimal
        spopt_error = f"; spopt raised: {error}"
    phases["solve"] = time.perf_counter() - mark

    problem = model.problem
    status = pulp.LpStatus.get(problem.status, str(problem.status))
    sol_status = {
        pulp.LpSolutionOptimal: "optimal",
        pulp.LpSolutionIntegerFeasible: "integer feasible, not proven",
        pulp.LpSolutionNoSolutionFound: "no solution",
        pulp.LpSolutionInfeasible: "infeasible",
        pulp.LpSolutionUnbounded: "unbounded",
    }.get(problem.sol_status, str(problem.sol_status))
    message = f"PuLP status {status}, sol_status {sol_status}{spopt_error}"
    sites = np.array(
        [j for j, var in enumerate(model.fac_vars) if (var.varValue or 0) > 0.5], dtype=np.intp
    )
    if problem.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return {"error": f"no solution ({message})"}
    proven = problem.status == pulp.LpStatusOptimal and problem.sol_status == (
        pulp.LpSolutionOptimal
    )
    objective = float(pulp.value(problem.objective))
    if job["solver"] == "highs":
        info = problem.solverModel.getInfo()
        raw = float(info.mip_dual_bound)
        # PuLP hands HiGHS a minimisation: the bound of a maximisation comes back negated.
        bound = -raw if job["problem"] == "mclp" else raw
    else:
        bound = _cbc_bound(log_path)
    if proven:
        bound = objective
    result = {"objective": objective, "proven": proven, "sites": int(sites.size)}
    if job["problem"] == "mclp":
        recomputed = covered_weight(cover, weights, sites)
        result["check"] = _check_mclp(recomputed, objective, sites.size, job["p"])
        result["share"] = recomputed / float(np.sum(weights))
        if bound is not None and math.isfinite(bound):
            result["bound"] = max(bound, objective)
            result["gap"] = max(0.0, (result["bound"] - objective) / result["bound"])
    else:
        covered = covered_weight(cover, weights, sites)
        result["check"] = _check_lscp(covered, float(np.sum(weights)), sites.size)
        if bound is not None and math.isfinite(bound):
            result["bound"] = min(float(math.ceil(bound - 1e-6)), objective)
            result["gap"] = max(0.0, (objective - result["bound"]) / objective)
    if aij_check != "ok":
        result["check"] = f"{aij_check}; {result['check']}"
    result["status"] = message
    return result


def run_child(job: dict) -> None:
    """One solve, in this fresh process; writes its result as JSON to job['result']."""
    limit = int(job["memory_gb"] * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    phases: dict[str, float] = {}
    outcome: dict = {}
    try:
        mark = time.perf_counter()
        _phase("importing")
        import numpy  # noqa: F401

        from territory.coverage import coverage_sets

        if job["solver"] == "ours":
            import territory.optimize  # noqa: F401
        else:
            import pulp  # noqa: F401
            import spopt.locate  # noqa: F401
        phases["imports"] = time.perf_counter() - mark

        started = time.perf_counter()  # end to end: loading, coverage, (model,) solve
        _phase("loading the territory")
        points = load_points(job["scale"])
        phases["load"] = time.perf_counter() - started
        mark = time.perf_counter()
        _phase("coverage sets")
        cover = coverage_sets(points, points.lat, points.lon, job["minutes"])
        phases["cover"] = time.perf_counter() - mark
        if job["solver"] == "ours":
            mark = time.perf_counter()
            _phase("solving")
            outcome = _ours(job, points, cover, started)
            phases["solve"] = time.perf_counter() - mark
        else:
            outcome = _spopt(job, points, cover, started, phases)
        outcome["seconds"] = time.perf_counter() - started
    except MemoryError:
        outcome = {"error": f"did not finish (memory cap: MemoryError while {_current_phase[0]})"}
    except Exception as error:  # reported in the table, not raised: the other runs go on
        outcome = {
            "error": f"failed while {_current_phase[0]}: {type(error).__name__}: {error}"[:300]
        }
    outcome["phases"] = phases
    outcome["peak_self_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(job["result"]).write_text(json.dumps(outcome))


# --- Parent: run the children, gather the table --------------------------------------


def _last_phase(log: Path) -> str:
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    phases = [line[len("phase: ") :] for line in lines if line.startswith("phase: ")]
    return phases[-1] if phases else ""


def _log_tail(log: Path) -> str:
    try:
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return ""
    lines = [line for line in lines if not line.startswith("phase: ")]
    return lines[-1][:200] if lines else ""


def _session_memory(session: int) -> float:
    """Memory in MB used now by a session's processes: the sum of their PSS.

    The child's own ``ru_maxrss`` misses CBC (a separate process) and any worker the engine
    forks; adding their RSS would count the pages they share twice. The proportional set
    size splits shared pages between the processes that map them.
    """
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            if int(stat[stat.rindex(")") + 2 :].split()[3]) != session:  # state ppid pgrp sid
                continue
            for line in Path(f"/proc/{entry}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
                    break
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
    return total


def run_job(job: dict, cap: float, workdir: Path) -> dict:
    """Run one child with a wall-clock cap; its peak RSS comes from wait4."""
    job = {**job, "workdir": str(workdir), "result": str(workdir / "result.json")}
    log = workdir / "child.log"
    start = time.perf_counter()
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(job)],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: CBC is killed with it
        )
    killed = False
    sampled = 0.0  # the largest sum of the session's PSS seen, sampled every 0.2 s
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > cap:
            os.killpg(process.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(process.pid, 0)
            killed = True
            break
        sampled = max(sampled, _session_memory(process.pid))
        time.sleep(0.2)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    # The exact peak of the child's largest process, or the sampled total if larger.
    peak = max(usage.ru_maxrss / 1024, sampled)
    result_path = Path(job["result"])
    if killed:
        outcome = {
            "error": f"did not finish (time cap {cap:.0f} s, while {_last_phase(log)})",
            "seconds": wall,
            "peak_mb": peak,
            "peak_lower": True,
        }
    elif result_path.exists():
        outcome = json.loads(result_path.read_text())
        outcome["peak_mb"] = peak
        outcome.setdefault("seconds", wall)
    else:
        code = process.returncode
        reason = f"signal {-code}" if code < 0 else f"exit code {code}"
        outcome = {
            "error": f"did not finish ({reason} while {_last_phase(log)}; memory cap likely; "
            f"{_log_tail(log)})",
            "seconds": wall,
            "peak_mb": peak,
        }
    outcome["wall"] = wall
    return outcome


@dataclass
class Row:
    scale: str
    minutes: float
    problem: str
    solver: str
    outcome: dict

    @property
    def ok(self) -> bool:
        return "error" not in self.outcome


def _number(value) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}"


def _phases(phases: dict) -> str:
    order = ("load", "cover", "matrix", "model", "solve")
    parts = [f"{name} {phases[name]:.2f}" for name in order if name in phases]
    return " + ".join(parts) + (f" s (imports {phases['imports']:.1f} s)" if parts else "")


HEADER = (
    "scale",
    "min",
    "problem",
    "solver",
    "seconds",
    "peak MB",
    "objective",
    "bound",
    "gap",
    "proven",
    "notes",
)


def render(row: Row) -> tuple[str, ...]:
    o = row.outcome
    peak = o.get("peak_mb")
    peak_text = "n/a" if peak is None else (">= " if o.get("peak_lower") else "") + f"{peak:,.0f}"
    if not row.ok:
        notes = "; ".join(n for n in (o["error"], _phases(o.get("phases", {}))) if n)
        return (
            SCALES[row.scale].label,
            f"{row.minutes:g}",
            row.problem.upper(),
            row.solver,
            f"{o.get('seconds', o.get('wall', 0.0)):.1f}",
            peak_text,
            "-",
            "-",
            "-",
            "no",
            notes,
        )
    notes = [_phases(o.get("phases", {}))]
    if "share" in o:
        notes.insert(0, f"covers {100 * o['share']:.2f} %")
    if o.get("check") != "ok":
        notes.append(f"CHECK FAILED: {o.get('check')}")
    notes.append(o.get("status", ""))
    gap = o.get("gap")
    return (
        SCALES[row.scale].label,
        f"{row.minutes:g}",
        row.problem.upper(),
        row.solver,
        f"{o['seconds']:.2f}",
        peak_text,
        _number(o["objective"]),
        _number(o.get("bound")),
        "n/a" if gap is None else f"{100 * gap:.2f} %",
        "yes" if o["proven"] else "no",
        "; ".join(n for n in notes if n),
    )


def table(rows: list[Row]) -> str:
    lines = [HEADER, *(render(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    rendered = [
        "| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |"
        for line in lines
    ]
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([rendered[0], rule, *rendered[1:]])


def identical_objectives(rows: list[Row]) -> str:
    """Compare the objectives of every pair of solvers that both proved optimality."""
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        if row.ok and row.outcome["proven"]:
            groups.setdefault((row.scale, row.minutes, row.problem), []).append(row)
    compared, differ = 0, []
    for (scale, minutes, problem), proven in groups.items():
        if len(proven) < 2:
            continue
        compared += 1
        values = {row.solver: row.outcome["objective"] for row in proven}
        if max(values.values()) - min(values.values()) > 0.5:
            shown = ", ".join(f"{k} {v:,.0f}" for k, v in values.items())
            differ.append(f"{SCALES[scale].label} {minutes:g} min {problem.upper()}: {shown}")
    if not compared:
        return "identical objectives where both proved optimality: no case where two did"
    if differ:
        return "identical objectives where both proved optimality: NO, " + " | ".join(differ)
    return (
        f"identical objectives where both proved optimality: yes, in all {compared} case(s) "
        "where at least two solvers proved it"
    )


def _find(rows, scale, minutes, problem, solver="ours"):
    for row in rows:
        if (row.scale, row.minutes, row.problem, row.solver) == (scale, minutes, problem, solver):
            return row
    return None


def targets(rows: list[Row]) -> list[str]:
    """The issue's targets for our engine, met or not, for the runs made."""
    lines = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    for row in rows:
        if row.solver != "ours":
            continue
        o, label = row.outcome, f"{SCALES[row.scale].label} {row.minutes:g} min {row.problem}"
        if not row.ok:
            lines.append(f"{label}: NOT met ({o['error']})")
            continue
        seconds, peak = o["seconds"], o.get("peak_mb") or 0.0
        if row.scale in ("creuse", "ariege"):
            lines.append(f"{label}: under 1 s end to end: {verdict(seconds < 1)} ({seconds:.2f} s)")
        elif row.scale == "nouvelle-aquitaine":
            ok = seconds < 10 and o["proven"]
            lines.append(
                f"{label}: under 10 s to a proven optimum: {verdict(ok)} "
                f"({seconds:.2f} s, proven {'yes' if o['proven'] else 'no'})"
            )
        elif row.scale == "france":
            fast = seconds < 60 and peak < 1024
            if row.problem == "mclp":
                gap = o.get("gap")
                ok = fast and gap is not None and gap <= 0.01
                lines.append(
                    f"{label}: proven gap <= 1 % in < 60 s and < 1 GB: {verdict(ok)} "
                    f"(gap {100 * (gap or 0):.2f} %, {seconds:.1f} s, {peak:,.0f} MB)"
                )
            else:
                most = {20.0: 980, 10.0: 3450}.get(row.minutes)
                size = o["objective"]
                ok = fast and (most is None or size <= most) and o.get("bound") is not None
                target = f"<= {most} sites" if most else "no site target at this threshold"
                lines.append(
                    f"{label}: {target} with a lower bound, < 60 s, < 1 GB: {verdict(ok)} "
                    f"({size:,.0f} sites, lower bound {_number(o.get('bound'))}, "
                    f"{seconds:.1f} s, {peak:,.0f} MB)"
                )
    return lines


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def spopt_available() -> tuple[bool, str]:
    missing = [name for name in ("spopt", "pulp") if util.find_spec(name) is None]
    if missing:
        return False, f"{' and '.join(missing)} not installed (pip install -e '.[bench]')"
    return True, ""


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.child:
        run_child(json.loads(args.child))
        return
    solvers = ["ours"]
    if args.skip_spopt:
        print("spopt skipped (--skip-spopt): running our engine only")
    else:
        available, why = spopt_available()
        if available:
            solvers += [SPOPT_SOLVERS[name] for name in args.spopt_solvers]
            if "highs" in args.spopt_solvers and util.find_spec("highspy") is None:
                print("highspy is not installed: the spopt-HiGHS rows will fail")
        else:
            print(f"spopt is not available ({why}): running our engine only")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{platform.node()}: {os.cpu_count()} CPUs, load average {load}; "
        f"Python {platform.python_version()}; "
        + ", ".join(
            f"{name} {_version(name)}"
            for name in ("numpy", "scipy", "spopt", "pulp", "highspy")
            if not (args.skip_spopt and name in ("spopt", "pulp"))
        )
    )
    print(
        f"spopt runs: wall-clock cap {args.spopt_cap:.0f} s (building included), "
        f"memory cap {args.spopt_memory:g} GB (RLIMIT_AS, CBC included)\n",
        flush=True,
    )
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="maillage-planner-") as tmp:
        number = 0
        for scale in args.scales:
            p = int(args.p.get(scale, SCALES[scale].p))
            time_limit = float(args.time_limit.get(scale, SCALES[scale].time_limit))
            for minutes in args.minutes:
                for problem in args.problems:
                    for solver in solvers:
                        number += 1
                        workdir = Path(tmp) / str(number)
                        workdir.mkdir()
                        spopt = solver != "ours"
                        job = {
                            "scale": scale,
                            "minutes": minutes,
                            "problem": problem,
                            "solver": solver.removeprefix("spopt-").lower(),
                            "p": p,
                            "time_limit": time_limit,
                            "cap": args.spopt_cap,
                            "memory_gb": args.spopt_memory,
                        }
                        if spopt:
                            cap = args.spopt_cap + SPOPT_GRACE
                        else:
                            cap = 2 * time_limit + OURS_CAP_MARGIN
                        outcome = run_job(job, cap, workdir)
                        row = Row(scale, minutes, problem, solver, outcome)
                        rows.append(row)
                        cells = render(row)
                        print(
                            f"{cells[0]}, {cells[1]} min, {cells[2]}"
                            + (f" (p={p})" if problem == "mclp" else "")
                            + f", {cells[3]}: {cells[4]} s, {cells[5]} MB, objective {cells[6]},"
                            f" proven {cells[9]}" + ("" if row.ok else f" - {outcome['error']}"),
                            flush=True,
                        )
    print()
    p_text = ", ".join(
        f"{SCALES[s].label} p={int(args.p.get(s, SCALES[s].p))}" for s in args.scales
    )
    print(
        "MCLP: covered population with p sites (" + p_text + "); LSCP: number of sites to cover "
        "the whole population. seconds: end to end in the child process (loading, coverage "
        "sets, spopt's dense matrix and model, solve), imports excluded. peak MB: the child "
        "process's peak resident set, or the largest total PSS of its process tree (CBC, "
        "forked workers) sampled every 0.2 s, whichever is larger.\n"
    )
    print(table(rows))
    print()
    print(identical_objectives(rows))
    found = targets(rows)
    if found:
        print("\nTargets for our engine:")
        for line in found:
            print(f"- {line}")


if __name__ == "__main__":
    main()
