"""The report pages: wiring, who gets 200/302/403/404, what they show, and their query counts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from loa.accounts.choices import Role
from loa.accounts.models import User
from loa.accounts.permissions import forget_scopes
from loa.audit.models import ChangeLogEntry
from loa.reports.choices import ReportStatus
from loa.reports.documents import pasteable_section
from loa.reports.models import Report
from loa.reports.narrative import NARRATIVE_KEYS
from loa.reports.services import create_report, submit_report
from loa.units.choices import Level
from loa.units.models import Unit
from tests.activities import log, member_of
from tests.units.factories import UnitFactory

from .conftest import Clock, Scene

pytestmark = pytest.mark.django_db

D = dt.date
Q1_ROLLUP = "?nam=2024&ky=quarterly&quy=1"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def draft_of(scene: Scene) -> Report:
    return create_report(scene.a, kind="quarterly", year=2024, actor=scene.editor_a)


def rows() -> dict[str, list[dict[str, Any]]]:
    return {
        "reports": list(Report.objects.order_by("pk").values()),
        "log": list(ChangeLogEntry.objects.order_by("pk").values()),
    }


def edit_form(**changes: str) -> dict[str, str]:
    data = {"addressee": "Sở Nội vụ", "number": "", "issue_date": ""} | dict.fromkeys(NARRATIVE_KEYS, "")
    return data | changes


def table_rows(html: str) -> dict[str, str]:
    """The body rows of the page's tables, by the text of their first cell."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        first = re.search(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
        if first:
            found[re.sub(r"<[^>]+>", "", first.group(1)).strip()] = row
    return found


def test_a_commune_editor_creates_edits_refreshes_and_sends_a_report(scene: Scene) -> None:
    client = client_for(scene.editor_a)

    assert client.get(f"/bao-cao/moi/?don-vi={scene.a.pk}").status_code == 200
    response = client.post(
        f"/bao-cao/moi/?don-vi={scene.a.pk}", {"year": 2024, "kind": "quarterly", "index": 1}
    )
    report = Report.objects.get(unit=scene.a)
    assert (response.status_code, response["Location"]) == (302, f"/bao-cao/{report.pk}/")
    again = client.post(f"/bao-cao/moi/?don-vi={scene.a.pk}", {"year": 2024, "kind": "quarterly", "index": 1})
    assert again.status_code == 200  # the form again, with the refusal
    assert "Đơn vị đã có báo cáo quý I năm 2024." in again.content.decode()
    assert Report.objects.filter(unit=scene.a).count() == 1

    listing = client.get("/bao-cao/")
    assert listing.status_code == 200
    assert f'href="/bao-cao/{report.pk}/"' in listing.content.decode()

    page = client.get(f"/bao-cao/{report.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert escape(pasteable_section(report)) in html
    assert "Hoàn thành 1/2 nhiệm vụ đến hạn trong kỳ, đạt 50,0 %." in html
    assert "Tự đánh giá tiêu chí tuyên truyền: 0,75/2 điểm." in html
    figures = table_rows(html)
    assert re.search(r'<td class="num">\s*9\s*</td>', figures["Hoạt động"])
    assert re.search(r'<td class="num">\s*120\s*</td>', figures["Người dự hội nghị"])

    saved = client.post(f"/bao-cao/{report.pk}/", edit_form(results="Phát thanh 02 kỳ, 30 phút."))
    assert (saved.status_code, saved["Location"]) == (302, f"/bao-cao/{report.pk}/")
    report.refresh_from_db()
    assert (report.narrative["results"], report.addressee) == ("Phát thanh 02 kỳ, 30 phút.", "Sở Nội vụ")

    log(scene.a, D(2024, 3, 13), scene.editor_a, channel="survey", title="Khảo sát sự hài lòng")
    assert client.post(f"/bao-cao/{report.pk}/cap-nhat/").status_code == 302
    report.refresh_from_db()
    assert (report.figures["activities"], report.figures["surveys"]) == (10, 1)

    assert client.post(f"/bao-cao/{report.pk}/gui/").status_code == 302
    report.refresh_from_db()
    assert (report.status, report.number) == (ReportStatus.SUBMITTED, 1)
    sent_page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert f'action="/bao-cao/{report.pk}/gui/"' not in sent_page  # nothing left to send
    assert client.get(f"/bao-cao/{report.pk}/gui/").status_code == 405


def test_the_province_accepts_or_returns_through_the_review_form(scene: Scene) -> None:
    report = submit_report(draft_of(scene), actor=scene.editor_a)
    province = client_for(scene.staff)
    page = province.get(f"/bao-cao/{report.pk}/").content.decode()
    assert f'action="/bao-cao/{report.pk}/xem-xet/"' in page

    refused = province.post(f"/bao-cao/{report.pk}/xem-xet/", {"decision": "return", "comment": " "})
    assert refused.status_code == 302
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    returned = province.post(
        f"/bao-cao/{report.pk}/xem-xet/", {"decision": "return", "comment": "Bổ sung ảnh hội nghị."}
    )
    assert returned.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.review_comment) == (ReportStatus.RETURNED, "Bổ sung ảnh hội nghị.")
    assert (
        "Bổ sung ảnh hội nghị." in client_for(scene.editor_a).get(f"/bao-cao/{report.pk}/").content.decode()
    )

    client_for(scene.editor_a).post(f"/bao-cao/{report.pk}/gui/")
    assert province.post(f"/bao-cao/{report.pk}/xem-xet/", {"decision": "accept"}).status_code == 302
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED


