"""Tests of the administrative procedures list: import, search, staff and public pages.

The builders below write import files as the national database's export looks: the
Vietnamese header row, then one procedure per row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from loa.procedures.models import Procedure

HEADER = [
    "STT",
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Cấp thực hiện",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Mức độ DVC trực tuyến",
    "Căn cứ pháp lý",
    "Niêm yết tại Bộ phận Một cửa",
]

KHAI_SINH = [
    "1",
    "1.001193",
    "Đăng ký khai sinh",
    "Hộ tịch",
    "Cấp xã",
    "Ngay trong ngày tiếp nhận hồ sơ",
    "Miễn lệ phí",
    "Toàn trình",
    "Luật Hộ tịch năm 2014",
    "Có",
]
KET_HON = [
    "2",
    "1.000894",
    "Đăng ký kết hôn",
    "Hộ tịch",
    "Cấp xã",
    "05 ngày làm việc",
    "",
    "Một phần",
    "",
    "Không",
]
CHUNG_THUC = [
    "3",
    "2.000815",
    "Chứng thực bản sao từ bản chính",
    "Chứng thực",
    "Cấp xã",
    "Trong ngày",
    "2.000 đồng/trang",
    "",
    "Nghị định số 23/2015/NĐ-CP",
    "",
]
ROWS = [KHAI_SINH, KET_HON, CHUNG_THUC]


def csv_bytes(
    rows: Sequence[Sequence[str]], *, header: Sequence[str] = HEADER, delimiter: str = ","
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def csv_file(
    rows: Sequence[Sequence[str]] = ROWS,
    *,
    delimiter: str = ",",
    bom: bool = False,
    name: str = "danh-muc.csv",
    header: Sequence[str] = HEADER,
) -> SimpleUploadedFile:
    data = csv_bytes(rows, header=header, delimiter=delimiter)
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data, content_type="text/csv")


def xlsx_file(
    rows: Sequence[Sequence[Any]] = ROWS, *, title_rows: int = 0, name: str = "danh-muc.xlsx"
) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for _ in range(title_rows):
        sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND XÃ"])
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(
        name, out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def numbered_rows(count: int, *, start: int = 1) -> list[list[str]]:
    """`count` distinct procedures with codes 1.9xxxxx, half in each of two fields."""
    return [
        [
            str(i),
            f"1.9{i:05d}",
            f"Thủ tục thứ {i} về đăng ký hộ tịch",
            "Hộ tịch" if i % 2 else "Chứng thực",
            "Cấp xã",
            "03 ngày làm việc",
            "",
            "Toàn trình" if i % 3 == 0 else "",
            "",
            "Có" if i % 2 else "",
        ]
        for i in range(start, start + count)
    ]


def procedure_state(unit: Any) -> list[dict[str, Any]]:
    return list(Procedure.objects.filter(unit=unit).order_by("code").values())
