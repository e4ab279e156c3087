"""Reports in the browser: the plan's documents, a commune's quarterly report sent up, returned, guarded.

Each test is one user flow through the Vietnamese pages and builds its own province: two
communes, an issued plan of this year with a task for the first, and activities around the
current quarter's cut-off window (15th of the month before the quarter to the 14th of its
last month), all on or before today. Files come through the browser's own download and are
read back with python-docx, pypdf and openpyxl. Test settings run the background build at
once, so a requested file is ready by the time the page polls for it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import Dialog, Locator, Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from loa.accounts.choices import Role
from loa.accounts.models import User
from loa.plans.models import Plan
from loa.plans.services import PlanInput, create_plan, issue_plan
from loa.reports.builds import request_build
from loa.reports.choices import BuildStatus, ReportStatus
from loa.reports.models import Report
from loa.reports.services import create_report, submit_report
from loa.tracking.reporting import ReportPeriod, period_containing
from loa.units.choices import Level
from loa.units.models import Unit
from tests.activities import log, member_of, task_in
from tests.units.factories import UnitFactory

from .sign_in import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's password
A4 = (595.3, 841.9)  # portrait, in points
ROMAN = ("I", "II", "III", "IV")


@dataclass
class Province:
    province: Unit
    a: Unit  # has the issued plan and the activities
    b: Unit  # a neighbour that logs one activity of its own and reports nothing
    staff: User  # editor of the province: reviews the communes' reports
    editor_a: User
    editor_b: User
    plan: Plan
    window: ReportPeriod  # the quarter whose cut-off window holds today
    counted: int  # commune A's activities inside the window


def _province() -> Province:
    """A province with communes An Phú and Bình Lộc; An Phú's plan, task and activities."""
    today = timezone.localdate()
    window = period_containing(today, "quarterly")
    province = UnitFactory(level=Level.PROVINCE, name="Tỉnh Khánh Thử")
    a = UnitFactory(parent=province, name="Xã An Phú")
    b = UnitFactory(parent=province, name="Xã Bình Lộc")
    staff = member_of(province, Role.EDITOR, full_name="Cán bộ Sở Nội vụ")
    editor_a = member_of(a, Role.EDITOR, full_name="Cán bộ xã An Phú")
    editor_b = member_of(b, Role.EDITOR, full_name="Cán bộ xã Bình Lộc")
    plan = create_plan(
        a,
        PlanInput(
            year=today.year,
            title=f"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {today.year} của xã An Phú",
        ),
        actor=editor_a,
    )
    plan = issue_plan(plan, issue_date=min(today, dt.date(today.year, 1, 5)), actor=editor_a)
    task = task_in(
        plan,
        "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút",
        editor_a,
        title="Phát thanh chuyên mục cải cách hành chính",
        channel="radio",
    )
    start = window.window_start
    inside = sorted({day for day in (start, start + dt.timedelta(days=1), today) if day <= today})
    for day in inside:
        log(
            a,
            day,
            editor_a,
            task=task if day.year == plan.year else None,
            quantity=20,
            measure="minutes",
            title=f"Phát thanh chuyên mục ngày {day:%d/%m/%Y}",
        )
    before = window.window_start - dt.timedelta(days=1)
    log(a, before, editor_a, quantity=30, measure="minutes", title="Phát thanh trước kỳ chốt số liệu")
    log(b, today, editor_b, quantity=99, measure="minutes", title="Phát thanh xã Bình Lộc")
    return Province(
        province=province,
        a=a,
        b=b,
        staff=staff,
        editor_a=editor_a,
        editor_b=editor_b,
        plan=plan,
        window=window,
        counted=len(inside),
    )


def _download(page: Page, link: Locator) -> tuple[str, bytes]:
    """Click a "Tải về …" link and return the file's suggested name and its bytes."""
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.failure() is None
    return download.suggested_filename, Path(download.path()).read_bytes()


def _build_and_download(page: Page, scope: Locator | Page, fmt: str) -> tuple[str, bytes]:
    """Press "Tải .FMT", wait for the "Tải về <name>.fmt" link the page swaps in, download it."""
    scope.get_by_role("button", name=f"Tải .{fmt.upper()}", exact=True).click()
    link = scope.get_by_role("link", name=re.compile(rf"^Tải về \S+\.{fmt}$"))
    expect(link).to_be_visible()
    return _download(page, link)


def _docx_text(data: bytes) -> str:
    """Every paragraph of the body and of its tables, whitespace folded."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def _figures(data: bytes) -> dict[str, Any]:
    """Label → value of the workbook's "Số liệu" sheet (a caption row, then the header row)."""
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Số liệu"]
    assert [cell.value for cell in sheet[2]] == ["Chỉ tiêu", "Giá trị"]
    return dict(sheet.iter_rows(min_row=3, values_only=True))


