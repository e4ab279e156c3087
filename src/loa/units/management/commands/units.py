"""`loa units load` and `loa units show CODE [--era 2025|pre2025]`."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from loa.units.choices import Era, Level
from loa.units.loader import CODE_WIDTHS, LoaderConflict, load_units, official_code
from loa.units.models import Unit


class Command(BaseCommand):
    help = "Load the official unit lists (both eras) from vietnam-provinces, or show one unit."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["load", "show"])
        parser.add_argument(
            "code", nargs="?", help="NSO code of the unit to show, e.g. 12136 or 31 (leading zeros optional)"
        )
        parser.add_argument(
            "--era",
            choices=Era.values,
            help="era of the code (default: the current list, then the legacy one)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            try:
                load_units(stdout=self.stdout)
            except LoaderConflict as exc:
                raise CommandError(str(exc)) from exc
            return
        if not options["code"]:
            raise CommandError("units show needs a CODE.")
        self._show(options["code"], options["era"])

    def _show(self, code: str, era: str | None) -> None:
        # A bare number matches the padded code of every level ("4" → "04", "004", "00004").
        codes = {code}
        if code.isdigit():
            codes.update(official_code(level, int(code)) for level in CODE_WIDTHS)
        eras = [era] if era else [Era.CURRENT.value, Era.LEGACY.value]
        levels = list(Level.values)
        found = sorted(
            Unit.objects.filter(era__in=eras, code__in=codes),
            key=lambda u: (eras.index(u.era), levels.index(u.level), u.code or ""),
        )
        if not found:
            raise CommandError(f"No unit with code {code} in era {' or '.join(eras)}.")
        for unit in found:
            self._print_unit(unit)

    def _print_unit(self, unit: Unit) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS(f"{unit.name} [{unit.era}:{unit.code}]"))
        write(f"  kind: {unit.kind}   level: {unit.level}   codename: {unit.codename}")
        write(
            f"  valid: {unit.valid_from or '…'} → {unit.valid_to or '…'}   registered: {unit.is_registered}"
        )
        chain = list(Unit.objects.ancestors(unit))
        if chain:
            write("  parents: " + " › ".join(f"{a.name} [{a.era}:{a.code}]" for a in chain))
        children = unit.children.count()
        if children:
            write(f"  children: {children}")
        for label, related in (("successors", unit.successors), ("predecessors", unit.predecessors)):
            units = list(related.select_related("parent").order_by("era", "name"))
            if units:
                write(f"  {label} ({len(units)}):")
                for other in units:
                    parent = f", {other.parent.name}" if other.parent else ""
                    write(f"    {other.name}{parent} [{other.era}:{other.code}]")
        write("")