def test_another_communes_report_and_rollup_are_not_found(scene: Scene) -> None:
    report = draft_of(scene)
    outsider = client_for(scene.editor_b)
    before = rows()

    assert outsider.get(f"/bao-cao/{report.pk}/").status_code == 404
    assert outsider.post(f"/bao-cao/{report.pk}/", edit_form(results="x")).status_code == 404
    assert outsider.post(f"/bao-cao/{report.pk}/gui/").status_code == 404
    assert outsider.post(f"/bao-cao/{report.pk}/cap-nhat/").status_code == 404
    assert outsider.post(f"/bao-cao/{report.pk}/xem-xet/", {"decision": "accept"}).status_code == 404
    assert outsider.get(f"/bao-cao/don-vi/{scene.a.pk}/{Q1_ROLLUP}").status_code == 404
    assert outsider.get(f"/bao-cao/don-vi/{scene.province.pk}/{Q1_ROLLUP}").status_code == 404
    assert outsider.get(f"/bao-cao/moi/?don-vi={scene.a.pk}").status_code == 404
    assert outsider.get(f"/bao-cao/?don-vi={scene.a.pk}").status_code == 404
    assert f"/bao-cao/{report.pk}/" not in outsider.get("/bao-cao/").content.decode()
    assert rows() == before


def test_a_viewer_reads_but_may_not_edit_send_or_create(scene: Scene) -> None:
    report = draft_of(scene)
    viewer = client_for(scene.viewer)
    before = rows()

    page = viewer.get(f"/bao-cao/{report.pk}/")
    assert page.status_code == 200
    assert f'action="/bao-cao/{report.pk}/gui/"' not in page.content.decode()
    assert viewer.post(f"/bao-cao/{report.pk}/", edit_form(results="Sửa trái phép")).status_code == 403
    assert viewer.post(f"/bao-cao/{report.pk}/gui/").status_code == 403
    assert viewer.post(f"/bao-cao/{report.pk}/cap-nhat/").status_code == 403
    assert viewer.get(f"/bao-cao/moi/?don-vi={scene.a.pk}").status_code == 403
    assert (
        viewer.post(f"/bao-cao/moi/?don-vi={scene.a.pk}", {"year": 2024, "kind": "annual"}).status_code == 403
    )
    assert viewer.get(f"/bao-cao/don-vi/{scene.province.pk}/{Q1_ROLLUP}").status_code == 200
    assert rows() == before


def test_a_commune_may_not_review_its_own_report(scene: Scene) -> None:
    report = submit_report(draft_of(scene), actor=scene.editor_a)
    editor = client_for(scene.editor_a)
    assert (
        'action="/bao-cao/' + str(report.pk) + '/xem-xet/"'
        not in editor.get(f"/bao-cao/{report.pk}/").content.decode()
    )
    before = rows()

    assert editor.post(f"/bao-cao/{report.pk}/xem-xet/", {"decision": "accept"}).status_code == 403

    assert rows() == before


def test_the_rollup_page_shows_who_sent_and_who_has_no_report(scene: Scene) -> None:
    submit_report(draft_of(scene), actor=scene.editor_a)  # on 15/03
    create_report(scene.b, kind="quarterly", year=2024, actor=scene.editor_b)
    scene.clock.set(D(2024, 3, 25))

    page = client_for(scene.staff).get(f"/bao-cao/don-vi/{scene.province.pk}/{Q1_ROLLUP}")

    assert page.status_code == 200
    html = page.content.decode()
    assert "1/4 đơn vị đã gửi" in html
    assert "18/03/2024" in html
    found = table_rows(html)
    assert "Đã gửi" in found["Xã An Phú"]
    assert "chậm" not in found["Xã An Phú"]
    assert "Dự thảo" in found["Xã Bình Lộc"]
    for name in ("Xã Cam Hải", "Xã Diên Điền"):
        assert "Chưa có báo cáo" in found[name]
        assert "quá hạn" in found[name]
    assert html.count("Chưa có báo cáo") == 2
    assert "Tạo báo cáo tổng hợp" in html
    # the commune's own page has no communes below it
    assert (
        "Không có đơn vị trực thuộc."
        in client_for(scene.editor_a).get(f"/bao-cao/don-vi/{scene.a.pk}/").content.decode()
    )
    assert client_for(scene.staff).get(f"/bao-cao/don-vi/{scene.province.pk}/?ky=monthly").status_code == 404


