"""No API operation lets commune A's editor see or touch commune B's data.

Two communes of one province hold data of every kind, built through the services. The
operations are read from /api/v1/openapi.json, so a new endpoint fails here until it is
mapped to the kind of record its ids name (PATH_KINDS) and, if it writes, given a call
with B's ids (WRITES). Every list is read whole and must hold A's records and none of
B's; every detail called with B's ids is a 404; every write with B's ids is a 403 or 404
and leaves every table as it was. B's records all carry MARK, which no response may show.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from loa.accounts.choices import Role
from loa.accounts.services import create_api_token
from loa.feedback.choices import Kind
from loa.feedback.services import FeedbackInput, submit_feedback
from loa.indices.services import IndexInput, record_index
from loa.reports.services import create_report
from loa.units.choices import Era, Level
from loa.units.models import Unit
from tests.activities import issued_plan, log, member_of, task_in
from tests.surveys import answer_all, open_survey_of
from tests.units.factories import AgencyFactory, UnitFactory

pytestmark = pytest.mark.django_db

MARK = "Zzleakbzz"  # in every text of commune B's records

# Each path of the schema → the kind of record its path parameter (or its list items) names.
PATH_KINDS: dict[str, str] = {
    "/api/v1/units/": "units",
    "/api/v1/units/{unit_id}": "units",
    "/api/v1/units/{unit_id}/agencies": "units",
    "/api/v1/plans/": "plans",
    "/api/v1/plans/occurrences": "occurrences",
    "/api/v1/plans/{plan_id}": "plans",
    "/api/v1/plans/{plan_id}/issue": "plans",
    "/api/v1/plans/{plan_id}/tasks": "plans",
    "/api/v1/plans/tasks/{task_id}": "tasks",
    "/api/v1/activities/": "activities",
    "/api/v1/activities/bulk": "units",
    "/api/v1/activities/{activity_id}": "activities",
    "/api/v1/reports/": "reports",
    "/api/v1/reports/{report_id}": "reports",
    "/api/v1/reports/{report_id}/submit": "reports",
    "/api/v1/feedback/": "feedback",
    "/api/v1/feedback/{feedback_id}": "feedback",
    "/api/v1/feedback/{feedback_id}/answer": "feedback",
    "/api/v1/feedback/{feedback_id}/publish": "feedback",
    "/api/v1/surveys/": "surveys",
    "/api/v1/surveys/{survey_id}/results": "surveys",
    "/api/v1/indices/": "indices",
    "/api/v1/indices/{index_id}": "indices",
}
# List filters that take a record id, by the kind of record they name.
FILTER_KINDS = {"unit": "units", "plan": "plans", "task": "tasks"}
# Tables a refused write must leave as they were (API tokens record their last use, the
# session and cache tables are not the domain's).
UNTOUCHED_APPS = ("units", "plans", "activities", "reports", "feedback", "surveys", "indices", "audit")


@dataclass
class Commune:
    unit: Unit
    ids: dict[str, list[int]] = field(default_factory=dict)


def build_commune(unit: Unit, actor: Any, admin: Any, *, text: str = "") -> Commune:
    """An issued 2024 plan with two tasks, activities, reports, feedback, a survey and indices."""
    cache.clear()  # the feedback rate limit counts in the cache
    agency = AgencyFactory(unit=unit, name=f"Bộ phận một cửa {text}")
    plan = issued_plan(unit, actor, year=2024)
    radio = task_in(plan, "Hằng quý", actor, title=f"Phát thanh CCHC {text}", channel="radio")
    task_in(plan, "Quý II/2024", actor, title=f"Hội nghị CCHC {text}", channel="conference")
    activities = [
        log(unit, dt.date(2024, 2, 10), actor, task=radio, channel="radio", quantity=20, measure="minutes",
            title=f"Phát thanh tháng 2 {text}"),
        log(unit, dt.date(2024, 5, 3), actor, channel="portal", title=f"Tin trên cổng {text}"),
    ]  # fmt: skip
    reports = [
        create_report(unit, kind="quarterly", year=2024, index=1, actor=actor),
        create_report(unit, kind="annual", year=2024, actor=actor),
    ]
    feedback = [
        submit_feedback(
            unit,
            FeedbackInput(
                topic="procedure",
                name=f"Người dân {text}",
                phone="0912 345 678",
                email="dan@example.vn",
                content=f"Hồ sơ chậm trả kết quả {text}",
                kind=kind,
            ),
            client=f"{unit.pk}-{kind}",
        )
        for kind in (Kind.FEEDBACK, Kind.QUESTION)
    ]
    survey = open_survey_of(unit, actor, title=f"Khảo sát hài lòng {text}")
    answer_all(survey, 4, device=f"thiet-bi-{unit.pk}")
    indices = [
        record_index(
            unit, data=IndexInput(year=2024, kind=kind, value=Decimal(value), source=text), actor=admin
        )
        for kind, value in (("par_index", "85.5"), ("sipas", "90"))
    ]
    return Commune(
        unit=unit,
        ids={
            "units": [unit.pk],
            "agencies": [agency.pk],
            "plans": [plan.pk],
            "tasks": list(plan.tasks.values_list("pk", flat=True)),
            "occurrences": list(
                apps.get_model("plans", "Occurrence")
                .objects.filter(task__plan=plan)
                .values_list("pk", flat=True)
            ),
            "activities": [activity.pk for activity in activities],
            "reports": [report.pk for report in reports],
            "feedback": [item.pk for item in feedback],
            "surveys": [survey.pk],
            "indices": [value.pk for value in indices],
        },
    )


@dataclass
class Scene:
    a: Commune
    b: Commune
    raw: str  # read_write token of A's editor


@pytest.fixture
def scene(db: None) -> Scene:
    province = UnitFactory(level=Level.PROVINCE, era=Era.CURRENT)
    unit_a = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    unit_b = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province, name=f"Xã {MARK}")
    admin = member_of(province, Role.ADMIN)
    editor_a = member_of(unit_a, Role.EDITOR)
    a = build_commune(unit_a, editor_a, admin)
    b = build_commune(unit_b, member_of(unit_b, Role.EDITOR), admin, text=MARK)
    raw = create_api_token(editor_a, name="tích hợp", scope="read_write", actor=editor_a)[1]
    return Scene(a=a, b=b, raw=raw)


def schema_operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = Client().get("/api/v1/openapi.json").json()
    return [
        (method.upper(), path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def call(method: str, path: str, raw: str, *, body: Any = None, files: dict[str, Any] | None = None) -> Any:
    headers = {"Authorization": f"Bearer {raw}"}
    client = Client()
    if method == "GET":
        return client.get(path, headers=headers)
    if files is not None:
        return client.post(path, data=files, headers=headers)
    return client.generic(
        method, path, json.dumps(body if body is not None else {}), "application/json", headers=headers
    )


def path_with(path: str, record_id: int) -> str:
    start, end = path.index("{"), path.index("}")
    return path[:start] + str(record_id) + path[end + 1 :]


def assert_no_mark(response: Any) -> None:
    assert MARK not in response.content.decode(), f"{response.request['PATH_INFO']} shows commune B's data"


def test_every_path_of_the_schema_is_mapped_to_a_kind_of_record() -> None:
    paths = {path for _method, path, _operation in schema_operations()}
    assert paths == set(PATH_KINDS), "map each new path in PATH_KINDS (and WRITES if it writes)"


def test_no_read_shows_another_communes_records(scene: Scene) -> None:
    reads = [(path, op) for method, path, op in schema_operations() if method == "GET"]
    assert reads
    for path, operation in reads:
        kind = PATH_KINDS[path]
        if "{" in path:
            own = call("GET", path_with(path, scene.a.ids[kind][0]), scene.raw)
            assert own.status_code == 200, (path, own.content)
            assert_no_mark(own)
            for foreign_id in scene.b.ids[kind]:
                response = call("GET", path_with(path, foreign_id), scene.raw)
                assert response.status_code == 404, (path, foreign_id, response.status_code)
                assert_no_mark(response)
            continue
        response = call("GET", f"{path}?limit=1000", scene.raw)
        assert response.status_code == 200, (path, response.content)
        listed = {item["id"] for item in response.json()["items"]}
        assert set(scene.a.ids[kind]) <= listed, f"{path} should list A's {kind}"
        assert not listed & set(scene.b.ids[kind]), f"{path} lists B's {kind}"
        assert_no_mark(response)
        for parameter in operation.get("parameters", []):
            filter_kind = FILTER_KINDS.get(parameter["name"]) if parameter["in"] == "query" else None
            for foreign_id in scene.b.ids[filter_kind] if filter_kind else []:
                filtered = call("GET", f"{path}?limit=1000&{parameter['name']}={foreign_id}", scene.raw)
                assert filtered.status_code in (200, 404), (path, parameter["name"], filtered.status_code)
                if filtered.status_code == 200:
                    assert not {item["id"] for item in filtered.json()["items"]} & set(scene.b.ids[kind])
                assert_no_mark(filtered)


def _csv(task_id: int) -> dict[str, Any]:
    text = "date,channel,title,quantity,measure,cost,link,task_id\n"
    text += f"2024-02-11,radio,Phát thanh,5,minutes,0,,{task_id}\n"
    return {"file": SimpleUploadedFile("nhat-ky.csv", text.encode(), content_type="text/csv")}


Write = Callable[[Scene], tuple[str, dict[str, Any]]]
TASK_BODY = {"title": "Nhiệm vụ mới", "timing_text": "Hằng quý"}
ACTIVITY_BODY = {"happened_on": "2024-02-12", "channel": "radio", "title": "Phát thanh", "quantity": "5",
                 "measure": "minutes"}  # fmt: skip

# Each write operation → calls that name B's records (in the path or the body).
WRITES: dict[tuple[str, str], list[Write]] = {
    ("POST", "/api/v1/plans/"): [
        lambda s: ("/api/v1/plans/", {"body": {"unit_id": s.b.unit.pk, "year": 2026, "title": "Kế hoạch"}}),
    ],
    ("PATCH", "/api/v1/plans/{plan_id}"): [
        lambda s: (f"/api/v1/plans/{s.b.ids['plans'][0]}", {"body": {"title": "Đã sửa"}}),
    ],
    ("POST", "/api/v1/plans/{plan_id}/issue"): [
        lambda s: (f"/api/v1/plans/{s.b.ids['plans'][0]}/issue", {"body": {}}),
    ],
    ("POST", "/api/v1/plans/{plan_id}/tasks"): [
        lambda s: (f"/api/v1/plans/{s.b.ids['plans'][0]}/tasks", {"body": TASK_BODY}),
    ],
    ("PATCH", "/api/v1/plans/tasks/{task_id}"): [
        lambda s: (f"/api/v1/plans/tasks/{s.b.ids['tasks'][0]}", {"body": {"title": "Đã sửa"}}),
    ],
    ("DELETE", "/api/v1/plans/tasks/{task_id}"): [
        lambda s: (f"/api/v1/plans/tasks/{s.b.ids['tasks'][1]}", {}),
    ],
    ("POST", "/api/v1/activities/"): [
        lambda s: ("/api/v1/activities/", {"body": {**ACTIVITY_BODY, "unit_id": s.b.unit.pk}}),
        # A's own unit, but B's task or period: the link must be refused too.
        lambda s: (
            "/api/v1/activities/",
            {"body": {**ACTIVITY_BODY, "unit_id": s.a.unit.pk, "task_id": s.b.ids["tasks"][0]}},
        ),
        lambda s: (
            "/api/v1/activities/",
            {
                "body": {
                    **ACTIVITY_BODY,
                    "unit_id": s.a.unit.pk,
                    "task_id": s.a.ids["tasks"][0],
                    "occurrence_id": s.b.ids["occurrences"][0],
                }
            },
        ),
    ],
    ("POST", "/api/v1/activities/bulk"): [
        lambda s: (f"/api/v1/activities/bulk?unit_id={s.b.unit.pk}", {"files": _csv(s.b.ids["tasks"][0])}),
        # A's own unit with B's task in a row: refused row by row (400), like a task that does not exist.
        lambda s: (
            f"/api/v1/activities/bulk?unit_id={s.a.unit.pk}",
            {"files": _csv(s.b.ids["tasks"][0]), "refused_with": (400,)},
        ),
    ],
    ("PATCH", "/api/v1/activities/{activity_id}"): [
        lambda s: (f"/api/v1/activities/{s.b.ids['activities'][0]}", {"body": {"title": "Đã sửa"}}),
        lambda s: (
            f"/api/v1/activities/{s.a.ids['activities'][1]}",
            {"body": {"task_id": s.b.ids["tasks"][0]}},
        ),
    ],
    ("DELETE", "/api/v1/activities/{activity_id}"): [
        lambda s: (f"/api/v1/activities/{s.b.ids['activities'][0]}", {}),
    ],
    ("POST", "/api/v1/reports/{report_id}/submit"): [
        lambda s: (f"/api/v1/reports/{s.b.ids['reports'][0]}/submit", {"body": {}}),
    ],
    ("POST", "/api/v1/feedback/{feedback_id}/answer"): [
        lambda s: (f"/api/v1/feedback/{s.b.ids['feedback'][0]}/answer", {"body": {"answer": "Đã xử lý."}}),
    ],
    ("POST", "/api/v1/feedback/{feedback_id}/publish"): [
        lambda s: (f"/api/v1/feedback/{s.b.ids['feedback'][0]}/publish", {"body": {"summary": "Tóm tắt"}}),
    ],
}


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of the domain's tables, to show a refused call changed nothing."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for app in UNTOUCHED_APPS
        for model in apps.get_app_config(app).get_models()
    }


def test_every_write_operation_has_calls_with_another_communes_records() -> None:
    writes = {(method, path) for method, path, _operation in schema_operations() if method != "GET"}
    assert writes == set(WRITES), "give each new write operation its calls in WRITES"


def test_no_write_touches_another_communes_records(scene: Scene) -> None:
    before = snapshot()
    for (method, _path), calls in WRITES.items():
        for make in calls:
            path, kwargs = make(scene)
            refused_with = kwargs.pop("refused_with", (403, 404))
            response = call(method, path, scene.raw, **kwargs)
            assert response.status_code in refused_with, (
                method,
                path,
                response.status_code,
                response.content,
            )
            assert_no_mark(response)
    assert snapshot() == before
