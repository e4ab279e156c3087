"""Background jobs of the reports app."""

from django_tasks import task

from .builds import run_build


@task()
def build_document(build_id: int) -> None:
    run_build(build_id)