def _open_report_list(page: Page, unit: Unit) -> None:
    """Home → the unit → its "Báo cáo" list."""
    page.get_by_role("link", name=unit.name, exact=True).first.click()
    expect(page.get_by_role("heading", name=unit.name, exact=True)).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Báo cáo", exact=True).click()
    expect(
        page.get_by_role("heading", name=f"Báo cáo kết quả thông tin, tuyên truyền CCHC — {unit.name}")
    ).to_be_visible()


def test_commune_editor_downloads_the_plan_as_docx_and_pdf(page: Page, live_server: LiveServer) -> None:
    # given
    scene = _province()
    plan = scene.plan
    sign_in(page, live_server, scene.editor_a.username, PASSWORD)
    # when: home → the plan → its "Văn bản" card
    page.get_by_role("link", name=plan.title, exact=True).click()
    card = page.locator("section.card").filter(has=page.get_by_role("heading", name="Văn bản", exact=True))
    expect(card).to_be_visible()
    docx_name, docx_bytes = _build_and_download(page, card, "docx")
    pdf_name, pdf_bytes = _build_and_download(page, card, "pdf")
    # then
    stem = f"ke-hoach-{plan.number}-{plan.year}-an-phu"
    assert (docx_name, pdf_name) == (f"{stem}.docx", f"{stem}.pdf")
    text = _docx_text(docx_bytes)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert plan.title in text
    assert "Phát thanh chuyên mục cải cách hành chính" in text  # the appendix's task
    assert pdf_bytes.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(pdf_bytes)).pages
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in pages]
    assert sizes[0] == pytest.approx(A4, abs=1)
    assert A4[::-1] in [pytest.approx(size, abs=1) for size in sizes[1:]], sizes  # the task appendix
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0].extract_text()


