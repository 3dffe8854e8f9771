"""Wall-clock limits we enforce ourselves: run a call in a child process, kill it if late.

HiGHS takes a ``time_limit`` option, but on large models it has been seen
overrunning it by minutes (it only checks the clock between some phases), and
``scipy.optimize.linprog``'s interior point has no reliable limit at all. So
the engine runs such calls in a child process (``multiprocessing``, with the
``fork`` start method where the platform has it, so nothing but the result is
pickled) and kills the child when it has not answered after ``time_limit +
grace`` seconds. The result crosses the process boundary through a pipe: keep
it small (numpy arrays of a few hundred thousand numbers at most).
"""

from __future__ import annotations

import math
import multiprocessing
import time
import traceback
import warnings
from dataclasses import dataclass

import numpy as np

from territory.errors import TerritoryError

__all__ = ["Limited", "Pending", "milp_limited", "run_limited", "start_limited"]


@dataclass(frozen=True, eq=False)
class Limited:
    """Outcome of a call run under a wall-clock limit by :func:`run_limited`.

    Attributes
    ----------
    value : object or None
        What the function returned; None when it was killed or failed.
    killed : bool
        True when the child had not answered at the deadline and was killed.
    error : str
        "" on success, else the exception (type and text) raised in the child,
        or why the child gave no answer (e.g. it died from a signal).
    seconds : float
        Wall-clock seconds from starting the child to having its answer (or killing it).
    """

    value: object | None
    killed: bool
    error: str
    seconds: float

    @property
    def ok(self) -> bool:
        """True when the function returned normally (``value`` is its result)."""
        return not self.killed and not self.error


def _context():
    # "fork" shares the parent's memory copy-on-write: no pickling of the (possibly large)
    # arguments and closures work. Elsewhere (Windows, macOS default) fall back to the
    # platform's default start method, which needs picklable arguments.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _child(conn, func, args, kwargs):
    try:
        value = func(*args, **kwargs)
    except BaseException as error:  # everything must reach the parent
        text = f"{type(error).__name__}: {error}"
        if not str(error):
            text = "".join(traceback.format_exception_only(type(error), error)).strip()
        try:
            conn.send(("error", text))
        finally:
            conn.close()
        return
    try:
        conn.send(("ok", value))
    except Exception as error:  # e.g. an unpicklable result
        conn.send(("error", f"could not send the result back: {type(error).__name__}: {error}"))
    finally:
        conn.close()


def _check_seconds(value, name: str, *, allow_zero: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise TerritoryError(f"{name} must be a number of seconds, not {value!r}")
    value = float(value)
    if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise TerritoryError(f"{name} must be a finite number of seconds {bound}, not {value}")
    return value


def run_limited(func, /, *args, time_limit: float, grace: float = 2.0, **kwargs) -> Limited:
    """Run ``func(*args, **kwargs)`` in a child process, killing it if it is late.

    Parameters
    ----------
    func : callable
        Any callable with the ``fork`` start method (a lambda or closure too);
        elsewhere it and its arguments must be picklable. Its return value
        must be picklable.
    *args, **kwargs
        Passed to ``func``.
    time_limit : float
        Seconds (> 0) the call is expected to take.
    grace : float, default 2.0
        Extra seconds (>= 0) before the child is killed: it is killed when it
        has not answered ``time_limit + grace`` seconds after its start.

    Returns
    -------
    Limited
        ``value`` is the function's result; ``error`` holds the exception
        text if it raised; ``killed`` is True if it was killed at the deadline.

    Raises
    ------
    TerritoryError
        Bad ``time_limit`` or ``grace``.

    Examples
    --------
    >>> run_limited(sum, [1, 2, 3], time_limit=5).value
    6
    >>> run_limited(int, "x", time_limit=5).error
    "ValueError: invalid literal for int() with base 10: 'x'"
    >>> import time
    >>> late = run_limited(time.sleep, 10, time_limit=0.1, grace=0.1)
    >>> late.killed, late.value, late.seconds < 1
    (True, None, True)
    """
    return start_limited(func, *args, time_limit=time_limit, grace=grace, **kwargs).result()


class Pending:
    """A call running in a child process, started by :func:`start_limited`.

    The parent goes on with its own work, asks :meth:`ready` from time to
    time, and takes the outcome with :meth:`result` (waiting at most until
    the deadline, then killing the child) or :meth:`cancel` (at once).
    """

    def __init__(self, process, receiver, started: float, limit: float):
        self._process = process
        self._receiver = receiver
        self._started = started
        self._limit = limit  # seconds from the start before the kill
        self._outcome: Limited | None = None

    def ready(self, wait: float = 0.0) -> bool:
        """True once the child has answered or died (:meth:`result` then returns at once).

        Waits up to ``wait`` seconds for it, returning as soon as it answers.
        """
        return self._outcome is not None or self._receiver.poll(wait)

    def result(self) -> Limited:
        """The outcome, waiting for it until the deadline; the child is killed if later."""
        if self._outcome is None:
            wait = max(0.0, self._started + self._limit - time.monotonic())
            late = f"killed after {self._limit:g} s without an answer"
            self._outcome = self._close(self._receiver.poll(wait), late)
        return self._outcome

    def cancel(self) -> Limited:
        """The outcome if the child has already answered; otherwise kill it now."""
        if self._outcome is None:
            self._outcome = self._close(self._receiver.poll(0), "cancelled before its answer")
        return self._outcome

    def _close(self, answered: bool, late: str) -> Limited:
        value, killed, error = None, False, ""
        try:
            if answered:
                try:
                    kind, payload = self._receiver.recv()
                except EOFError:
                    self._process.join(1.0)
                    code = self._process.exitcode
                    error = f"the child process died without an answer (exit code {code})"
                else:
                    if kind == "ok":
                        value = payload
                    else:
                        error = payload
            else:
                killed, error = True, late
        finally:
            self._receiver.close()
            if self._process.is_alive():
                self._process.join(0.05 if not killed else 0.0)
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
        seconds = time.monotonic() - self._started
        return Limited(value=value, killed=killed, error=error, seconds=seconds)


def start_limited(func, /, *args, time_limit: float, grace: float = 2.0, **kwargs) -> Pending:
    """Start ``func(*args, **kwargs)`` in a child process and return at once.

    As :func:`run_limited`, whose arguments it takes, but the caller works
    meanwhile: the planner runs HiGHS on one core while its own search runs
    on the other.

    Examples
    --------
    >>> pending = start_limited(sum, [1, 2, 3], time_limit=5)
    >>> pending.result().value
    6
    >>> import time
    >>> slow = start_limited(time.sleep, 10, time_limit=20)
    >>> slow.ready(), slow.cancel().killed
    (False, True)
    """
    time_limit = _check_seconds(time_limit, "time_limit")
    grace = _check_seconds(grace, "grace", allow_zero=True)
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, func, args, kwargs), daemon=True)
    started = time.monotonic()
    process.start()
    # Close our copy of the sending end, so that a child dying without answering gives
    # EOF on the receiving end at once instead of a wait until the deadline.
    sender.close()
    # Pending.result reads before joining: a child blocked writing a large result to a full
    # pipe would otherwise never exit.
    return Pending(process, receiver, started, time_limit + grace)


