"""Background jobs of the plans app: load by id, call a service, nothing else."""

from django_tasks import task

from .importing import run_plan_import


@task()
def extract_plan_import(plan_import_id: int) -> None:
    run_plan_import(plan_import_id)
