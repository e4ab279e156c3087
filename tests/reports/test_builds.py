"""Generated files: requested, built in the background (on commit), reused, downloaded, read back.

The .xlsx is read with openpyxl, the .docx with python-docx and the PDF with pypdf, so
what is checked is what an official would open, not the renderers' input.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from docx.document import Document
from pypdf import PdfReader

from loa.accounts.models import User
from loa.plans.models import Plan
from loa.render.pdf import pdf_first_page_png
from loa.reports.builds import BuildRefused, request_build
from loa.reports.choices import BuildStatus
from loa.reports.models import DocumentBuild, Report
from loa.reports.narrative import NARRATIVE_KEYS
from loa.reports.services import ReportInput, create_report, submit_report, update_report
from tests.activities import log

from .conftest import Q1_END, Q1_START, Scene, activity_titles

pytestmark = pytest.mark.django_db

D = dt.date
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
A4 = (595.3, 841.9)  # points

type Build = Callable[[Plan | Report, str, User], DocumentBuild]


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def build(django_capture_on_commit_callbacks: Any) -> Build:
    """Request a build and run what was queued on commit (the immediate task backend runs it)."""

    def run(source: Plan | Report, fmt: str, actor: User) -> DocumentBuild:
        with django_capture_on_commit_callbacks(execute=True):
            requested = request_build(source, fmt, actor=actor)
        requested.refresh_from_db()
        return requested

    return run


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def report_of(scene: Scene) -> Report:
    return create_report(scene.a, kind="quarterly", year=2024, actor=scene.editor_a)


def workbook(ready: DocumentBuild) -> Any:
    with ready.file.open("rb") as handle:
        return openpyxl.load_workbook(io.BytesIO(handle.read()))


def figure_values(book: Any) -> dict[str, Any]:
    """Label → value of the "Số liệu" sheet (a caption row, then the header row)."""
    sheet = book["Số liệu"]
    assert [c.value for c in sheet[2]] == ["Chỉ tiêu", "Giá trị"]
    return dict(sheet.iter_rows(min_row=3, values_only=True))


def listed_activities(book: Any) -> list[str]:
    sheet = book["Hoạt động"]
    assert sheet.cell(row=1, column=2).value == "Nội dung"
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]


def read_docx(ready: DocumentBuild) -> Document:
    with ready.file.open("rb") as handle:
        return docx.Document(io.BytesIO(handle.read()))


def all_text(document: Document) -> str:
    """Every paragraph of the body and of its tables, whitespace folded."""
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def table_headed(document: Document, second_column: str) -> list[list[str]]:
    """The rows (header first) of the table whose header's second cell is `second_column`."""
    for table in document.tables:
        cells = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        if len(cells[0]) > 1 and cells[0][1] == second_column:
            return cells
    raise AssertionError(f"no table headed {second_column!r}")


def test_an_xlsx_build_is_ready_with_the_figures_and_the_activities(scene: Scene, build: Build) -> None:
    report = report_of(scene)

    ready = build(report, "xlsx", scene.editor_a)

    assert (ready.status, ready.progress, ready.report, ready.unit) == (
        BuildStatus.READY,
        100,
        report,
        scene.a,
    )
    assert ready.file_name == "bao-cao-quy-i-nam-2024-an-phu.xlsx"
    assert ready.finished_at is not None
    assert ready.requested_by == scene.editor_a
    book = workbook(ready)
    values = figure_values(book)
    assert values["Hoạt động"] == 9
    assert (values["Thời lượng phát thanh (phút)"], values["Người dự hội nghị"]) == (30, 120)
    assert (values["Nhiệm vụ đến hạn trong kỳ"], values["Nhiệm vụ hoàn thành"]) == (2, 1)
    assert values["Tỉ lệ hoàn thành (%)"] == 50.0
    assert values["Kinh phí đã chi (đồng)"] == 4_300_000
    listed = listed_activities(book)
    assert listed == activity_titles(scene.a, Q1_START, Q1_END)
    assert len(listed) == 9
    assert "radio ngày 10/12/2023" not in listed
    assert "radio ngày 15/03/2024" not in listed
    assert "Phát thanh xã Bình Lộc" not in listed  # another commune's


