"""Maximal covering location on plain arrays: choose ``p`` sites to cover the most weight.

As in spopt, the solvers know no geography: they take a sparse boolean
coverage matrix (rows = candidate sites, columns = demand points, e.g. from
:func:`territory.coverage.coverage_sets`) and a weight per demand point.

* :func:`greedy_max_cover` is a lazy greedy heuristic (a heap of marginal
  gains, which only decrease), fast at national scale.
* :func:`exact_max_cover` solves the integer programme with HiGHS through
  :func:`scipy.optimize.milp`, starting from the greedy solution, and reports
  a bound and a proven gap when it stops early.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from territory.errors import TerritoryError

__all__ = ["MaxCoverResult", "covered_weight", "exact_max_cover", "greedy_max_cover"]


def _check_cover(cover) -> sparse.csr_matrix:
    if not sparse.issparse(cover):
        cover = np.asarray(cover)
        if cover.ndim != 2:
            raise TerritoryError(f"the coverage matrix must be 2-D, not {cover.ndim}-D")
    matrix = sparse.csr_matrix(cover).astype(bool)
    matrix.eliminate_zeros()
    matrix.sort_indices()
    return matrix


def _check_weights(weights, n_demand: int) -> np.ndarray:
    weights = np.asarray(weights, dtype=np.float64).reshape(-1)
    if weights.size != n_demand:
        raise TerritoryError(
            f"{weights.size} weights for {n_demand} demand points (coverage matrix columns)"
        )
    bad = ~np.isfinite(weights) | (weights < 0)
    if bad.any():
        raise TerritoryError(
            f"weights must be finite and >= 0; {int(bad.sum())} are negative, NaN or infinite "
            f"(first at position {int(np.flatnonzero(bad)[0])})"
        )
    return weights


def _check_fixed(fixed, n_sites: int) -> np.ndarray:
    if fixed is None:
        return np.zeros(0, dtype=np.intp)
    fixed = np.asarray(fixed).reshape(-1)
    if fixed.dtype == bool:
        if fixed.size != n_sites:
            raise TerritoryError(f"fixed mask has {fixed.size} values for {n_sites} sites")
        return np.flatnonzero(fixed)
    if fixed.size == 0:
        return np.zeros(0, dtype=np.intp)
    if not np.issubdtype(fixed.dtype, np.integer):
        raise TerritoryError("fixed must be integer site indices or a boolean mask")
    bad = (fixed < 0) | (fixed >= n_sites)
    if bad.any():
        raise TerritoryError(
            f"fixed site index {int(fixed[bad][0])} out of range for {n_sites} sites"
        )
    return np.unique(fixed).astype(np.intp)


def _check_p(p, n_free: int) -> int:
    if isinstance(p, bool) or not isinstance(p, int | np.integer):
        raise TerritoryError(f"p must be an integer, not {p!r}")
    p = int(p)
    if p < 1:
        raise TerritoryError(f"p must be at least 1, not {p}")
    if p > n_free:
        raise TerritoryError(
            f"p = {p} is more than the {n_free} candidate site(s) that are not fixed"
        )
    return p


def _prepare(cover, weights, p, fixed):
    cover = _check_cover(cover)
    n_sites, n_demand = cover.shape
    weights = _check_weights(weights, n_demand)
    fixed = _check_fixed(fixed, n_sites)
    p = _check_p(p, n_sites - fixed.size)
    return cover, weights, p, fixed


def _covered_mask(cover: sparse.csr_matrix, sites) -> np.ndarray:
    mask = np.zeros(cover.shape[1], dtype=bool)
    for j in np.asarray(sites, dtype=np.intp).reshape(-1):
        mask[cover.indices[cover.indptr[j] : cover.indptr[j + 1]]] = True
    return mask


def covered_weight(cover, weights, sites) -> float:
    """Total weight of the demand points that at least one of ``sites`` covers.

    Parameters
    ----------
    cover : scipy.sparse matrix or array_like of bool, shape (n_sites, n_demand)
    weights : array_like of float, shape (n_demand,)
    sites : array_like of int
        Row indices (fixed and chosen sites together).

    Examples
    --------
    >>> cover = [[1, 1, 0], [0, 1, 1]]
    >>> covered_weight(cover, [1.0, 2.0, 4.0], [1])
    6.0
    """
    cover = _check_cover(cover)
    weights = _check_weights(weights, cover.shape[1])
    return float(weights[_covered_mask(cover, sites)].sum())


def greedy_max_cover(cover, weights, p: int, fixed=None) -> np.ndarray:
    """Choose ``p`` sites one at a time, each adding the most uncovered weight.

    Lazy greedy: the marginal gain of a site only decreases as others open,
    so a heap of stale gains is re-evaluated only at its top. Ties go to the
    lowest index, so the answer is deterministic.

    Parameters
    ----------
    cover : scipy.sparse matrix or array_like of bool, shape (n_sites, n_demand)
        ``cover[j, i]`` is True when site ``j`` covers demand point ``i``.
    weights : array_like of float, shape (n_demand,)
        Finite, >= 0 (population, for instance).
    p : int
        Number of sites to open, 1 <= p <= number of non-fixed sites.
    fixed : array_like of int or bool mask, optional
        Sites already open: their coverage counts from the start and they are
        never returned.

    Returns
    -------
    numpy.ndarray of int, shape (p,)
        Chosen site indices in the order they were picked.

    Raises
    ------
    TerritoryError
        Bad shapes, weights, ``p`` or ``fixed``.

    Examples
    --------
    >>> cover = [[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]]
    >>> greedy_max_cover(cover, [1, 1, 1, 1], 2).tolist()
    [0, 2]
    >>> greedy_max_cover(cover, [1, 1, 1, 1], 1, fixed=[0]).tolist()
    [2]
    """
    cover, weights, p, fixed = _prepare(cover, weights, p, fixed)
    covered = _covered_mask(cover, fixed)
    indptr, indices = cover.indptr, cover.indices

    def gain(j: int) -> float:
        columns = indices[indptr[j] : indptr[j + 1]]
        return float(weights[columns[~covered[columns]]].sum())

    is_fixed = np.zeros(cover.shape[0], dtype=bool)
    is_fixed[fixed] = True
    heap = [(-gain(j), j) for j in range(cover.shape[0]) if not is_fixed[j]]
    heapq.heapify(heap)
    chosen: list[int] = []
    while len(chosen) < p:
        stale, j = heapq.heappop(heap)
        fresh = gain(j)
        # Recomputing an unchanged gain gives the same float, so equality means up to date;
        # any other entry with this bound and a lower index would have been popped first.
        if fresh >= -stale:
            chosen.append(j)
            covered[indices[indptr[j] : indptr[j + 1]]] = True
        else:
            heapq.heappush(heap, (-fresh, j))
    return np.asarray(chosen, dtype=np.intp)


@dataclass(frozen=True, eq=False)
class MaxCoverResult:
    """Outcome of :func:`exact_max_cover`.

    Attributes
    ----------
    sites : numpy.ndarray of int
        The ``p`` chosen sites (fixed sites excluded), ascending.
    objective : float
        Weight covered by the fixed and chosen sites, recomputed from ``sites``.
    bound : float
        Upper bound on the best achievable covered weight (fixed sites included).
    gap : float
        ``(bound - objective) / bound``, 0 when ``bound`` is 0.
    proven : bool
        True only when HiGHS reported optimality (then ``gap`` is ~0).
    status_message : str
        What the solver did and where ``bound`` comes from.
    """

    sites: np.ndarray
    objective: float
    bound: float
    gap: float
    proven: bool
    status_message: str


def _gap(bound: float, objective: float) -> float:
    return max(0.0, (bound - objective) / bound) if bound > 0 else 0.0


def exact_max_cover(cover, weights, p: int, fixed=None, time_limit: float = 10.0) -> MaxCoverResult:
    """Maximal covering location problem solved as an integer programme (HiGHS).

    Binary ``x_j`` per non-fixed site and ``y_i`` in [0, 1] per demand point;
    maximise ``sum(w_i * y_i)`` subject to ``y_i <= sum(x_j for j covering i)``
    and ``sum(x_j) = p``. Demand points already covered by fixed sites are
    constant, and points no candidate covers (or of weight 0) cannot change
    the objective: both are removed from the model and the former's weight is
    added back. The greedy solution is the incumbent returned whenever HiGHS
    finds nothing better (time limit, failure).

    Parameters
    ----------
    cover, weights, p, fixed
        As in :func:`greedy_max_cover`.
    time_limit : float, default 10.0
        Seconds given to HiGHS (> 0). When HiGHS stops before proving
        optimality, the LP relaxation is solved too, with the same limit again
        (so the call can take up to twice ``time_limit``, plus the greedy).

    Returns
    -------
    MaxCoverResult
        ``proven`` is True only when HiGHS reports an optimal solution (with a
        relative MIP gap tolerance of 0). Otherwise ``bound`` is HiGHS's MIP
        dual bound or the LP-relaxation value, whichever is tighter (or the
        total coverable weight if neither is available); ``status_message``
        says which.

    Raises
    ------
    TerritoryError
        Bad shapes, weights, ``p``, ``fixed`` or ``time_limit``.

    Examples
    --------
    >>> cover = [[1, 1, 0, 0, 0], [0, 1, 1, 1, 0], [1, 0, 0, 0, 1], [0, 0, 1, 1, 1]]
    >>> result = exact_max_cover(cover, [1, 1, 1, 1, 1], 2)
    >>> result.sites.tolist(), result.objective, result.proven
    ([0, 3], 5.0, True)
    """
    cover, weights, p, fixed = _prepare(cover, weights, p, fixed)
    if isinstance(time_limit, bool) or not isinstance(time_limit, int | float | np.number):
        raise TerritoryError(f"time_limit must be a number of seconds, not {time_limit!r}")
    time_limit = float(time_limit)
    if not (math.isfinite(time_limit) and time_limit > 0):
        raise TerritoryError(f"time_limit must be a finite number of seconds > 0, not {time_limit}")

    greedy = np.sort(greedy_max_cover(cover, weights, p, fixed))
    greedy_value = covered_weight(cover, weights, np.concatenate((fixed, greedy)))

    # Reduction: keep only free candidates and the demand points they can still change.
    fixed_covered = _covered_mask(cover, fixed)
    base = float(weights[fixed_covered].sum())
    free = np.setdiff1d(np.arange(cover.shape[0]), fixed)
    sub = cover[free]
    reachable = np.zeros(cover.shape[1], dtype=bool)
    reachable[sub.indices] = True
    keep = np.flatnonzero(reachable & ~fixed_covered & (weights > 0))
    if keep.size == 0:
        return MaxCoverResult(
            greedy, greedy_value, greedy_value, 0.0, True,
            "optimal: no demand point left for the non-fixed candidates to cover",
        )  # fmt: skip
    a = sub[:, keep].T.tocsr().astype(np.float64)  # (m, n) point x candidate
    n, m = free.size, keep.size
    w = weights[keep]
    c = np.concatenate((np.zeros(n), -w))
    link = sparse.hstack((-a, sparse.identity(m, format="csr")), format="csr")
    count = sparse.csr_matrix(np.concatenate((np.ones(n), np.zeros(m)))[None, :])
    constraints = [
        LinearConstraint(link, -np.inf, 0.0),
        LinearConstraint(count, p, p),
    ]
    integrality = np.concatenate((np.ones(n), np.zeros(m)))
    bounds = Bounds(0.0, 1.0)
    options = {"time_limit": time_limit, "mip_rel_gap": 0.0}
    res = milp(c, integrality=integrality, bounds=bounds, constraints=constraints, options=options)

    sites, objective, source = greedy, greedy_value, "greedy"
    if res.x is not None:
        candidate = np.sort(free[res.x[:n] > 0.5])
        if candidate.size == p:
            value = covered_weight(cover, weights, np.concatenate((fixed, candidate)))
            if value > objective or (res.status == 0 and value >= objective):
                sites, objective, source = candidate, value, "HiGHS"
    proven = res.status == 0
    if proven:
        bound, bound_from = objective, "optimal"
    else:
        # Every candidate below is a valid upper bound: keep the tightest.
        found = [(base + float(w.sum()), "total coverable weight")]
        dual = getattr(res, "mip_dual_bound", None)
        if dual is not None and math.isfinite(dual):
            found.append((base - float(dual), "HiGHS MIP dual bound"))
        lp = milp(c, integrality=0, bounds=bounds, constraints=constraints, options=options)
        if lp.status == 0:
            found.append((base - float(lp.fun), "LP relaxation"))
        bound, bound_from = min(found)
    bound = max(bound, objective)
    message = (
        f"HiGHS status {res.status} ({res.message}); solution from {source}; bound: {bound_from}"
    )
    return MaxCoverResult(sites, objective, bound, _gap(bound, objective), proven, message)
