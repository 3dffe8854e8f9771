"""Set covering: the fewest new sites so that a share of the weight is within reach.

As in :mod:`territory.optimize`, the solvers know no geography: they take a
sparse boolean coverage matrix (rows = candidate sites, columns = demand
points, e.g. from :func:`territory.coverage.coverage_sets`) and a weight per
demand point (its population).

* :func:`greedy_set_cover` opens, one at a time, the site adding the most
  uncovered weight until the target is reached.
* :func:`solve_set_cover` returns the best cover it can find within a time
  limit, with a proven lower bound on the number of sites needed:

  1. Reductions (full cover only), repeated until nothing changes: a demand
     point whose candidate set contains another point's is dropped (covering
     the smaller set covers it); a candidate whose points are a subset of
     another candidate's is dropped (swapping it for the larger one never
     hurts, all sites cost the same); a point only one candidate reaches
     forces that candidate. The model then splits into independent
     components.
  2. Components of up to ``_EXACT_ROWS`` points are solved exactly with HiGHS
     in a child process killed if HiGHS overruns (:mod:`territory.solver`).
  3. Larger ones, and those HiGHS did not prove in its share of the time, get
     a greedy cover cleaned of redundant sites; up to a region's size, a
     guided local search then closes one site at a time and moves the others
     until every point is covered again (swap search with penalties on the
     points left out); then a large-neighbourhood search: the sites of one
     group (``groups``, e.g. départements), then of windows of neighbouring
     sites, are removed and the points they alone covered are covered again
     optimally by HiGHS.
  4. Their lower bound is the LP relaxation's, approached by a first-order
     method (PDHG) and evaluated exactly as a Lagrangian bound: any
     multipliers ``u >= 0`` give a valid bound, so stopping early only makes
     it weaker, never wrong.

With ``share < 1`` (partial covering), only candidate dominance and the
merging of points with identical candidate sets are valid reductions;
small models are solved exactly, larger ones searched the same way, with a
Lagrangian bound that also relaxes the target.

Measured on this project's machine (2 cores), metropolitan France at 20 and
10 minutes in 55 s: about 940-960 and 3,300-3,340 sites (greedy: 1,221 and
3,978) against lower bounds of 780 and 3,004; Nouvelle-Aquitaine in 10 s:
144 and 503 sites (greedy: 193 and 608) against 129 and 476;
département-scale models are proven optimal in under a second.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint
from scipy.sparse import csgraph

from territory.errors import TerritoryError
from territory.optimize import (
    _check_cover,
    _check_fixed,
    _check_groups,
    _check_weights,
    _covered_mask,
    _guided_cover,
    _Model,
    rank_sites,
)
from territory.solver import run_limited

__all__ = ["SetCoverResult", "greedy_set_cover", "solve_set_cover"]

# A covered weight within this relative distance of the target counts as reaching it:
# the sums are floats, and 100% must not be missed by one rounding.
_REL_TOL = 1e-9
# A real lower bound b proves ceil(b - _BOUND_EPS) sites: the Lagrangian and HiGHS bounds
# are floating-point sums whose rounding error is far below this.
_BOUND_EPS = 1e-6
# Components with at most this many points (after reductions) are first tried exactly
# with HiGHS; larger ones go straight to the search. HiGHS proves 2-3 départements in
# seconds, but not a region: on Nouvelle-Aquitaine at 20 minutes (3,495 points after
# reductions) its bound was still the LP's, 128, after 100 s, with a cover of 157 where
# the searches find 144-146 in 10 s.
_EXACT_ROWS = 1500
# Rows of the dominance products computed at once (bounds the memory of A @ A.T).
_CHUNK = 4000
# Large-neighbourhood search: seconds HiGHS gets per neighbourhood, the window sizes (in
# sites) between which the search adapts, and the mean seconds per neighbourhood it aims
# at (measured on the national models: windows solved in ~30 ms improve the cover
# fastest at both 10 and 20 minutes).
_SUB_LIMIT = 1.0
_TARGET = 0.03
# Share of the remaining time HiGHS gets for the small components, when they are alone
# (_EXACT_SHARE; the search continues from its best cover if it proves nothing) and when
# large components wait too (_SMALL_SHARE); share of a searched component's time spent on
# its LP lower bound.
_EXACT_SHARE = 0.5
_SMALL_SHARE = 0.3
_BOUND_SHARE = 0.12
# Share of a searched component's time left after its bound that the guided search gets
# before the neighbourhood search, on components of up to _SHRINK_ROWS points. On
# Nouvelle-Aquitaine (3,495 points after reductions at 20 minutes) it finds 144-146 sites
# in 10 s where the neighbourhood search alone ends at 148-150; on all of France (tens of
# thousands of points) each of its swap passes is slow, and the neighbourhood search does
# better alone (939 sites against 1,003 in 55 s at 20 minutes).
_SHRINK_SHARE = 0.9
_SHRINK_ROWS = 10_000
_MIN_WINDOW, _MAX_WINDOW = 4, 40


# --------------------------------------------------------------------------- validation


def _check_share(share) -> float:
    if isinstance(share, bool) or not isinstance(share, int | float | np.number):
        raise TerritoryError(f"share must be a number in (0, 1], not {share!r}")
    share = float(share)
    if not (math.isfinite(share) and 0.0 < share <= 1.0):
        raise TerritoryError(f"share must be in (0, 1] (1 = all the weight), not {share}")
    return share


def _check_time_limit(time_limit) -> float:
    if isinstance(time_limit, bool) or not isinstance(time_limit, int | float | np.number):
        raise TerritoryError(f"time_limit must be a number of seconds, not {time_limit!r}")
    time_limit = float(time_limit)
    if not (math.isfinite(time_limit) and time_limit > 0):
        raise TerritoryError(f"time_limit must be a finite number of seconds > 0, not {time_limit}")
    return time_limit


def _check_candidates(candidates, n_sites: int) -> np.ndarray:
    """Boolean mask of the sites that may be opened."""
    if candidates is None:
        return np.ones(n_sites, dtype=bool)
    candidates = np.asarray(candidates).reshape(-1)
    mask = np.zeros(n_sites, dtype=bool)
    if candidates.dtype == bool:
        if candidates.size != n_sites:
            raise TerritoryError(
                f"candidates mask has {candidates.size} values for {n_sites} sites"
            )
        return candidates.copy()
    if candidates.size == 0:
        return mask
    if not np.issubdtype(candidates.dtype, np.integer):
        raise TerritoryError("candidates must be integer site indices or a boolean mask")
    bad = (candidates < 0) | (candidates >= n_sites)
    if bad.any():
        raise TerritoryError(
            f"candidate site index {int(candidates[bad][0])} out of range for {n_sites} sites"
        )
    mask[candidates] = True
    return mask


@dataclass(frozen=True)
class _Problem:
    """The validated instance, restricted to what the new sites can change.

    ``a`` is (needed points x free candidates): the points of positive weight that the
    fixed sites do not cover, and the candidates that are not fixed.
    """

    cover: sparse.csr_matrix
    weights: np.ndarray
    fixed: np.ndarray
    share: float
    full: bool  # share == 1: every needed point must be covered
    total: float
    target: float  # share * total
    base: float  # weight covered by the fixed sites
    need: np.ndarray  # indices of the needed points (columns of cover)
    cand: np.ndarray  # indices of the free candidates (rows of cover)
    a: sparse.csr_matrix  # (len(need), len(cand)) bool
    w: np.ndarray  # weights[need]
    remaining: float  # weight the new sites must still cover
    tol: float

    @property
    def done(self) -> bool:
        """True when the fixed sites alone reach the target."""
        return self.need.size == 0 if self.full else self.remaining <= self.tol

    def reaches(self, sites) -> tuple[bool, float]:
        """Whether the fixed and ``sites`` reach the target, and the weight they cover."""
        covered = _covered_mask(self.cover, np.concatenate((self.fixed, sites)))
        weight = float(self.weights[covered].sum())
        if self.full:
            return bool(covered[self.need].all()), weight
        return weight >= self.target - self.tol, weight


def _prepare(cover, weights, fixed, share, candidates) -> _Problem:
    cover = _check_cover(cover)
    n_sites, n_demand = cover.shape
    weights = _check_weights(weights, n_demand)
    fixed = _check_fixed(fixed, n_sites)
    share = _check_share(share)
    allowed = _check_candidates(candidates, n_sites)
    allowed[fixed] = False
    total = float(weights.sum())
    target = share * total
    tol = _REL_TOL * total
    base_mask = _covered_mask(cover, fixed)
    base = float(weights[base_mask].sum())
    need = np.flatnonzero((weights > 0) & ~base_mask)
    cand = np.flatnonzero(allowed)
    a = cover[cand][:, need].T.tocsr()
    a.sort_indices()
    w = weights[need]
    reachable = np.diff(a.indptr) > 0
    best = base + float(w[reachable].sum())
    full = share == 1.0
    short = (not reachable.all()) if full else best < target - tol
    if short:
        best_share = best / total if total > 0 else 1.0
        missing = int((~reachable).sum())
        raise TerritoryError(
            f"cannot cover {share:.2%} of the weight: the fixed and candidate sites together "
            f"cover at most {best_share:.4%} ({missing} demand point(s) of positive weight "
            "are out of reach of every site)"
        )
    remaining = (target - base) if not full else float(w.sum())
    return _Problem(
        cover, weights, fixed, share, full, total, target, base, need, cand, a, w, remaining, tol
    )


# ------------------------------------------------------------------------------ greedy


def _greedy_columns(a: sparse.csr_matrix, gain_w: np.ndarray, goal: float | None, tol: float = 0):
    """Columns of ``a`` (rows x columns) picked greedily, each adding the most row weight.

    Until every row is covered (``goal`` None: counted, so no float sum can fall short)
    or ``goal`` row weight is. Exact greedy on an array of gains updated incrementally:
    each newly covered row lowers the gain of every column covering it. Ties go to the
    lowest column.
    """
    m, n = a.shape
    at = a.T.tocsr()
    covered = np.zeros(m, dtype=bool)
    gains = np.asarray(at.astype(np.float64) @ gain_w).reshape(-1)
    done, left = 0.0, m
    chosen: list[int] = []
    while (left > 0) if goal is None else (done < goal - tol):
        j = int(np.argmax(gains)) if n else 0
        if not (n and gains[j] > 0):
            break
        chosen.append(j)
        rows = at.indices[at.indptr[j] : at.indptr[j + 1]]
        rows = rows[~covered[rows]]
        covered[rows] = True
        if rows.size:
            hit = a[rows]  # columns covering the newly covered rows lose those rows' weight
            np.subtract.at(gains, hit.indices, np.repeat(gain_w[rows], np.diff(hit.indptr)))
        gains[j] = -np.inf
        done += float(gain_w[rows].sum())
        left -= rows.size
    return np.asarray(chosen, dtype=np.intp)


def greedy_set_cover(cover, weights, *, fixed=None, share=1.0, candidates=None) -> np.ndarray:
    """Open sites one at a time, each adding the most uncovered weight, until the target.

    Parameters
    ----------
    cover : scipy.sparse matrix or array_like of bool, shape (n_sites, n_demand)
        ``cover[j, i]`` is True when site ``j`` covers demand point ``i``.
    weights : array_like of float, shape (n_demand,)
        Finite, >= 0 (population, for instance).
    fixed : array_like of int or bool mask, optional
        Sites already open: their coverage counts and they are never returned.
    share : float, default 1.0
        Stop once ``share * weights.sum()`` is covered. With 1.0, every demand
        point of positive weight is covered; points of weight 0 are ignored.
    candidates : array_like of int or bool mask, optional
        The only sites that may be opened (default: all the non-fixed sites).

    Returns
    -------
    numpy.ndarray of int
        New sites in the order they were picked (ties: lowest index).

    Raises
    ------
    TerritoryError
        Bad input, or a target the candidates cannot reach (the message gives
        the largest share they can cover).

    Examples
    --------
    >>> cover = [[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]]
    >>> greedy_set_cover(cover, [1, 1, 1, 1]).tolist()
    [0, 2]
    >>> greedy_set_cover(cover, [1, 1, 1, 1], share=0.5).tolist()
    [0]
    >>> greedy_set_cover(cover, [1, 1, 1, 1], fixed=[0]).tolist()
    [2]
    """
    prob = _prepare(cover, weights, fixed, share, candidates)
    if prob.done:
        return np.zeros(0, dtype=np.intp)
    goal = None if prob.full else prob.remaining
    return prob.cand[_greedy_columns(prob.a, prob.w, goal, prob.tol)]


# -------------------------------------------------------------------------- reductions


def _dominance(a: sparse.csr_matrix, drop_supersets: bool, check: np.ndarray | None):
    """Rows of ``a`` dominated by another row, as a boolean mask.

    Row k is dominated by row i when i's set is a subset of k's (``drop_supersets``,
    for demand points) or a superset of it (for candidates), ties broken towards the
    lower index so that one of identical rows stays. Only pairs involving a row of
    ``check`` (all rows if None) are examined: a relation can only appear between rows
    one of which changed. Dropping every dominated row at once is safe: following
    dominators always ends at an undominated row, which stays.
    """
    n = a.shape[0]
    out = np.zeros(n, dtype=bool)
    if n < 2:
        return out
    deg = np.diff(a.indptr)
    ai = sparse.csr_matrix((np.ones(a.nnz, dtype=np.int32), a.indices, a.indptr), shape=a.shape)
    at = ai.T.tocsr()
    rows = np.arange(n) if check is None else np.flatnonzero(check)
    for s in range(0, rows.size, _CHUNK):
        block = rows[s : s + _CHUNK]
        prod = (ai[block] @ at).tocoo()
        i, k, inter = block[prod.row], prod.col, prod.data
        other = i != k
        i, k, inter = i[other], k[other], inter[other]
        for low, high in ((i, k), (k, i)):
            # inter == deg[low]: set(low) is a subset of set(high).
            sub = (inter == deg[low]) & (
                (deg[low] < deg[high]) | ((deg[low] == deg[high]) & (low < high))
            )
            if drop_supersets:
                out[high[sub]] = True
            else:
                # Reversed roles: the subset is the dominated one unless the sets are equal,
                # in which case the higher index goes.
                strict = sub & (deg[low] < deg[high])
                out[low[strict]] = True
                equal = sub & (deg[low] == deg[high])
                out[high[equal]] = True
    return out


@dataclass(frozen=True)
class _Reduced:
    a: sparse.csr_matrix  # the reduced model
    rows: np.ndarray  # its rows, as rows of the input
    cols: np.ndarray  # its columns, as columns of the input
    forced: np.ndarray  # input columns every optimal cover found here must contain
    rounds: int


def _reduce(a: sparse.csr_matrix, deadline: float) -> _Reduced:
    """Set-cover reductions to a fixed point (or to the deadline: partial is still valid).

    ``row_dirty`` / ``col_dirty`` mark the rows (columns) that lost an entry since their
    dominance was last checked: only they can take part in a new dominance.
    """
    rows = np.arange(a.shape[0])
    cols = np.arange(a.shape[1])
    forced: list[np.ndarray] = []
    row_dirty = np.ones(a.shape[0], dtype=bool)
    col_dirty = np.ones(a.shape[1], dtype=bool)
    rounds = 0

    def drop(keep_rows, keep_cols):
        nonlocal a, rows, cols, row_dirty, col_dirty
        row_deg, col_deg = np.diff(a.indptr), np.bincount(a.indices, minlength=a.shape[1])
        a = a[keep_rows][:, keep_cols].tocsr()
        rows, cols = rows[keep_rows], cols[keep_cols]
        row_dirty = row_dirty[keep_rows] | (np.diff(a.indptr) < row_deg[keep_rows])
        col_dirty = col_dirty[keep_cols] | (
            np.bincount(a.indices, minlength=a.shape[1]) < col_deg[keep_cols]
        )

    while a.shape[0] and time.monotonic() < deadline:
        rounds += 1
        all_rows = np.ones(a.shape[0], dtype=bool)
        single = np.flatnonzero(np.diff(a.indptr) == 1)
        if single.size:
            # A point only one candidate reaches: that candidate is in every cover.
            take = np.zeros(a.shape[1], dtype=bool)
            take[a.indices[a.indptr[single]]] = True
            forced.append(cols[take])
            done = (a @ take.astype(np.int32)) > 0
            drop(~done, ~take)
            all_rows = np.ones(a.shape[0], dtype=bool)
        used = np.bincount(a.indices, minlength=a.shape[1]) > 0
        if not used.all():
            drop(all_rows, used)
        if not a.shape[0] or not (row_dirty.any() or col_dirty.any()):
            break
        if row_dirty.any():
            dominated = _dominance(a, True, row_dirty)
            row_dirty[:] = False
            if dominated.any():
                drop(~dominated, np.ones(a.shape[1], dtype=bool))
        if col_dirty.any():
            dominated = _dominance(a.T.tocsr(), False, col_dirty)
            col_dirty[:] = False
            if dominated.any():
                drop(np.ones(a.shape[0], dtype=bool), ~dominated)
    a.sort_indices()
    forced_cols = np.concatenate(forced) if forced else np.zeros(0, dtype=np.intp)
    return _Reduced(a, rows, cols, np.sort(forced_cols), rounds)


def _components(a: sparse.csr_matrix) -> list[tuple[np.ndarray, np.ndarray]]:
    """Independent blocks (rows, columns) of a set-cover matrix, smallest first."""
    m, n = a.shape
    graph = sparse.bmat([[None, a], [a.T, None]], format="csr")
    count, label = csgraph.connected_components(graph, directed=False)
    row_label, col_label = label[:m], label[m:]
    row_order = np.argsort(row_label, kind="stable")
    col_order = np.argsort(col_label, kind="stable")
    row_split = np.searchsorted(row_label[row_order], np.arange(count + 1))
    col_split = np.searchsorted(col_label[col_order], np.arange(count + 1))
    blocks = [
        (row_order[row_split[c] : row_split[c + 1]], col_order[col_split[c] : col_split[c + 1]])
        for c in range(count)
    ]
    blocks = [b for b in blocks if b[0].size]  # columns alone cover nothing
    blocks.sort(key=lambda b: (b[0].size, b[1].size))
    return blocks


# ------------------------------------------------------------------------- exact (HiGHS)


def _milp_once(a, w, goal: float, time_limit: float):
    """One HiGHS solve of a full (``w`` None) or partial set-cover model."""
    import warnings

    from scipy.optimize import milp

    m, n = a.shape
    af = sparse.csr_matrix(a, dtype=np.float64)
    if w is None:
        c = np.ones(n)
        integrality = np.ones(n)
        constraints = [LinearConstraint(af, 1.0, np.inf)]
    else:
        # y_i <= sum of the x_j covering i, sum(w_i y_i) / goal >= 1, 0 <= y <= 1; the
        # target row is scaled so that HiGHS's absolute tolerances are relative to it.
        c = np.concatenate((np.ones(n), np.zeros(m)))
        integrality = np.concatenate((np.ones(n), np.zeros(m)))
        link = sparse.hstack((-af, sparse.identity(m, format="csr")), format="csr")
        total = sparse.csr_matrix(np.concatenate((np.zeros(n), w / goal))[None, :])
        constraints = [LinearConstraint(link, -np.inf, 0.0), LinearConstraint(total, 1.0)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        res = milp(
            c,
            integrality=integrality,
            bounds=Bounds(0.0, 1.0),
            constraints=constraints,
            options={"time_limit": time_limit, "mip_rel_gap": 0.0},
        )
    x = None if res.x is None else np.flatnonzero(np.asarray(res.x[:n]) > 0.5)
    bound = getattr(res, "mip_dual_bound", None)
    return x, int(res.status), None if bound is None else float(bound)


def _milp_batch(models: list, time_limit: float) -> list:
    """Solve set-cover models one after the other within ``time_limit`` (in a child process).

    Each model is ``(a, w, goal)``: with ``w`` None, cover every row of ``a``; otherwise
    cover at least ``goal`` (> 0) of the row weights ``w`` (partial cover, continuous
    ``y``). Returns per model ``None`` (no time left) or ``(columns, status, bound)``:
    status 0 means the columns are proven optimal, ``bound`` is a valid lower bound.
    """
    start = time.monotonic()
    out = []
    for a, w, goal in models:
        left = time_limit - (time.monotonic() - start)
        if left <= 0.01:
            out.append(None)
            continue
        x, status, bound = _milp_once(a, w, goal, left)
        if w is not None and x is not None:
            covered = float(w[(a @ np.isin(np.arange(a.shape[1]), x)) > 0].sum())
            if covered < goal:
                # HiGHS's feasibility tolerance let fractional y reach the goal, not the
                # points really covered: ask for a little more, once. The first bound
                # stays valid (that model is a relaxation); only a cover meeting it is
                # proven.
                left = time_limit - (time.monotonic() - start)
                retry = _milp_once(a, w, goal * (1 + 1e-5), left) if left > 0.01 else None
                x, status = None, 1
                if retry is not None and retry[0] is not None:
                    x = retry[0]
                    proven = bound is not None and x.size <= math.ceil(bound - _BOUND_EPS)
                    status = 0 if proven else 1
        out.append((x, status, bound))
    return out


def _run_milps(models: list, time_limit: float) -> tuple[list, str]:
    """:func:`_milp_batch` in a child process killed shortly after ``time_limit``."""
    if not models:
        return [], ""
    if time_limit <= 0.02:
        return [None] * len(models), "no time left for HiGHS"
    grace = min(2.0, 0.1 + 0.1 * time_limit)
    limited = run_limited(_milp_batch, models, time_limit, time_limit=time_limit, grace=grace)
    if not limited.ok:
        return [None] * len(models), limited.error
    return limited.value, ""


def _is_cover(a: sparse.csr_matrix, columns) -> bool:
    chosen = np.zeros(a.shape[1], dtype=bool)
    chosen[np.asarray(columns, dtype=np.intp)] = True
    return bool(((a @ chosen.astype(np.int32)) > 0).all())


# ---------------------------------------------------------------------- lower bounds


def _full_bound(atf: sparse.csr_matrix, u: np.ndarray) -> float:
    """Lagrangian bound on the size of a cover of every row, for multipliers ``u >= 0``.

    Relaxing "row i covered" with ``u_i`` leaves ``sum(u) + sum_j (1 - load_j) x_j``,
    ``load_j`` the sum of ``u`` over column j's rows, whose minimum over x in {0, 1}
    opens exactly the columns of negative reduced cost: a valid bound for any u.
    """
    reduced = 1.0 - atf @ u
    return float(u.sum() + reduced[reduced < 0].sum())


def _partial_bound(atf: sparse.csr_matrix, w: np.ndarray, goal: float, u: np.ndarray) -> float:
    """Lagrangian bound on the columns needed to cover ``goal`` of the row weights ``w``.

    Relaxing ``y_i <= sum of the x_j covering i`` with ``u_i >= 0`` and
    ``sum(w_i y_i) >= goal`` with ``lambda >= 0`` leaves, minimised over x in {0, 1}
    and y in [0, 1]: ``sum_j min(0, 1 - load_j) + sum_i min(0, u_i - lambda w_i) +
    lambda goal``. For fixed u this is concave and piecewise linear in lambda, with
    breakpoints ``u_i / w_i``: its maximum is at the first breakpoint where the weight
    of the rows below it reaches ``goal``. ``w > 0`` and ``goal <= sum(w)`` assumed.
    """
    reduced = 1.0 - atf @ u
    columns = float(reduced[reduced < 0].sum())
    ratio = u / w
    order = np.argsort(ratio, kind="stable")
    k = int(np.searchsorted(np.cumsum(w[order]), goal))
    k = min(k, order.size - 1)
    lam = float(ratio[order[k]])
    below = order[:k]
    return columns + lam * goal + float((u[below] - lam * w[below]).sum())


def _pdhg_duals(k: sparse.csr_matrix, b, c, hi, deadline: float, evaluate):
    """Best dual bound ``evaluate(y)`` met while solving ``min c.v, K v >= b, 0 <= v <= hi``.

    Primal-dual hybrid gradient (Chambolle-Pock) with diagonal step sizes (Pock and
    Chambolle 2011: 1 / column and row sums of |K|), restarted from the running
    averages. It only needs products with K, so it scales to national models where
    an interior-point solve takes minutes; every dual iterate is evaluated exactly by
    ``evaluate`` (a Lagrangian bound), so stopping at the deadline only weakens it.
    """
    kt = k.T.tocsr()
    magnitude = abs(k)
    col = np.asarray(magnitude.sum(axis=0)).reshape(-1)
    row = np.asarray(magnitude.sum(axis=1)).reshape(-1)
    tau = 1.0 / np.maximum(col, 1e-12)
    sigma = 1.0 / np.maximum(row, 1e-12)
    x = np.zeros(k.shape[1])
    y = np.zeros(k.shape[0])
    x_sum, y_sum, count = np.zeros_like(x), np.zeros_like(y), 0
    best, best_y = -math.inf, y.copy()
    iteration = 0
    while time.monotonic() < deadline:
        iteration += 1
        x_new = np.clip(x - tau * (c - kt @ y), 0.0, hi)
        y = np.maximum(0.0, y + sigma * (b - k @ (2.0 * x_new - x)))
        x = x_new
        x_sum += x
        y_sum += y
        count += 1
        if iteration % 20 == 0:
            for candidate in (y, y_sum / count):
                value = evaluate(candidate)
                if value > best:
                    best, best_y = value, candidate.copy()
            if iteration % 200 == 0:
                x, y = x_sum / count, y_sum / count
                x_sum[:], y_sum[:], count = 0.0, 0.0, 0
    return best, best_y


def _lp_bound_full(a: sparse.csr_matrix, deadline: float) -> float:
    """Lower bound on a cover of every row of ``a`` (LP dual, by PDHG, evaluated exactly)."""
    af = sparse.csr_matrix(a, dtype=np.float64)
    atf = af.T.tocsr()
    m, n = a.shape
    value, _ = _pdhg_duals(af, np.ones(m), np.ones(n), 1.0, deadline, lambda u: _full_bound(atf, u))
    return max(value, _full_bound(atf, np.zeros(m)))


def _lp_bound_partial(a: sparse.csr_matrix, w: np.ndarray, goal: float, deadline: float) -> float:
    """Lower bound on covering ``goal`` of the weights ``w`` (LP dual by PDHG, exact)."""
    af = sparse.csr_matrix(a, dtype=np.float64)
    atf = af.T.tocsr()
    m, n = a.shape
    # Variables (x, y); rows: x covers y (A x - y >= 0), and w.y / goal >= 1.
    k = sparse.vstack(
        (
            sparse.hstack((af, -sparse.identity(m, format="csr"))),
            sparse.hstack((sparse.csr_matrix((1, n)), sparse.csr_matrix(w[None, :] / goal))),
        ),
        format="csr",
    )
    b = np.concatenate((np.zeros(m), [1.0]))
    c = np.concatenate((np.ones(n), np.zeros(m)))
    value, _ = _pdhg_duals(k, b, c, 1.0, deadline, lambda y: _partial_bound(atf, w, goal, y[:m]))
    return max(value, 0.0)


# ------------------------------------------------------------------------- exact (small)


def _exact_full(a: sparse.csr_matrix, time_limit: float):
    """Minimum cover of every row of a small ``a``: (columns or None, proven, lower bound)."""
    deadline = time.monotonic() + time_limit
    red = _reduce(a, deadline)
    if red.a.shape[0] == 0:
        return red.forced, True, red.forced.size
    blocks = _components(red.a)
    models = [(red.a[r][:, c], None, 0.0) for r, c in blocks]
    answers, _ = _run_milps(models, deadline - time.monotonic())
    chosen = [red.forced]
    proven, bound = True, red.forced.size
    for (_, c), answer, (block, _, _) in zip(blocks, answers, models, strict=True):
        if answer is None or answer[0] is None or not _is_cover(block, answer[0]):
            return None, False, bound
        columns, status, dual = answer
        chosen.append(red.cols[c[columns]])
        proven = proven and status == 0
        bound += columns.size if status == 0 else math.ceil((dual or 0.0) - _BOUND_EPS)
    return np.concatenate(chosen), proven, bound


def _weight_covered(a: sparse.csr_matrix, w: np.ndarray, columns) -> float:
    chosen = np.zeros(a.shape[1], dtype=np.int32)
    chosen[np.asarray(columns, dtype=np.intp)] = 1
    return float(w[(a @ chosen) > 0].sum())


def _exact_partial(a: sparse.csr_matrix, w: np.ndarray, goal: float, tol: float, limit: float):
    """Fewest columns covering ``goal`` of ``w``: (columns or None, proven, lower bound)."""
    (answer,), _ = _run_milps([(a, w, goal - tol)], limit)
    if answer is None or answer[0] is None:
        return None, False, 0
    columns, status, dual = answer
    if _weight_covered(a, w, columns) < goal - tol:
        return None, False, 0
    bound = columns.size if status == 0 else math.ceil((dual or 0.0) - _BOUND_EPS)
    return columns, status == 0, max(bound, 0)


# ------------------------------------------------------------------------------ search


def _drop_redundant(a, at, chosen: np.ndarray, order) -> None:
    """Close, in ``order``, chosen columns all of whose rows another chosen column covers."""
    cnt = a @ chosen.astype(np.int32)
    for j in order:
        rows = at.indices[at.indptr[j] : at.indptr[j + 1]]
        if chosen[j] and (cnt[rows] >= 2).all():
            chosen[j] = False
            cnt[rows] -= 1


def _drop_redundant_partial(a, at, w, goal: float, tol: float, chosen: np.ndarray) -> None:
    """Close chosen columns, least useful first, while ``goal`` stays covered."""
    cnt = a @ chosen.astype(np.int32)
    covered = float(w[cnt > 0].sum())

    def alone(j: int) -> float:
        rows = at.indices[at.indptr[j] : at.indptr[j + 1]]
        return float(w[rows[cnt[rows] == 1]].sum())

    for j in sorted(np.flatnonzero(chosen).tolist(), key=alone):
        loss = alone(j)
        if covered - loss >= goal - tol:
            chosen[j] = False
            cnt[at.indices[at.indptr[j] : at.indptr[j + 1]]] -= 1
            covered -= loss


def _shrink(a, at, chosen: np.ndarray, deadline: float, floor: int) -> int:
    """Fewer columns for the full cover ``chosen`` (modified in place); returns how many fewer.

    Guided local search with a shrinking budget: close the open column whose
    points, weighed by their penalties, are the least covered by it alone,
    then move the others (:func:`territory.optimize._guided_cover`) until
    every row is covered again, and so on. The penalties persist from one
    size to the next: the rows found hard to cover stay heavy. Stops at the
    deadline or at ``floor`` columns (a proven lower bound).
    """
    model = _Model(at, np.ones(a.shape[0]), int(chosen.sum()))
    start = int(chosen.sum())
    current = chosen.copy()
    while current.sum() > floor and time.monotonic() < deadline:
        alone = np.where(a @ current.astype(np.int32) == 1, model.w, 0.0)
        loss = np.where(current, model.af @ alone, np.inf)
        current[int(np.argmin(loss))] = False
        current = _guided_cover(model, current, deadline)
        if current is None:
            break
        chosen[:] = current
    return start - int(chosen.sum())


def _window(a, at, allowed: np.ndarray, seed: int, size: int) -> np.ndarray:
    """Up to ``size`` columns of ``allowed`` (a boolean mask) grown from ``seed``.

    The neighbours of a column j are the allowed columns covering one of j's rows:
    sites whose reach overlaps j's. Growth is breadth first, and within one ring the
    columns overlapping the window most come first, so that the window stays compact.
    """
    picked = [seed]
    seen = np.zeros(a.shape[1], dtype=bool)
    seen[seed] = True
    frontier = np.array([seed])
    while frontier.size and len(picked) < size:
        rows = np.concatenate([at.indices[at.indptr[j] : at.indptr[j + 1]] for j in frontier])
        near, count = np.unique(a[np.unique(rows)].indices, return_counts=True)
        keep = allowed[near] & ~seen[near]
        near, count = near[keep], count[keep]
        near = near[np.argsort(-count, kind="stable")][: size - len(picked)]
        seen[near] = True
        picked.extend(near.tolist())
        frontier = near
    return np.asarray(picked, dtype=np.intp)


@dataclass
class _Search:
    """State and counters of the large-neighbourhood search."""

    size: int = 8  # window size (sites), adapted to how long HiGHS takes
    tried: int = 0
    improved: int = 0
    saved: int = 0
    moves: int = 0
    passes: int = 0
    mean: float | None = None
    target: float = _TARGET
    pass_start: int = 0  # value of ``improved`` when the current pass began

    def adapt(self, seconds: float, proven: bool) -> None:
        # Small neighbourhoods are solved in milliseconds but rarely improve; large ones
        # improve more but HiGHS needs seconds to prove them. Steer the average time
        # per neighbourhood (many are solved by the reductions alone) to the target.
        self.mean = seconds if self.mean is None else 0.8 * self.mean + 0.2 * seconds
        if not proven or self.mean > self.target:
            self.size = max(self.size - 1, _MIN_WINDOW)
        else:
            self.size = min(self.size + 1, _MAX_WINDOW)

    def new_pass(self) -> None:
        # A whole pass without improvement: the cover is a local optimum for windows of
        # this size, so allow larger (slower) ones, as in variable-neighbourhood search.
        if self.passes and self.improved == self.pass_start:
            self.target = min(2 * self.target, _SUB_LIMIT / 2)
        self.passes += 1
        self.pass_start = self.improved

    def describe(self) -> str:
        return (
            f"{self.tried} neighbourhood(s) re-solved by HiGHS in {self.passes} pass(es), "
            f"{self.improved} improving ({self.saved} sites saved) and "
            f"{self.moves - self.improved} sideways (window {self.size} sites at the end)"
        )


def _lns(
    a,
    at,
    chosen: np.ndarray,
    labels,
    deadline: float,
    search: _Search,
    repair,
    near=None,
    floor: int = 0,
) -> None:
    """Improve ``chosen`` (in place) by re-solving neighbourhoods exactly.

    A neighbourhood is a set F of chosen columns: first, group by group, the chosen
    columns of one group (in windows when the group is large), then windows anywhere,
    each chosen column seeding one window per pass. ``repair(free, cnt, seconds)``
    returns the best replacement it finds for F (or None) and whether it proved it
    optimal; it replaces F when it is no larger (equal sizes move the cover, which lets
    later neighbourhoods improve).

    ``near`` = (b, b.T) with the same columns as ``a`` defines which columns are
    neighbours (they share a row of b); by default ``a`` itself. After reductions,
    ``a`` has lost most of its rows, and neighbouring sites seldom still share one:
    windows are grown on the coverage before reductions.

    Stops at the deadline, when the cover has ``floor`` columns (a proven lower bound),
    or when no window of two columns or more is left.
    """
    rng = np.random.default_rng(0)
    cnt = a @ chosen.astype(np.int32)
    b, bt = (a, at) if near is None else near

    def neighbourhoods():
        if labels is not None:
            search.new_pass()
            for g in rng.permutation(int(labels.max()) + 1):
                members = chosen & (labels == g)
                if members.sum() <= search.size:
                    yield np.flatnonzero(members)
                    continue
                for seed in rng.permutation(np.flatnonzero(members)):
                    if members[seed] and chosen[seed]:
                        free = _window(b, bt, members & chosen, int(seed), search.size)
                        members[free] = False  # each site in one window of its group
                        yield free
        useful = True
        while useful:
            search.new_pass()
            useful = False
            for seed in rng.permutation(np.flatnonzero(chosen)):
                if chosen[seed]:
                    free = _window(b, bt, chosen, int(seed), search.size)
                    useful = useful or free.size > 1
                    yield free

    for free in neighbourhoods():
        left = deadline - time.monotonic()
        if left < 0.05 or chosen.sum() <= floor:
            break
        if free.size < 2:
            continue
        search.tried += 1
        began = time.monotonic()
        new, proven = repair(free, cnt, min(left, _SUB_LIMIT))
        search.adapt(time.monotonic() - began, proven)
        if new is None or new.size > free.size or np.array_equal(np.sort(new), np.sort(free)):
            continue
        if new.size < free.size:
            search.improved += 1
            search.saved += free.size - new.size
        search.moves += 1
        for j in free:
            cnt[at.indices[at.indptr[j] : at.indptr[j + 1]]] -= 1
        chosen[free] = False
        chosen[new] = True
        for j in new:
            cnt[at.indices[at.indptr[j] : at.indptr[j + 1]]] += 1


def _free_counts(a, at, free: np.ndarray) -> np.ndarray:
    """Per row, how many of the columns ``free`` cover it."""
    only = np.zeros(a.shape[0], dtype=np.int32)
    for j in free:
        only[at.indices[at.indptr[j] : at.indptr[j + 1]]] += 1
    return only


def _repair_full(a, at):
    def repair(free, cnt, seconds):
        only = _free_counts(a, at, free)
        alone = np.flatnonzero((only > 0) & (only == cnt))
        if alone.size == 0:
            return np.zeros(0, dtype=np.intp), True
        sub_rows = a[alone]
        columns = np.unique(sub_rows.indices)
        found, proven, _ = _exact_full(sub_rows[:, columns].tocsr(), seconds)
        return (None if found is None else columns[found]), proven

    return repair


def _repair_partial(a, at, w, goal: float, tol: float):
    def repair(free, cnt, seconds):
        only = _free_counts(a, at, free)
        rest = (cnt - only) > 0
        need = goal - float(w[rest].sum())
        if need <= tol:
            return np.zeros(0, dtype=np.intp), True
        # Candidates: the columns whose reach overlaps the freed ones'.
        columns = np.unique(a[np.flatnonzero(only > 0)].indices)
        rows = np.unique(at[columns].indices)
        rows = rows[~rest[rows]]
        found, proven, _ = _exact_partial(a[rows][:, columns].tocsr(), w[rows], need, tol, seconds)
        return (None if found is None else columns[found]), proven

    return repair


# ------------------------------------------------------------------------------ result


@dataclass(frozen=True, eq=False)
class SetCoverResult:
    """Outcome of :func:`solve_set_cover`.

    Attributes
    ----------
    sites : numpy.ndarray of int
        New sites (fixed ones excluded), in rank order: each adds the most weight
        to what the fixed sites and the sites before it cover.
    covered_weight : float
        Weight covered by the fixed and new sites, recomputed from ``sites``.
    target_weight : float
        ``share * weights.sum()``.
    lower_bound : int
        No cover reaching the target has fewer new sites (proven bound).
    gap : float
        ``(len(sites) - lower_bound) / len(sites)``; 0 when proven (or no site needed).
    proven : bool
        True when ``len(sites) == lower_bound``: the cover is a minimum one.
    greedy_size : int
        Size of the plain greedy cover (:func:`greedy_set_cover`), for comparison.
    status_message : str
        Which methods ran, where the bound comes from, why the search stopped.
    """

    sites: np.ndarray
    covered_weight: float
    target_weight: float
    lower_bound: int
    gap: float
    proven: bool
    greedy_size: int
    status_message: str


# -------------------------------------------------------------------------- strategies


def _count_bound(column_weights: np.ndarray, goal: float, tol: float) -> int:
    """Fewest columns whose weights, largest first, add up to ``goal``: a valid bound."""
    if goal <= tol:
        return 0
    reached = np.cumsum(np.sort(column_weights)[::-1])
    return int(min(np.searchsorted(reached, goal - tol) + 1, reached.size))


def _solve_full(a: sparse.csr_matrix, labels, deadline: float, notes: list[str]):
    """Cover every row of ``a``: (chosen columns of ``a``, lower bound)."""
    red = _reduce(a, deadline)
    notes.append(
        f"reductions ({red.rounds} rounds): {a.shape[0]} points x {a.shape[1]} candidates -> "
        f"{red.a.shape[0]} x {red.a.shape[1]}, {red.forced.size} candidate(s) forced"
    )
    if red.a.shape[0] and time.monotonic() >= deadline:
        notes.append("time limit reached during the reductions")
    blocks = _components(red.a)
    chosen = np.zeros(red.a.shape[1], dtype=bool)
    bounds, proven, source = [], [], []
    for rows, cols in blocks:
        block = red.a[rows][:, cols].tocsr()
        picked = _greedy_columns(block, np.ones(rows.size), None)
        mask = np.zeros(cols.size, dtype=bool)
        mask[picked] = True
        _drop_redundant(block, block.T.tocsr(), mask, picked[::-1])
        chosen[cols[mask]] = True
        bounds.append(_count_bound(np.bincount(block.indices), rows.size, 0.5))
        proven.append(False)
        source.append("the greedy")
    small = [k for k, (rows, _) in enumerate(blocks) if rows.size <= _EXACT_ROWS]
    large = [k for k, (rows, _) in enumerate(blocks) if rows.size > _EXACT_ROWS]
    if blocks:
        notes.append(
            f"{len(blocks)} independent component(s), {len(large)} too large for HiGHS alone "
            f"(largest {blocks[-1][0].size} points)"
        )

    if small:
        left = deadline - time.monotonic()
        models = [(red.a[blocks[k][0]][:, blocks[k][1]], None, 0.0) for k in small]
        answers, error = _run_milps(models, (_SMALL_SHARE if large else _EXACT_SHARE) * left)
        for k, answer, (block, _, _) in zip(small, answers, models, strict=True):
            if answer is None or answer[0] is None or not _is_cover(block, answer[0]):
                continue
            columns, status, dual = answer
            cols = blocks[k][1]
            if status == 0 or columns.size < chosen[cols].sum():
                chosen[cols] = False
                chosen[cols[columns]] = True
                source[k] = "HiGHS"
            if status == 0:
                bounds[k], proven[k] = columns.size, True
            elif dual is not None:
                bounds[k] = max(bounds[k], math.ceil(dual - _BOUND_EPS))
        notes.append(
            f"HiGHS proved {sum(proven[k] for k in small)} of {len(small)} component(s) "
            "optimal" + (f" ({error})" if error else "")
        )

    # The rest (large components, and small ones HiGHS did not prove) goes to the search,
    # starting from the best cover so far.
    rest = [k for k in range(len(blocks)) if not proven[k]]
    for position, k in enumerate(rest):
        rows, cols = blocks[k]
        block = red.a[rows][:, cols].tocsr()
        block_t = block.T.tocsr()
        # Share the remaining time between the components by size.
        weight = rows.size / sum(blocks[q][0].size for q in rest[position:])
        stop = time.monotonic() + weight * max(0.0, deadline - time.monotonic())
        mask = chosen[cols].copy()
        start_size = int(mask.sum())
        value = _lp_bound_full(block, time.monotonic() + _BOUND_SHARE * (stop - time.monotonic()))
        bounds[k] = max(bounds[k], math.ceil(value - _BOUND_EPS))
        guided = rows.size <= _SHRINK_ROWS
        if guided:
            shrink_stop = time.monotonic() + _SHRINK_SHARE * (stop - time.monotonic())
            shrunk = _shrink(block, block_t, mask, shrink_stop, bounds[k])
        search = _Search()
        block_labels = None if labels is None else labels[red.cols[cols]]
        near = a[:, red.cols[cols]].tocsr()
        near = (near, near.T.tocsr())
        repair = _repair_full(block, block_t)
        _lns(block, block_t, mask, block_labels, stop, search, repair, near, bounds[k])
        chosen[cols] = mask
        steps = f"{int(mask.sum())} after {search.describe()}"
        if guided:
            steps = f"{start_size - shrunk} after the guided search, {steps}"
        if k in large:
            notes.append(
                f"component of {rows.size} points: greedy cover of {start_size} sites after "
                f"removing redundant ones, {steps}; "
                f"LP dual bound {value:.2f} (PDHG, evaluated exactly), bound {bounds[k]}"
            )
        else:
            notes.append(
                f"component of {rows.size} points: {start_size} sites from {source[k]} "
                f"(HiGHS stopped), {steps}; bound "
                f"{bounds[k]} (HiGHS's, or LP dual {value:.2f} by PDHG)"
            )
    columns = np.concatenate((red.forced, red.cols[chosen]))
    return columns, red.forced.size + sum(bounds)


def _merge_rows(a: sparse.csr_matrix, w: np.ndarray):
    """Points with the same candidate set, as one point of their total weight."""
    keys = [a.indices[a.indptr[i] : a.indptr[i + 1]].tobytes() for i in range(a.shape[0])]
    _, first, inverse = np.unique(
        np.array(keys, dtype=object), return_index=True, return_inverse=True
    )
    merged = np.bincount(inverse.reshape(-1), weights=w, minlength=first.size)
    return a[first].tocsr(), merged


def _solve_partial(prob: _Problem, labels, deadline: float, notes: list[str]):
    """Cover ``prob.remaining`` of the needed weight: (chosen columns of ``prob.a``, bound)."""
    a, w, goal, tol = prob.a, prob.w, prob.remaining, prob.tol
    # Reductions valid with weights: a candidate covering a subset of another's points
    # can always be swapped for it, and points with the same candidates are covered
    # together or not at all.
    m0, n0 = a.shape
    cols = np.flatnonzero(np.bincount(a.indices, minlength=n0) > 0)
    a = a[:, cols].tocsr()
    for _ in range(2):
        a, w = _merge_rows(a, w)
        keep = ~_dominance(a.T.tocsr(), False, None)
        a, cols = a[:, keep].tocsr(), cols[keep]
    a.sort_indices()
    at = a.T.tocsr()
    notes.append(
        f"reductions: {m0} points x {n0} candidates -> {a.shape[0]} x {a.shape[1]} "
        "(dominated candidates dropped, points with the same candidates merged)"
    )
    picked = _greedy_columns(a, w, goal, tol)
    chosen = np.zeros(a.shape[1], dtype=bool)
    chosen[picked] = True
    _drop_redundant_partial(a, at, w, goal, tol, chosen)
    start_size = int(chosen.sum())
    bound = _count_bound(np.asarray(at.astype(np.float64) @ w).reshape(-1), goal, tol)
    proven = False
    if a.shape[0] <= _EXACT_ROWS:
        left = deadline - time.monotonic()
        columns, proven, dual = _exact_partial(a, w, goal, tol, _EXACT_SHARE * left)
        if columns is not None and (proven or columns.size < start_size):
            chosen[:] = False
            chosen[columns] = True
        bound = max(bound, dual)
        notes.append(
            f"greedy cover of {start_size} sites after removing redundant ones; HiGHS "
            + ("proved the optimum" if proven else f"stopped with {int(chosen.sum())} sites")
        )
    if not proven:
        before = int(chosen.sum())
        value = _lp_bound_partial(
            a, w, goal, time.monotonic() + _BOUND_SHARE * (deadline - time.monotonic())
        )
        bound = max(bound, math.ceil(value - _BOUND_EPS))
        search = _Search()
        labels = labels if labels is None else labels[cols]
        repair = _repair_partial(a, at, w, goal, tol)
        _lns(a, at, chosen, labels, deadline, search, repair, floor=bound)
        notes.append(
            f"{before} sites, {int(chosen.sum())} after {search.describe()}; LP dual bound "
            f"{value:.2f} (PDHG, evaluated exactly), bound {bound}"
        )
    return cols[chosen], bound


# ------------------------------------------------------------------------------- solve


def solve_set_cover(
    cover,
    weights,
    *,
    fixed=None,
    share=1.0,
    time_limit=30.0,
    groups=None,
    candidates=None,
) -> SetCoverResult:
    """The fewest new sites covering ``share`` of the weight, with a proven lower bound.

    Parameters
    ----------
    cover : scipy.sparse matrix or array_like of bool, shape (n_sites, n_demand)
        ``cover[j, i]`` is True when site ``j`` covers demand point ``i``.
    weights : array_like of float, shape (n_demand,)
        Finite, >= 0 (population, for instance).
    fixed : array_like of int or bool mask, optional
        Sites already open (existing spaces): their coverage counts, they are
        never returned and are not counted in the size of the cover.
    share : float, default 1.0
        In (0, 1]: cover at least ``share * weights.sum()``. With 1.0 every
        demand point of positive weight must be covered; points of weight 0
        never need covering (they add nothing to the covered weight).
    time_limit : float, default 30.0
        Wall-clock seconds (> 0) for the whole call; the best cover found by
        then is returned. HiGHS runs in a child process killed if it overruns
        (:mod:`territory.solver`). Only the validation and the greedy start
        ignore the limit (about 2 s at national scale).
    groups : array_like, shape (n_sites,), optional
        A label per site (e.g. its département code): when a model is too
        large for HiGHS alone, the search first re-solves the sites of one
        group at a time (in windows when a group has many), then windows of
        neighbouring sites anywhere.
    candidates : array_like of int or bool mask, optional
        The only sites that may be opened (default: every non-fixed site).

    Returns
    -------
    SetCoverResult
        ``proven`` only when the cover's size equals the proven lower bound;
        ``status_message`` says what ran and where the bound comes from.

    Raises
    ------
    TerritoryError
        Bad input, or a target the fixed and candidate sites cannot reach (the
        message gives the largest share they can cover).

    Examples
    --------
    >>> cover = [[1, 1, 0, 0, 0, 0], [0, 1, 1, 1, 0, 0], [0, 0, 0, 1, 1, 1], [1, 1, 1, 0, 0, 0]]
    >>> result = solve_set_cover(cover, [1, 1, 1, 1, 1, 1])
    >>> result.sites.tolist(), result.lower_bound, result.proven
    ([2, 3], 2, True)
    >>> solve_set_cover(cover, [1, 1, 1, 1, 1, 1], fixed=[3]).sites.tolist()
    [2]
    """
    start = time.monotonic()
    prob = _prepare(cover, weights, fixed, share, candidates)
    time_limit = _check_time_limit(time_limit)
    labels = _check_groups(groups, prob.cover.shape[0])
    deadline = start + time_limit
    # Leave a moment to rank and check the answer.
    work_deadline = deadline - min(0.5, 0.05 * time_limit)
    notes: list[str] = []
    if prob.done:
        columns, lower, greedy_size = np.zeros(0, dtype=np.intp), 0, 0
        notes.append("the fixed sites already reach the target")
    else:
        goal = None if prob.full else prob.remaining
        greedy_size = int(_greedy_columns(prob.a, prob.w, goal, prob.tol).size)
        cand_labels = None if labels is None else labels[prob.cand]
        if prob.full:
            columns, lower = _solve_full(prob.a, cand_labels, work_deadline, notes)
        else:
            columns, lower = _solve_partial(prob, cand_labels, work_deadline, notes)
    sites = prob.cand[columns]
    # Checked on the input, independently of the reductions and searches (which only keep
    # covers they checked on their own models): a failure here is a bug, never returned.
    reached, covered = prob.reaches(sites)
    if not reached:
        raise RuntimeError("internal error: the set cover found does not reach the target")
    sites = rank_sites(prob.cover, prob.weights, prob.fixed, sites)
    size = int(sites.size)
    if lower > size:
        raise RuntimeError(f"internal error: lower bound {lower} above a cover of {size}")
    proven = lower == size
    gap = 0.0 if proven else (size - lower) / size
    notes.append(f"{time.monotonic() - start:.2f} s")
    return SetCoverResult(
        sites=sites,
        covered_weight=covered,
        target_weight=prob.target,
        lower_bound=int(lower),
        gap=gap,
        proven=proven,
        greedy_size=greedy_size,
        status_message="; ".join(notes),
    )