def test_the_same_build_is_reused_until_the_report_changes(scene: Scene, build: Build) -> None:
    report = report_of(scene)
    first = build(report, "xlsx", scene.editor_a)

    again = build(report, "xlsx", scene.viewer)

    assert again.pk == first.pk
    assert DocumentBuild.objects.count() == 1
    text = dict.fromkeys(NARRATIVE_KEYS, "") | {"results": "Đã sửa nội dung."}
    changed = update_report(report, ReportInput(narrative=text), actor=scene.editor_a)
    fresh = build(changed, "xlsx", scene.editor_a)
    assert fresh.pk != first.pk
    assert fresh.status == BuildStatus.READY
    assert DocumentBuild.objects.count() == 2
    assert build(changed, "docx", scene.editor_a).pk not in (first.pk, fresh.pk)  # another format


def test_a_foreign_editor_can_neither_build_nor_download(scene: Scene, build: Build) -> None:
    report = report_of(scene)
    ready = build(report, "xlsx", scene.editor_a)

    with pytest.raises(PermissionDenied):
        request_build(report, "xlsx", actor=scene.editor_b)
    with pytest.raises(PermissionDenied):
        request_build(scene.plan, "docx", actor=scene.editor_b)
    with pytest.raises(BuildRefused):
        request_build(scene.plan, "xlsx", actor=scene.editor_a)  # a plan has no workbook

    assert DocumentBuild.objects.count() == 1
    outsider = client_for(scene.editor_b)
    assert outsider.get(f"/bao-cao/van-ban/{ready.pk}/tai-ve/").status_code == 404
    assert outsider.get(f"/bao-cao/van-ban/{ready.pk}/").status_code == 404
    assert outsider.post("/bao-cao/van-ban/", {"report": report.pk, "format": "xlsx"}).status_code == 404
    assert DocumentBuild.objects.count() == 1


def test_a_refused_build_sends_the_user_back_to_this_site_only(scene: Scene) -> None:
    report = report_of(scene)
    client = client_for(scene.editor_a)

    response = client.post(
        "/bao-cao/van-ban/",
        {"report": report.pk, "format": "exe", "next": "https://tin-gia.example/dang-nhap"},
    )

    assert response.status_code == 302
    assert not response["Location"].startswith(("http://", "https://", "//"))
    assert DocumentBuild.objects.count() == 0


def test_the_download_serves_the_file_with_its_type(scene: Scene, build: Build) -> None:
    report = report_of(scene)
    ready = build(report, "xlsx", scene.editor_a)

    response = client_for(scene.viewer).get(f"/bao-cao/van-ban/{ready.pk}/tai-ve/")

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="bao-cao-quy-i-nam-2024-an-phu.xlsx"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    with ready.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()