def _milp_child(c, integrality, bounds, constraints, options) -> dict:
    # Imported here so that importing this module stays cheap.
    from scipy.optimize import milp

    with warnings.catch_warnings():
        # scipy warns that options it does not know (e.g. "random_seed") go to HiGHS
        # verbatim: that is what the caller asked for.
        warnings.filterwarnings("ignore", "Unrecognized options", RuntimeWarning)
        res = milp(
            c, integrality=integrality, bounds=bounds, constraints=constraints, options=options
        )
    x = None if res.x is None else np.asarray(res.x, dtype=np.float64)
    return {
        "status": int(res.status),
        "success": bool(res.success),
        "message": str(res.message),
        "x": x,
        "fun": None if res.fun is None else float(res.fun),
        "mip_dual_bound": _float_or_none(getattr(res, "mip_dual_bound", None)),
        "mip_gap": _float_or_none(getattr(res, "mip_gap", None)),
        "mip_node_count": getattr(res, "mip_node_count", None),
    }


def _float_or_none(value) -> float | None:
    return None if value is None else float(value)


def milp_limited(
    c,
    *,
    integrality,
    bounds,
    constraints,
    time_limit: float,
    options: dict | None = None,
    grace: float = 2.0,
) -> Limited:
    """:func:`scipy.optimize.milp` in a child process that is killed if it overruns.

    HiGHS gets ``time_limit`` as its own option too (unless ``options`` asks
    for less), and the child is killed at ``time_limit + grace`` seconds.

    Parameters
    ----------
    c, integrality, bounds, constraints
        As for :func:`scipy.optimize.milp`.
    time_limit : float
        Seconds, > 0.
    options : dict, optional
        HiGHS options for ``milp`` (``mip_rel_gap``, ``presolve``, ...); options
        scipy does not know are passed to HiGHS verbatim, without scipy's warning.
    grace : float, default 2.0
        Seconds allowed beyond ``time_limit`` before the kill.

    Returns
    -------
    Limited
        ``value`` is None when the child was killed or failed, else a dict
        with ``status`` (0 optimal, 1 limit reached, 2 infeasible, 3
        unbounded, 4 other), ``success``, ``message``, ``x`` (array or None),
        ``fun``, ``mip_dual_bound``, ``mip_gap`` and ``mip_node_count``.

    Examples
    --------
    >>> from scipy.optimize import Bounds, LinearConstraint
    >>> out = milp_limited(
    ...     [1, 1, 1], integrality=[1, 1, 1], bounds=Bounds(0, 1),
    ...     constraints=[LinearConstraint([[1, 1, 0], [0, 1, 1]], 1, 2)], time_limit=5,
    ... )
    >>> out.value["status"], out.value["fun"], out.value["x"].round().tolist()
    (0, 1.0, [0.0, 1.0, 0.0])
    """
    time_limit = _check_seconds(time_limit, "time_limit")
    options = dict(options or {})
    options["time_limit"] = min(float(options.get("time_limit", time_limit)), time_limit)
    return run_limited(
        _milp_child,
        c,
        integrality,
        bounds,
        constraints,
        options,
        time_limit=time_limit,
        grace=grace,
    )
