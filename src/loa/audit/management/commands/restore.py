"""`loa restore FILE [--force]`: check a `loa backup` archive and load it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loa.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và các tệp tải lên từ một bản sao lưu của `loa backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Tệp sao lưu .tar.gz (tệp .sha256 nằm bên cạnh).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Khôi phục cả khi cơ sở dữ liệu đã có dữ liệu: xoá hết dữ liệu hiện có rồi nạp.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore_backup(options["file"], force=options["force"], log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        expected: dict[str, int] = result.manifest.get("row_counts", {})
        self.stdout.write("Số dòng theo bảng (sau khôi phục / trong bản sao lưu):")
        for table, count in result.counts.items():
            wanted = expected.get(table)
            mark = "" if wanted in (None, count) else "  ← KHÁC"
            self.stdout.write(f"  {table:40} {count:>8} / {wanted if wanted is not None else '-'}{mark}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {sum(result.counts.values())} dòng và {result.media_files} tệp."
            )
        )
