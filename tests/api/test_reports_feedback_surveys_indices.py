"""The API of reports, feedback, surveys and indices: scoped like the pages, writes via services."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from loa.accounts.choices import Role
from loa.accounts.services import create_api_token
from loa.feedback.choices import Status
from loa.feedback.models import Feedback
from loa.feedback.services import FeedbackInput, submit_feedback
from loa.indices.services import IndexInput, record_index
from loa.reports.choices import ReportStatus
from loa.reports.models import Report
from loa.reports.services import create_report
from loa.units.choices import Era, Level
from loa.units.models import Unit
from tests.activities import member_of
from tests.surveys import answer_all, open_survey_of
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes() -> tuple[Unit, Unit, Unit]:
    """A province and two of its communes."""
    cache.clear()  # the feedback rate limit counts in the cache
    province = UnitFactory(level=Level.PROVINCE, era=Era.CURRENT)
    a = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    b = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    return province, a, b


def token_of(user: Any, scope: str = "read_write") -> str:
    return create_api_token(user, name="tích hợp", scope=scope, actor=user)[1]


def get(path: str, token: str) -> Any:
    return Client().get(path, headers={"Authorization": f"Bearer {token}"})


def post(path: str, token: str, body: dict[str, Any] | None = None) -> Any:
    return Client().post(
        path,
        data=json.dumps(body or {}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def feedback_of(unit: Unit, **fields: Any) -> Feedback:
    values: dict[str, Any] = {
        "topic": "procedure",
        "name": "Nguyễn Văn Dân",
        "phone": "0912 345 678",
        "email": "dan@example.vn",
        "content": "Hồ sơ khai sinh chưa được trả kết quả.",
    }
    values.update(fields)
    return submit_feedback(unit, FeedbackInput(**values), client=f"test-{unit.pk}-{Feedback.objects.count()}")


# --- reports ---------------------------------------------------------------------------


def test_reports_are_listed_by_filters_within_the_users_units(communes: tuple[Unit, Unit, Unit]) -> None:
    province, a, b = communes
    staff = member_of(province, Role.EDITOR)
    q1 = create_report(a, kind="quarterly", year=2024, index=1, actor=staff)
    annual = create_report(a, kind="annual", year=2024, actor=staff)
    older = create_report(a, kind="quarterly", year=2023, index=4, actor=staff)
    foreign = create_report(b, kind="quarterly", year=2024, index=1, actor=staff)
    raw = token_of(member_of(a, Role.EDITOR), scope="read")

    assert ids(get("/api/v1/reports/", raw)) == {q1.pk, annual.pk, older.pk}
    assert ids(get("/api/v1/reports/?year=2024", raw)) == {q1.pk, annual.pk}
    assert ids(get("/api/v1/reports/?year=2024&kind=annual", raw)) == {annual.pk}
    assert ids(get("/api/v1/reports/?status=submitted", raw)) == set()
    assert ids(get(f"/api/v1/reports/?unit={a.pk}", raw)) == {q1.pk, annual.pk, older.pk}
    assert get(f"/api/v1/reports/?unit={b.pk}", raw).status_code == 404
    assert get(f"/api/v1/reports/{foreign.pk}", raw).status_code == 404
    # The province's staff see both communes, and filter on one subtree.
    province_raw = token_of(staff, scope="read")
    assert ids(get(f"/api/v1/reports/?unit={b.pk}", province_raw)) == {foreign.pk}
    assert ids(get(f"/api/v1/reports/?unit={province.pk}&year=2024", province_raw)) == {
        q1.pk,
        annual.pk,
        foreign.pk,
    }


def test_a_report_shows_its_figures_narrative_score_window_and_due_date(
    communes: tuple[Unit, Unit, Unit],
) -> None:
    _province, a, _b = communes
    editor = member_of(a, Role.EDITOR)
    report = create_report(a, kind="quarterly", year=2024, index=1, actor=editor)

    body = get(f"/api/v1/reports/{report.pk}", token_of(editor, "read")).json()

    assert body["unit_id"] == a.pk
    assert (body["year"], body["kind"], body["index"]) == (2024, "quarterly", 1)
    assert (body["window_start"], body["window_end"]) == ("2023-12-15", "2024-03-14")
    assert body["due_date"] == report.due_date.isoformat()
    assert body["status"] == "draft"
    assert body["submitted_at"] is None
    assert body["figures"] == json.loads(json.dumps(report.figures))
    assert body["narrative"] == report.narrative
    assert body["score"] == json.loads(json.dumps(report.score))


def test_an_integration_submits_a_report_through_the_service(communes: tuple[Unit, Unit, Unit]) -> None:
    _province, a, _b = communes
    editor = member_of(a, Role.EDITOR)
    report = create_report(a, kind="quarterly", year=2024, index=1, actor=editor)
    raw = token_of(editor)

    response = post(f"/api/v1/reports/{report.pk}/submit", raw)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert response.json()["submitted_at"] is not None
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == editor
    again = post(f"/api/v1/reports/{report.pk}/submit", raw)
    assert again.status_code == 400
    assert again.json()["code"] == "report_refused"


def test_a_viewer_or_a_read_token_cannot_submit_and_nothing_changes(
    communes: tuple[Unit, Unit, Unit],
) -> None:
    _province, a, _b = communes
    editor, viewer = member_of(a, Role.EDITOR), member_of(a, Role.VIEWER)
    report = create_report(a, kind="quarterly", year=2024, index=1, actor=editor)

    assert post(f"/api/v1/reports/{report.pk}/submit", token_of(viewer)).status_code == 403
    assert post(f"/api/v1/reports/{report.pk}/submit", token_of(editor, "read")).status_code == 403
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


# --- feedback --------------------------------------------------------------------------


def test_feedback_is_listed_by_unit_status_and_overdue(
    communes: tuple[Unit, Unit, Unit], monkeypatch: pytest.MonkeyPatch
) -> None:
    _province, a, b = communes
    fresh, late, answered = feedback_of(a), feedback_of(a), feedback_of(a)
    Feedback.objects.filter(pk=late.pk).update(due_date=dt.date(2020, 1, 1))
    Feedback.objects.filter(pk=answered.pk).update(status=Status.ANSWERED, due_date=dt.date(2020, 1, 1))
    foreign = feedback_of(b)
    raw = token_of(member_of(a, Role.VIEWER), "read")

    assert ids(get("/api/v1/feedback/", raw)) == {fresh.pk, late.pk, answered.pk}
    assert ids(get("/api/v1/feedback/?overdue=true", raw)) == {late.pk}
    assert ids(get("/api/v1/feedback/?status=answered", raw)) == {answered.pk}
    assert ids(get(f"/api/v1/feedback/?unit={a.pk}&kind=feedback", raw)) == {fresh.pk, late.pk, answered.pk}
    assert get(f"/api/v1/feedback/?unit={b.pk}", raw).status_code == 404
    assert get(f"/api/v1/feedback/{foreign.pk}", raw).status_code == 404
    assert get("/api/v1/feedback/?status=nonsense", raw).status_code == 400


def test_contact_details_go_only_to_those_who_handle_the_feedback(communes: tuple[Unit, Unit, Unit]) -> None:
    _province, a, _b = communes
    feedback = feedback_of(a)

    handler = get(f"/api/v1/feedback/{feedback.pk}", token_of(member_of(a, Role.REPORTER), "read")).json()
    viewer = get(f"/api/v1/feedback/{feedback.pk}", token_of(member_of(a, Role.VIEWER), "read")).json()
    listed = get("/api/v1/feedback/", token_of(member_of(a, Role.EDITOR), "read")).json()["items"][0]

    contact = {"name": "Nguyễn Văn Dân", "phone": "0912 345 678", "email": "dan@example.vn"}
    assert handler["contact"] == contact
    assert viewer["contact"] is None
    assert viewer["content"] == feedback.content
    assert "345 678" not in json.dumps(listed)
    assert "dan@example.vn" not in json.dumps(listed)


def test_staff_answer_then_publish_through_the_services(communes: tuple[Unit, Unit, Unit]) -> None:
    _province, a, _b = communes
    feedback = feedback_of(a)
    raw = token_of(member_of(a, Role.REPORTER))

    empty = post(f"/api/v1/feedback/{feedback.pk}/answer", raw, {"answer": "   "})
    assert empty.status_code == 400
    assert Feedback.objects.get(pk=feedback.pk).status == Status.RECEIVED

    answered = post(f"/api/v1/feedback/{feedback.pk}/answer", raw, {"answer": "Đã trả kết quả ngày 05/3."})
    assert answered.status_code == 200, answered.content
    assert answered.json()["status"] == "answered"
    published = post(f"/api/v1/feedback/{feedback.pk}/publish", raw, {"summary": "Hồ sơ khai sinh chậm."})
    assert published.status_code == 200, published.content
    feedback.refresh_from_db()
    assert (feedback.status, feedback.public_summary) == (Status.PUBLISHED, "Hồ sơ khai sinh chậm.")
    assert feedback.answer == "Đã trả kết quả ngày 05/3."
    assert post(f"/api/v1/feedback/{feedback.pk}/publish", raw, {}).status_code == 400


def test_a_viewer_cannot_answer_and_nothing_changes(communes: tuple[Unit, Unit, Unit]) -> None:
    _province, a, _b = communes
    feedback = feedback_of(a)

    response = post(
        f"/api/v1/feedback/{feedback.pk}/answer", token_of(member_of(a, Role.VIEWER)), {"answer": "x"}
    )

    assert response.status_code == 403
    feedback.refresh_from_db()
    assert (feedback.status, feedback.answer) == (Status.RECEIVED, "")


# --- surveys ---------------------------------------------------------------------------


def test_surveys_list_their_responses_and_results_per_element(communes: tuple[Unit, Unit, Unit]) -> None:
    _province, a, b = communes
    editor = member_of(a, Role.EDITOR)
    survey = open_survey_of(a, editor)
    answer_all(survey, 5, device="d1")
    answer_all(survey, 2, device="d2")
    foreign = open_survey_of(b)
    raw = token_of(editor, "read")

    listed = get("/api/v1/surveys/", raw).json()["items"]
    result = get(f"/api/v1/surveys/{survey.pk}/results", raw)

    assert [(row["id"], row["responses"], row["status"]) for row in listed] == [(survey.pk, 2, "open")]
    assert ids(get("/api/v1/surveys/?status=draft", raw)) == set()
    assert result.status_code == 200, result.content
    body = result.json()
    assert (body["survey_id"], body["responses"], body["rule"]) == (survey.pk, 2, "top_2_box")
    assert body["overall"] == 50.0
    assert [row["element"] for row in body["per_element"]] == [
        "tiep_can",
        "thu_tuc",
        "cong_chuc",
        "ket_qua",
        "gop_y",
    ]
    assert {row["index"] for row in body["per_element"]} == {50.0}
    assert get(f"/api/v1/surveys/{foreign.pk}/results", raw).status_code == 404


# --- indices ---------------------------------------------------------------------------


def test_indices_are_listed_by_unit_year_and_kind_within_the_users_units(
    communes: tuple[Unit, Unit, Unit],
) -> None:
    province, a, b = communes
    admin = member_of(province, Role.ADMIN)
    par_2024 = record_index(
        a, data=IndexInput(year=2024, kind="par_index", value=Decimal("85.25")), actor=admin
    )
    sipas_2024 = record_index(a, data=IndexInput(year=2024, kind="sipas", value=Decimal("91")), actor=admin)
    par_2023 = record_index(a, data=IndexInput(year=2023, kind="par_index", value=Decimal("80")), actor=admin)
    foreign = record_index(b, data=IndexInput(year=2024, kind="par_index", value=Decimal("70")), actor=admin)
    raw = token_of(member_of(a, Role.VIEWER), "read")

    assert ids(get("/api/v1/indices/", raw)) == {par_2024.pk, sipas_2024.pk, par_2023.pk}
    assert ids(get("/api/v1/indices/?year=2024&kind=par_index", raw)) == {par_2024.pk}
    assert get(f"/api/v1/indices/{par_2024.pk}", raw).json()["value"] == 85.25
    assert get(f"/api/v1/indices/{foreign.pk}", raw).status_code == 404
    assert get(f"/api/v1/indices/?unit={b.pk}", raw).status_code == 404
    assert ids(get(f"/api/v1/indices/?unit={province.pk}&year=2024", token_of(admin, "read"))) == {
        par_2024.pk,
        sipas_2024.pk,
        foreign.pk,
    }
