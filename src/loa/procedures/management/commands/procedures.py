"""`loa procedures import UNIT_CODE FILE [--era 2025] --as USERNAME`: load a unit's procedure list.

Goes through the same service as the import page, so the permission check, the per-row
validation and the change-log row are the same; a refused file prints its row errors.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from loa.procedures.errors import ProcedureImportRefused
from loa.procedures.services import import_procedures
from loa.units.choices import Era
from loa.units.models import Unit


class Command(BaseCommand):
    help = "Import a unit's administrative procedure list from a CSV or XLSX file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["import"])
        parser.add_argument("unit_code", help="official code of the unit, e.g. 10105")
        parser.add_argument("file", type=Path, help="CSV (UTF-8) or XLSX file")
        parser.add_argument("--era", choices=Era.values, default=Era.CURRENT.value)
        parser.add_argument("--as", dest="username", required=True, help="user who imports (needs EDIT_PLAN)")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(era=options["era"], code=options["unit_code"]).first()
        if unit is None:
            raise CommandError(f"No unit with code {options['unit_code']} in era {options['era']}.")
        actor = get_user_model().objects.filter(username=options["username"]).first()
        if actor is None:
            raise CommandError(f"No user {options['username']!r}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        try:
            with path.open("rb") as handle:
                result = import_procedures(unit, File(handle, name=path.name), actor=actor)
        except PermissionDenied as exc:
            raise CommandError(f"{actor} may not edit the procedures of {unit.name}.") from exc
        except ProcedureImportRefused as exc:
            for error in exc.errors:
                self.stderr.write(f"  dòng {error.row}, {error.column}: {error.message}")
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{unit.name}: {result.total} procedures ({result.created} new, {result.updated} updated, "
                f"{result.unchanged} unchanged, {result.removed} removed)."
            )
        )
