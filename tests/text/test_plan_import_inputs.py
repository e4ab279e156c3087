"""Readers, refusals and the CLI of the plan importer."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from loa.text.plan_import import ImportFailure, import_plan_file, import_plan_text, read_document
from loa.text.plan_import.cli import main
from loa.text.plan_import.readers import MAX_BYTES

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

PLAN_TEXT = """ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ TÂN PHÚ                  Độc lập - Tự do - Hạnh phúc
Số: 07/KH-UBND              Tân Phú, ngày 15 tháng 3 năm 2025

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025

Căn cứ Kế hoạch số 120/KH-UBND ngày 02/01/2025 của UBND huyện Bình Minh;
Ủy ban nhân dân xã Tân Phú xây dựng Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức về cải cách hành chính.
II. ĐỐI TƯỢNG, NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN
1. Đối tượng
Cán bộ, công chức và Nhân dân trên địa bàn xã.
2. Hình thức tuyên truyền
Tuyên truyền trên Đài truyền thanh xã; niêm yết công khai thủ tục hành chính.
III. TỔ CHỨC THỰC HIỆN
Định kỳ hằng quý, 6 tháng, năm báo cáo kết quả về UBND huyện.

Nơi nhận:
- UBND huyện;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Văn Minh
"""


def test_a_plan_written_after_the_decree_template_is_read() -> None:
    plan = import_plan_text(PLAN_TEXT)
    assert (plan.number, plan.issuer, plan.issuer_level, plan.year) == (
        "07/KH-UBND",
        "UBND xã Tân Phú",
        "commune",
        2025,
    )
    assert plan.issue_date is not None
    assert plan.issue_date.isoformat() == "2025-03-15"
    assert [r.number for r in plan.based_on] == ["120/KH-UBND"]
    assert plan.signer == "Trần Văn Minh"
    assert plan.signing_authority is None
    assert plan.signer_title == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert plan.audiences == ("Cán bộ, công chức", "Nhân dân trên địa bàn xã")
    assert set(plan.channels) == {"radio", "public_listing"}
    assert plan.reporting_periods == ("quarterly", "semiannual", "annual")


def test_the_same_plan_without_diacritics_keeps_its_fields() -> None:
    from loa.text.folding import strip_diacritics

    plan = import_plan_text(strip_diacritics(PLAN_TEXT))
    assert plan.ocr_damaged
    assert (plan.number, plan.year, plan.issuer_level) == ("07/KH-UBND", 2025, "commune")
    assert plan.sections[0].title == "MỤC ĐÍCH, YÊU CẦU"
    assert set(plan.channels) == {"radio", "public_listing"}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02binary\x00\xff" * 50, "binary"),
        (b"\xd0\xcf\x11\xe0legacy word", "unreadable"),
        (b"%PDF-1.4 not really a pdf", "unreadable"),
        (b"PK\x03\x04 not really a docx", "unreadable"),
    ],
)
def test_bad_files_are_refused_with_a_code(data: bytes, code: str) -> None:
    with pytest.raises(ImportFailure) as info:
        read_document(data, "plan.txt")
    assert info.value.code == code
    assert "\n" not in info.value.reason


def test_text_that_is_not_a_plan_is_refused() -> None:
    with pytest.raises(ImportFailure) as info:
        import_plan_text("Thực đơn tuần này: cơm, canh, cá kho. " * 20)
    assert info.value.code == "not_a_plan"


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(ImportFailure) as info:
        import_plan_file(big)
    assert info.value.code == "too_large"


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure) as info:
        import_plan_file(tmp_path / "nope.txt")
    assert info.value.code == "unreadable"


def test_docx_with_a_task_table_is_read_cell_by_cell() -> None:
    import docx

    document = docx.Document()
    for line in PLAN_TEXT.split("\n"):
        document.add_paragraph(line)
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=3, cols=6)
    header = ["STT", "Nội dung", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    row = [
        "1",
        "Xây dựng chuyên mục CCHC",
        "Chuyên mục",
        "Đài truyền thanh xã",
        "Công chức Văn hóa - Xã hội",
        "Hàng tháng",
    ]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, row, strict=True):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_document(buffer.getvalue(), "plan.docx")
    plan = import_plan_text(text, source_format="docx")
    assert [t.title for t in plan.tasks] == ["Xây dựng chuyên mục CCHC"]
    task = plan.tasks[0]
    assert (task.product, task.lead, task.cooperating) == (
        "Chuyên mục",
        "Đài truyền thanh xã",
        ("Công chức Văn hóa - Xã hội",),
    )
    assert task.timing is not None
    assert str(task.timing.recurrence) == "monthly"


def test_html_page_is_read_without_its_scripts() -> None:
    html = "<html><head><script>var x=1;</script></head><body><nav>Trang chủ</nav>"
    html += "".join(f"<p>{line}</p>" for line in PLAN_TEXT.split("\n")) + "</body></html>"
    text = read_document(html.encode(), "page.html")
    assert "var x" not in text
    assert import_plan_text(text).number == "07/KH-UBND"


def test_cli_writes_one_json_per_file_and_reports_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    seed = next(SEEDS.glob("000_*.txt"))
    status = main([str(seed), str(bad), "--out", str(tmp_path / "out")])
    assert status == 2
    err = capsys.readouterr().err
    assert err.strip() == f"loa import: {bad}: file is empty"
    data = json.loads((tmp_path / "out" / f"{seed.stem}.json").read_text(encoding="utf-8"))
    assert data["number"] == "11/KH-UBND"


def test_cli_prints_json_or_a_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    seed = next(SEEDS.glob("001_*.txt"))
    assert main([str(seed)]) == 0
    assert json.loads(capsys.readouterr().out)["issuer"] == "UBND xã Gia Tân"
    assert main([str(seed), str(seed), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert main([str(seed), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "issuer         UBND xã Gia Tân" in out
    assert "tasks (8):" in out
