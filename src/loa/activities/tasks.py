"""Background jobs of the activities app."""

from django_tasks import task

from .reminders import send_daily_reminders


@task()
def send_reminders() -> None:
    send_daily_reminders()
