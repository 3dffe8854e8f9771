"""Who may do what in the planner, in one place.

The planner is public: anyone (an elected official without an account) may
run a plan and share its URL. Limits protect the machine, not the data.
"""

from __future__ import annotations

from planner.models import PlanRun, RunStatus
from spaces.permissions import is_coordinator

# Past this many runs waiting for the worker, new large runs are refused.
MAX_QUEUED_RUNS = 20


def queue_is_full() -> bool:
    return PlanRun.objects.filter(status=RunStatus.QUEUED).count() >= MAX_QUEUED_RUNS


def can_delete_run(user, run: PlanRun) -> bool:
    """Coordinators, and the signed-in person who started the run."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_coordinator(user) or (run.created_by_id is not None and run.created_by_id == user.pk)
