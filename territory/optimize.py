"""Maximal covering location on plain arrays: choose ``p`` sites to cover the most weight.

As in spopt, the solvers know no geography: they take a sparse boolean
coverage matrix (rows = candidate sites, columns = demand points, e.g. from
:func:`territory.coverage.coverage_sets`) and a weight per demand point.

* :func:`greedy_max_cover` is a lazy greedy heuristic (a heap of marginal
  gains, which only decrease), fast at national scale.
* :func:`solve_max_cover` is the solver for every scale. It returns a
  solution with an upper bound proven on the best achievable covered weight:
  optimal when the two meet, otherwise a proven gap. In order:

  1. *reductions* that keep the optimum: demand points of weight 0, already
     covered by fixed sites or out of reach of every candidate are dropped;
     demand points that the same candidates cover are merged (weights
     summed); a candidate whose points are all covered by another candidate
     too is dropped (any solution using it is matched by one that does not);
  2. the lazy greedy, then *swap search*: best 1-for-1 exchanges of an open
     site for a closed one, evaluated for every pair at once from coverage
     counts, until none improves;
  3. an upper bound from *Lagrangian relaxation* (:func:`lagrangian_bound`),
     its multipliers tuned by subgradient steps;
  4. an exact *branch and bound* whose nodes are LP relaxations (HiGHS),
     each node's bound recomputed from its LP duals through the Lagrangian
     formula, so that it stays valid whatever the LP's accuracy; the same
     bound fixes sites in or out (reduced-cost fixing), and each LP solution,
     rounded then improved by swap search, may be a better solution. Small
     problems (a département) go straight to it;
  5. on larger problems: while the model is small enough (a region), HiGHS's
     own branch and cut on the whole integer programme starts in the
     background, on one core, and our search goes on on the other: when
     nothing rules out covering every point and the best solution is close
     to it, a *full-cover search* (swap search guided by penalties on the
     points left uncovered) looks for a solution covering everything,
     optimal by definition; then the LP relaxation (its bound, and a branch
     and bound restricted to the candidates it uses); then
     *large-neighbourhood search*: the sites of one group (a département
     given in ``groups``, or a region grown in the coverage graph) are chosen
     again exactly by the branch and bound while every other site stays
     open, group after group, swap search after each round. HiGHS's answer
     is taken as soon as it comes: its solution, and its dual bound whether
     or not it finished; the search stops when it proves the optimum. When
     the model is too large for LPs (all of France), what time is left goes
     to more subgradient steps.

  Every HiGHS call runs in a child process killed at its deadline
  (:mod:`territory.solver`): HiGHS has been seen overrunning its own limit.
* :func:`lagrangian_bound` is the bound alone, for any multipliers.
* :func:`exact_max_cover` is the former name of :func:`solve_max_cover`.
"""

from __future__ import annotations

import heapq
import math
import os
import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from territory.errors import TerritoryError
from territory.solver import start_limited

# Seconds a child process gets beyond its own deadline before it is killed.
_GRACE = 0.25

__all__ = [
    "MaxCoverResult",
    "covered_weight",
    "exact_max_cover",
    "greedy_max_cover",
    "lagrangian_bound",
    "solve_max_cover",
]


def _check_cover(cover) -> sparse.csr_matrix:
    if not sparse.issparse(cover):
        cover = np.asarray(cover)
        if cover.ndim != 2:
            raise TerritoryError(f"the coverage matrix must be 2-D, not {cover.ndim}-D")
    matrix = sparse.csr_matrix(cover).astype(bool)
    matrix.eliminate_zeros()
    matrix.sort_indices()
    return matrix


