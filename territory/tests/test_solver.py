"""Calls under a wall-clock limit we enforce: results, exceptions, kills, and a real milp."""

import doctest
import math
import os
import time

import numpy as np
import pytest
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

import territory.solver
from territory.coverage import coverage_sets
from territory.errors import TerritoryError
from territory.points import points_for_territory
from territory.solver import Limited, milp_limited, run_limited, start_limited


def sleep_then_return(seconds, value):
    time.sleep(seconds)
    return value


def raise_value_error(text):
    raise ValueError(text)


def test_result_comes_back():
    out = run_limited(sleep_then_return, 0.0, {"a": [1, 2]}, time_limit=5)
    assert isinstance(out, Limited)
    assert out.value == {"a": [1, 2]}
    assert not out.killed and out.error == "" and out.ok
    assert 0 <= out.seconds < 5


def test_keyword_arguments_and_numpy_arrays_come_back():
    out = run_limited(np.arange, 3, 300_003, time_limit=10, dtype=np.int64)
    assert out.ok
    assert np.array_equal(out.value, np.arange(3, 300_003, dtype=np.int64))


def test_closures_work_with_fork():
    offset = 41
    out = run_limited(lambda x: x + offset, 1, time_limit=5)
    assert out.value == 42


def test_exception_text_comes_back():
    out = run_limited(raise_value_error, "bad things", time_limit=5)
    assert out.value is None and not out.killed and not out.ok
    assert out.error == "ValueError: bad things"


def test_child_dying_without_answer_is_reported_at_once():
    start = time.monotonic()
    out = run_limited(os._exit, 3, time_limit=30)
    assert time.monotonic() - start < 5  # EOF on the pipe, not the 30 s deadline
    assert out.value is None and not out.killed
    assert "died" in out.error and "exit code 3" in out.error


@pytest.mark.parametrize(("limit", "grace"), [(0.3, 0.2), (1.0, 0.0)])
def test_late_call_is_killed_promptly(limit, grace):
    start = time.monotonic()
    out = run_limited(sleep_then_return, 30.0, "too late", time_limit=limit, grace=grace)
    elapsed = time.monotonic() - start
    assert out.killed and out.value is None and not out.ok
    assert "killed" in out.error
    assert limit + grace - 0.05 <= elapsed < limit + grace + 1.0
    assert out.seconds == pytest.approx(elapsed, abs=0.5)


def test_late_busy_c_code_is_killed_too():
    """A long numpy computation never returns to the interpreter: only a kill stops it."""
    big = np.random.default_rng(0).random((2000, 2000))
    start = time.monotonic()
    out = run_limited(lambda: [big @ big for _ in range(1000)][0][0, 0], time_limit=0.3, grace=0)
    assert out.killed
    assert time.monotonic() - start < 0.3 + 1.0


def test_background_call_lets_the_parent_work_then_answers():
    pending = start_limited(sleep_then_return, 0.5, [1, 2], time_limit=10)
    assert not pending.ready()  # the call sleeps while we go on
    start = time.monotonic()
    while not pending.ready():
        assert time.monotonic() - start < 5
        time.sleep(0.02)
    out = pending.result()
    assert out.ok and out.value == [1, 2] and 0.4 < out.seconds < 5
    # ready(wait) returns as soon as the answer comes, not at the end of the wait.
    again = start_limited(sleep_then_return, 0.3, "x", time_limit=10)
    start = time.monotonic()
    assert again.ready(5.0) and time.monotonic() - start < 3
    assert again.result().value == "x"
    assert pending.cancel() is out  # the outcome is kept: nothing left to kill


def test_background_call_is_cancelled_or_killed_at_its_deadline():
    slow = start_limited(sleep_then_return, 30.0, "too late", time_limit=20)
    out = slow.cancel()
    assert out.killed and out.value is None and "cancelled" in out.error
    assert out.seconds < 2
    late = start_limited(sleep_then_return, 30.0, "too late", time_limit=0.3, grace=0.1)
    start = time.monotonic()
    out = late.result()
    assert out.killed and "killed after 0.4 s" in out.error
    assert time.monotonic() - start < 2
    # An answer that came before the cancel is kept.
    quick = start_limited(sum, [1, 2], time_limit=5)
    while not quick.ready():
        time.sleep(0.01)
    assert quick.cancel().value == 3


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"time_limit": 0}, "time_limit"),
        ({"time_limit": -1}, "time_limit"),
        ({"time_limit": math.inf}, "time_limit"),
        ({"time_limit": math.nan}, "time_limit"),
        ({"time_limit": "5"}, "time_limit"),
        ({"time_limit": True}, "time_limit"),
        ({"time_limit": 1, "grace": -1}, "grace"),
    ],
)
def test_bad_limits(kwargs, message):
    for call in (run_limited, start_limited):
        with pytest.raises(TerritoryError, match=message):
            call(sum, [1], **kwargs)


def creuse_set_cover_model(minutes):
    creuse = points_for_territory(departement="23")
    a = coverage_sets(creuse, creuse.lat, creuse.lon, minutes).T.tocsr().astype(np.float64)
    n = a.shape[1]
    return np.ones(n), np.ones(n), Bounds(0, 1), [LinearConstraint(a, 1, np.inf)], a


def test_real_milp_matches_in_process_milp():
    c, integrality, bounds, constraints, a = creuse_set_cover_model(20)
    out = milp_limited(
        c, integrality=integrality, bounds=bounds, constraints=constraints, time_limit=20
    )
    assert out.ok, out.error
    value = out.value
    assert value["status"] == 0 and value["success"]
    assert set(value) >= {"status", "message", "x", "fun", "mip_dual_bound", "mip_gap"}
    direct = milp(c, integrality=integrality, bounds=bounds, constraints=constraints)
    assert value["fun"] == pytest.approx(direct.fun)
    # The answer is a real cover of every commune, of the size HiGHS reports.
    x = value["x"] > 0.5
    assert (a @ x.astype(np.float64) >= 1).all()
    assert x.sum() == pytest.approx(value["fun"])
    assert value["mip_dual_bound"] == pytest.approx(value["fun"])


def test_milp_gets_the_time_limit_and_is_killed_when_late():
    """A hard random set cover: HiGHS stops itself at its limit, or we kill it."""
    rng = np.random.default_rng(3)
    a = sparse.csr_matrix(rng.random((900, 600)) < 0.012).astype(np.float64)
    a = a[a.getnnz(axis=1) > 0]
    n = a.shape[1]
    start = time.monotonic()
    out = milp_limited(
        np.ones(n),
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        constraints=[LinearConstraint(a, 1, np.inf)],
        time_limit=0.5,
        grace=0.5,
    )
    assert time.monotonic() - start < 0.5 + 0.5 + 1.0
    if out.killed:
        assert out.value is None
    else:
        assert out.ok and out.value["status"] in (0, 1)
        if out.value["status"] == 1:
            assert out.value["mip_dual_bound"] <= out.value["fun"]


def test_milp_infeasible_status_comes_back():
    out = milp_limited(
        [1.0],
        integrality=[1],
        bounds=Bounds(0, 1),
        constraints=[LinearConstraint([[1.0]], 2, np.inf)],
        time_limit=5,
    )
    assert out.ok and out.value["status"] == 2 and out.value["x"] is None


def test_docstring_examples_run():
    result = doctest.testmod(territory.solver)
    assert result.attempted > 0 and result.failed == 0