def test_the_build_page_requests_and_shows_the_download(
    scene: Scene, django_capture_on_commit_callbacks: Any
) -> None:
    report = report_of(scene)
    client = client_for(scene.editor_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/bao-cao/van-ban/", {"report": report.pk, "format": "docx"})

    ready = DocumentBuild.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/bao-cao/van-ban/{ready.pk}/")
    page = client.get(f"/bao-cao/van-ban/{ready.pk}/").content.decode()
    assert f'href="/bao-cao/van-ban/{ready.pk}/tai-ve/"' in page
    download = client.get(f"/bao-cao/van-ban/{ready.pk}/tai-ve/")
    assert (download.status_code, download["Content-Type"]) == (200, DOCX)
    assert client.get(f"/bao-cao/van-ban/{ready.pk + 1}/tai-ve/").status_code == 404


def test_a_sent_reports_activity_list_stays_as_sent(scene: Scene, build: Build) -> None:
    report = submit_report(report_of(scene), actor=scene.editor_a)
    log(scene.a, D(2024, 3, 13), scene.editor_a, channel="contest", title="Cuộc thi ghi sau khi gửi")

    book = workbook(build(Report.objects.get(pk=report.pk), "xlsx", scene.editor_a))

    # the figures are the snapshot sent up; the list of evidence must match them
    assert figure_values(book)["Hoạt động"] == 9
    assert "Cuộc thi ghi sau khi gửi" not in listed_activities(book)
    assert len(listed_activities(book)) == 9


def test_the_plan_docx_is_an_official_document_with_its_task_appendix(scene: Scene, build: Build) -> None:
    ready = build(scene.plan, "docx", scene.editor_a)

    assert (ready.status, ready.file_name) == (BuildStatus.READY, "ke-hoach-1-2024-an-phu.docx")
    document = read_docx(ready)
    text = all_text(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN XÃ AN PHÚ" in text
    assert "Số: 01/KH-UBND" in text
    assert scene.plan.title in text
    rows = table_headed(document, "Nhiệm vụ")
    titles = list(scene.plan.tasks.order_by("position", "pk").values_list("title", flat=True))
    assert [row[1] for row in rows[1:]] == titles
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[1][-1] == "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút"


def test_the_report_docx_is_addressed_and_states_the_results(scene: Scene, build: Build) -> None:
    report = submit_report(report_of(scene), actor=scene.editor_a)

    document = read_docx(build(report, "docx", scene.editor_a))

    text = all_text(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 01/BC-UBND" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Khánh Thử" in text
    assert "Kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính quý I năm 2024" in text
    assert "Hoàn thành 1/2 nhiệm vụ đến hạn trong kỳ, đạt 50,0 %." in text
    assert "Phát thanh, truyền thanh: 2 lượt phát, tổng thời lượng 30 phút." in text
    assert "Tổ chức 1 hội nghị, hội thảo với 120 lượt người tham dự." in text
    assert "Kinh phí đã chi: 4.300.000 đồng." in text
    assert "Tự đánh giá tiêu chí tuyên truyền cải cách hành chính: 0,75/2 điểm" in text
    evidence = table_headed(document, "Nội dung")
    assert [row[1] for row in evidence[1:]] == activity_titles(scene.a, Q1_START, Q1_END)
    channels = {row[0]: row[1:] for row in table_headed(document, "Số hoạt động")[1:]}
    assert channels["Phát thanh, truyền thanh"] == ["2", "30"]


def test_activity_quantities_in_the_report_appendix_are_written_as_whole_numbers(
    scene: Scene, build: Build
) -> None:
    document = read_docx(build(report_of(scene), "docx", scene.editor_a))

    evidence = {row[1]: row[3] for row in table_headed(document, "Nội dung")[1:]}
    assert evidence["conference ngày 20/02/2024"] == "120 người tham dự"
    assert evidence["radio ngày 10/01/2024"] == "20 phút"


def test_the_plan_pdf_is_a4_portrait_with_a_landscape_appendix(scene: Scene, build: Build) -> None:
    ready = build(scene.plan, "pdf", scene.editor_a)

    assert ready.status == BuildStatus.READY, ready.error_message
    with ready.file.open("rb") as handle:
        pdf = handle.read()
    pages = PdfReader(io.BytesIO(pdf)).pages
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in pages]
    assert sizes[0] == pytest.approx(A4, abs=1)
    assert len(sizes) >= 2
    assert sizes[-1] == pytest.approx(A4[::-1], abs=1)  # the task appendix
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0].extract_text()
    assert "Đối thoại với người dân về thủ tục" in pages[-1].extract_text()
    png = pdf_first_page_png(pdf)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "report-page1.png").write_bytes(png)
