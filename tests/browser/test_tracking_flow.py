"""A commune's year in the browser: write a plan, edit its appendix, log on a phone, see the figures.

Each test is one user flow through the Vietnamese pages and makes its own data. Django
labels end in the label suffix ":" (Vietnamese uses the same colon), hence the exact
label texts below.
"""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
from django.utils import timezone
from playwright.sync_api import Page, Response, expect
from pytest_django.live_server_helper import LiveServer

from loa.accounts.choices import Role
from loa.accounts.models import User
from loa.activities import services as activity_services
from loa.activities.models import Activity
from loa.activities.scheduling import regenerate_occurrences
from loa.plans.choices import Channel, Measure, OccurrenceStatus, PlanStatus, Recurrence
from loa.plans.models import Plan, Task
from loa.units.models import Unit
from tests.accounts.factories import MembershipFactory
from tests.evidence import png_bytes
from tests.plans.factories import PlanFactory, TaskFactory
from tests.units.factories import UnitFactory

from .sign_in import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's password
TIMING = "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút"
RADIO = "Phát thanh, truyền thanh"


def _commune_editor(name: str = "Xã Hòa Bình") -> tuple[Unit, User]:
    """A current-era commune under a province, and its editor."""
    commune = UnitFactory(name=name)
    assert commune.parent is not None
    return commune, MembershipFactory(unit=commune, role=Role.EDITOR).user


def _issued_radio_task(unit: Unit, title: str = "Phát sóng chuyên mục cải cách hành chính") -> Task:
    """This year's issued plan of `unit` with one monthly radio task of at least 15 minutes."""
    today = timezone.localdate()
    plan = PlanFactory(
        unit=unit,
        year=today.year,
        title=f"Kế hoạch tuyên truyền cải cách hành chính năm {today.year}",
        status=PlanStatus.ISSUED,
        number=1,
        issue_date=today.replace(month=1, day=5),
    )
    task = TaskFactory(
        plan=plan,
        title=title,
        channel=Channel.RADIO,
        timing_text=TIMING,
        recurrence=Recurrence.MONTHLY,
        quota_measure=Measure.MINUTES,
        quota_minimum=15,
    )
    regenerate_occurrences(task)
    return task


def _month_label() -> str:
    today = timezone.localdate()
    return f"Tháng {today.month:02d}/{today.year}"


def _is_timing_preview(response: Response, text: str) -> bool:
    if "/ke-hoach/phan-tich-thoi-gian/" not in response.url:
        return False
    return parse_qs(response.request.post_data or "").get("timing_text") == [text]


def _has_no_horizontal_scroll(page: Page) -> bool:
    """Nothing sticks out sideways. On a phone viewport Chromium widens `innerWidth` to fit a
    page that overflows, so the layout width (`clientWidth`) is checked as well."""
    return bool(
        page.evaluate(
            "() => { const html = document.documentElement;"
            " return html.scrollWidth <= window.innerWidth && html.scrollWidth <= html.clientWidth; }"
        )
    )


def _kpi(page: Page, name: str) -> int:
    return int(page.locator(f'[data-kpi="{name}"]').inner_text().replace(".", "").strip())


