"""`loa reminders [--date YYYY-MM-DD]`: the daily reminder job (run it from cron or a systemd timer).

It marks unmet past periods missed and mails each unit what is due or overdue: task
periods (activities app) and periodic reports (reports app).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loa.activities.reminders import send_daily_reminders
from loa.activities.scheduling import today
from loa.feedback.reminders import send_feedback_reminders
from loa.reports.reminders import send_report_reminders


class Command(BaseCommand):
    help = "Mark unmet past periods missed; email each unit the periods and reports due or overdue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Run as of this day (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from exc
        run = send_daily_reminders(on=day)
        report_emails = send_report_reminders(on=day or today())
        feedback_emails = send_feedback_reminders(on=day or today())
        self.stdout.write(
            f"{run.marked_missed} periods marked missed; {run.units} units with reminders; "
            f"{run.emails} emails sent; {report_emails} report reminders sent; "
            f"{feedback_emails} feedback reminders sent."
        )
