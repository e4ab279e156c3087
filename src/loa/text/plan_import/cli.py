"""`loa import FILE… [--format json|text] [--out DIR]`.

With --out, writes DIR/<file stem>.json per input. Without it, prints to stdout: JSON of
one document for one file, a JSON array for several; --format text prints a human summary
(fields and warnings) instead. A file that cannot be imported prints
`loa import: FILE: reason` on stderr; the others still import; the exit status is 2 if any
file failed, else 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from loa.text.plan_import.export import to_plan_json
from loa.text.plan_import.model import ImportedPlan, ImportFailure
from loa.text.plan_import.pipeline import import_plan_file


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loa import", description="Import CCHC communication plans.")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--format", choices=("json", "text"), default="json")
    parser.add_argument("--out", type=Path, metavar="DIR", help="write DIR/<stem>.json per input")
    return parser


def summary(plan: ImportedPlan) -> str:
    """A human-readable summary of an imported plan."""
    data = to_plan_json(plan)
    lines = [f"== {plan.source_name or 'plan'}"]
    for key in ("doc_type", "number", "issuer", "level", "locality", "year", "issue_date", "signer"):
        lines.append(f"{key:14} {data[key] if data[key] is not None else '—'}")
    lines.append(f"{'title':14} {plan.title or '—'}")
    lines.append(f"{'based_on':14} {', '.join(r.number or '?' for r in plan.based_on) or '—'}")
    lines.append(f"{'sections':14} {' | '.join(data['section_titles']) or '—'}")
    lines.append(f"{'audiences':14} {' | '.join(data['audiences']) or '—'}")
    lines.append(f"{'channels':14} {', '.join(data['channels']) or '—'}")
    lines.append(f"{'budget':14} {data['budget_source'] or '—'}")
    lines.append(f"{'reporting':14} {', '.join(data['reporting_periods']) or '—'}")
    lines.append(f"tasks ({len(plan.tasks)}):")
    for task in data["tasks"]:
        lines.append(f"  - {task['title']}")
        lines.append(
            f"    lead: {task['lead'] or '—'}; time: {task['timing_text'] or '—'} ({task['recurrence']})"
        )
    for warning in plan.warnings:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the importer; returns the exit status."""
    args = _parser().parse_args(argv)
    failed = False
    outputs: list[dict[str, Any]] = []
    texts: list[str] = []
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    for path in args.files:
        try:
            plan = import_plan_file(path)
        except ImportFailure as exc:
            print(f"loa import: {path}: {exc.reason}", file=sys.stderr)
            failed = True
            continue
        data = to_plan_json(plan)
        if args.out:
            target = args.out / f"{path.stem}.json"
            target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if args.format == "text":
            texts.append(summary(plan))
        else:
            outputs.append(data)
    if args.format == "text" and texts:
        print("\n\n".join(texts))
    elif not args.out and outputs:
        payload: object = outputs[0] if len(args.files) == 1 else outputs
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
