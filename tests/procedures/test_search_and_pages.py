"""Search without diacritics, the staff list and its import form, the public pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from loa.audit.models import ChangeLogEntry, Verb
from loa.procedures.models import Procedure
from loa.procedures.queries import procedures_for, search_procedures
from loa.procedures.services import import_procedures, set_posted_at_desk

from . import CHUNG_THUC, KET_HON, KHAI_SINH, csv_file, numbered_rows
from .conftest import People

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def listed(people: People) -> People:
    """Commune B with the three sample procedures plus a 'Cấp giấy khai sinh' one."""
    extra = ["9", "1.009999", "Cấp giấy khai sinh bản sao", "Hộ tịch", "Cấp xã", "", "", "", "", ""]
    import_procedures(
        people.tree.sibling, csv_file([KHAI_SINH, KET_HON, CHUNG_THUC, extra]), actor=people.editor
    )
    return people


def _names(query: str, unit: Any) -> list[str]:
    return sorted(search_procedures(procedures_for(unit), query).values_list("name", flat=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cap giay khai sinh", ["Cấp giấy khai sinh bản sao"]),
        ("CẤP GIẤY", ["Cấp giấy khai sinh bản sao"]),
        ("dang ky khai sinh", ["Đăng ký khai sinh"]),
        ("khai sinh", ["Cấp giấy khai sinh bản sao", "Đăng ký khai sinh"]),
        ("1.000894", ["Đăng ký kết hôn"]),
        ("chung thuc", ["Chứng thực bản sao từ bản chính"]),
        ("ket hon khai sinh", []),
        (
            "",
            [
                "Chứng thực bản sao từ bản chính",
                "Cấp giấy khai sinh bản sao",
                "Đăng ký khai sinh",
                "Đăng ký kết hôn",
            ],
        ),
    ],
)
def test_search_ignores_diacritics_and_case(listed: People, query: str, expected: list[str]) -> None:
    assert _names(query, listed.tree.sibling) == sorted(expected)


def test_set_posted_at_desk_is_logged_and_needs_edit_rights(listed: People) -> None:
    procedure = Procedure.objects.get(code="1.000894")
    set_posted_at_desk(procedure, posted=True, actor=listed.editor)
    assert Procedure.objects.get(pk=procedure.pk).posted_at_desk is True
    entry = ChangeLogEntry.objects.get(verb=Verb.PROCEDURE_UPDATED)
    assert (entry.before, entry.after) == ({"posted_at_desk": False}, {"posted_at_desk": True})
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        set_posted_at_desk(procedure, posted=False, actor=listed.viewer)
    assert Procedure.objects.get(pk=procedure.pk).posted_at_desk is True


# Staff pages


def test_staff_list_searches_and_shows_the_import_form(listed: People) -> None:
    url = reverse("procedures:unit", args=[listed.tree.sibling.pk])
    response = client_for(listed.editor).get(url, {"q": "dang ky khai sinh"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đăng ký khai sinh" in html
    assert "Đăng ký kết hôn" not in html
    assert 'enctype="multipart/form-data"' in html
    chooser = client_for(listed.editor).get(reverse("procedures:list"))
    assert listed.tree.sibling.name in chooser.content.decode()


def test_staff_import_shows_the_row_errors_and_saves_nothing(listed: People) -> None:
    url = reverse("procedures:unit", args=[listed.tree.sibling.pk])
    bad = csv_file([["1", "", "Không có mã", "", "", "", "", "", "", ""]])
    response = client_for(listed.editor).post(url, {"file": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tệp có 1 lỗi" in html
    assert '<td class="num">2</td><td>Mã thủ tục</td><td>Bắt buộc, không được để trống.</td>' in html
    assert Procedure.objects.filter(unit=listed.tree.sibling).count() == 4


def test_staff_import_replaces_the_list_and_redirects(listed: People) -> None:
    url = reverse("procedures:unit", args=[listed.tree.sibling.pk])
    response = client_for(listed.editor).post(url, {"file": csv_file([KET_HON])}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "Đã cập nhật danh mục: 1 thủ tục" in response.content.decode()
    assert list(Procedure.objects.values_list("code", flat=True)) == ["1.000894"]


def test_foreign_editor_gets_404_and_viewer_is_refused(listed: People) -> None:
    unit_url = reverse("procedures:unit", args=[listed.tree.sibling.pk])
    procedure = Procedure.objects.get(code="1.000894")
    toggle_url = reverse("procedures:toggle-desk", args=[procedure.pk])
    outsider = client_for(listed.outsider)
    assert outsider.get(unit_url).status_code == 404
    assert outsider.post(unit_url, {"file": csv_file()}).status_code == 404
    assert outsider.post(toggle_url, {"posted": "1"}).status_code == 404
    viewer = client_for(listed.viewer)
    page = viewer.get(unit_url)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' not in page.content.decode()
    assert viewer.post(unit_url, {"file": csv_file([KET_HON])}).status_code == 403
    assert viewer.post(toggle_url, {"posted": "1"}).status_code == 403
    assert Procedure.objects.filter(unit=listed.tree.sibling).count() == 4
    assert Procedure.objects.get(pk=procedure.pk).posted_at_desk is False
    assert Client().get(unit_url).status_code == 302  # sign-in first


def test_staff_toggle_posts_and_returns(listed: People) -> None:
    procedure = Procedure.objects.get(code="1.000894")
    back = reverse("procedures:unit", args=[listed.tree.sibling.pk]) + "?q=ket+hon"
    response = client_for(listed.editor).post(
        reverse("procedures:toggle-desk", args=[procedure.pk]), {"posted": "1", "next": back}
    )
    assert (response.status_code, response["Location"]) == (302, back)
    assert Procedure.objects.get(pk=procedure.pk).posted_at_desk is True
    assert (
        client_for(listed.editor).get(reverse("procedures:toggle-desk", args=[procedure.pk])).status_code
        == 405
    )


# Public pages


def test_public_list_without_login(listed: People) -> None:
    url = reverse("portal:procedures", args=[listed.tree.sibling.pk])
    assert url == f"/cong-khai/don-vi/{listed.tree.sibling.pk}/thu-tuc/"
    response = Client().get(url, {"q": "cap giay khai sinh"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cấp giấy khai sinh bản sao" in html
    assert "Đăng ký kết hôn" not in html
    assert "Cập nhật danh mục ngày" in html
    by_field = Client().get(url, {"linh-vuc": "Chứng thực"}).content.decode()
    assert "Chứng thực bản sao từ bản chính" in by_field
    assert "Đăng ký khai sinh" not in by_field
    full = Client().get(url).content.decode()
    assert "Dịch vụ công trực tuyến: toàn trình" in full
    assert "Niêm yết tại Bộ phận Một cửa" in full


def test_public_detail_and_other_units_procedure_is_404(listed: People) -> None:
    procedure = Procedure.objects.get(code="1.001193")
    unit = listed.tree.sibling
    response = Client().get(reverse("portal:procedure", args=[unit.pk, procedure.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Luật Hộ tịch năm 2014" in html
    assert "Ngay trong ngày tiếp nhận hồ sơ" in html
    other = listed.tree.commune
    assert Client().get(reverse("portal:procedure", args=[other.pk, procedure.pk])).status_code == 404
    assert Client().get(reverse("portal:procedures", args=[other.pk])).status_code == 200


def test_public_list_query_count_is_constant(
    people: People, django_assert_num_queries: Callable[..., Any]
) -> None:
    unit = people.tree.sibling
    url = reverse("portal:procedures", args=[unit.pk])
    import_procedures(unit, csv_file(numbered_rows(30)), actor=people.editor)
    client = Client()
    client.get(url)  # warm the session-free path (translations, templates)
    with django_assert_num_queries(5) as small:
        assert client.get(url, {"q": "ho tich"}).status_code == 200
    import_procedures(unit, csv_file(numbered_rows(90)), actor=people.editor)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url, {"q": "ho tich"})
    assert response.status_code == 200
    assert response.content.decode().count("thu-tuc/") >= 30
    assert "Trang 1/3" in response.content.decode()


def test_command_loads_the_sample_list(people: People, capsys: pytest.CaptureFixture[str]) -> None:
    unit = people.tree.sibling
    assert unit.code
    call_command(
        "procedures",
        "import",
        unit.code,
        "src/loa/procedures/data/sample_xa.csv",
        "--era",
        unit.era,
        "--as",
        people.editor.username,
    )
    assert Procedure.objects.filter(unit=unit).count() == 26
    assert "26 procedures" in capsys.readouterr().out
    assert Procedure.objects.get(unit=unit, code="1.001193").name == "Đăng ký khai sinh"
