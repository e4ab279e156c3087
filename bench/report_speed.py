"""Time to build a province's rolled-up quarterly report, and its files.

Builds a throw-away database (SQLite under var/bench/, or LOA_DATABASE_URL), loads the
real units, generates a live year for Hưng Yên with --communes communes (the demo's
deterministic generator; the national-scale generator will replace it), has every
commune send its quý III report, then times, --runs times each:
- the province's roll-up report: figures over its own work plus every commune's report;
- its .docx, .pdf (LibreOffice) and .xlsx files.
Prints the medians in milliseconds.

    .venv/bin/python bench/report_speed.py [--communes N] [--runs R]

With --province CODE it works on the database LOA_DATABASE_URL names instead, as
`loa generate` left it (e.g. the national data on PostgreSQL): every commune of that
2025 province with a plan sends its quý III report, then the province's roll-up is timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--province", help="2025 province code: use the generated data of LOA_DATABASE_URL")
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()

    existing = args.province is not None
    if existing and not os.environ.get("LOA_DATABASE_URL"):
        parser.error("--province needs LOA_DATABASE_URL (the database `loa generate` filled)")
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    db_file = Path(tempfile.mkstemp(prefix="report-", suffix=".sqlite3", dir=bench_dir)[1])
    if existing:
        db_file.unlink()
    os.environ.setdefault("LOA_DATABASE_URL", f"sqlite:///{db_file}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "loa.config.settings.test"

    import django

    django.setup()
    from django.core.management import call_command

    from loa.accounts.models import User
    from loa.activities.models import Activity
    from loa.demo.live import build_live_year
    from loa.render.docx_writer import render_docx
    from loa.render.pdf import docx_to_pdf
    from loa.render.xlsx_writer import render_xlsx
    from loa.reports.documents import report_document, report_workbook
    from loa.reports.models import Report
    from loa.reports.services import compute_figures, create_report, submit_report
    from loa.units.models import Unit

    try:
        year, today = args.year, dt.date(args.year, 11, 20)
        if existing:
            admin, _ = User.objects.get_or_create(username="bench.reports", defaults={"is_superuser": True})
            province = Unit.objects.get(era="2025", level="province", code=args.province)
            generated = 0.0
        else:
            call_command("migrate", verbosity=0)
            call_command("units", "load", verbosity=0, stdout=io.StringIO())
            admin = User.objects.create_superuser("bench", password="bench-only")
            started = time.perf_counter()
            build_live_year(year=year, today=today, communes=args.communes, actor=admin)
            generated = time.perf_counter() - started
            province = Unit.objects.get(era="2025", code="33")
        communes = Unit.objects.filter(parent=province, plans__year=year).distinct()
        # A rerun on the same database finds the reports sent the first time.
        Report.objects.filter(unit__in=[province, *communes], year=year, kind="quarterly", index=3).delete()
        started = time.perf_counter()
        for commune in communes:
            report = create_report(commune, kind="quarterly", year=year, index=3, actor=admin)
            submit_report(report, actor=admin)
        sent = time.perf_counter() - started
        rollup = create_report(province, kind="quarterly", year=year, index=3, actor=admin)
        activities = Activity.objects.filter(unit__in=[province, *communes], happened_on__year=year).count()

        def rebuild_rollup() -> Report:
            rollup.figures = compute_figures(rollup, today=today)
            return rollup

        figures_ms = _median_ms(rebuild_rollup, args.runs)
        docx = render_docx(report_document(rollup))
        docx_ms = _median_ms(lambda: render_docx(report_document(rollup)), args.runs)
        pdf_ms = _median_ms(lambda: docx_to_pdf(docx), max(1, min(args.runs, 3)))
        xlsx_ms = _median_ms(lambda: render_xlsx(report_workbook(rollup)), args.runs)
        print(f"communes with data      {communes.count()} (of {province.children.count()})")
        print(f"activities {year}         {activities}")
        print(f"generated in            {generated:.1f} s")
        print(f"communes' reports sent  {sent:.1f} s ({1000 * sent / max(communes.count(), 1):.0f} ms each)")
        print(f"roll-up figures (ms)    {figures_ms:.0f}")
        print(f"report .docx (ms)       {docx_ms:.0f}")
        print(f"report .pdf (ms)        {pdf_ms:.0f}")
        print(f"report .xlsx (ms)       {xlsx_ms:.0f}")
        print(f"roll-up report total    {figures_ms + docx_ms + pdf_ms:.0f} ms (figures + .docx + .pdf)")
    finally:
        if db_file.exists() and "sqlite" in os.environ["LOA_DATABASE_URL"]:
            db_file.unlink()


if __name__ == "__main__":
    main()
