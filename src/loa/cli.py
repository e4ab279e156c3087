"""The `loa` command.

`loa import …` runs the pure-Python plan importer without touching Django or a
database; every other sub-command is a Django management command (`loa units load`,
`loa demo`, `loa runserver`, `loa migrate` …) run with the dev settings unless
DJANGO_SETTINGS_MODULE says otherwise.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "import":
        from loa.text.plan_import.cli import main as import_main

        return import_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loa.config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["loa", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