def _check_weights(weights, n_demand: int, what: str = "weights") -> np.ndarray:
    weights = np.asarray(weights, dtype=np.float64).reshape(-1)
    if weights.size != n_demand:
        raise TerritoryError(
            f"{weights.size} {what} for {n_demand} demand points (coverage matrix columns)"
        )
    bad = ~np.isfinite(weights) | (weights < 0)
    if bad.any():
        raise TerritoryError(
            f"{what} must be finite and >= 0; {int(bad.sum())} are negative, NaN or infinite "
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


def _check_number(value, name: str, *, low: float, strict: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise TerritoryError(f"{name} must be a number, not {value!r}")
    value = float(value)
    if not math.isfinite(value) or value < low or (strict and value == low):
        sign = ">" if strict else ">="
        raise TerritoryError(f"{name} must be a finite number {sign} {low:g}, not {value}")
    return value


def _check_groups(groups, n_sites: int) -> np.ndarray | None:
    if groups is None:
        return None
    groups = np.asarray(groups).reshape(-1)
    if groups.size != n_sites:
        raise TerritoryError(f"{groups.size} group labels for {n_sites} sites")
    try:
        _, labels = np.unique(groups, return_inverse=True)
    except TypeError:
        raise TerritoryError("group labels must be comparable (strings or numbers)") from None
    return labels.reshape(-1).astype(np.intp)


def _prepare(cover, weights, p, fixed):
    cover = _check_cover(cover)
    n_sites, n_demand = cover.shape
    weights = _check_weights(weights, n_demand)
    fixed = _check_fixed(fixed, n_sites)
    p = _check_p(p, n_sites - fixed.size)
    return cover, weights, p, fixed


def _covered_mask(cover: sparse.csr_matrix, sites) -> np.ndarray:
    mask = np.zeros(cover.shape[1], dtype=bool)
    sites = np.asarray(sites, dtype=np.intp).reshape(-1)
    if sites.size:
        mask[cover[sites].indices] = True
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


def _greedy(cover: sparse.csr_matrix, weights, p: int, covered, excluded=None) -> np.ndarray:
    """Lazy greedy on checked arrays; ``covered`` (modified) holds the points already covered."""
    indptr, indices = cover.indptr, cover.indices

    def gain(j: int) -> float:
        columns = indices[indptr[j] : indptr[j + 1]]
        return float(weights[columns[~covered[columns]]].sum())

    candidates = np.arange(cover.shape[0])
    if excluded is not None:
        candidates = candidates[~excluded]
    heap = [(-gain(j), j) for j in candidates.tolist()]
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
    excluded = np.zeros(cover.shape[0], dtype=bool)
    excluded[fixed] = True
    return _greedy(cover, weights, p, _covered_mask(cover, fixed), excluded)


@dataclass(frozen=True, eq=False)
class MaxCoverResult:
    """Outcome of :func:`solve_max_cover`.

    Attributes
    ----------
    sites : numpy.ndarray of int
        The ``p`` chosen sites (fixed sites excluded) in *rank order*: the
        order in which a greedy pass over the chosen set would open them, each
        adding the most weight not yet covered by the fixed sites and the
        sites before it (ties to the lowest index). The first sites are the
        most useful; the last ones may add nothing.
    objective : float
        Weight covered by the fixed and chosen sites, recomputed from ``sites``.
    bound : float
        Proven upper bound on the best achievable covered weight (fixed sites
        included); ``bound >= objective``.
    gap : float
        ``(bound - objective) / bound``, 0 when ``bound`` is 0.
    proven : bool
        True when ``bound == objective``: the solution is optimal (when the
        weights are not all integers: within a relative 1e-9, the margin kept
        against floating-point rounding).
    status_message : str
        What the solver did, where the solution and the bound come from.
    """

    sites: np.ndarray
    objective: float
    bound: float
    gap: float
    proven: bool
    status_message: str


def _gap(bound: float, objective: float) -> float:
    return max(0.0, (bound - objective) / bound) if bound > 0 else 0.0


# ---------------------------------------------------------------------------------------------
# The reduced problem: rows = candidates, columns = demand points, k sites to open.


@dataclass(eq=False)
class _Model:
    a: sparse.csr_matrix  # bool (n, m)
    w: np.ndarray  # (m,) > 0
    k: int

    def __post_init__(self):
        self.af = self.a.astype(np.float64)
        self.at = self.a.T.tocsr().astype(np.float64)
        self.rows = np.repeat(np.arange(self.a.shape[0]), np.diff(self.a.indptr))
        self.total = float(self.w.sum())
        # Integer weights (populations) make every covered weight an integer: a bound can be
        # rounded down, and an improvement is at least 1.
        self.integral = bool(
            np.all(self.w == np.floor(self.w)) and self.total + self.w.size < 2.0**52
        )
        # Margin for rounding in sums of up to a few hundred thousand floats. With weights
        # that are not integers, "optimal" means within a few such margins (relative 1e-9).
        self.margin = 1e-9 * max(self.total, 1.0)
        self.step = 0.5 if self.integral else 3.0 * self.margin

    def value(self, chosen) -> float:
        return float(self.w[_covered_mask(self.a, chosen)].sum())

    def safe(self, raw: float) -> float:
        """An upper bound computed in floating point, made safe against its rounding."""
        bound = raw + self.margin
        return np.floor(bound) if self.integral else bound

    def closes(self, bound: float, value: float) -> bool:
        """True when no solution can beat ``value`` by a full step under ``bound``."""
        return bound < value + self.step


def _merge_columns(a: sparse.csr_matrix, w: np.ndarray):
    """Demand points covered by exactly the same candidates become one point (weights summed)."""
    csc = a.tocsc()
    csc.sort_indices()
    group = np.empty(csc.shape[1], dtype=np.intp)
    seen: dict[bytes, int] = {}
    indptr, indices = csc.indptr, csc.indices
    for column in range(csc.shape[1]):
        key = indices[indptr[column] : indptr[column + 1]].tobytes()
        group[column] = seen.setdefault(key, len(seen))
    if len(seen) == csc.shape[1]:
        return a, w
    first = np.full(len(seen), csc.shape[1], dtype=np.intp)
    np.minimum.at(first, group, np.arange(csc.shape[1]))
    merged = np.bincount(group, weights=w, minlength=len(seen))
    return csc[:, first].tocsr(), merged


def _dominated(a: sparse.csr_matrix) -> np.ndarray:
    """Rows whose set of points is inside another row's (equal sets: all but the first)."""
    size = np.diff(a.indptr)
    dominated = size == 0
    # Cost of the overlap product: sum over points of (number of candidates covering it)^2.
    per_column = np.bincount(a.indices, minlength=a.shape[1]).astype(np.float64)
    if float(np.square(per_column).sum()) > 3e8:
        return dominated
    ints = a.astype(np.int32)
    overlap = (ints @ ints.T).tocoo()
    row, col = overlap.row, overlap.col
    inside = (row != col) & (overlap.data == size[row])
    inside &= (size[col] > size[row]) | (col < row)
    dominated[row[inside]] = True
    return dominated


def _simplify(a: sparse.csr_matrix, w: np.ndarray, k: int):
    """Reductions that keep the optimum value; returns (a, w, rows kept).

    When fewer than ``k`` rows are left, opening all of them covers every
    coverable point (each dropped row's points are inside a kept row's).
    """
    keep = (w > 0) & (np.bincount(a.indices, minlength=a.shape[1]) > 0)
    a, w = a[:, keep], w[keep]
    a, w = _merge_columns(a, w)
    rows = np.flatnonzero(~_dominated(a))
    if rows.size < a.shape[0]:
        a = a[rows]
        a, w = _merge_columns(a, w)
    a.sort_indices()
    return a, w, rows


# ---------------------------------------------------------------------------------------------
# Heuristics.


def _swap_search(model: _Model, chosen: np.ndarray, deadline: float) -> np.ndarray:
    """Best 1-for-1 exchanges until none improves; ``chosen`` and the result are row masks.

    With ``count[i]`` the number of open sites covering point ``i`` and
    ``owner[i]`` the one open site when ``count[i] == 1``, closing ``j`` loses
    ``loss[j]`` (its points covered once) and opening ``k`` gains ``gain[k]``
    (its uncovered points), except for ``keep[k, j]``: points owned by ``j``
    that ``k`` covers too. The best exchange for ``k`` is then the ``j``
    minimising ``loss[j] - keep[k, j]``: every pair is priced from one pass
    over the matrix. Exchanges touching disjoint points are applied together.
    """
    a, w, rows = model.a, model.w, model.rows
    n, m = a.shape
    chosen = chosen.copy()
    if chosen.all() or not chosen.any():
        return chosen
    has_points = np.diff(a.indptr) > 0
    while time.monotonic() < deadline:
        open_sites = np.flatnonzero(chosen)
        opened = a[open_sites]
        count = np.bincount(opened.indices, minlength=m)
        owner = np.full(m, -1, dtype=np.intp)
        owner[opened.indices] = np.repeat(open_sites, np.diff(opened.indptr))
        once = count == 1
        loss = np.bincount(owner[once], weights=w[once], minlength=n)
        gain = np.zeros(n)
        uncovered_w = np.where(count == 0, w, 0.0)[a.indices]
        gain[has_points] = np.add.reduceat(uncovered_w, a.indptr[:-1][has_points])
        # keep[k, j] for closed k and open j, from the (k, point owned by j) pairs.
        pairs = once[a.indices] & ~chosen[rows]
        points = a.indices[pairs]
        keep = sparse.csr_matrix((w[points], (rows[pairs], owner[points])), shape=(n, n))
        worst = int(open_sites[np.argmin(loss[open_sites])])
        best_cost = np.full(n, loss[worst])
        best_out = np.full(n, worst, dtype=np.intp)
        if keep.nnz:
            cost = loss[keep.indices] - keep.data
            row_of = np.repeat(np.arange(n), np.diff(keep.indptr))
            filled = np.flatnonzero(np.diff(keep.indptr) > 0)
            lowest = np.full(n, np.inf)
            lowest[filled] = np.minimum.reduceat(cost, keep.indptr[filled])
            # The first entry of each row reaching its minimum is its best site to close.
            hit = np.flatnonzero(cost == lowest[row_of])
            hit_rows, first = np.unique(row_of[hit], return_index=True)
            better = lowest[hit_rows] < best_cost[hit_rows]
            best_cost[hit_rows[better]] = lowest[hit_rows[better]]
            best_out[hit_rows[better]] = keep.indices[hit[first[better]]]
        delta = gain - best_cost
        delta[chosen] = -np.inf
        improving = np.flatnonzero(delta >= model.step)
        if improving.size == 0:
            break
        improving = improving[np.argsort(-delta[improving], kind="stable")]
        touched = np.zeros(m, dtype=bool)
        closed = np.zeros(n, dtype=bool)
        for k in improving.tolist():
            j = int(best_out[k])
            if closed[j]:
                continue
            span_k = a.indices[a.indptr[k] : a.indptr[k + 1]]
            span_j = a.indices[a.indptr[j] : a.indptr[j + 1]]
            # A pair's price depends only on the counts of its own points: pairs with
            # disjoint points do not change each other's price.
            if touched[span_k].any() or touched[span_j].any():
                continue
            touched[span_k] = True
            touched[span_j] = True
            closed[j] = True
            chosen[j] = False
            chosen[k] = True
    return chosen


def _guided_cover(model: _Model, chosen: np.ndarray, deadline: float):
    """Move the ``chosen`` sites (a row mask) until they reach every point; the mask or None.

    Guided local search: swap search on the weights ``model.w``, where every
    point left uncovered at a local optimum then weighs one more, so that the
    points hard to reach pull the sites towards them until one exchange or
    another covers them. The weights (integers, modified in place) carry what
    was learnt to the next call. On Nouvelle-Aquitaine at 20 minutes it moves
    the 150 sites of the swap search (about 30 communes short) to a full
    cover in about 2 s, where the search on populations stalls at 99.99 %.
    Returns None at the deadline.
    """
    while time.monotonic() < deadline:
        chosen = _swap_search(model, chosen, deadline)
        left = ~_covered_mask(model.a, np.flatnonzero(chosen))
        if not left.any():
            return chosen
        model.w[left] += 1.0
    return None


def _cover_all(a: sparse.csr_matrix, chosen: np.ndarray, deadline: float):
    """:func:`_guided_cover` from weights of one per point."""
    return _guided_cover(_Model(a, np.ones(a.shape[1]), int(chosen.sum())), chosen, deadline)


# ---------------------------------------------------------------------------------------------
# Bounds.


def _lagrangian(model: _Model, lam: np.ndarray, k: int | None = None):
    """Raw bound sum(max(w - lam, 0)) + (k largest candidate sums of lam), and those sums."""
    k = model.k if k is None else k
    sums = model.af @ lam
    top = np.argpartition(-sums, k - 1)[:k] if k < sums.size else np.arange(sums.size)
    raw = float(np.maximum(model.w - lam, 0.0).sum() + sums[top].sum())
    return raw, sums, top


def lagrangian_bound(cover, weights, p: int, multipliers, fixed=None) -> float:
    """Upper bound on the weight ``p`` sites can cover, for any multipliers >= 0.

    Relaxing the coverage constraints ``y_i <= sum(x_j for j covering i)``
    of the integer programme with multipliers ``lam_i >= 0`` gives

        L(lam) = F + sum(max(w_i - lam_i, 0)) + (sum of the p largest c_j),
        c_j = sum(lam_i for the points i site j covers),

    over the points not covered by the fixed sites and the non-fixed sites,
    where ``F`` is the weight the fixed sites cover. For every choice of
    sites, its covered weight is at most ``L(lam)``, whatever ``lam``: this
    is the bound :func:`solve_max_cover` tunes (best multipliers give the LP
    relaxation's value). A relative margin of 1e-9 is added against
    floating-point rounding.

    Parameters
    ----------
    cover, weights, p, fixed
        As in :func:`greedy_max_cover`.
    multipliers : array_like of float, shape (n_demand,)
        Finite, >= 0. Values above a point's weight are allowed (they only
        loosen the bound).

    Returns
    -------
    float

    Raises
    ------
    TerritoryError
        Bad shapes, weights, multipliers, ``p`` or ``fixed``.

    Examples
    --------
    >>> cover = [[1, 1, 0], [0, 1, 1]]
    >>> lagrangian_bound(cover, [1, 2, 4], 1, [0, 0, 0])  # all the weight
    7.000000007
    >>> lagrangian_bound(cover, [1, 2, 4], 1, [1, 2, 4])  # the best single site
    6.000000007
    """
    cover, weights, p, fixed = _prepare(cover, weights, p, fixed)
    lam = _check_weights(multipliers, cover.shape[1], "multipliers")
    fixed_covered = _covered_mask(cover, fixed)
    free = np.setdiff1d(np.arange(cover.shape[0]), fixed)
    open_w = np.where(fixed_covered, 0.0, weights)
    open_lam = np.where(fixed_covered, 0.0, lam)
    sums = cover[free].astype(np.float64) @ open_lam
    top = np.sort(sums)[::-1][:p]
    raw = (
        float(weights[fixed_covered].sum())
        + float(np.maximum(open_w - open_lam, 0.0).sum())
        + float(top.sum())
    )
    return raw + 1e-9 * max(float(weights.sum()), 1.0)


def _subgradient(model: _Model, target: float, lam, iterations: int, deadline: float):
    """Multipliers lowering the Lagrangian bound: projected subgradient, Polyak steps.

    The subgradient of L at lam is count_i - 1, with count_i the number of
    the k best candidates covering point i. Steps aim at ``target`` (the best
    known solution's value); their scale halves when the bound has not
    improved for 20 steps. Returns the best raw bound met (never above the
    total weight, the bound at lam = 0) and its multipliers.
    """
    best_raw, best_lam = math.inf, None
    lam = np.clip(lam, 0.0, model.w)
    scale, stall = 1.0, 0
    for _ in range(iterations):
        if time.monotonic() > deadline:
            break
        raw, _, top = _lagrangian(model, lam)
        if raw < best_raw - model.margin:
            best_raw, best_lam, stall = raw, lam, 0
        else:
            stall += 1
            if stall >= 20:
                scale, stall = scale / 2.0, 0
        if model.closes(model.safe(best_raw), target) or scale < 1e-3:
            break
        chosen = np.zeros(model.a.shape[0])
        chosen[top] = 1.0
        step_dir = model.at @ chosen - 1.0
        # Projection: coordinates held at a bound by the step do not count in its length.
        step_dir[(lam <= 0.0) & (step_dir > 0)] = 0.0
        step_dir[(lam >= model.w) & (step_dir < 0)] = 0.0
        # Not a BLAS dot product: it has been seen taking milliseconds on a loaded machine.
        norm = float(np.square(step_dir).sum())
        if norm == 0.0:
            break
        step = scale * max(raw - target, model.margin) / norm
        lam = np.clip(lam - step * step_dir, 0.0, model.w)
    if best_lam is None or best_raw > model.total:
        return model.total, np.zeros_like(model.w)
    return best_raw, best_lam


# ---------------------------------------------------------------------------------------------
# Exact branch and bound on LP relaxations (run in a child process: it calls HiGHS).


def _node_lp(sub: sparse.csr_matrix, w: np.ndarray, k: int, method: str, seconds: float):
    """LP relaxation of choosing ``k`` rows of ``sub`` for weights ``w``: (x, duals) or None."""
    n, m = sub.shape
    link = sparse.hstack((-sub.T.astype(np.float64), sparse.identity(m, format="csr")), "csr")
    count = sparse.csr_matrix(np.concatenate((np.ones(n), np.zeros(m)))[None, :])
    res = linprog(
        np.concatenate((np.zeros(n), -w)),
        A_ub=link,
        b_ub=np.zeros(m),
        A_eq=count,
        b_eq=[k],
        bounds=(0.0, 1.0),
        method=method,
        options={"time_limit": max(seconds, 0.01)},
    )
    if res.status != 0 or res.x is None:
        return None
    duals = -np.asarray(res.ineqlin.marginals, dtype=np.float64)
    return res.x[:n], np.clip(duals, 0.0, w)


class _LpChooser:
    """Dual simplex or interior point, whichever has been faster on this problem's nodes.

    Dual simplex is fastest on small models, interior point often by far on
    large ones (8 s against 1 s on 4,000 communes at 20 minutes, 50 sites),
    but not always (0.4 s against 1.1 s with 150 sites). So when the first
    method's LPs take more than 0.2 s and time allows, the other is tried
    once, stopped at twice the first one's time (and that node solved again
    by the first).
    """

    def __init__(self, nnz: int):
        self.seconds = {"highs-ds": [], "highs-ipm": []}
        self.first = "highs-ds" if nnz <= 60_000 else "highs-ipm"
        self.other = "highs-ipm" if self.first == "highs-ds" else "highs-ds"

    def expected(self) -> float:
        """Typical seconds of one LP so far (0 before the first)."""
        times = [t for values in self.seconds.values() for t in values if math.isfinite(t)]
        return float(np.median(times)) if times else 0.0

    def _run(self, method, sub, w, k, seconds):
        started = time.monotonic()
        solved = _node_lp(sub, w, k, method, seconds)
        self.seconds[method].append(time.monotonic() - started)
        return solved

    def solve(self, sub, w, k, seconds):
        first, other = self.seconds[self.first], self.seconds[self.other]
        # HiGHS may overrun the limit and get the whole search killed: try only with time.
        if first and not other and max(first) > 0.2 and seconds > 5.0 * max(first):
            limit = 2.0 * float(np.mean(first))
            solved = self._run(self.other, sub, w, k, limit)
            if solved is not None:
                return solved
            other[-1] = math.inf  # too slow here: never again
            seconds -= limit
        elif other and np.mean(other) < np.mean(first):
            return self._run(self.other, sub, w, k, seconds)
        return self._run(self.first, sub, w, k, seconds)


def _branch_and_bound(
    model: _Model, start: np.ndarray, seconds: float, lam0=None, heuristics: bool = True
) -> dict:
    """Best-first branch and bound; ``start`` is a row mask of k open sites.

    A node opens the sites ``inside``, closes those ``outside``. Its bound is
    the Lagrangian bound (exact for any multipliers) of the node's problem,
    with the multipliers of its LP relaxation's duals; the same multipliers
    fix sites that cannot be in (or out of) a better solution. The LP solution
    rounded (its k largest values) then improved by swap search is a new
    incumbent when better (``heuristics=False`` keeps only integral LP
    solutions, for tests). Returns the best row mask, its value, a bound,
    and whether the search finished.
    """
    deadline = time.monotonic() + seconds
    a, w = model.a, model.w
    n, m = a.shape
    best = start.copy()
    best_value = model.value(np.flatnonzero(best))
    root = model.safe(model.total if lam0 is None else _lagrangian(model, lam0)[0])
    counter = 0
    heap = [(-root, 0, counter, np.zeros(n, bool), np.zeros(n, bool))]
    lost = -math.inf  # bound of nodes dropped without an answer (LP failure)
    nodes = 0

    def consider(mask: np.ndarray):
        nonlocal best, best_value
        value = model.value(np.flatnonzero(mask))
        if value >= best_value + model.step:
            best, best_value = mask, value

    tried: set[bytes] = set()
    lp = _LpChooser(a.nnz)
    while heap:
        # Do not start an LP that cannot end in time: the child would be killed, losing all.
        if time.monotonic() + lp.expected() > deadline:
            break
        negative, depth, _, inside, outside = heapq.heappop(heap)
        if model.closes(-negative, best_value):
            continue
        nodes += 1
        k = model.k - int(inside.sum())
        covered = _covered_mask(a, np.flatnonzero(inside))
        free = np.flatnonzero(~inside & ~outside)
        if k == 0 or free.size <= k:
            mask = inside.copy()
            mask[free[:k]] = True
            if mask.sum() == model.k:
                consider(mask)
            continue
        reach = np.zeros(m, bool)
        reach[a[free].indices] = True
        points = np.flatnonzero(reach & ~covered)
        sub = a[free][:, points]
        solved = lp.solve(sub, w[points], k, deadline - time.monotonic())
        if solved is None:
            lost = max(lost, -negative)
            continue
        x, duals = solved
        # The node's Lagrangian bound with the LP duals: valid even if the LP is inexact.
        sums = sub.astype(np.float64) @ duals
        order = np.argsort(-sums, kind="stable")
        kth, next_ = sums[order[k - 1]], sums[order[k]]
        raw = float(w[covered].sum() + (w[points] - duals).sum() + sums[order[:k]].sum())
        bound = min(-negative, model.safe(raw))
        mask = inside.copy()
        mask[free[np.argsort(-x, kind="stable")[:k]]] = True
        key = np.flatnonzero(mask).tobytes()
        if not heuristics:  # (tests: the search alone must find the optimum)
            if not np.any((x > 1e-6) & (x < 1 - 1e-6)):
                consider(mask)
        elif key not in tried:  # swap search from each distinct rounding once
            tried.add(key)
            consider(_swap_search(model, mask, deadline))
        if model.closes(bound, best_value):
            continue
        # Forcing j in costs at least kth - sums[j]; forcing a top-k site out costs at
        # least sums[j] - next_: when what is left of the bound cannot beat the best, fix.
        in_top = np.zeros(free.size, bool)
        in_top[order[:k]] = True
        drop = ~in_top & (model.safe(raw - kth + sums) < best_value + model.step)
        force = in_top & (model.safe(raw - sums + next_) < best_value + model.step)
        if drop.any() or force.any():
            inside, outside = inside.copy(), outside.copy()
            outside[free[drop]] = True
            inside[free[force]] = True
        fractional = np.flatnonzero((x > 1e-6) & (x < 1 - 1e-6) & ~drop & ~force)
        if fractional.size:
            j = free[fractional[np.argmin(np.abs(x[fractional] - 0.5))]]
            with_j, without_j = inside.copy(), outside.copy()
            with_j[j] = True
            without_j[j] = True
            counter += 1
            heapq.heappush(heap, (-bound, -(depth + 1), counter, with_j, outside))
            counter += 1
            heapq.heappush(heap, (-bound, -(depth + 1), counter, inside, without_j))
        elif drop.any() or force.any():
            counter += 1  # solve again with the sites fixed
            heapq.heappush(heap, (-bound, -depth, counter, inside, outside))
        else:
            # An integral LP optimum is the rounding above; should the bound still
            # exceed it (inexact duals), keep that bound rather than claim more.
            lost = max(lost, bound)
    open_bound = max([-entry[0] for entry in heap] + [lost, best_value])
    finished = not heap and lost == -math.inf
    return {
        "sites": np.flatnonzero(best),
        "value": best_value,
        "bound": best_value if finished else open_bound,
        "finished": finished,
        "nodes": nodes,
    }


def _in_child(func, *args, seconds: float, interrupt=None):
    """``func(*args)`` in a child process killed shortly after ``seconds``: its Limited.

    With ``interrupt``, the child is also killed as soon as ``interrupt()`` is
    true (checked every 20 ms): HiGHS has proved the optimum meanwhile.
    """
    pending = start_limited(func, *args, time_limit=seconds, grace=_GRACE)
    if interrupt is not None:
        while not pending.ready(0.02):
            if interrupt():
                return pending.cancel()
    return pending.result()


def _exact(model: _Model, start: np.ndarray, seconds: float, lam0=None, interrupt=None):
    """:func:`_branch_and_bound` in a child process killed shortly after ``seconds``."""
    out = _in_child(
        _branch_and_bound, model, start, seconds, lam0, seconds=seconds, interrupt=interrupt
    )
    return out.value if out.ok else None


def _root_lp(model: _Model, seconds: float, interrupt=None):
    """The LP relaxation in a child process: (x, duals, seconds taken) or None."""
    method = "highs-ds" if model.a.nnz <= 60_000 else "highs-ipm"
    out = _in_child(
        _node_lp, model.a, model.w, model.k, method, seconds, seconds=seconds, interrupt=interrupt
    )
    return None if not out.ok or out.value is None else (*out.value, out.seconds)


def _restricted(model: _Model, chosen: np.ndarray, x: np.ndarray, seconds: float, interrupt=None):
    """Branch and bound over the candidates the LP uses and the open ones; a row mask or None."""
    support = np.flatnonzero((x > 1e-3) | chosen)
    sub_a, sub_w, kept = _simplify(model.a[support], model.w, model.k)
    if kept.size <= model.k:
        return None
    deadline = time.monotonic() + seconds
    sub = _Model(sub_a, sub_w, model.k)
    start = np.zeros(kept.size, bool)
    start[_greedy(sub_a, sub_w, model.k, np.zeros(sub_w.size, bool))] = True
    start = _swap_search(sub, start, deadline)
    left = deadline - time.monotonic()
    found = _exact(sub, start, left, interrupt=interrupt) if left > 2 * _GRACE else None
    if found is None:
        return None
    mask = np.zeros(model.a.shape[0], bool)
    mask[support[kept[found["sites"]]]] = True
    return mask


# HiGHS options for the whole model: on Nouvelle-Aquitaine at 10 minutes (3,588 candidates,
# 4,181 points, p = 150) the defaults prove the optimum in 17-19 s, of which restarts after
# reduced-cost fixing (each one presolving and solving the root again) and the sub-MIP
# heuristics take most; without restarts, RINS, the root reduced-cost heuristic and
# feasibility jump, 6-7 s, on one thread as on two (HiGHS 1.16). scipy's own copy of HiGHS
# (scipy 1.17) has no restart option: hence highspy.
_HIGHS_OPTIONS = {
    "output_flag": False,
    "mip_rel_gap": 0.0,
    "mip_allow_restart": False,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_root_reduced_cost": False,
    "mip_heuristic_run_feasibility_jump": False,
    # One core: our own search runs on the other meanwhile.
    "threads": 1,
}


def _highs_solve(model: _Model, seconds: float) -> dict:
    """The integer programme of ``model`` solved by HiGHS (highspy) within ``seconds``.

    Variables x (sites, binary) then y (points, in [0, 1]); maximise w.y with
    y_i <= sum of the x_j covering i and sum(x) = k. Returns the best sites
    HiGHS found (row indices; None without an integer solution), its dual
    bound (an upper bound on w.y, finished or not) and whether it proved
    optimality. It is given no start: our best solution made it slower (8 s
    against 6 s on Nouvelle-Aquitaine at 10 minutes), and stays the fallback.
    """
    import highspy

    a, w, k = model.a, model.w, model.k
    n, m = a.shape
    matrix = sparse.vstack(
        (
            sparse.hstack((-model.at, sparse.identity(m, format="csr"))),
            sparse.hstack((sparse.csr_matrix(np.ones((1, n))), sparse.csr_matrix((1, m)))),
        ),
        format="csc",
    )
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n + m, m + 1
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.concatenate((np.zeros(n), w))
    lp.col_lower_ = np.zeros(n + m)
    lp.col_upper_ = np.ones(n + m)
    lp.row_lower_ = np.concatenate((np.full(m, -highspy.kHighsInf), [k]))
    lp.row_upper_ = np.concatenate((np.zeros(m), [k]))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr
    lp.a_matrix_.index_ = matrix.indices
    lp.a_matrix_.value_ = matrix.data
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n + [highspy.HighsVarType.kContinuous] * m
    highs = highspy.Highs()
    for name, value in _HIGHS_OPTIONS.items():
        # An older HiGHS without one of these options refuses it: slower, still exact.
        highs.setOptionValue(name, value)
    highs.setOptionValue("time_limit", max(float(seconds), 0.01))
    highs.passModel(lp)
    highs.run()
    values = np.asarray(highs.getSolution().col_value)
    sites = np.flatnonzero(values[:n] > 0.5) if values.size >= n else None
    if sites is not None and sites.size != k:  # no integer solution
        sites = None
    proven = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return {"sites": sites, "bound": float(highs.getInfo().mip_dual_bound), "proven": proven}


def _silenced(func, *args):
    """``func(*args)`` with standard output closed: run in a child process only.

    HiGHS writes its banner to the C standard output when its first object is
    made, whatever its options; the ``plan`` command's table must not get it.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    return func(*args)


# ---------------------------------------------------------------------------------------------
# Large-neighbourhood search.


def _regions(model: _Model, target: int, seed: int) -> np.ndarray:
    """Partition candidates into regions of about ``target`` grown along shared points."""
    a, at = model.a, model.at
    n = a.shape[0]
    label = np.full(n, -1, dtype=np.intp)
    current = 0
    for start in np.random.default_rng(seed).permutation(n).tolist():
        if label[start] >= 0:
            continue
        label[start] = current
        frontier, size = np.array([start]), 1
        while size < target and frontier.size:
            points = np.unique(a[frontier].indices)
            near = np.unique(at[points].indices)
            frontier = near[label[near] < 0][: target - size]
            label[frontier] = current
            size += frontier.size
        current += 1
    return label


def _improve_groups(
    model: _Model, chosen: np.ndarray, labels: np.ndarray, deadline: float, interrupt=None
):
    """Choose again the open sites of each group exactly, the others staying open.

    Repeats over the groups whose neighbourhood changed until none improves,
    time runs out or ``interrupt()`` is true (checked before each group).
    Returns the new mask and how many groups improved.
    """
    a, w = model.a, model.w
    n, m = a.shape
    chosen = chosen.copy()
    n_groups = int(labels.max()) + 1 if labels.size else 0
    members = [np.flatnonzero(labels == g) for g in range(n_groups)]
    reach = []
    for rows in members:
        mask = np.zeros(m, bool)
        mask[a[rows].indices] = True
        reach.append(mask)
    dirty = np.ones(n_groups, bool)
    improved = 0
    while dirty.any():
        order = np.flatnonzero(dirty)
        dirty[:] = False
        for g in order.tolist():
            remaining = deadline - time.monotonic()
            if remaining < 2 * _GRACE + 0.1 or (interrupt is not None and interrupt()):
                return chosen, improved
            rows = members[g]
            inside = rows[chosen[rows]]
            k = inside.size
            if k == 0 or k == rows.size:
                continue
            others = chosen.copy()
            others[inside] = False
            covered = _covered_mask(a, np.flatnonzero(others))
            points = np.flatnonzero(reach[g] & ~covered)
            before = float(w[points][_covered_mask(a, inside)[points]].sum())
            sub_a, sub_w, kept = _simplify(a[rows][:, points], w[points], k)
            if kept.size <= k:
                pick = np.zeros(rows.size, bool)
                pick[kept] = True
                pick[np.flatnonzero(~pick)[: k - kept.size]] = True
            else:
                sub = _Model(sub_a, sub_w, k)
                start = np.zeros(kept.size, bool)
                start[_greedy(sub_a, sub_w, k, np.zeros(sub_w.size, bool))] = True
                start = _swap_search(sub, start, deadline)
                found = _exact(sub, start, min(remaining - _GRACE, 2.0), interrupt=interrupt)
                best = np.flatnonzero(start) if found is None else found["sites"]
                pick = np.zeros(rows.size, bool)
                pick[kept[best]] = True
            after = float(w[points][_covered_mask(a, rows[pick])[points]].sum())
            if after >= before + model.step:
                improved += 1
                changed = np.zeros(m, bool)
                changed[a[inside].indices] = True
                changed[a[rows[pick]].indices] = True
                chosen[inside] = False
                chosen[rows[pick]] = True
                for h in range(n_groups):
                    if reach[h][changed].any():
                        dirty[h] = True
    return chosen, improved


# ---------------------------------------------------------------------------------------------


def rank_sites(cover, weights, fixed, sites) -> np.ndarray:
    """``sites`` in the order a greedy pass over them would open them.

    The first adds the most weight to what ``fixed`` covers, and so on (lazy
    greedy, ties to the lowest index). ``cover`` is a checked CSR matrix.
    """
    sites = np.sort(np.asarray(sites, dtype=np.intp))
    order = _greedy(cover[sites], weights, sites.size, _covered_mask(cover, fixed))
    return sites[order]


def solve_max_cover(
    cover, weights, p: int, *, fixed=None, time_limit: float = 30.0, groups=None
) -> MaxCoverResult:
    """Maximal covering location: open ``p`` sites covering the most weight, with a proven bound.

    Maximises the weight of the demand points within reach of at least one
    open site (the fixed ones and the ``p`` chosen). See the module docstring
    for the method: reductions, greedy and swap search, Lagrangian bound,
    exact branch and bound, and on larger problems a full-cover search,
    HiGHS's branch and cut and large-neighbourhood search. The bound is valid
    whatever happens (time limit, solver failure): it is ours (Lagrangian,
    recomputed from multipliers) or the dual bound HiGHS proved, never a
    status word alone.

    Parameters
    ----------
    cover, weights, p, fixed
        As in :func:`greedy_max_cover`.
    time_limit : float, default 30.0
        Seconds (> 0) for the whole call. The reductions, the greedy and one
        round of swap search always run (about 3 s for 35,000 communes at 20
        minutes); the exact and neighbourhood searches stop in time, and their
        HiGHS calls are killed if they overrun. The call returns early when the
        solution is proven optimal or the searches have nothing left to try.
    groups : array_like, shape (n_sites,), optional
        A label per candidate site (its département, for instance): the
        neighbourhood search re-optimises one group at a time. Without it,
        regions are grown from the coverage matrix.

    Returns
    -------
    MaxCoverResult
        ``sites`` in rank order; ``proven`` when the bound meets the objective.

    Raises
    ------
    TerritoryError
        Bad shapes, weights, ``p``, ``fixed``, ``time_limit`` or ``groups``.

    Examples
    --------
    The greedy opens the central site 0 first and covers 5 points; sites 1 and
    2 cover all 6:

    >>> cover = [[0, 1, 1, 1, 1, 0], [1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1]]
    >>> greedy_max_cover(cover, [1] * 6, 2).tolist()
    [0, 1]
    >>> result = solve_max_cover(cover, [1] * 6, 2)
    >>> result.sites.tolist(), result.objective, result.bound, result.proven
    ([1, 2], 6.0, 6.0, True)
    """
    started = time.monotonic()
    cover, weights, p, fixed = _prepare(cover, weights, p, fixed)
    time_limit = _check_number(time_limit, "time_limit", low=0.0, strict=True)
    labels = _check_groups(groups, cover.shape[0])
    deadline = started + time_limit
    notes: list[str] = []

    fixed_covered = _covered_mask(cover, fixed)
    base = float(weights[fixed_covered].sum())
    free = np.setdiff1d(np.arange(cover.shape[0]), fixed)
    points = np.flatnonzero(~fixed_covered)
    a, w, rows = _simplify(cover[free][:, points], weights[points], p)
    candidates = free[rows]

    def finish(chosen, bound_reduced, proven, how):
        """The result for a row mask (or row indices) of the reduced problem."""
        chosen = np.asarray(chosen)
        sites = candidates[np.flatnonzero(chosen) if chosen.dtype == bool else chosen]
        if sites.size < p:  # pad with sites that add nothing, lowest indices first
            spare = np.setdiff1d(free, sites)
            sites = np.concatenate((sites, spare[: p - sites.size]))
        sites = rank_sites(cover, weights, fixed, sites)
        objective = covered_weight(cover, weights, np.concatenate((fixed, sites)))
        bound = max(base + bound_reduced, objective)
        proven = bool(proven or bound <= objective)
        if proven:
            bound = objective
        message = "; ".join(notes + [how])
        return MaxCoverResult(sites, objective, bound, _gap(bound, objective), proven, message)

    n = a.shape[0]
    notes.append(
        f"reduced to {n} candidates and {a.shape[1]} demand points "
        f"(from {free.size} and {points.size})"
    )
    if n <= p:
        return finish(np.arange(n), float(w.sum()), True, "optimal: every useful candidate opens")

    model = _Model(a, w, p)
    state = _State(model, notes, base)
    greedy = np.zeros(n, bool)
    greedy[_greedy(a, w, p, np.zeros(a.shape[1], bool))] = True
    state.offer(greedy, "greedy")
    # One pass at least, however short the time limit: it is what makes the greedy good.
    state.offer(_swap_search(model, greedy, max(deadline, time.monotonic() + 1.0)), "swaps")

    # Multipliers at half the weights, then subgradient steps (1,000 take about 1 s for
    # 35,000 communes at 10 minutes, 1.5 s at 20). Where HiGHS will bound the whole model,
    # the Lagrangian bound mostly has to rule out hopeless full-cover searches.
    with_lp = a.nnz <= _LP_NNZ
    share = 0.02 if with_lp and n > _TINY_ROWS else 0.1
    budget = min(share * time_limit, 0.9 * (deadline - time.monotonic()))
    raw, lam = _subgradient(model, state.value, model.w / 2.0, 1000, time.monotonic() + budget)
    state.tighten(model.safe(raw), "Lagrangian relaxation")
    if state.closed:
        return finish(state.chosen, state.bound, True, "optimal: the Lagrangian bound meets it")

    if n <= _TINY_ROWS:
        return _finish_exact(state, model, lam, deadline, finish)

    highs = None
    if with_lp and deadline - time.monotonic() > 4 * _GRACE:
        # HiGHS's branch and cut on the whole model, on one core while our search goes on
        # on the other. It stops a little before the deadline, so that its bound (an upper
        # bound whether or not it finishes) comes back.
        seconds = deadline - time.monotonic() - 2 * _GRACE
        highs = start_limited(
            _silenced, _highs_solve, model, seconds, time_limit=seconds, grace=_GRACE
        )
    try:
        groups = labels[candidates] if labels is not None else None
        return _search(model, state, lam, highs, with_lp, groups, deadline, finish)
    finally:
        if highs is not None:
            highs.cancel()


def _search(
    model: _Model, state, lam, highs, with_lp: bool, labels, deadline: float, finish
) -> MaxCoverResult:
    """The steps of :func:`solve_max_cover` past the greedy and the first bound (large models).

    ``highs`` is HiGHS running in the background (or None): between steps, its
    answer is taken as soon as it comes, and the search ends when it proves
    the optimum.
    """
    a, notes = model.a, state.notes

    def interrupt() -> bool:
        return highs is not None and highs.ready()

    def heard(wait: bool = False) -> bool:
        """Take HiGHS's answer if it has come (``wait``: wait for it); True when proven."""
        nonlocal highs
        if highs is not None and (wait or highs.ready()):
            _take_highs(state, highs.result())
            highs = None
        return state.closed

    if state.bound >= model.total and state.value >= _NEAR_FULL * model.total:
        # Nothing rules out covering every point, and the search is close to it: look for
        # such a cover, which is optimal.
        budget = 0.3 * (deadline - time.monotonic())
        state.offer(_cover_all(a, state.chosen, time.monotonic() + budget), "full-cover search")
        if state.closed:
            return finish(state.chosen, state.bound, True, "optimal: every point is covered")
    if heard():
        return finish(state.chosen, state.bound, True, "optimal: HiGHS proved it")

    if with_lp and deadline - time.monotonic() > 4 * _GRACE:
        # The LP relaxation: its bound (the best a Lagrangian bound can give), and the sites
        # it uses, among which a restricted branch and bound often finds better solutions.
        root = _root_lp(model, 0.4 * (deadline - time.monotonic()), interrupt)
        if root is not None:
            x, duals, _ = root
            state.tighten(model.safe(_lagrangian(model, duals)[0]), "LP relaxation")
            lam = duals
            if state.closed:
                return finish(state.chosen, state.bound, True, "optimal: the LP bound meets it")
            if heard():
                return finish(state.chosen, state.bound, True, "optimal: HiGHS proved it")
            left = deadline - time.monotonic()
            if left > 1.0:
                mask = _restricted(model, state.chosen, x, 0.25 * left, interrupt)
                state.offer(mask, "LP-guided search")
        elif not interrupt():
            notes.append("the LP relaxation gave no answer in time")
        if heard():
            return finish(state.chosen, state.bound, True, "optimal: HiGHS proved it")

    # Large-neighbourhood search: the given groups, then regions grown in the coverage graph
    # (different seeds give regions across each other's borders). A tenth of the time left
    # then goes to the Lagrangian bound, the only one on models too large for HiGHS.
    left = deadline - time.monotonic()
    stop = deadline - 0.1 * left
    rounds = [("groups", lambda: labels)] if labels is not None else []
    rounds += [
        (f"regions ({seed})", lambda seed=seed: _regions(model, _REGION, seed))
        for seed in range(_REGION_ROUNDS)
    ]
    idle = 0  # rounds in a row that found nothing
    for name, make_labels in rounds:
        if time.monotonic() > stop - 0.5 or idle >= 2:
            break
        mask, _ = _improve_groups(model, state.chosen, make_labels(), stop, interrupt)
        before = state.value
        state.offer(_swap_search(model, mask, stop), f"neighbourhood search on {name}")
        idle = idle + 1 if state.value == before else 0
        if state.closed:
            return finish(state.chosen, state.bound, True, "optimal: the bound meets it")
        if heard():
            return finish(state.chosen, state.bound, True, "optimal: HiGHS proved it")
    if heard(wait=True):  # its time limit ends just before the deadline
        return finish(state.chosen, state.bound, True, "optimal: HiGHS proved it")
    if deadline - time.monotonic() > 0.2:
        raw, lam = _subgradient(model, state.value, lam, 2000, deadline - 0.1)
        state.tighten(model.safe(raw), "Lagrangian relaxation")
    return finish(state.chosen, state.bound, state.closed, f"bound: {state.bound_from}")


def _take_highs(state, out) -> None:
    """HiGHS's answer (a :class:`territory.solver.Limited`) into the search state."""
    if not out.ok:
        state.notes.append(f"HiGHS gave no answer ({out.error})")
        return
    found = out.value
    if found["sites"] is not None:
        mask = np.zeros(state.model.a.shape[0], bool)
        mask[found["sites"]] = True
        state.offer(mask, "HiGHS")
    state.tighten(state.model.safe(found["bound"]), "HiGHS's branch and bound")


# Problems of up to _TINY_ROWS candidates after reduction (a département: about 200) go
# straight to our branch and bound; up to _LP_NNZ (candidate, point) pairs (a region: 4,000
# communes at 20 minutes are 175,000 pairs), HiGHS solves the whole model in the background
# and the LP relaxation is solved; beyond, the bound is Lagrangian only. Regions for the
# neighbourhood search hold about _REGION candidates; up to _REGION_ROUNDS partitions are
# tried, until two in a row improve nothing.
_TINY_ROWS = 400
_LP_NNZ = 400_000
# The full-cover search runs when the best solution covers at least this share of the weight.
_NEAR_FULL = 0.99
_REGION = 250
_REGION_ROUNDS = 20


@dataclass(eq=False)
class _State:
    """Best solution (row mask) and bound so far, and what they came from."""

    model: _Model
    notes: list
    base: float
    chosen: np.ndarray | None = None
    value: float = -math.inf
    bound: float = math.inf
    bound_from: str = "total weight"

    def offer(self, mask, source: str):
        if mask is None:
            return
        value = self.model.value(np.flatnonzero(mask))
        if self.chosen is None or value >= self.value + self.model.step:
            self.chosen, self.value = mask, value
            self.notes.append(f"{source}: {self.base + value:.12g}")

    def tighten(self, bound: float, source: str):
        if bound < self.bound:
            self.bound, self.bound_from = float(bound), source

    @property
    def closed(self) -> bool:
        return self.model.closes(self.bound, self.value)


def _finish_exact(state: _State, model: _Model, lam, deadline: float, finish) -> MaxCoverResult:
    """Branch and bound on the whole problem with the time left, then the result."""
    found = _exact(model, state.chosen, max(deadline - time.monotonic() - _GRACE, 0.05), lam)
    if found is None:
        state.notes.append("the branch and bound gave no answer in time")
        return finish(state.chosen, state.bound, False, f"bound: {state.bound_from}")
    mask = np.zeros(model.a.shape[0], bool)
    mask[found["sites"]] = True
    state.offer(mask, "branch and bound")
    if found["finished"]:
        how = f"optimal: branch and bound finished ({found['nodes']} nodes)"
        return finish(state.chosen, state.bound, True, how)
    state.tighten(found["bound"], f"branch and bound stopped after {found['nodes']} nodes")
    return finish(state.chosen, state.bound, state.closed, f"bound: {state.bound_from}")


def exact_max_cover(cover, weights, p: int, fixed=None, time_limit: float = 10.0) -> MaxCoverResult:
    """Former name of :func:`solve_max_cover` (without ``groups``), kept for callers.

    Examples
    --------
    >>> cover = [[1, 1, 0, 0, 0], [0, 1, 1, 1, 0], [1, 0, 0, 0, 1], [0, 0, 1, 1, 1]]
    >>> result = exact_max_cover(cover, [1, 1, 1, 1, 1], 2)
    >>> result.objective, result.proven
    (5.0, True)
    """
    return solve_max_cover(cover, weights, p, fixed=fixed, time_limit=time_limit)