def test_the_rollup_page_marks_a_draft_still_unsent_after_the_due_date(scene: Scene) -> None:
    # The roll-up report counts such a draft as late (compute_figures); its page should say so too.
    create_report(scene.b, kind="quarterly", year=2024, actor=scene.editor_b)
    scene.clock.set(D(2024, 3, 25))

    html = client_for(scene.staff).get(f"/bao-cao/don-vi/{scene.province.pk}/{Q1_ROLLUP}").content.decode()

    row = table_rows(html)["Xã Bình Lộc"]
    assert "Dự thảo" in row
    assert "quá hạn" in row or "chậm" in row


def test_the_rollup_page_form_creates_the_province_report(scene: Scene) -> None:
    client = client_for(scene.staff)
    html = client.get(f"/bao-cao/don-vi/{scene.province.pk}/{Q1_ROLLUP}").content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(year|kind|index)" value="([^"]*)"', html))

    response = client.post(f"/bao-cao/moi/?don-vi={scene.province.pk}", fields)

    rollup = Report.objects.get(unit=scene.province)
    assert response.status_code == 302
    assert (rollup.kind, rollup.year, rollup.index, rollup.is_rollup) == ("quarterly", 2024, 1, True)


def test_home_lists_the_report_still_owed_after_its_due_date(scene: Scene) -> None:
    scene.clock.set(D(2024, 3, 25))
    client = client_for(scene.editor_a)

    html = client.get("/").content.decode()

    assert "Báo cáo cần gửi" in html
    owed = html[html.index('id="owed-reports"') :]
    owed = owed[: owed.index("</section>")]
    assert "quý I năm 2024" in owed
    assert "18/03/2024" in owed
    fields = dict(re.findall(r'<input type="hidden" name="(year|kind|index)" value="([^"]*)"', owed))
    assert fields == {"year": "2024", "kind": "quarterly", "index": "1"}
    assert client.post(f"/bao-cao/moi/?don-vi={scene.a.pk}", fields).status_code == 302
    report = Report.objects.get(unit=scene.a)
    assert f'href="/bao-cao/{report.pk}/"' in client.get("/").content.decode()  # "Mở báo cáo" for the draft
    submit_report(report, actor=scene.editor_a)
    assert "Báo cáo cần gửi" not in client.get("/").content.decode()


# --- query counts --------------------------------------------------------------------------------


N = 3


def add_communes(province: Unit, staff: User, start: int, count: int, clock: Clock) -> None:
    """`count` communes with an activity and a quý I/2024 report each, half of them sent."""
    for n in range(start, start + count):
        commune = UnitFactory(parent=province, name=f"Xã Đếm {n:02d}")
        forget_scopes(staff)  # the scope cached on the user object predates the commune
        log(commune, D(2024, 2, 1), staff, channel="portal", title=f"Tin {n}")
        report = create_report(commune, kind="quarterly", year=2024, actor=staff)
        if n % 2:
            submit_report(report, actor=staff)
        UnitFactory(parent=province, name=f"Xã Chưa Báo Cáo {n:02d}")


def queries_of(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_report_list_and_rollup_page_query_counts_do_not_grow(db: None, clock: Clock) -> None:
    clock.set(D(2024, 3, 25))
    province = UnitFactory(level=Level.PROVINCE, name="Tỉnh Đếm")
    staff = member_of(province, Role.EDITOR)
    client = client_for(staff)
    add_communes(province, staff, 0, N, clock)
    urls = [
        "/bao-cao/",
        f"/bao-cao/?don-vi={province.pk}&nam=2024",
        f"/bao-cao/don-vi/{province.pk}/{Q1_ROLLUP}",
    ]
    small = [queries_of(client, url) for url in urls]

    add_communes(province, staff, N, 2 * N, clock)
    large = [queries_of(client, url) for url in urls]

    assert Report.objects.count() == 3 * N
    assert large == small
    assert max(large) <= 15
