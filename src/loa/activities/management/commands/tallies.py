"""`loa tallies --check | --rebuild`: verify or recount the dashboard tallies.

The services keep the tallies current; this is for after a restore from an old backup,
a bulk load by hand, or to prove in monitoring that nothing has drifted.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loa.activities.tallies import rebuild_tallies, stale_tallies

SHOWN = 20


class Command(BaseCommand):
    help = "Check the dashboard tallies against a fresh count (--check) or recount them all (--rebuild)."

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--check", action="store_true", help="Exit 1 if any tally differs from a count.")
        action.add_argument("--rebuild", action="store_true", help="Recount every tally.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            rebuild_tallies()
            self.stdout.write("Tallies recounted.")
            return
        problems = stale_tallies()
        if problems:
            for line in problems[:SHOWN]:
                self.stderr.write(line)
            raise CommandError(
                f"{len(problems)} tallies differ from a fresh count; run `loa tallies --rebuild`."
            )
        self.stdout.write("All tallies agree with a fresh count.")
