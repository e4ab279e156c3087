"""Bulk CSV import of an activity log: all rows or none, with errors per row and column."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from loa.accounts.choices import Role
from loa.accounts.services import create_api_token
from loa.activities.bulk import BulkImportRefused, import_activities_csv
from loa.activities.models import Activity
from loa.units.choices import Era, Level
from tests.activities import issued_plan, member_of, task_in
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    year = timezone.localdate().year
    province = UnitFactory(level=Level.PROVINCE, era=Era.CURRENT)
    own = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    foreign = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    editor, other = member_of(own, Role.EDITOR), member_of(foreign, Role.EDITOR)
    return {
        "own": own, "foreign": foreign, "editor": editor, "year": year,
        "task": task_in(issued_plan(own, editor, year=year), "Hằng tháng", editor),
        "foreign_task": task_in(issued_plan(foreign, other, year=year), "Hằng tháng", other),
    }  # fmt: skip


def radio_log(world: dict[str, Any]) -> str:
    year, task = world["year"], world["task"].pk
    return (
        "\ufeffngày;hình thức;nội dung;số lượng;đơn vị tính;chi phí;đường dẫn;task_id\n"
        f"02/01/{year};Phát thanh, truyền thanh;Bản tin CCHC số 1;15;phút;1.000.000;;{task}\n"
        f"{year}-01-09;radio;Bản tin CCHC số 2;15,5;minutes;0;https://example.vn/2;\n"
        f"16/1/{year};social;Đăng bài trên Zalo xã;1;items;;;\n"
    )


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("log.csv", text.encode("utf-8"), content_type="text/csv")


def post(world: dict[str, Any], text: str, token: str, unit: Any = None) -> Any:
    unit_id = (unit or world["own"]).pk
    return Client().post(
        f"/api/v1/activities/bulk?unit_id={unit_id}",
        {"file": upload(text)},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_good_file_creates_every_row(world: dict[str, Any]) -> None:
    result = import_activities_csv(world["own"], upload(radio_log(world)), actor=world["editor"])

    assert result.created == 3
    rows = Activity.objects.filter(unit=world["own"]).order_by("happened_on")
    assert [a.title for a in rows] == ["Bản tin CCHC số 1", "Bản tin CCHC số 2", "Đăng bài trên Zalo xã"]
    first = rows[0]
    assert first.channel == "radio"
    assert first.measure == "minutes"
    assert first.cost == 1_000_000
    assert first.occurrence is not None
    assert first.occurrence.task_id == world["task"].pk
    assert str(rows[1].quantity) == "15.5"


def test_one_bad_row_refuses_the_whole_file_with_errors_per_row(world: dict[str, Any]) -> None:
    year = world["year"]
    future = timezone.localdate() + dt.timedelta(days=3)
    text = (
        "date,channel,title,quantity,measure,cost,link,task_id\n"
        f"02/01/{year},radio,Tốt,1,items,0,,\n"
        f"31/02/{year},radio,Ngày sai,1,items,0,,\n"
        f"03/01/{year},bồ câu,Kênh sai,1,items,0,,\n"
        f"{future:%d/%m/%Y},radio,Ngày tương lai,1,items,0,,\n"
        f"04/01/{year},radio,Số lớn,1e20,items,0,,\n"
        f"05/01/{year},radio,Nhiệm vụ lạ,1,items,0,,{world['foreign_task'].pk}\n"
    )

    with pytest.raises(BulkImportRefused) as refused:
        import_activities_csv(world["own"], upload(text), actor=world["editor"])

    assert [(e["row"], e["column"]) for e in refused.value.errors] == [
        (3, "date"), (4, "channel"), (5, "date"), (6, "quantity"), (7, "task_id"),
    ]  # fmt: skip
    assert all(e["message"].endswith(".") for e in refused.value.errors)
    assert not Activity.objects.exists()


def test_the_endpoint_creates_all_rows_or_answers_400_with_the_errors(world: dict[str, Any]) -> None:
    editor = world["editor"]
    raw = create_api_token(editor, name="w", scope="read_write", actor=editor)[1]

    bad = post(world, radio_log(world).replace("Bản tin CCHC số 2", ""), raw)
    assert bad.status_code == 400, bad.content
    assert bad.json()["errors"] == [{"row": 3, "column": "title", "message": "Cần nhập nội dung hoạt động."}]
    assert not Activity.objects.exists()

    good = post(world, radio_log(world), raw)
    assert good.status_code == 201, good.content
    assert good.json() == {"created": 3}
    assert Activity.objects.filter(unit=world["own"]).count() == 3


def test_the_endpoint_refuses_other_units_read_tokens_and_unreadable_files(world: dict[str, Any]) -> None:
    editor = world["editor"]
    raw = create_api_token(editor, name="w", scope="read_write", actor=editor)[1]
    read = create_api_token(editor, name="r", scope="read", actor=editor)[1]

    assert post(world, radio_log(world), raw, unit=world["foreign"]).status_code == 404
    assert post(world, radio_log(world), read).status_code == 403
    missing = post(world, "ngày,nội dung\n01/01/2024,x\n", raw)
    assert missing.status_code == 400
    assert missing.json()["errors"] == [{"row": 1, "column": "channel", "message": "Thiếu cột này."}]
    latin1 = Client().post(
        f"/api/v1/activities/bulk?unit_id={world['own'].pk}",
        {"file": SimpleUploadedFile("log.csv", b"ng\xe0y;h\xecnh\n")},
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert latin1.status_code == 400
    assert post(world, "", raw).status_code == 400
    assert not Activity.objects.exists()