def test_commune_editor_writes_a_plan_adds_a_radio_task_with_live_preview_and_issues_it(
    page: Page, live_server: LiveServer
) -> None:
    # given
    commune, editor = _commune_editor()
    today = timezone.localdate()
    sign_in(page, live_server, editor.username, PASSWORD)
    # when: home → own commune → "Tạo kế hoạch"
    page.get_by_role("link", name="Xã Hòa Bình", exact=True).click()
    page.get_by_role("link", name="Tạo kế hoạch", exact=True).click()
    # then
    expect(page.get_by_role("heading", name="Kế hoạch mới")).to_be_visible()
    expect(page.get_by_label("Năm kế hoạch:", exact=True)).to_have_value(str(today.year))
    # when
    page.get_by_label("Trích yếu:", exact=True).fill(
        f"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {today.year} của xã Hòa Bình"
    )
    page.get_by_label("Người ký:", exact=True).fill("Nguyễn Văn An")
    page.get_by_role("button", name="Lưu", exact=True).click()
    # then
    expect(page.get_by_text("Đã tạo kế hoạch dự thảo. Thêm các nhiệm vụ vào phụ lục.")).to_be_visible()
    expect(page.get_by_text("Dự thảo", exact=True)).to_be_visible()
    expect(page.get_by_text("Kế hoạch chưa có nhiệm vụ nào.")).to_be_visible()
    plan = Plan.objects.get(unit=commune)
    assert (plan.year, plan.status) == (today.year, PlanStatus.DRAFT)
    # when
    page.get_by_role("link", name="Thêm nhiệm vụ", exact=True).click()
    expect(page.get_by_role("heading", name="Thêm nhiệm vụ")).to_be_visible()
    page.get_by_label("Nhiệm vụ:", exact=True).fill("Phát sóng chuyên mục cải cách hành chính")
    page.get_by_label("Hình thức:", exact=True).select_option(label=RADIO)
    timing = page.get_by_label("Thời gian thực hiện:", exact=True)
    with page.expect_response(lambda response: _is_timing_preview(response, TIMING)) as preview:
        timing.press_sequentially(TIMING, delay=10)
    # then: the preview under the field, which is also the field's description
    assert preview.value.ok
    expect(timing).to_have_accessible_description(re.compile(r"Loa hiểu là: Hằng tháng .*≥ 15 phút"))
    expect(timing).to_have_accessible_description(re.compile(r"12 kỳ thực hiện"))
    # when
    page.get_by_role("button", name="Lưu nhiệm vụ", exact=True).click()
    # then
    expect(page.get_by_text("Đã thêm nhiệm vụ.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Phát sóng chuyên mục cải cách hành chính")
    expect(row).to_contain_text(RADIO)
    expect(row).to_contain_text("Hằng tháng · ≥ 15 phút")
    expect(row.get_by_role("link", name="Ghi nhận")).to_have_count(0)  # not while a draft
    task = plan.tasks.get()
    assert (task.recurrence, task.quota_measure, task.quota_minimum) == (
        Recurrence.MONTHLY,
        Measure.MINUTES,
        15,
    )
    assert task.occurrences.count() == 12
    # when: issue with the number left blank
    expect(page.get_by_label("Số", exact=True)).to_have_value("")
    page.get_by_label("Ngày ban hành", exact=True).fill(today.isoformat())
    page.get_by_role("button", name="Ban hành", exact=True).click()
    # then
    expect(page.get_by_text("Đã ban hành kế hoạch.")).to_be_visible()
    expect(page.get_by_text("Đã ban hành", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Kế hoạch 01/KH-UBND")).to_be_visible()
    expect(row.get_by_role("link", name="Ghi nhận", exact=True)).to_be_visible()
    plan.refresh_from_db()
    assert (plan.status, plan.number, plan.issue_date) == (PlanStatus.ISSUED, 1, today)


def test_editing_a_task_inline_swaps_its_row_without_reloading_the_page(
    page: Page, live_server: LiveServer
) -> None:
    # given
    commune, editor = _commune_editor()
    task = _issued_radio_task(commune, title="Phát sóng chuyên mục cải cách hành chính")
    sign_in(page, live_server, editor.username, PASSWORD)
    plan_url = f"{live_server.url}/ke-hoach/{task.plan_id}/"
    page.goto(plan_url)
    page.evaluate("window.loaSamePage = true")
    row = page.get_by_role("row").filter(has_text="Phát sóng chuyên mục cải cách hành chính")
    # when
    row.get_by_role("link", name="Sửa", exact=True).click()
    # then: the row is now a form holding the task
    editing = page.get_by_role("row").filter(has=page.get_by_role("button", name="Lưu", exact=True))
    title = editing.get_by_label("Nhiệm vụ:", exact=True)
    expect(title).to_have_value("Phát sóng chuyên mục cải cách hành chính")
    expect(editing.get_by_label("Thời gian thực hiện:", exact=True)).to_have_value(TIMING)
    # when
    title.fill("Phát sóng chuyên mục “Cải cách hành chính và cuộc sống”")
    editing.get_by_role("button", name="Lưu", exact=True).click()
    # then
    expect(
        page.get_by_role("link", name="Phát sóng chuyên mục “Cải cách hành chính và cuộc sống”", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("button", name="Lưu", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Sửa", exact=True)).to_be_visible()
    expect(page.get_by_text("Phát sóng chuyên mục cải cách hành chính", exact=True)).to_have_count(0)
    assert page.url == plan_url
    assert page.evaluate("window.loaSamePage") is True  # no full page load happened
    task.refresh_from_db()
    assert task.title == "Phát sóng chuyên mục “Cải cách hành chính và cuộc sống”"
    assert task.recurrence == Recurrence.MONTHLY


def test_inline_edit_preview_follows_the_timing_text_as_it_changes(
    page: Page, live_server: LiveServer
) -> None:
    # given
    commune, editor = _commune_editor()
    task = _issued_radio_task(commune)
    sign_in(page, live_server, editor.username, PASSWORD)
    page.goto(f"{live_server.url}/ke-hoach/{task.plan_id}/")
    page.get_by_role("row").filter(has_text=task.title).get_by_role("link", name="Sửa", exact=True).click()
    timing = page.get_by_label("Thời gian thực hiện:", exact=True)
    expect(timing).to_have_value(TIMING)
    expect(page.get_by_text("Loa hiểu là:")).to_be_visible()  # the preview loaded with the row
    # when
    timing.fill("Hằng quý")
    # then
    expect(timing).to_have_accessible_description(re.compile("Loa hiểu là: Hằng quý"), timeout=3_000)


def test_logging_a_radio_broadcast_with_a_photo_on_a_phone_completes_this_months_period(
    phone_page: Page, live_server: LiveServer
) -> None:
    # given
    page = phone_page
    commune, editor = _commune_editor()
    task = _issued_radio_task(commune, title="Phát sóng chuyên mục cải cách hành chính")
    today = timezone.localdate()
    sign_in(page, live_server, editor.username, PASSWORD)
    # when: home → the plan → the task's "Ghi nhận"
    page.get_by_role("link", name=task.plan.title).click()
    page.get_by_role("row").filter(has_text=task.title).get_by_role("link", name="Ghi nhận").click()
    # then
    expect(page.get_by_role("heading", name="Ghi nhận hoạt động")).to_be_visible()
    expect(page.get_by_label("Thực hiện nhiệm vụ:", exact=True)).to_have_value(str(task.pk))
    expect(page.get_by_label("Hình thức:", exact=True)).to_have_value(Channel.RADIO)
    assert _has_no_horizontal_scroll(page)
    # when
    page.get_by_label("Ngày thực hiện:", exact=True).fill(today.isoformat())
    page.get_by_label("Số lượng:", exact=True).fill("20")
    page.get_by_label("Đơn vị tính:", exact=True).select_option(label="phút")
    page.get_by_label("Tài liệu kiểm chứng:", exact=True).set_input_files(
        files=[{"name": "anh.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    assert _has_no_horizontal_scroll(page)
    page.get_by_role("button", name="Lưu hoạt động", exact=True).click()
    # then
    page.wait_for_url(re.compile(r"/hoat-dong/\d+/$"))
    expect(page.get_by_text("Đã ghi nhận hoạt động.")).to_be_visible()
    expect(page.get_by_text("20 phút", exact=True)).to_be_visible()
    expect(page.get_by_text(f"{task.title} — {_month_label()}")).to_be_visible()
    expect(page.get_by_text("Hoàn thành", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="anh.png", exact=True)).to_be_visible()
    assert _has_no_horizontal_scroll(page)
    activity = Activity.objects.get(unit=commune)
    assert (activity.happened_on, activity.quantity, activity.measure) == (
        today,
        Decimal(20),
        Measure.MINUTES,
    )
    assert activity.attachments.get().content_type == "image/png"
    # when
    page.get_by_role("link", name=task.title, exact=True).click()
    # then
    expect(page.get_by_role("heading", name=task.title)).to_be_visible()
    month = page.get_by_role("row").filter(has=page.get_by_role("cell", name=_month_label(), exact=True))
    expect(month.get_by_text("Hoàn thành", exact=True)).to_be_visible()
    expect(month.get_by_text("Hoàn thành", exact=True)).to_have_attribute(
        "data-status", OccurrenceStatus.DONE
    )
    expect(month.get_by_role("link", name=re.compile(re.escape(task.title)))).to_be_visible()


def test_plan_page_does_not_scroll_sideways_on_a_phone(phone_page: Page, live_server: LiveServer) -> None:
    # given
    commune, editor = _commune_editor()
    task = _issued_radio_task(commune)
    sign_in(phone_page, live_server, editor.username, PASSWORD)
    # when
    phone_page.get_by_role("link", name=task.plan.title).click()
    # then
    expect(phone_page.get_by_role("heading", name="Phụ lục nhiệm vụ")).to_be_visible()
    assert _has_no_horizontal_scroll(phone_page)


def test_dashboard_counts_the_new_activity_and_draws_its_charts_as_inline_svg(
    page: Page, live_server: LiveServer
) -> None:
    # given: one activity already logged, and a neighbour's activity that must not count
    commune, editor = _commune_editor()
    task = _issued_radio_task(commune)
    today = timezone.localdate()
    activity_services.log_activity(
        commune,
        activity_services.ActivityInput(
            happened_on=today.replace(day=1), channel=Channel.RADIO, title="Bản tin đầu tháng"
        ),
        actor=editor,
    )
    neighbour = UnitFactory(parent=commune.parent)
    neighbour_editor = MembershipFactory(unit=neighbour, role=Role.EDITOR).user
    activity_services.log_activity(
        neighbour,
        activity_services.ActivityInput(happened_on=today, channel=Channel.RADIO, title="Bản tin xã bên"),
        actor=neighbour_editor,
    )
    sign_in(page, live_server, editor.username, PASSWORD)
    page.get_by_role("link", name="Tổng quan", exact=True).click()
    expect(page.get_by_role("heading", name=f"Tổng quan Xã Hòa Bình — {today.year}")).to_be_visible()
    before = _kpi(page, "activities")
    assert before == 1  # the earlier one of this commune; not the neighbour's
    dashboard_url = page.url
    # when: "Hoạt động" → "Ghi nhận hoạt động", choosing the task from the list
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Hoạt động").click()
    page.get_by_role("link", name="Ghi nhận hoạt động", exact=True).click()
    page.get_by_label("Thực hiện nhiệm vụ:", exact=True).select_option(label=f"{today.year} · {task.title}")
    page.get_by_label("Hình thức:", exact=True).select_option(label=RADIO)
    page.get_by_label("Nội dung:", exact=True).fill("Phát sóng chuyên mục cải cách hành chính tháng này")
    page.get_by_label("Số lượng:", exact=True).fill("30")
    page.get_by_label("Đơn vị tính:", exact=True).select_option(label="phút")
    page.get_by_role("button", name="Lưu hoạt động", exact=True).click()
    expect(page.get_by_text("Đã ghi nhận hoạt động.")).to_be_visible()
    page.goto(dashboard_url)
    # then
    assert _kpi(page, "activities") == before + 1
    charts = page.get_by_role("img")
    expect(charts).to_have_count(4)
    for name in (
        "Kỳ thực hiện theo tháng đến hạn",
        "Hoạt động theo tháng",
        "Thời lượng phát thanh, truyền thanh theo tháng (phút)",
        "Hoạt động theo hình thức",
    ):
        chart = page.get_by_role("img", name=re.compile(f"^{re.escape(name)}"))
        expect(chart).to_be_visible()
        assert chart.evaluate("svg => svg.tagName.toLowerCase()") == "svg"
        expect(chart.locator("> title")).to_have_text(name)


def test_commune_editor_gets_404_for_another_communes_activity_task_and_dashboard(
    page: Page, live_server: LiveServer
) -> None:
    # given
    commune, editor = _commune_editor()
    own_task = _issued_radio_task(commune)
    neighbour = UnitFactory(parent=commune.parent, name="Xã Bình Minh")
    neighbour_editor = MembershipFactory(unit=neighbour, role=Role.EDITOR).user
    their_task = _issued_radio_task(neighbour, title="Nhiệm vụ riêng của xã Bình Minh")
    their_activity = activity_services.log_activity(
        neighbour,
        activity_services.ActivityInput(
            happened_on=timezone.localdate(),
            channel=Channel.RADIO,
            title="Hoạt động riêng của xã Bình Minh",
            task=their_task,
        ),
        actor=neighbour_editor,
    )
    sign_in(page, live_server, editor.username, PASSWORD)
    denied = [
        f"/hoat-dong/{their_activity.pk}/",
        f"/hoat-dong/{their_activity.pk}/sua/",
        f"/ke-hoach/nhiem-vu/{their_task.pk}/",
        f"/hoat-dong/moi/?nhiem-vu={their_task.pk}",
        f"/don-vi/{neighbour.pk}/tong-quan/",
    ]
    for path in denied:
        # when
        response = page.goto(f"{live_server.url}{path}")
        # then
        assert response is not None
        assert response.status == 404, path
        expect(page.get_by_text("Bình Minh")).to_have_count(0)
    # and the same pages of the editor's own commune open
    for path in (f"/ke-hoach/nhiem-vu/{own_task.pk}/", f"/don-vi/{commune.pk}/tong-quan/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, path
