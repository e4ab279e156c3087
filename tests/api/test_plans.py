"""API /plans: plan JSON v1 with ids, the plan and task services behind it, scoped by unit."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from loa.accounts.choices import Role
from loa.accounts.services import create_api_token
from loa.audit.models import ChangeLogEntry
from loa.plans.models import Plan, Task
from loa.units.choices import Era, Level
from loa.units.models import Unit
from tests.activities import issued_plan, member_of, task_in
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


@dataclass
class World:
    province: Unit
    own: Unit
    foreign: Unit
    plan: Plan
    task: Task
    draft: Plan
    foreign_plan: Plan
    foreign_task: Task
    write: str  # read_write token of the own commune's editor
    read: str  # read token of the same editor


@pytest.fixture
def world() -> World:
    province = UnitFactory(level=Level.PROVINCE, era=Era.LEGACY)
    own = UnitFactory(level=Level.COMMUNE, era=Era.LEGACY, parent=province)
    foreign = UnitFactory(level=Level.COMMUNE, era=Era.LEGACY, parent=province)
    editor, other = member_of(own, Role.EDITOR), member_of(foreign, Role.EDITOR)
    plan = issued_plan(own, editor)
    task = task_in(plan, "Hằng tháng", editor, title="Chuyên mục CCHC trên Đài truyền thanh xã")
    draft = issued_plan(own, editor, year=2025, issued=False)
    foreign_plan = issued_plan(foreign, other)
    foreign_task = task_in(foreign_plan, "Hằng quý", other)
    _token, write = create_api_token(editor, name="w", scope="read_write", actor=editor)
    _token, read = create_api_token(editor, name="r", scope="read", actor=editor)
    return World(province, own, foreign, plan, task, draft, foreign_plan, foreign_task, write, read)


def call(method: str, path: str, token: str, body: Any = None, *, raw: str | None = None) -> Any:
    data = raw if raw is not None else (json.dumps(body) if body is not None else None)
    send = getattr(Client(), method)
    kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {token}"}}
    if data is not None:
        kwargs.update(data=data, content_type="application/json")
    return send(f"/api/v1{path}", **kwargs)


def test_the_list_holds_only_visible_plans_and_filters_by_subtree_year_and_status(world: World) -> None:
    def ids(query: str) -> set[int]:
        response = call("get", f"/plans/?limit=100{query}", world.write)
        assert response.status_code == 200
        return {item["id"] for item in response.json()["items"]}

    assert ids("") == {world.plan.pk, world.draft.pk}
    assert ids(f"&unit={world.province.pk}") == {world.plan.pk, world.draft.pk}
    assert ids(f"&unit={world.foreign.pk}") == set()
    assert ids("&year=2025") == {world.draft.pk}
    assert ids("&status=issued") == {world.plan.pk}
    item = call("get", "/plans/?year=2024", world.write).json()["items"][0]
    assert item == {
        "id": world.plan.pk, "unit_id": world.own.pk, "unit_name": world.own.name, "year": 2024,
        "number": world.plan.number, "symbol": "KH-UBND", "title": world.plan.title,
        "status": "issued", "issue_date": "2024-01-05",
    }  # fmt: skip


def test_the_detail_is_plan_json_v1_with_ids(world: World) -> None:
    response = call("get", f"/plans/{world.plan.pk}", world.read)

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == world.plan.pk
    assert body["unit_id"] == world.own.pk
    assert body["doc_type"] == "KH"
    assert body["number_and_symbol"] == world.plan.number_and_symbol
    assert body["level"] == "commune"
    assert body["based_on"] == []
    assert {"audiences", "content_themes", "channels", "reporting_periods", "section_titles"} <= set(body)
    [task] = body["tasks"]
    assert task["id"] == world.task.pk
    assert task["title"] == "Chuyên mục CCHC trên Đài truyền thanh xã"
    assert task["timing_text"] == "Hằng tháng"
    assert task["recurrence"] == "monthly"
    assert task["channel"] == "radio"
    assert set(task) >= {
        "position", "product", "lead", "cooperating", "end_timing_text", "start", "end",
        "count_per_period", "quota_measure", "quota_minimum", "estimated_cost",
    }  # fmt: skip


def test_create_update_and_issue_a_plan(world: World) -> None:
    created = call(
        "post", "/plans/", world.write, {"unit_id": world.own.pk, "year": 2026, "title": "KH 2026"}
    )
    assert created.status_code == 201, created.content
    plan_id = created.json()["id"]
    assert created.json()["status"] == "draft"

    patched = call(
        "patch", f"/plans/{plan_id}", world.write, {"title": "Kế hoạch năm 2026", "channels": ["radio"]}
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["title"] == "Kế hoạch năm 2026"
    assert patched.json()["channels"] == ["radio"]
    assert patched.json()["year"] == 2026  # unsent fields are kept

    issued = call("post", f"/plans/{plan_id}/issue", world.write, {"issue_date": "2026-01-10"})
    assert issued.status_code == 200, issued.content
    assert issued.json()["status"] == "issued"
    assert issued.json()["number"] == 1
    assert call("post", f"/plans/{plan_id}/issue", world.write, {}).status_code == 400  # already issued


def test_add_update_and_delete_a_task(world: World) -> None:
    body = {
        "title": "Tập huấn CCHC",
        "timing_text": "Quý II",
        "lead": "Văn phòng UBND xã",
        "estimated_cost": 5e6,
    }
    added = call("post", f"/plans/{world.plan.pk}/tasks", world.write, body)
    assert added.status_code == 201, added.content
    task = added.json()
    assert task["position"] == 1
    assert task["lead"] == "Văn phòng UBND xã"
    assert task["estimated_cost"] in ("5000000", 5000000)

    patched = call("patch", f"/plans/tasks/{task['id']}", world.write, {"product": "Hội nghị tập huấn"})
    assert patched.status_code == 200, patched.content
    assert patched.json()["product"] == "Hội nghị tập huấn"
    assert patched.json()["title"] == "Tập huấn CCHC"
    assert call("get", f"/plans/tasks/{task['id']}", world.read).json()["product"] == "Hội nghị tập huấn"

    assert call("delete", f"/plans/tasks/{task['id']}", world.write).status_code == 204
    assert not Task.objects.filter(pk=task["id"]).exists()


def test_occurrences_are_listed_with_filters(world: World) -> None:
    response = call("get", f"/plans/occurrences?limit=100&unit={world.province.pk}&year=2024", world.read)

    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 12
    assert {item["task_id"] for item in items} == {world.task.pk}
    assert items[0]["plan_id"] == world.plan.pk
    assert items[0]["unit_id"] == world.own.pk
    march = call("get", "/plans/occurrences?due_from=2024-03-01&due_to=2024-03-31", world.read).json()
    assert march["count"] == 1
    assert march["items"][0]["due_date"].startswith("2024-03")


def test_another_communes_plans_tasks_and_occurrences_are_not_found(world: World) -> None:
    before = ChangeLogEntry.objects.count()
    foreign_plan, foreign_task = world.foreign_plan.pk, world.foreign_task.pk

    assert call("get", f"/plans/{foreign_plan}", world.write).status_code == 404
    assert call("get", f"/plans/tasks/{foreign_task}", world.write).status_code == 404
    assert call("patch", f"/plans/{foreign_plan}", world.write, {"title": "x"}).status_code == 404
    assert call("post", f"/plans/{foreign_plan}/issue", world.write, {}).status_code == 404
    assert call("post", f"/plans/{foreign_plan}/tasks", world.write, {"title": "x"}).status_code == 404
    assert call("patch", f"/plans/tasks/{foreign_task}", world.write, {"title": "x"}).status_code == 404
    assert call("delete", f"/plans/tasks/{foreign_task}", world.write).status_code == 404
    body = {"unit_id": world.foreign.pk, "year": 2026, "title": "x"}
    assert call("post", "/plans/", world.write, body).status_code == 404
    occurrences = call("get", "/plans/occurrences?limit=1000", world.write).json()["items"]
    assert {o["task_id"] for o in occurrences} == {world.task.pk}
    assert ChangeLogEntry.objects.count() == before
    assert Task.objects.filter(pk=foreign_task).exists()


def test_a_province_viewer_reads_but_may_not_write(world: World) -> None:
    viewer = member_of(world.province, Role.VIEWER)
    _token, raw = create_api_token(viewer, name="v", scope="read_write", actor=viewer)

    assert call("get", f"/plans/{world.foreign_plan.pk}", raw).status_code == 200
    assert call("patch", f"/plans/{world.foreign_plan.pk}", raw, {"title": "x"}).status_code == 403
    assert call("delete", f"/plans/tasks/{world.foreign_task.pk}", raw).status_code == 403
    assert Plan.objects.get(pk=world.foreign_plan.pk).title != "x"


def test_a_read_token_may_not_write_and_nothing_changes(world: World) -> None:
    before = (ChangeLogEntry.objects.count(), Plan.objects.count(), Task.objects.count())
    writes = [
        ("post", "/plans/", {"unit_id": world.own.pk, "year": 2026, "title": "x"}),
        ("patch", f"/plans/{world.draft.pk}", {"title": "x"}),
        ("post", f"/plans/{world.draft.pk}/issue", {"issue_date": "2025-01-02"}),
        ("post", f"/plans/{world.plan.pk}/tasks", {"title": "x"}),
        ("patch", f"/plans/tasks/{world.task.pk}", {"title": "x"}),
        ("delete", f"/plans/tasks/{world.task.pk}", None),
    ]
    for method, path, body in writes:
        assert call(method, path, world.read, body).status_code == 403, (method, path)
    assert (ChangeLogEntry.objects.count(), Plan.objects.count(), Task.objects.count()) == before
    assert Plan.objects.get(pk=world.draft.pk).status == "draft"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/plans/{plan}/tasks", {"title": "x", "channel": "carrier_pigeon"}),
        ("/plans/{plan}/tasks", {"title": "   "}),
        ("/plans/{plan}/tasks", {"title": "x", "estimated_cost": 1e20}),
        ("/plans/{plan}/tasks", {"title": "x", "recurrence": "hourly"}),
        ("/plans/", {"unit_id": "{unit}", "year": 2026, "title": "x", "channels": ["fax"]}),
        ("/plans/", {"unit_id": "{unit}", "year": 2026, "title": "  "}),
    ],
)
def test_refused_input_is_400_with_a_message_and_changes_nothing(world: World, path: str, body: dict) -> None:
    before = (Plan.objects.count(), Task.objects.count())
    body = {k: world.own.pk if v == "{unit}" else v for k, v in body.items()}

    response = call("post", path.format(plan=world.plan.pk), world.write, body)

    assert response.status_code == 400, response.content
    assert response.json()["detail"].endswith(".")
    assert (Plan.objects.count(), Task.objects.count()) == before


@pytest.mark.parametrize(
    ("method", "path", "body", "raw"),
    [
        ("post", "/plans/", None, "{not json"),
        ("post", "/plans/", {"unit_id": 1, "year": 1900, "title": "x"}, None),
        ("post", "/plans/", {"unit_id": 10**12, "year": 2026, "title": "x"}, None),
        ("post", "/plans/{plan}/tasks", {"title": "x\x00"}, None),
        ("post", "/plans/{plan}/issue", {"number": -3}, None),
        ("patch", "/plans/{plan}", {"year": "soon"}, None),
        ("get", "/plans/?year=abc", None, None),
    ],
)
def test_malformed_input_is_refused_and_never_a_500(
    world: World, method: str, path: str, body: Any, raw: Any
) -> None:
    response = call(method, path.format(plan=world.draft.pk), world.write, body, raw=raw)

    assert response.status_code in (400, 422), response.content
    assert "detail" in response.json()
