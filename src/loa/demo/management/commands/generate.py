"""`loa generate`: deterministic benchmark data on the real 2025 units (see `loa.demo.scale`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from loa.demo.scale import GENERATED_PASSWORD, SCALES, GenerateError, describe, generate


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--today: not a date YYYY-MM-DD: {value}") from exc


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu thử tải (benchmark) xác định trên các đơn vị hành chính 2025 thật: mỗi đơn vị "
        "một kế hoạch đã ban hành cho mỗi năm (năm trước và năm nay, theo dõi đến --today), 20–40 "
        "nhiệm vụ, các kỳ thực hiện, khoảng 1.000 hoạt động mỗi xã mỗi năm, người dùng và phân quyền. "
        "small = 2 tỉnh × 5 xã; province = một tỉnh với mọi xã; national = 34 tỉnh, 3.321 xã "
        "(khoảng 6,5 triệu hoạt động). Lưu ý: cả hai năm đều gắn với đơn vị 2025, dù theo quy tắc "
        "loa.units.queries.era_for_plan_year kế hoạch năm 2025 trở về trước thuộc đơn vị trước 2025 — "
        "đây là dữ liệu thử tải. Chạy lại thì bỏ qua đơn vị-năm đã sinh; --replace xóa dữ liệu đã sinh "
        "trước đó (mọi đơn vị) rồi sinh lại."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=SCALES, default="small", help="Quy mô (mặc định small).")
        parser.add_argument("--seed", type=int, default=1, help="Hạt giống ngẫu nhiên (mặc định 1).")
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="Ngày hôm nay YYYY-MM-DD (mặc định hôm nay theo giờ Việt Nam): năm nay và năm trước.",
        )
        parser.add_argument("--province", default=None, help="Mã tỉnh (small, province).")
        parser.add_argument("--communes", type=int, default=None, help="Số xã mỗi tỉnh (small, province).")
        parser.add_argument(
            "--replace", action="store_true", help="Xóa mọi dữ liệu đã sinh trước đó rồi sinh lại."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        try:
            summary = generate(
                scale=options["scale"],
                seed=options["seed"],
                today=today,
                province_code=options["province"],
                communes=options["communes"],
                replace=options["replace"],
                log=self.stdout.write,
            )
        except GenerateError as exc:
            raise CommandError(str(exc)) from exc
        for line in describe(summary):
            self.stdout.write(line)
        for notice in summary.notices:
            self.stdout.write(self.style.WARNING(notice))
        self.stdout.write(
            self.style.SUCCESS(f"\nMật khẩu chung của mọi người dùng sinh ra: {GENERATED_PASSWORD}")
        )
        self.stdout.write("Ví dụ:")
        for username, role in summary.logins:
            self.stdout.write(f"  {username:24} ({role})")
