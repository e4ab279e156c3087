"""API /activities: the activity log through log_activity/update_activity/delete_activity, scoped by unit."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from loa.accounts.choices import Role
from loa.accounts.services import create_api_token
from loa.activities.models import Activity
from loa.audit.models import ChangeLogEntry
from loa.units.choices import Era, Level
from tests.activities import issued_plan, log, member_of, task_in
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    year = timezone.localdate().year
    province = UnitFactory(level=Level.PROVINCE, era=Era.CURRENT)
    own = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    foreign = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    editor, other = member_of(own, Role.EDITOR), member_of(foreign, Role.EDITOR)
    task = task_in(issued_plan(own, editor, year=year), "Hằng tháng", editor)
    foreign_task = task_in(issued_plan(foreign, other, year=year), "Hằng tháng", other)
    day = dt.date(year, 1, 2)
    return {
        "province": province, "own": own, "foreign": foreign, "task": task, "foreign_task": foreign_task,
        "day": day, "mine": log(own, day, editor, task=task, channel="radio", title="Bản tin CCHC"),
        "theirs": log(foreign, day, other, channel="tv"),
        "write": create_api_token(editor, name="w", scope="read_write", actor=editor)[1],
        "read": create_api_token(editor, name="r", scope="read", actor=editor)[1],
    }  # fmt: skip


def call(method: str, path: str, token: str, body: Any = None, *, raw: str | None = None) -> Any:
    data = raw if raw is not None else (json.dumps(body) if body is not None else None)
    kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {token}"}}
    if data is not None:
        kwargs.update(data=data, content_type="application/json")
    return getattr(Client(), method)(f"/api/v1{path}", **kwargs)


def test_the_list_holds_only_visible_activities_with_filters(world: dict[str, Any]) -> None:
    def ids(query: str) -> set[int]:
        response = call("get", f"/activities/?limit=100{query}", world["write"])
        assert response.status_code == 200
        return {item["id"] for item in response.json()["items"]}

    mine = world["mine"].pk
    assert ids("") == {mine}
    assert ids(f"&unit={world['province'].pk}") == {mine}
    assert ids(f"&unit={world['foreign'].pk}") == set()
    assert ids("&channel=tv") == set()
    assert ids("&channel=radio") == {mine}
    day = world["day"]
    assert ids(f"&happened_from={day}&happened_to={day}") == {mine}
    assert ids(f"&happened_from={day + dt.timedelta(days=1)}") == set()


def test_the_detail_shape(world: dict[str, Any]) -> None:
    response = call("get", f"/activities/{world['mine'].pk}", world["read"])

    assert response.status_code == 200
    body = response.json()
    assert body["unit_id"] == world["own"].pk
    assert body["task_id"] == world["task"].pk
    assert body["occurrence_id"] == world["mine"].occurrence_id
    assert body["channel"] == "radio"
    assert body["title"] == "Bản tin CCHC"
    assert body["attachments"] == []
    assert set(body) >= {"happened_on", "quantity", "measure", "link", "cost", "note"}


def test_log_update_and_delete_an_activity(world: dict[str, Any]) -> None:
    body = {
        "unit_id": world["own"].pk, "happened_on": str(world["day"]), "channel": "radio",
        "title": "Phát thanh chuyên mục CCHC", "quantity": 15, "measure": "minutes",
        "task_id": world["task"].pk, "cost": 200000, "link": "https://example.vn/bai",
    }  # fmt: skip
    created = call("post", "/activities/", world["write"], body)
    assert created.status_code == 201, created.content
    activity = created.json()
    assert activity["task_id"] == world["task"].pk
    assert activity["occurrence_id"] is not None
    assert float(activity["quantity"]) == 15

    patched = call(
        "patch", f"/activities/{activity['id']}", world["write"], {"title": "Đã sửa", "task_id": None}
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["title"] == "Đã sửa"
    assert patched.json()["task_id"] is None
    assert patched.json()["channel"] == "radio"

    assert call("delete", f"/activities/{activity['id']}", world["write"]).status_code == 204
    assert not Activity.objects.filter(pk=activity["id"]).exists()


def test_another_communes_activities_are_not_found_and_nothing_changes(world: dict[str, Any]) -> None:
    theirs = world["theirs"].pk
    before = ChangeLogEntry.objects.count()

    assert call("get", f"/activities/{theirs}", world["write"]).status_code == 404
    assert call("patch", f"/activities/{theirs}", world["write"], {"title": "x"}).status_code == 404
    assert call("delete", f"/activities/{theirs}", world["write"]).status_code == 404
    body = {
        "unit_id": world["foreign"].pk,
        "happened_on": str(world["day"]),
        "channel": "radio",
        "title": "x",
    }
    assert call("post", "/activities/", world["write"], body).status_code == 404
    body = {**body, "unit_id": world["own"].pk, "task_id": world["foreign_task"].pk}
    assert call("post", "/activities/", world["write"], body).status_code == 404
    assert ChangeLogEntry.objects.count() == before
    assert Activity.objects.get(pk=theirs).title != "x"


def test_a_read_token_may_not_write_and_nothing_changes(world: dict[str, Any]) -> None:
    mine = world["mine"].pk
    before = (ChangeLogEntry.objects.count(), Activity.objects.count())
    body = {"unit_id": world["own"].pk, "happened_on": str(world["day"]), "channel": "radio", "title": "x"}

    assert call("post", "/activities/", world["read"], body).status_code == 403
    assert call("patch", f"/activities/{mine}", world["read"], {"title": "x"}).status_code == 403
    assert call("delete", f"/activities/{mine}", world["read"]).status_code == 403
    assert (ChangeLogEntry.objects.count(), Activity.objects.count()) == before
    assert Activity.objects.get(pk=mine).title == "Bản tin CCHC"


@pytest.mark.parametrize(
    "change",
    [
        {"channel": "carrier_pigeon"},
        {"happened_on": "tomorrow"},
        {"quantity": 1e20},
        {"cost": -5},
        {"measure": "kilograms"},
        {"link": "javascript:alert(1)"},
        {"title": "   "},
        {"happened_on": "1999-12-31"},
    ],
)
def test_refused_input_is_400_with_a_message(world: dict[str, Any], change: dict[str, Any]) -> None:
    if change.get("happened_on") == "tomorrow":
        change = {"happened_on": str(timezone.localdate() + dt.timedelta(days=1))}
    body = {
        "unit_id": world["own"].pk,
        "happened_on": str(world["day"]),
        "channel": "radio",
        "title": "x",
        **change,
    }
    before = Activity.objects.count()

    response = call("post", "/activities/", world["write"], body)

    assert response.status_code == 400, response.content
    assert response.json()["detail"].endswith(".")
    assert Activity.objects.count() == before


@pytest.mark.parametrize(
    ("body", "raw"),
    [
        (None, "{not json"),
        (None, "[]"),
        ({"unit_id": 1, "happened_on": "31/12/2024", "channel": "radio", "title": "x"}, None),
        (
            {"unit_id": 1, "happened_on": "2024-01-01", "channel": "radio", "title": "x", "quantity": "many"},
            None,
        ),
        (
            {"unit_id": 1, "happened_on": "2024-01-01", "channel": "radio", "title": "x", "task_id": 10**15},
            None,
        ),
    ],
)
def test_malformed_input_is_refused_never_a_500(world: dict[str, Any], body: Any, raw: Any) -> None:
    response = call("post", "/activities/", world["write"], body, raw=raw)

    assert response.status_code in (400, 422), response.content
    assert "detail" in response.json()