def test_commune_editor_writes_sends_and_downloads_its_quarterly_report(
    page: Page, live_server: LiveServer
) -> None:
    # given
    scene = _province()
    window = scene.window
    results = "Đã phát thanh chuyên mục cải cách hành chính đều đặn trên hệ thống loa của xã."
    sign_in(page, live_server, scene.editor_a.username, PASSWORD)
    _open_report_list(page, scene.a)
    expect(page.get_by_text("Chưa có báo cáo nào.")).to_be_visible()
    # when: "Tạo báo cáo" for the quarter holding today
    page.get_by_role("link", name="Tạo báo cáo", exact=True).click()
    expect(page.get_by_role("heading", name="Tạo báo cáo")).to_be_visible()
    page.get_by_label("Năm:", exact=True).fill(str(window.year))
    page.get_by_label("Kỳ báo cáo:", exact=True).select_option(label="Hằng quý")
    page.get_by_label("Quý (với báo cáo quý):", exact=True).select_option(label=ROMAN[window.index - 1])
    page.get_by_role("button", name="Tạo báo cáo", exact=True).click()
    # then
    expect(page.get_by_text("Đã tạo báo cáo; số liệu được tính từ hoạt động đã ghi nhận.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Báo cáo {window.label}", exact=True)).to_be_visible()
    expect(page.get_by_text("Dự thảo", exact=True)).to_be_visible()
    # when: rewrite "II. KẾT QUẢ THỰC HIỆN" and save
    section = page.get_by_label("II. KẾT QUẢ THỰC HIỆN:", exact=True)
    expect(section).not_to_have_value("")  # pre-filled from the figures
    section.fill(results)
    page.get_by_role("button", name="Lưu", exact=True).click()
    # then
    expect(page.get_by_text("Đã lưu báo cáo.")).to_be_visible()
    expect(page.get_by_label("II. KẾT QUẢ THỰC HIỆN:", exact=True)).to_have_value(results)
    # when: "Gửi báo cáo", accepting the confirmation
    asked: list[str] = []

    def accept(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    page.get_by_role("button", name="Gửi báo cáo", exact=True).click()
    # then
    expect(page.get_by_text("Đã gửi báo cáo lên cấp trên.")).to_be_visible()
    assert asked == ["Gửi báo cáo lên cấp trên? Sau khi gửi, số liệu được giữ nguyên."]
    expect(page.get_by_text("Đã gửi", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Gửi báo cáo", exact=True)).to_have_count(0)
    expect(page.get_by_text(results, exact=True)).to_be_visible()  # now read-only text
    report = Report.objects.get(unit=scene.a)
    assert (report.status, report.narrative["results"]) == (ReportStatus.SUBMITTED, results)
    # when: the workbook
    name, data = _build_and_download(page, page, "xlsx")
    # then
    assert name == f"bao-cao-quy-{ROMAN[window.index - 1].lower()}-nam-{window.year}-an-phu.xlsx"
    figures = _figures(data)
    assert figures["Hoạt động"] == scene.counted  # not the one before the window, nor Bình Lộc's
    assert figures["Thời lượng phát thanh (phút)"] == 20 * scene.counted


def test_province_returns_a_communes_report_with_a_comment_the_commune_then_reads(
    page: Page, live_server: LiveServer
) -> None:
    # given: An Phú has sent its report, Bình Lộc has none
    scene = _province()
    window = scene.window
    comment = "Đề nghị bổ sung số liệu phát thanh tháng này và nêu rõ nguyên nhân tồn tại."
    report = create_report(
        scene.a, kind="quarterly", year=window.year, index=window.index, actor=scene.editor_a
    )
    report = submit_report(report, actor=scene.editor_a)
    sign_in(page, live_server, scene.staff.username, PASSWORD)
    # when
    page.goto(
        f"{live_server.url}/bao-cao/don-vi/{scene.province.pk}/"
        f"?nam={window.year}&ky=quarterly&quy={window.index}"
    )
    # then
    expect(page.get_by_role("heading", name=f"Tình hình báo cáo {window.label}", exact=True)).to_be_visible()
    expect(page.get_by_text("1/2 đơn vị đã gửi")).to_be_visible()
    row_a = page.get_by_role("row").filter(has=page.get_by_role("cell", name="Xã An Phú", exact=True))
    row_b = page.get_by_role("row").filter(has=page.get_by_role("cell", name="Xã Bình Lộc", exact=True))
    expect(row_a.get_by_text("Đã gửi", exact=True)).to_be_visible()
    expect(row_b.get_by_text("Chưa có báo cáo", exact=True)).to_be_visible()
    expect(row_b.get_by_role("link")).to_have_count(0)
    # when: open An Phú's report and return it
    row_a.get_by_role("link", name="Xã An Phú", exact=True).click()
    expect(page.get_by_role("heading", name=f"Báo cáo {window.label}", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Xem xét báo cáo", exact=True)).to_be_visible()
    page.get_by_label("Trả lại để sửa", exact=True).check()
    page.get_by_label("Ý kiến:", exact=True).fill(comment)
    page.get_by_role("button", name="Ghi nhận ý kiến", exact=True).click()
    # then
    expect(page.get_by_text("Đã trả lại báo cáo.")).to_be_visible()
    expect(page.get_by_text("Trả lại để sửa", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Xem xét báo cáo", exact=True)).to_have_count(0)
    report.refresh_from_db()
    assert (report.status, report.review_comment, report.reviewed_by) == (
        ReportStatus.RETURNED,
        comment,
        scene.staff,
    )
    # when: the commune's editor signs in and opens the report from its list
    page.get_by_role("button", name="Đăng xuất", exact=True).click()
    page.wait_for_url(f"{live_server.url}/dang-nhap/")
    sign_in(page, live_server, scene.editor_a.username, PASSWORD)
    _open_report_list(page, scene.a)
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=report.label, exact=True))
    expect(row.get_by_text("Trả lại để sửa", exact=True)).to_be_visible()
    row.get_by_role("link", name=report.label, exact=True).click()
    # then
    expect(page.get_by_text(f"Ý kiến của cấp trên: {comment}")).to_be_visible()
    expect(page.get_by_text("Trả lại để sửa", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Gửi báo cáo", exact=True)).to_be_visible()  # to send again
    expect(page.get_by_label("II. KẾT QUẢ THỰC HIỆN:", exact=True)).to_be_editable()


def test_commune_editor_gets_404_for_another_communes_report_and_its_files(
    page: Page, live_server: LiveServer
) -> None:
    # given: Bình Lộc's report with a ready workbook, and An Phú's own
    scene = _province()
    window = scene.window
    theirs = create_report(
        scene.b, kind="quarterly", year=window.year, index=window.index, actor=scene.editor_b
    )
    their_build = request_build(theirs, "xlsx", actor=scene.editor_b)  # built on commit, at once
    their_build.refresh_from_db()
    assert their_build.status == BuildStatus.READY, their_build.error_message
    own = create_report(scene.a, kind="quarterly", year=window.year, index=window.index, actor=scene.editor_a)
    own_build = request_build(own, "xlsx", actor=scene.editor_a)
    sign_in(page, live_server, scene.editor_a.username, PASSWORD)
    denied = [
        f"/bao-cao/{theirs.pk}/",
        f"/bao-cao/van-ban/{their_build.pk}/",
        f"/bao-cao/van-ban/{their_build.pk}/tai-ve/",
        f"/bao-cao/don-vi/{scene.b.pk}/",
        f"/bao-cao/?don-vi={scene.b.pk}",
    ]
    for path in denied:
        # when
        response = page.goto(f"{live_server.url}{path}")
        # then
        assert response is not None
        assert response.status == 404, path
        expect(page.get_by_text("Bình Lộc")).to_have_count(0)
    # and the editor's own report and file open
    response = page.goto(f"{live_server.url}/bao-cao/{own.pk}/")
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", name=f"Báo cáo {window.label}", exact=True)).to_be_visible()
    download = page.request.get(f"{live_server.url}/bao-cao/van-ban/{own_build.pk}/tai-ve/")
    assert download.status == 200
    assert download.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert _figures(download.body())["Hoạt động"] == scene.counted
