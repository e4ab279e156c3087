"""Staff and public indices pages: wiring, scopes (404 / 403) and query counts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from loa.accounts.choices import Role
from loa.indices.choices import IndexKind
from loa.indices.models import IndexValue
from loa.indices.services import IndexInput, record_index
from tests.accounts.conftest import Tree
from tests.accounts.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def client_for(unit: Any, role: Role) -> Client:
    client = Client()
    client.force_login(MembershipFactory(unit=unit, role=role).user)
    return client


def seed(unit: Any, kinds: list[str], years: range) -> None:
    actor = UserFactory(is_superuser=True)
    for kind in kinds:
        for year in years:
            value = Decimal("0.6") if kind == IndexKind.DTI else Decimal(60 + year - 2020)
            record_index(
                unit,
                data=IndexInput(year=year, kind=kind, value=value, rank=2, rank_of=34, source="Bộ Nội vụ"),
                actor=actor,
            )


FORM = {"kind": "pci", "year": "2024", "value": "67,5", "rank": "3", "rank_of": "34", "source": "VCCI"}


def test_unit_admin_adds_a_result_through_the_form(tree: Tree) -> None:
    client = client_for(tree.province, Role.ADMIN)
    response = client.post(reverse("indices:create", args=[tree.commune.pk]), FORM)
    assert response.status_code == 302
    assert response["Location"] == reverse("indices:unit", args=[tree.commune.pk])
    assert IndexValue.objects.get().value == Decimal("67.5")


def test_form_shows_the_scale_refusal(tree: Tree) -> None:
    client = client_for(tree.commune, Role.ADMIN)
    response = client.post(reverse("indices:create", args=[tree.commune.pk]), FORM | {"kind": "dti"})
    assert response.status_code == 200
    assert "Giá trị DTI phải từ 0 đến 1." in response.content.decode()
    assert not IndexValue.objects.exists()


@pytest.mark.parametrize(("holder", "status"), [("sibling", 404), ("other_province", 404), ("reporter", 403)])
def test_staff_without_the_right_cannot_write(tree: Tree, holder: str, status: int) -> None:
    seed(tree.commune, [IndexKind.PAR_INDEX], range(2024, 2025))
    value = IndexValue.objects.get()
    if holder == "reporter":
        client = client_for(tree.commune, Role.REPORTER)
    else:
        client = client_for(getattr(tree, holder), Role.ADMIN)
    # when
    created = client.post(reverse("indices:create", args=[tree.commune.pk]), FORM)
    edited = client.post(reverse("indices:edit", args=[value.pk]), FORM | {"value": "1"})
    # then
    assert (created.status_code, edited.status_code) == (status, status)
    assert list(IndexValue.objects.values_list("value", flat=True)) == [Decimal("64")]


def test_foreign_staff_cannot_list_another_units_results(tree: Tree) -> None:
    client = client_for(tree.sibling, Role.ADMIN)
    assert client.get(reverse("indices:unit", args=[tree.commune.pk])).status_code == 404


def test_unit_list_shows_results_and_edit_links_to_its_admin(tree: Tree) -> None:
    seed(tree.commune, [IndexKind.PAR_INDEX, IndexKind.SIPAS], range(2023, 2025))
    response = client_for(tree.province, Role.ADMIN).get(reverse("indices:unit", args=[tree.commune.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(">Sửa<") == 4
    assert "Chỉ số hài lòng (SIPAS)" in html


def test_import_page_shows_the_error_table_and_writes_nothing(tree: Tree) -> None:
    client = client_for(tree.province, Role.ADMIN)
    data = (
        "unit_code,year,index,value\n"
        f"{tree.commune.code},2024,PCI,60\n"
        f"{tree.other_commune.code},2024,PCI,60\n"
    )
    response = client.post(
        reverse("indices:import"),
        {"era": "2025", "file": SimpleUploadedFile("chi-so.csv", data.encode(), content_type="text/csv")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<td class="num">3</td><td>Bạn không có quyền cập nhật chỉ số của Xã Tỉnh Khác.</td>' in html
    assert not IndexValue.objects.exists()


def test_import_page_records_a_good_file(tree: Tree) -> None:
    client = client_for(tree.province, Role.ADMIN)
    data = f"unit_code,year,index,value\n{tree.commune.code},2024,PCI,60\n"
    response = client.post(
        reverse("indices:import"),
        {"era": "2025", "file": SimpleUploadedFile("chi-so.csv", data.encode(), content_type="text/csv")},
        follow=True,
    )
    assert "Đã nhập 1 kết quả mới, cập nhật 0 kết quả." in response.content.decode()
    assert IndexValue.objects.get().unit_id == tree.commune.pk


def test_public_trend_page_shows_a_chart_and_a_table_without_sign_in(tree: Tree) -> None:
    seed(tree.province, [IndexKind.PAR_INDEX, IndexKind.DTI], range(2021, 2025))
    response = Client().get(f"/cong-khai/don-vi/{tree.province.pk}/chi-so/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        reverse("portal:indices", kwargs={"unit_id": tree.province.pk})
        == f"/cong-khai/don-vi/{tree.province.pk}/chi-so/"
    )
    assert html.count("<svg") == 2
    assert 'role="img"' in html
    assert "Chỉ số CCHC (PAR INDEX) qua các năm" in html
    assert '<th scope="row">2024</th><td class="num">64 điểm</td>' in html
    assert '<td class="num">0,6</td>' in html  # the Vietnamese decimal comma
    assert "2/34" in html


def test_public_trend_page_of_a_unit_without_results(tree: Tree) -> None:
    response = Client().get(reverse("portal:indices", args=[tree.commune.pk]))
    assert response.status_code == 200
    assert "Chưa có kết quả chỉ số nào được công bố." in response.content.decode()
    assert Client().get(reverse("portal:indices", args=[987654])).status_code == 404


def test_unit_page_shows_the_latest_result_of_each_index(tree: Tree) -> None:
    seed(tree.province, [IndexKind.PAR_INDEX, IndexKind.PCI], range(2022, 2025))
    html = Client().get(reverse("portal:unit", args=[tree.province.pk])).content.decode()
    assert 'id="chi-so"' in html
    assert html.count("<td>2024</td>") == 2
    assert "<td>2023</td>" not in html
    assert f'href="/cong-khai/don-vi/{tree.province.pk}/chi-so/#chi-so-pci"' in html


def test_unit_page_query_count_does_not_grow_with_indices(tree: Tree, django_assert_num_queries: Any) -> None:
    # given: one result, then sixty (six indices over ten years)
    client = Client()
    unit_url = reverse("portal:unit", args=[tree.province.pk])
    trend_url = reverse("portal:indices", args=[tree.province.pk])
    seed(tree.province, [IndexKind.PAR_INDEX], range(2024, 2025))
    with CaptureQueriesContext(connection) as unit_page:
        assert client.get(unit_url).status_code == 200
    with CaptureQueriesContext(connection) as trend_page:
        assert client.get(trend_url).status_code == 200
    seed(tree.province, list(IndexKind), range(2015, 2025))
    # when / then
    with django_assert_num_queries(len(unit_page.captured_queries)):
        assert client.get(unit_url).status_code == 200
    with django_assert_num_queries(2):  # the unit, its results
        assert client.get(trend_url).status_code == 200
    assert len(trend_page.captured_queries) == 2
