"""`loa demo`: create the demo staff, load the seed plans and a live year (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from loa.demo.builder import build_demo
from loa.demo.live import LiveSummary


class Command(BaseCommand):
    help = "Tạo dữ liệu demo: cán bộ tỉnh, xã, cơ quan, các kế hoạch mẫu và số liệu theo dõi năm nay."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seeds",
            type=Path,
            default=settings.BASE_DIR.parent / "shared" / "seeds",
            help="Thư mục chứa văn bản kế hoạch mẫu.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = build_demo(options["seeds"], log=self.stdout.write)
        for line in summary.plans_loaded:
            self.stdout.write(f"  nạp kế hoạch: {line}")
        for line in summary.plans_skipped:
            self.stdout.write(f"  bỏ qua: {line}")
        if summary.live is not None:
            self._write_live(summary.live)
        rollup = summary.reports.rollup if summary.reports is not None else None
        if summary.reports is not None and rollup is not None:
            self.stdout.write(
                f"  báo cáo quý năm nay: {summary.reports.submitted} báo cáo đã gửi "
                f"({summary.reports.late} chậm); "
                f"báo cáo tổng hợp {rollup.label} của tỉnh ở dạng dự thảo"
            )
            if summary.reports.missing:
                self.stdout.write(f"    chưa gửi {rollup.label}: {', '.join(summary.reports.missing)}")
        self.stdout.write(self.style.SUCCESS("\nĐăng nhập demo tại http://127.0.0.1:8000/ :"))
        for username, password, role in summary.logins:
            self.stdout.write(f"  {username:18} mật khẩu {password}   ({role})")

    def _write_live(self, live: LiveSummary) -> None:
        last = f"{live.last_activity:%d/%m/%Y}" if live.last_activity else "chưa có"
        state = "tạo mới" if live.created else "đã có, giữ nguyên"
        self.stdout.write(
            f"  số liệu năm {live.year}, hoạt động đến ngày {last} ({state}): "
            f"{live.plans} kế hoạch, {live.tasks} nhiệm vụ, {live.occurrences} kỳ thực hiện, "
            f"{live.activities} hoạt động"
        )
        self.stdout.write(
            f"    kỳ thực hiện: {live.done} hoàn thành, {live.late} hoàn thành chậm, "
            f"{live.missed} không thực hiện, {live.pending} đang thực hiện"
        )
        if live.units:
            self.stdout.write(f"    các xã, phường: {', '.join(live.units)}")
