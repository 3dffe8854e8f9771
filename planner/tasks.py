"""Background work of the planner (django-tasks; `manage.py db_worker` runs it)."""

from django_tasks import task

from planner.models import PlanRun, RunStatus
from planner.services import execute_run


@task()
def run_plan(run_id: str) -> str:
    """Compute a queued run; a run already finished (e.g. retried) is left as it is."""
    run = PlanRun.objects.filter(pk=run_id).first()
    if run is None or run.status in (RunStatus.DONE, RunStatus.FAILED):
        return "skipped"
    return execute_run(run).status
