"""Pages of cascading plans: the conformity card, the derive form and the subordinate list."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from loa.accounts.choices import Role
from loa.accounts.permissions import forget_scopes
from loa.plans.cascade import draft_from_higher
from loa.plans.choices import PlanStatus
from loa.plans.models import Plan
from loa.plans.services import issue_plan
from loa.units.models import Unit
from tests.accounts.factories import MembershipFactory
from tests.activities import member_of
from tests.cascading.conftest import LATE, ON_TIME, YEAR, Cascade, commune_of

pytestmark = pytest.mark.django_db

LATE_MESSAGE = "Kế hoạch cấp dưới ban hành ngày 02/03/2026, sau hạn 15/02/2026 mà kế hoạch cấp trên đặt ra."


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def commune_plan(cascade: Cascade, unit: Unit, *, on: dt.date = ON_TIME) -> Plan:
    """The commune's plan, derived and issued by the province's editor."""
    forget_scopes(cascade.province_editor)  # the unit may be newer than the scopes cached on the user
    plan = draft_from_higher(cascade.higher, unit, actor=cascade.province_editor)
    return issue_plan(plan, issue_date=on, actor=cascade.province_editor)


def detail(plan: Plan) -> str:
    return reverse("plans:detail", args=[plan.pk])


def subordinates(unit: Unit, **query: str) -> str:
    params = "&".join(f"{key}={value}" for key, value in {"nam": str(YEAR), **query}.items())
    return f"{reverse('plans:subordinates', args=[unit.pk])}?{params}"


# --- the conformity card -----------------------------------------------------------------------


def test_plan_page_shows_the_conformity_card_with_its_findings(cascade: Cascade) -> None:
    # given: the commune issued its plan after the province's deadline
    plan = commune_plan(cascade, cascade.commune, on=LATE)
    # when
    response = client_for(cascade.commune_editor).get(detail(plan))
    # then
    page = response.content.decode()
    assert response.status_code == 200
    card = page.split('id="conformity"', 1)[1].split("</section>", 1)[0]
    assert "Đối chiếu với kế hoạch cấp trên" in page
    assert LATE_MESSAGE in card
    assert "Mức phù hợp: 95,8/100" in card
    assert "23/24 điểm kiểm tra đạt" in card
    # the province plan is named, with its unit, but not linked: the commune cannot open it
    assert f"{cascade.higher} (Tỉnh Đắk Lắk)" in card
    assert f'href="{detail(cascade.higher)}"' not in card


def test_plan_page_without_findings_says_so(cascade: Cascade) -> None:
    plan = commune_plan(cascade, cascade.commune)
    page = client_for(cascade.commune_editor).get(detail(plan)).content.decode()
    assert "Mức phù hợp: 100,0/100" in page
    assert "Không có điểm nào lệch so với kế hoạch cấp trên." in page


def test_plan_page_links_the_province_plan_only_for_who_can_open_it(cascade: Cascade) -> None:
    plan = commune_plan(cascade, cascade.commune, on=LATE)
    link = f'href="{detail(cascade.higher)}"'
    # the province's staff can open the province plan: linked
    province_page = client_for(cascade.province_editor).get(detail(plan)).content.decode()
    assert link in province_page.split('id="conformity"', 1)[1].split("</section>", 1)[0]
    # the commune's staff cannot (it is a 404 for them): no link anywhere on the page,
    # the based-on list included
    assert client_for(cascade.commune_editor).get(detail(cascade.higher)).status_code == 404
    commune_page = client_for(cascade.commune_editor).get(detail(plan)).content.decode()
    assert link not in commune_page


def test_plan_without_a_higher_plan_has_no_conformity_card(cascade: Cascade) -> None:
    page = client_for(cascade.province_editor).get(detail(cascade.higher)).content.decode()
    assert 'id="conformity"' not in page


# --- the derive form ---------------------------------------------------------------------------


def viewer_editing(province: Unit, commune: Unit) -> Any:
    """A user who may see the province and edit one of its communes."""
    user = member_of(province, Role.VIEWER)
    MembershipFactory(user=user, unit=commune, role=Role.EDITOR)
    return user


def derive_url(plan: Plan) -> str:
    return reverse("plans:derive", args=[plan.pk])


def test_derive_form_lists_the_communes_the_user_may_write_for(cascade: Cascade) -> None:
    # a province editor: every commune; a province viewer who edits one commune: that one
    both = client_for(cascade.province_editor).get(detail(cascade.higher)).content.decode()
    one = (
        client_for(viewer_editing(cascade.province, cascade.commune))
        .get(detail(cascade.higher))
        .content.decode()
    )
    for page in (both, one):
        assert "Lập kế hoạch cấp dưới từ kế hoạch này" in page
        assert f'action="{derive_url(cascade.higher)}"' in page
    assert f'<option value="{cascade.commune.pk}">Xã Hòa Phú</option>' in both
    assert f'<option value="{cascade.sibling.pk}">Phường Tân Lập</option>' in both
    assert f'<option value="{cascade.commune.pk}">Xã Hòa Phú</option>' in one
    assert f'value="{cascade.sibling.pk}"' not in one
    # a commune plan page has no form: nothing below a commune
    own = commune_plan(cascade, cascade.commune)
    assert "Lập kế hoạch cấp dưới" not in client_for(cascade.commune_editor).get(detail(own)).content.decode()


def test_posting_the_derive_form_writes_the_draft_and_opens_it(cascade: Cascade) -> None:
    client = client_for(cascade.province_editor)
    response = client.post(derive_url(cascade.higher), {"unit": cascade.commune.pk})
    plan = Plan.objects.get(unit=cascade.commune)
    assert response.status_code == 302
    assert response["Location"] == detail(plan)
    assert plan.status == PlanStatus.DRAFT
    assert plan.references.get().referenced_plan == cascade.higher
    page = client.get(response["Location"]).content.decode()
    assert "Đã lập dự thảo kế hoạch từ kế hoạch cấp trên: 4 nhiệm vụ được đề xuất, hãy rà soát." in page
    assert "Đối chiếu với kế hoạch cấp trên" in page


def test_posting_derive_for_a_unit_the_user_cannot_edit_is_a_404(cascade: Cascade) -> None:
    # a province viewer editing the commune, asking for its sibling
    mixed_user = viewer_editing(cascade.province, cascade.commune)
    sibling_post = client_for(mixed_user).post(derive_url(cascade.higher), {"unit": cascade.sibling.pk})
    # a commune editor, who cannot see the province plan at all, asking for their own commune
    own_post = client_for(cascade.commune_editor).post(
        derive_url(cascade.higher), {"unit": cascade.commune.pk}
    )
    # no unit at all
    empty_post = client_for(cascade.province_editor).post(derive_url(cascade.higher), {})
    assert (sibling_post.status_code, own_post.status_code, empty_post.status_code) == (404, 404, 404)
    assert list(Plan.objects.exclude(pk=cascade.higher.pk)) == []


def test_derive_refused_by_the_service_returns_to_the_plan_with_its_message(cascade: Cascade) -> None:
    # the province's own unit is editable by its editor, but not below its own plan
    client = client_for(cascade.province_editor)
    response = client.post(derive_url(cascade.higher), {"unit": cascade.province.pk})
    assert response.status_code == 302
    assert response["Location"] == detail(cascade.higher)
    page = client.get(response["Location"]).content.decode()
    assert "Đơn vị này không trực thuộc đơn vị ban hành kế hoạch cấp trên." in page
    assert list(Plan.objects.exclude(pk=cascade.higher.pk)) == []


def test_derive_needs_post(cascade: Cascade) -> None:
    response = client_for(cascade.province_editor).get(derive_url(cascade.higher))
    assert response.status_code == 405
    assert list(Plan.objects.exclude(pk=cascade.higher.pk)) == []


# --- the subordinate list ----------------------------------------------------------------------


def test_subordinate_page_lists_each_commune_with_its_plan_or_none(cascade: Cascade) -> None:
    # given: Hòa Phú on time, Tân Lập only a draft, Ea Tu late
    on_time = commune_plan(cascade, cascade.commune)
    draft_from_higher(cascade.higher, cascade.sibling, actor=cascade.province_editor)
    late = commune_plan(cascade, commune_of(cascade.province, "Xã Ea Tu"), on=LATE)
    # when
    response = client_for(cascade.province_editor).get(subordinates(cascade.province))
    # then
    page = response.content.decode()
    assert response.status_code == 200
    rows = [row.split("</tr>")[0] for row in page.split("<tbody>", 1)[1].split("<tr>")[1:]]
    assert [row.split("<td>", 2)[1].split("</td>")[0] for row in rows] == [
        "Phường Tân Lập",
        "Xã Ea Tu",
        "Xã Hòa Phú",
    ]
    assert "Chưa ban hành" in rows[0]
    assert "—" in rows[0]
    assert "02/03/2026" in rows[1]
    assert "chậm" in rows[1]
    assert '<td class="num">95,8</td>' in rows[1]
    assert f'href="{detail(late)}#conformity"' in rows[1]
    assert "1 phát hiện" in rows[1]
    assert "10/02/2026" in rows[2]
    assert "chậm" not in rows[2]
    assert '<td class="num">100,0</td>' in rows[2]
    assert f'href="{detail(on_time)}"' in rows[2]
    assert "Không có" in rows[2]
    assert "2/3 đơn vị đã ban hành kế hoạch" in page
    assert "15/02/2026" in page  # the deadline


def test_subordinate_page_downloads_as_a_workbook_with_the_same_rows(cascade: Cascade) -> None:
    commune_plan(cascade, cascade.commune)
    commune_plan(cascade, commune_of(cascade.province, "Xã Ea Tu"), on=LATE)
    response = client_for(cascade.province_editor).get(
        subordinates(cascade.province, **{"dinh-dang": "xlsx"})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="ke-hoach-cap-duoi-{YEAR}.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = values.index(
        ["Đơn vị", "Kế hoạch", "Ngày ban hành", "Đúng hạn", "Điểm phù hợp", "Số phát hiện", "Phát hiện"]
    )
    assert values[header + 1 :] == [
        ["Phường Tân Lập", "Chưa ban hành", None, None, None, None, None],
        ["Xã Ea Tu", "01/KH-UBND", dt.datetime(2026, 3, 2), "Chậm", 95.8, 1, LATE_MESSAGE],
        ["Xã Hòa Phú", "01/KH-UBND", dt.datetime(2026, 2, 10), "Đúng hạn", 100, 0, None],
    ]


def test_a_commune_editor_cannot_open_the_provinces_subordinate_page(cascade: Cascade) -> None:
    client = client_for(cascade.commune_editor)
    assert client.get(subordinates(cascade.province)).status_code == 404
    assert client.get(subordinates(cascade.province, **{"dinh-dang": "xlsx"})).status_code == 404


def queries_of(client: Client, url: str) -> int:
    """Queries of one GET of `url`, after a first GET fills the per-request caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


N = 3


def test_subordinate_page_query_count_at_n_and_3n_communes(cascade: Cascade) -> None:
    # given: N communes with an issued plan (the fixture's two, plus one)
    client, url = client_for(cascade.province_editor), subordinates(cascade.province)
    communes = [cascade.commune, cascade.sibling, commune_of(cascade.province, "Xã Thử Nghiệm 0")]
    for unit in communes:
        commune_plan(cascade, unit)
    small = queries_of(client, url)
    small_xlsx = queries_of(client, subordinates(cascade.province, **{"dinh-dang": "xlsx"}))
    # when: 3N
    for n in range(1, 2 * N + 1):
        commune_plan(cascade, commune_of(cascade.province, f"Xã Thử Nghiệm {n}"))
    large = queries_of(client, url)
    large_xlsx = queries_of(client, subordinates(cascade.province, **{"dinh-dang": "xlsx"}))
    # then
    assert "9/9 đơn vị đã ban hành kế hoạch" in client.get(url).content.decode()
    # plans, their tasks, sections and references are fetched once for all communes
    assert (small, small_xlsx) == (large, large_xlsx)
