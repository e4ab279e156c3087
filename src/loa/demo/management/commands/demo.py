"""`loa demo`: create the demo staff and load the seed plans (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from loa.demo.builder import build_demo


class Command(BaseCommand):
    help = "Tạo dữ liệu demo: cán bộ tỉnh, xã, cơ quan và các kế hoạch mẫu."

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
        self.stdout.write(self.style.SUCCESS("\nĐăng nhập demo tại http://127.0.0.1:8000/ :"))
        for username, password, role in summary.logins:
            self.stdout.write(f"  {username:18} mật khẩu {password}   ({role})")
