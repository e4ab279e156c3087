"""Seed the answer deadline of every topic: 10 working days (editable in the admin)."""

from typing import Any

from django.db import migrations

TOPICS = ("procedure", "attitude", "communication")


def seed(apps: Any, schema_editor: Any) -> None:
    deadline = apps.get_model("feedback", "ResponseDeadline")
    for topic in TOPICS:
        deadline.objects.get_or_create(topic=topic, defaults={"days": 10, "working_days": True})


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
