"""`loa backup [--out FILE]`: the database and the uploaded files in one checked archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loa.ops.backup import BackupError, create_backup, default_archive_name, sidecar_path


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp tải lên vào một tệp .tar.gz (kèm tệp .sha256)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            default=None,
            help="Tệp sao lưu cần tạo (mặc định: loa-backup-<ngày giờ>.tar.gz ở thư mục hiện tại).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"] or default_archive_name()
        try:
            manifest = create_backup(out)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts: dict[str, int] = manifest["row_counts"]
        media = sum(1 for name in manifest["members"] if name.startswith("media/"))
        self.stdout.write(
            f"Đã sao lưu {sum(counts.values())} dòng ở {len(counts)} bảng và {media} tệp tải lên."
        )
        self.stdout.write(self.style.SUCCESS(f"{out}\n{sidecar_path(out)}"))
