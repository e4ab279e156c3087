"""PDF through LibreOffice and a page-1 preview through Poppler, for the seed plan of test_documents.

These tests need Debian's libreoffice-writer-nogui, fonts-liberation2 and poppler-utils. Without
them they fail (never skip): `make system-deps` installs them. The preview of page 1 is written to
var/test-artifacts/plan-page1.png for a person to look at.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import tempfile
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdf
import pytest

from loa.render.docx_writer import render_docx
from loa.render.pdf import PdfConversionError, docx_to_pdf, pdf_first_page_png
from tests.render.test_documents import gia_tan_plan

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "var" / "test-artifacts"
A4_PORTRAIT = (595.3, 841.9)  # points
TOLERANCE = 2

# Cells short enough to stay on one line of their column, so text extraction keeps them whole.
ONE_LINE_CELLS = [
    "STT",
    "Nhiệm vụ cụ thể",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Các hình thức thích hợp",
    "Hội nghị",
    "Các chuyên mục",
    "Đài Truyền thanh xã",
    "Các lớp tập huấn",
    "Quý I/2024",
    "Quý IV/2024",
    "Quý IV/2023",
]


def require(tool: str, package: str) -> None:
    if shutil.which(tool) is None:
        pytest.fail(
            f"{tool} is not installed: run `make system-deps` (it installs the Debian package {package})."
        )


@pytest.fixture(scope="module")
def plan_pdf() -> bytes:
    require("soffice", "libreoffice-writer-nogui")
    if not Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf").is_file():
        pytest.fail("Liberation Serif is missing: run `make system-deps` (Debian package fonts-liberation2).")
    started = time.monotonic()
    pdf = docx_to_pdf(render_docx(gia_tan_plan()))
    print(f"docx_to_pdf took {time.monotonic() - started:.2f} s")  # shown with -s or on failure
    return pdf


@pytest.fixture(scope="module")
def pages(plan_pdf: bytes) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(plan_pdf)).pages)


def text_of(page: pypdf.PageObject) -> str:
    return unicodedata.normalize("NFC", page.extract_text())


def lines_of(page: pypdf.PageObject) -> list[str]:
    return [line.strip() for line in text_of(page).splitlines() if line.strip()]


def size_of(page: pypdf.PageObject) -> tuple[float, float]:
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    return (height, width) if page.get("/Rotate", 0) in (90, 270) else (width, height)


def appendix_start(pages: list[pypdf.PageObject]) -> int:
    starts = [index for index, page in enumerate(pages) if lines_of(page)[:1] == ["Phụ lục"]]
    assert len(starts) == 1, "the appendix caption starts exactly one page"
    return starts[0]


# --- the seed plan as PDF ------------------------------------------------------------------


def test_pdf_has_the_body_pages_then_the_appendix(pages: list[pypdf.PageObject]) -> None:
    assert len(pages) >= 3
    assert appendix_start(pages) >= 2  # the body and signature fill two pages at least


def test_first_page_is_a4_portrait(pages: list[pypdf.PageObject]) -> None:
    width, height = size_of(pages[0])
    assert abs(width - A4_PORTRAIT[0]) <= TOLERANCE
    assert abs(height - A4_PORTRAIT[1]) <= TOLERANCE


def test_appendix_pages_are_a4_landscape(pages: list[pypdf.PageObject]) -> None:
    for page in pages[appendix_start(pages) :]:
        width, height = size_of(page)
        assert abs(width - A4_PORTRAIT[1]) <= TOLERANCE
        assert abs(height - A4_PORTRAIT[0]) <= TOLERANCE
    for page in pages[: appendix_start(pages)]:
        width, height = size_of(page)
        assert width < height


def test_text_holds_the_national_title_type_and_table_cells(pages: list[pypdf.PageObject]) -> None:
    first = text_of(pages[0])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Độc lập - Tự do - Hạnh phúc" in first
    assert "KẾ HOẠCH" in first
    assert "Gia Tân, ngày 05 tháng 02 năm 2024" in first
    assert "Số: 13/KH-UBND" in first
    appendix = "\n".join(text_of(page) for page in pages[appendix_start(pages) :])
    for cell in ONE_LINE_CELLS:
        assert cell in appendix, cell
    assert re.findall(r"^(\d) ", appendix, flags=re.MULTILINE) == [str(n) for n in range(1, 9)]


def test_signature_and_recipients_are_on_the_last_body_page(pages: list[pypdf.PageObject]) -> None:
    last_body = text_of(pages[appendix_start(pages) - 1])
    for text in ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Duy Thoại", "- Lưu: VT."):
        assert text in last_body


def test_page_numbers_start_on_page_two_and_restart_in_the_appendix(pages: list[pypdf.PageObject]) -> None:
    start = appendix_start(pages)
    assert lines_of(pages[0])[0] != "1"
    assert lines_of(pages[0])[0] == "UBND HUYỆN GIA LỘC"
    for number, page in enumerate(pages[1:start], start=2):
        assert lines_of(page)[0] == str(number)
    assert lines_of(pages[start])[0] == "Phụ lục"  # no number on the appendix's first page
    for number, page in enumerate(pages[start + 1 :], start=2):
        assert lines_of(page)[0] == str(number)


def test_appendix_header_row_repeats_on_its_next_page(pages: list[pypdf.PageObject]) -> None:
    start = appendix_start(pages)
    assert len(pages) > start + 1, "the seed's appendix table spans two landscape pages"
    for page in pages[start:]:
        assert "Nhiệm vụ cụ thể" in text_of(page)
        assert "Thời gian thực" in text_of(page)


def test_first_page_preview_is_a_png_of_an_a4_page(plan_pdf: bytes) -> None:
    require("pdftoppm", "poppler-utils")
    png = pdf_first_page_png(plan_pdf, dpi=60)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "plan-page1.png").write_bytes(png)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    # pdftoppm rounds the page size in pixels up: 496.06 px → 497
    assert abs(width - 210 / 25.4 * 60) <= 1
    assert abs(height - 297 / 25.4 * 60) <= 1
    assert 10_000 < len(png) < 2_000_000


def test_preview_resolution_follows_dpi(plan_pdf: bytes) -> None:
    require("pdftoppm", "poppler-utils")
    width, _ = struct.unpack(">II", pdf_first_page_png(plan_pdf, dpi=30)[16:24])
    assert abs(width - 210 / 25.4 * 30) <= 1


# --- the conversion itself -----------------------------------------------------------------


def test_conversions_run_concurrently_and_leave_no_temporary_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    require("soffice", "libreoffice-writer-nogui")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    data = render_docx(gia_tan_plan())
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: docx_to_pdf(data), range(2)))
    for pdf in results:
        assert pdf.startswith(b"%PDF-")
        assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 3
    assert list(tmp_path.iterdir()) == []


def fake_tool(directory: Path, name: str, script: str) -> None:
    path = directory / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)


def test_missing_soffice_names_the_debian_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfConversionError, match="libreoffice-writer-nogui") as error:
        docx_to_pdf(b"PK")
    assert "make system-deps" in str(error.value)


def test_missing_pdftoppm_names_the_debian_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfConversionError, match="poppler-utils"):
        pdf_first_page_png(b"%PDF-1.4")


def test_a_failing_soffice_is_reported_with_its_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_tool(tmp_path, "soffice", 'echo "Error: source file could not be loaded" >&2; exit 3')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(PdfConversionError, match=r"exit status 3\): Error: source file could not be loaded"):
        docx_to_pdf(b"PK")


def test_a_hanging_soffice_is_stopped_with_its_children(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # given a soffice that forks a long-running child, as the real one does, and never ends
    pid_file = tmp_path / "child.pid"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_tool(bin_dir, "soffice", f"sleep 60 & echo $! > {pid_file}; wait")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    # when
    started = time.monotonic()
    with pytest.raises(PdfConversionError, match=r"did not finish within 0\.5 seconds"):
        docx_to_pdf(b"PK", timeout=0.5)
    # then: it gave up on time and the forked child is gone too
    assert time.monotonic() - started < 10
    child = int(pid_file.read_text())
    assert not process_alive(child)


def process_alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/stat")
    if not status.exists():
        return False
    return status.read_text().split(") ")[-1][:1] != "Z"  # a zombie is dead, only not yet reaped
