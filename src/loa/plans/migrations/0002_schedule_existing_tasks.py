"""Give tasks saved before occurrences were generated their schedule.

Uses the pure schedule rule directly (services are not available to migrations);
statuses start as pending, and the daily job and the dashboards treat a pending
period past its due date as missed.
"""

from django.db import migrations

from loa.tracking.schedule import periods_for


def schedule_tasks(apps, schema_editor):  # type: ignore[no-untyped-def]
    Task = apps.get_model("plans", "Task")
    Occurrence = apps.get_model("plans", "Occurrence")
    rows = []
    for task in Task.objects.filter(occurrences__isnull=True).select_related("plan").iterator():
        for period in periods_for(task.recurrence or None, year=task.plan.year, start=task.start, end=task.end):
            rows.append(
                Occurrence(
                    task=task,
                    period_start=period.start,
                    period_end=period.end,
                    due_date=period.due,
                    label=period.label,
                )
            )
    Occurrence.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(schedule_tasks, migrations.RunPython.noop)]
