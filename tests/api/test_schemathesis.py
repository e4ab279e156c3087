"""Schemathesis drives every operation of /api/v1 against a live server, with data in place.

For each operation it generates requests from the OpenAPI schema (valid and invalid
parameters and bodies, real and made-up ids) and sends them with a commune editor's
read_write token: no response may be a server error, and every response must match
the schema (status code documented or an error body, content type, JSON body).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from loa.accounts.choices import Role
from loa.accounts.services import create_api_token
from loa.api.app import api
from loa.units.choices import Era, Level
from tests.activities import member_of
from tests.api.test_no_leaks import PATH_KINDS, TASK_BODY, Commune, build_commune
from tests.units.factories import UnitFactory

CHECKS = [
    checks.not_a_server_error,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@dataclass
class Live:
    raw: str  # read_write token of the commune's editor
    own: Commune


@pytest.fixture
def live(transactional_db: None) -> Live:
    """Commune A's editor, with two communes' data of every kind in place."""
    province = UnitFactory(level=Level.PROVINCE, era=Era.CURRENT)
    own = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    other = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    admin = member_of(province, Role.ADMIN)
    editor = member_of(own, Role.EDITOR)
    commune = build_commune(own, editor, admin)
    build_commune(other, member_of(other, Role.EDITOR), admin)
    return Live(create_api_token(editor, name="schemathesis", scope="read_write", actor=editor)[1], commune)


# The schema as the live server publishes it at /api/v1/openapi.json, read once at import
# so that each operation is a test of its own.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_within_its_schema(case: Any, live_server: Any, live: Live) -> None:
    case.call_and_validate(
        base_url=live_server.url, headers={"Authorization": f"Bearer {live.raw}"}, checks=CHECKS
    )


def test_records_that_exist_are_shown_and_changed_within_the_schema(live_server: Any, live: Live) -> None:
    """Generated ids seldom hit a record: read each of the commune's own, and act on some."""
    headers = {"Authorization": f"Bearer {live.raw}"}
    ids = live.own.ids
    calls: list[tuple[str, str, dict[str, Any]]] = [
        (
            method,
            path,
            {"path_parameters": {path[path.index("{") + 1 : path.index("}")]: ids[PATH_KINDS[path]][0]}},
        )
        for path, operations in schema.raw_schema["paths"].items()
        for method in operations
        if method == "get" and "{" in path
    ]
    calls += [
        ("post", "/api/v1/reports/{report_id}/submit", {"path_parameters": {"report_id": ids["reports"][0]}}),
        ("post", "/api/v1/feedback/{feedback_id}/answer",
         {"path_parameters": {"feedback_id": ids["feedback"][0]}, "body": {"answer": "Đã trả kết quả."}}),
        ("post", "/api/v1/feedback/{feedback_id}/publish",
         {"path_parameters": {"feedback_id": ids["feedback"][0]}, "body": {"summary": "Hồ sơ chậm."}}),
        ("post", "/api/v1/plans/{plan_id}/tasks",
         {"path_parameters": {"plan_id": ids["plans"][0]}, "body": TASK_BODY}),
        ("patch", "/api/v1/activities/{activity_id}",
         {"path_parameters": {"activity_id": ids["activities"][0]}, "body": {"title": "Phát thanh (sửa)"}}),
        ("get", "/api/v1/plans/occurrences", {"query": {"plan": ids["plans"][0]}}),
    ]  # fmt: skip
    for method, path, parts in calls:
        case = schema[path][method.upper()].Case(**parts)
        response = case.call_and_validate(base_url=live_server.url, headers=headers, checks=CHECKS)
        assert response.status_code in (200, 201), (method, path, response.text)
