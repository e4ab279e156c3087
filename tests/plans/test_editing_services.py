"""Editing plans and their tasks: one change-log row per change, and refusals that change nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from loa.accounts.choices import Role
from loa.activities.models import Activity
from loa.audit.models import ChangeLogEntry, Verb
from loa.plans.choices import ImportStatus, PlanStatus
from loa.plans.errors import ImportNotReady, InvalidPlanData, PlanNumberTaken
from loa.plans.models import Occurrence, Plan, PlanImport, Task
from loa.plans.services import (
    PlanInput,
    TaskInput,
    add_task,
    close_plan,
    create_plan,
    delete_task,
    issue_plan,
    move_task,
    save_imported_plan,
    update_plan,
    update_task,
)
from loa.units.models import Agency, Unit
from tests.activities import log, member_of
from tests.plans.factories import PlanFactory, TaskFactory
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db

MONTHLY_RADIO = "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút"
TITLE = "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024"


@pytest.fixture
def commune() -> Unit:
    return UnitFactory()


@pytest.fixture
def editor(commune: Unit) -> Any:
    return member_of(commune)


@pytest.fixture
def plan(commune: Unit, editor: Any) -> Plan:
    return create_plan(commune, PlanInput(year=2024, title=TITLE), actor=editor)


def log_rows(**filters: Any) -> list[tuple[str, str, int | None]]:
    return list(
        ChangeLogEntry.objects.filter(**filters)
        .order_by("pk")
        .values_list("verb", "target_type", "target_id")
    )


def state() -> dict[str, Any]:
    """Everything the editing services could touch, to compare before and after a refusal."""
    return {
        "plans": list(Plan.objects.order_by("pk").values()),
        "tasks": list(Task.objects.order_by("pk").values()),
        "occurrences": list(Occurrence.objects.order_by("pk").values()),
        "agencies": list(Agency.objects.order_by("pk").values()),
        "log": ChangeLogEntry.objects.count(),
    }


# --- plans -------------------------------------------------------------------------


def test_create_plan_makes_a_numberless_draft_and_logs_it(commune: Unit, editor: Any) -> None:
    data = PlanInput(
        year=2024,
        title="  Kế hoạch   tuyên truyền\nCCHC năm 2024 ",
        channels=["radio", "portal", "radio"],
        reporting_periods=["quarterly", "annual"],
        audiences=["Cán bộ, công chức", "  ", "Nhân dân"],
    )
    plan = create_plan(commune, data, actor=editor)
    assert (plan.status, plan.number, plan.year) == (PlanStatus.DRAFT, None, 2024)
    assert plan.title == "Kế hoạch tuyên truyền CCHC năm 2024"
    assert plan.issuer_name == commune.name
    assert plan.channels == ["radio", "portal"]
    assert plan.audiences == ["Cán bộ, công chức", "Nhân dân"]
    assert plan.created_by == editor
    assert log_rows() == [(Verb.PLAN_CREATED, "plans.plan", plan.pk)]
    entry = ChangeLogEntry.objects.get()
    assert (entry.actor, entry.unit, entry.after["title"]) == (editor, commune, plan.title)


def test_update_plan_logs_only_what_changed(plan: Plan, editor: Any) -> None:
    data = PlanInput(
        year=2024, title=TITLE, issuer_name=plan.issuer_name, channels=["radio"], signer_name="Nguyễn Văn A"
    )
    update_plan(plan, data, actor=editor)
    entry = ChangeLogEntry.objects.get(verb=Verb.PLAN_UPDATED)
    assert entry.before == {"signer_name": "", "channels": []}
    assert entry.after == {"signer_name": "Nguyễn Văn A", "channels": ["radio"]}
    assert ChangeLogEntry.objects.count() == 2  # created, updated


def test_an_edit_without_issuer_keeps_the_unit_as_issuer(commune: Unit, plan: Plan, editor: Any) -> None:
    # create_plan falls back to the unit's name; an edit must follow the same rule
    assert plan.issuer_name == commune.name
    update_plan(plan, PlanInput(year=2024, title="Kế hoạch đã sửa"), actor=editor)
    assert Plan.objects.get(pk=plan.pk).issuer_name == commune.name


def test_issue_then_close_a_plan(plan: Plan, editor: Any) -> None:
    issued = issue_plan(plan, issue_date=dt.date(2024, 1, 26), actor=editor)
    assert (issued.status, issued.number) == (PlanStatus.ISSUED, 1)
    closed = close_plan(issued, actor=editor)
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CLOSED == closed.status
    assert [verb for verb, *_ in log_rows()] == [Verb.PLAN_CREATED, Verb.PLAN_ISSUED, Verb.PLAN_CLOSED]
    entry = ChangeLogEntry.objects.get(verb=Verb.PLAN_CLOSED)
    assert (entry.before, entry.after) == ({"status": "issued"}, {"status": "closed"})


def test_only_an_issued_plan_can_be_closed(plan: Plan, editor: Any) -> None:
    before = state()
    with pytest.raises(InvalidPlanData, match="đã ban hành"):
        close_plan(plan, actor=editor)
    assert state() == before


def test_issuing_twice_or_with_a_taken_number_changes_nothing(commune: Unit, plan: Plan, editor: Any) -> None:
    PlanFactory(unit=commune, year=2024, number=5, symbol="KH-UBND")
    before = state()
    with pytest.raises(PlanNumberTaken):
        issue_plan(plan, number=5, issue_date=dt.date(2024, 2, 1), actor=editor)
    with pytest.raises(InvalidPlanData, match="ngày ban hành"):
        issue_plan(plan, actor=editor)
    assert state() == before
    issue_plan(plan, issue_date=dt.date(2024, 2, 1), actor=editor)
    with pytest.raises(InvalidPlanData, match="dự thảo"):
        issue_plan(plan, issue_date=dt.date(2024, 3, 1), actor=editor)
    assert Plan.objects.get(pk=plan.pk).issue_date == dt.date(2024, 2, 1)


# --- tasks -------------------------------------------------------------------------


def test_a_monthly_radio_quota_gives_twelve_periods_of_at_least_fifteen_minutes(
    plan: Plan, editor: Any
) -> None:
    task = add_task(
        plan,
        TaskInput(title="Chuyên mục CCHC trên đài truyền thanh", timing_text=MONTHLY_RADIO, channel="radio"),
        actor=editor,
    )
    task.refresh_from_db()
    assert (task.recurrence, task.count_per_period) == ("monthly", 1)
    assert (task.quota_measure, task.quota_minimum, task.quota_maximum) == ("minutes", 15, None)
    assert task.quota_minimum >= 15
    occurrences = list(task.occurrences.order_by("period_start"))
    assert [o.label for o in occurrences] == [f"Tháng {m:02d}/2024" for m in range(1, 13)]
    assert occurrences[1].due_date == dt.date(2024, 2, 29)
    assert all(o.period_start.year == 2024 == o.due_date.year for o in occurrences)


def test_each_task_change_writes_one_change_log_row_with_its_verb(plan: Plan, editor: Any) -> None:
    # when a task is added
    first = add_task(
        plan, TaskInput(title="Niêm yết thủ tục hành chính", timing_text="Hằng quý"), actor=editor
    )
    second = add_task(plan, TaskInput(title="Phát tờ rơi", timing_text="Quý II/2024"), actor=editor)
    assert log_rows(verb=Verb.TASK_CREATED) == [
        (Verb.TASK_CREATED, "plans.task", first.pk),
        (Verb.TASK_CREATED, "plans.task", second.pk),
    ]
    # when it is edited
    update_task(first, TaskInput(title="Niêm yết thủ tục hành chính", timing_text="Hằng tháng"), actor=editor)
    updated = ChangeLogEntry.objects.get(verb=Verb.TASK_UPDATED)
    assert (updated.target_id, updated.before, updated.after) == (
        first.pk,
        {"timing_text": "Hằng quý", "recurrence": "quarterly"},
        {"timing_text": "Hằng tháng", "recurrence": "monthly"},
    )
    assert first.occurrences.count() == 12
    # when the tasks are reordered and one is deleted
    move_task(second, offset=-1, actor=editor)
    assert log_rows(verb=Verb.TASKS_REORDERED) == [(Verb.TASKS_REORDERED, "plans.plan", plan.pk)]
    delete_task(first, actor=editor)
    assert log_rows(verb=Verb.TASK_DELETED) == [(Verb.TASK_DELETED, "plans.task", first.pk)]
    # then: one row per change and nothing else
    assert [verb for verb, *_ in log_rows()] == [
        Verb.PLAN_CREATED,
        Verb.TASK_CREATED,
        Verb.TASK_CREATED,
        Verb.TASK_UPDATED,
        Verb.TASKS_REORDERED,
        Verb.TASK_DELETED,
    ]


def test_a_new_lead_agency_is_logged_beside_the_task(commune: Unit, plan: Plan, editor: Any) -> None:
    task = add_task(
        plan,
        TaskInput(title="Tọa đàm", timing_text="Quý III/2024", lead="Công chức Văn hóa - Xã hội"),
        actor=editor,
    )
    assert task.lead_agency is not None
    assert task.lead_agency.unit == commune
    assert sorted(verb for verb, *_ in log_rows(unit=commune) if verb != Verb.PLAN_CREATED) == sorted(
        [Verb.AGENCY_CREATED, Verb.TASK_CREATED]
    )


def test_added_tasks_take_consecutive_positions(plan: Plan, editor: Any) -> None:
    for title in ("Thứ nhất", "Thứ hai", "Thứ ba"):
        add_task(plan, TaskInput(title=title, timing_text="Hằng quý"), actor=editor)
    assert list(plan.tasks.order_by("pk").values_list("title", "position")) == [
        ("Thứ nhất", 0),
        ("Thứ hai", 1),
        ("Thứ ba", 2),
    ]


def test_move_task_renumbers_positions_from_zero(plan: Plan, editor: Any) -> None:
    # given four tasks whose stored positions have gaps
    tasks = [TaskFactory(plan=plan, title=t, position=p) for t, p in (("A", 0), ("B", 2), ("C", 5), ("D", 9))]
    # when D moves up one place
    move_task(tasks[3], offset=-1, actor=editor)
    # then
    assert list(plan.tasks.order_by("position").values_list("title", "position")) == [
        ("A", 0),
        ("B", 1),
        ("D", 2),
        ("C", 3),
    ]
    # moving the first task up is a no-op and logs nothing
    logged = ChangeLogEntry.objects.count()
    move_task(tasks[0], offset=-1, actor=editor)
    move_task(tasks[2], offset=+1, actor=editor)  # C is last now
    assert ChangeLogEntry.objects.count() == logged
    move_task(tasks[0], offset=+1, actor=editor)
    assert list(plan.tasks.order_by("position").values_list("title", "position")) == [
        ("B", 0),
        ("A", 1),
        ("D", 2),
        ("C", 3),
    ]


def test_delete_task_closes_the_gap_and_keeps_the_activities(commune: Unit, plan: Plan, editor: Any) -> None:
    tasks = [TaskFactory(plan=plan, title=t, position=p) for t, p in (("A", 0), ("B", 1), ("C", 2))]
    radio = update_task(tasks[1], TaskInput(title="B", timing_text=MONTHLY_RADIO), actor=editor)
    activity = log(commune, dt.date(2024, 3, 4), editor, task=radio, quantity=20, measure="minutes")
    assert activity.occurrence is not None
    delete_task(radio, actor=editor)
    assert list(plan.tasks.order_by("position").values_list("title", "position")) == [("A", 0), ("C", 1)]
    assert not Occurrence.objects.filter(task_id=radio.pk).exists()
    assert Activity.objects.get(pk=activity.pk).occurrence is None


def test_changing_the_plan_year_rereads_every_task_timing(commune: Unit, editor: Any) -> None:
    # given a plan imported as 2025 by mistake, with an activity logged in 2025
    plan = create_plan(commune, PlanInput(year=2025, title=TITLE), actor=editor)
    monthly = add_task(plan, TaskInput(title="Chuyên mục", timing_text=MONTHLY_RADIO), actor=editor)
    deadline = add_task(
        plan, TaskInput(title="Kiện toàn tổ tuyên truyền", timing_text="Trước 15/02"), actor=editor
    )
    activity = log(commune, dt.date(2025, 3, 10), editor, task=monthly, quantity=20, measure="minutes")
    assert Task.objects.get(pk=deadline.pk).end == dt.date(2025, 2, 15)
    # when the year is corrected
    update_plan(plan, PlanInput(year=2024, title=TITLE), actor=editor)
    # then the timing is read again for 2024 and the evidence follows
    deadline = Task.objects.get(pk=deadline.pk)
    assert deadline.end == dt.date(2024, 2, 15)
    assert list(deadline.occurrences.values_list("label", flat=True)) == ["Trước 15/02/2024"]
    assert [o.label for o in monthly.occurrences.order_by("period_start")] == [
        f"Tháng {m:02d}/2024" for m in range(1, 13)
    ]
    activity.refresh_from_db()
    assert activity.occurrence is not None
    assert activity.occurrence.label == "Tháng 12/2024"
    assert (activity.occurrence.status, activity.occurrence.fulfilled_on) == ("late", dt.date(2025, 3, 10))
    assert [verb for verb, *_ in log_rows(verb__startswith="plan")] == [Verb.PLAN_CREATED, Verb.PLAN_UPDATED]


def test_changing_the_plan_year_keeps_what_the_user_corrected(commune: Unit, editor: Any) -> None:
    # given a task whose parsed timing the user corrected: quarterly, twice, at least 4 items
    plan = create_plan(commune, PlanInput(year=2025, title=TITLE), actor=editor)
    corrected = TaskInput(
        title="Đăng tin trên trang thông tin điện tử",
        timing_text="Thường xuyên",
        recurrence="quarterly",
        count_per_period=2,
        quota_measure="items",
        quota_minimum=4,
    )
    task = add_task(plan, corrected, actor=editor)
    assert task.occurrences.count() == 4
    # when only the plan's year changes
    update_plan(plan, PlanInput(year=2024, title=TITLE), actor=editor)
    # then the corrections still hold, in the new year
    task = Task.objects.get(pk=task.pk)
    assert (task.recurrence, task.count_per_period, task.quota_measure, task.quota_minimum) == (
        "quarterly",
        2,
        "items",
        4,
    )
    assert [o.label for o in task.occurrences.order_by("period_start")] == [
        "Quý I/2024",
        "Quý II/2024",
        "Quý III/2024",
        "Quý IV/2024",
    ]


# --- refusals change nothing ---------------------------------------------------------


@pytest.fixture
def issued(commune: Unit, editor: Any) -> Plan:
    plan = create_plan(commune, PlanInput(year=2024, title=TITLE, channels=["radio"]), actor=editor)
    add_task(
        plan,
        TaskInput(title="Chuyên mục", timing_text=MONTHLY_RADIO, channel="radio", lead="Đài truyền thanh xã"),
        actor=editor,
    )
    add_task(plan, TaskInput(title="Hội nghị", timing_text="Quý II/2024", channel="conference"), actor=editor)
    return issue_plan(plan, issue_date=dt.date(2024, 1, 20), actor=editor)


Call = Callable[[Plan, Any], object]


def first_task(plan: Plan) -> Task:
    return plan.tasks.order_by("position", "pk").first()  # type: ignore[return-value]


def call_create_plan(plan: Plan, actor: Any) -> object:
    return create_plan(plan.unit, PlanInput(year=2024, title="Kế hoạch mới"), actor=actor)


def call_update_plan(plan: Plan, actor: Any) -> object:
    return update_plan(plan, PlanInput(year=2025, title="Đổi tên"), actor=actor)


def call_add_task(plan: Plan, actor: Any) -> object:
    return add_task(plan, TaskInput(title="Mới", timing_text="Hằng tuần"), actor=actor)


def call_update_task(plan: Plan, actor: Any) -> object:
    return update_task(first_task(plan), TaskInput(title="Sửa", timing_text="Hằng quý"), actor=actor)


CALLS: dict[str, Call] = {
    "create_plan": call_create_plan,
    "update_plan": call_update_plan,
    "close_plan": lambda plan, actor: close_plan(plan, actor=actor),
    "add_task": call_add_task,
    "update_task": call_update_task,
    "delete_task": lambda plan, actor: delete_task(first_task(plan), actor=actor),
    "move_task": lambda plan, actor: move_task(first_task(plan), offset=1, actor=actor),
}


VERBS = {
    "create_plan": Verb.PLAN_CREATED,
    "update_plan": Verb.PLAN_UPDATED,
    "close_plan": Verb.PLAN_CLOSED,
    "add_task": Verb.TASK_CREATED,
    "update_task": Verb.TASK_UPDATED,
    "delete_task": Verb.TASK_DELETED,
    "move_task": Verb.TASKS_REORDERED,
}


@pytest.mark.parametrize("call", list(CALLS))
@pytest.mark.parametrize(
    ("where", "role"),
    [
        ("own", Role.VIEWER),
        ("own", Role.REPORTER),
        ("sibling", Role.EDITOR),
        ("other province", Role.ADMIN),
    ],
)
def test_those_who_may_not_edit_change_nothing(issued: Plan, call: str, where: str, role: Role) -> None:
    unit = {
        "own": issued.unit,
        "sibling": UnitFactory(parent=issued.unit.parent),
        "other province": UnitFactory().parent,
    }[where]
    actor = member_of(unit, role)
    before = state()
    with pytest.raises(PermissionDenied):
        CALLS[call](issued, actor)
    assert state() == before


@pytest.mark.parametrize("call", list(CALLS))
def test_a_province_editor_may_edit_a_commune_plan(issued: Plan, call: str) -> None:
    actor = member_of(issued.unit.parent, Role.EDITOR)
    CALLS[call](issued, actor)
    assert list(ChangeLogEntry.objects.filter(actor=actor).values_list("verb", flat=True)) == [VERBS[call]]


@pytest.mark.parametrize("call", [c for c in CALLS if c != "create_plan"])
def test_a_closed_plan_cannot_be_changed(issued: Plan, editor: Any, call: str) -> None:
    close_plan(issued, actor=editor)
    before = state()
    with pytest.raises(InvalidPlanData, match="đã kết thúc"):
        CALLS[call](issued, editor)
    assert state() == before


BAD_PLANS: dict[str, tuple[PlanInput, str]] = {
    "empty title": (PlanInput(year=2024, title=" \n\t "), "trích yếu"),
    "bad channel": (PlanInput(year=2024, title=TITLE, channels=["radio", "tiktok"]), "tiktok"),
    "bad reporting period": (PlanInput(year=2024, title=TITLE, reporting_periods=["monthly"]), "monthly"),
    "year out of range": (PlanInput(year=1999, title=TITLE), "2000 đến 2100"),
}


@pytest.mark.parametrize("case", list(BAD_PLANS))
def test_bad_plan_data_is_refused_and_changes_nothing(issued: Plan, editor: Any, case: str) -> None:
    data, message = BAD_PLANS[case]
    before = state()
    with pytest.raises(InvalidPlanData, match=message):
        create_plan(issued.unit, data, actor=editor)
    with pytest.raises(InvalidPlanData, match=message):
        update_plan(issued, data, actor=editor)
    assert state() == before


BAD_TASKS: dict[str, tuple[TaskInput, str]] = {
    "empty title": (TaskInput(title="   ", timing_text="Hằng tháng"), "chưa có nội dung"),
    "bad channel": (TaskInput(title="Tin bài", channel="billboard"), "billboard"),
    "bad recurrence": (TaskInput(title="Tin bài", recurrence="daily"), "daily"),
    "bad quota measure": (TaskInput(title="Tin bài", quota_measure="kg", quota_minimum=1), "kg"),
    "quota minimum above maximum": (
        TaskInput(title="Tin bài", quota_measure="items", quota_minimum=5, quota_maximum=2),
        "tối thiểu lớn hơn",
    ),
    "parsed quota overridden upside down": (
        TaskInput(
            title="Phát thanh",
            timing_text=MONTHLY_RADIO,
            quota_measure="minutes",
            quota_minimum=30,
            quota_maximum=20,
        ),
        "tối thiểu lớn hơn",
    ),
    "negative cost": (TaskInput(title="Pa nô", estimated_cost=Decimal(-1)), "không được âm"),
}


@pytest.mark.parametrize("case", list(BAD_TASKS))
def test_bad_task_data_is_refused_and_changes_nothing(issued: Plan, editor: Any, case: str) -> None:
    data, message = BAD_TASKS[case]
    data.lead = "Phòng Văn hóa mới thành lập"  # an agency that would be created if anything were saved
    before = state()
    with pytest.raises(InvalidPlanData, match=message):
        add_task(issued, data, actor=editor)
    with pytest.raises(InvalidPlanData, match=message):
        update_task(first_task(issued), data, actor=editor)
    assert state() == before


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TaskInput(title="Tin bài", count_per_period=-1), id="negative count"),
        pytest.param(TaskInput(title="Tin bài", count_per_period=70_000), id="count beyond a small integer"),
        pytest.param(TaskInput(title="Tin", quota_measure="items", quota_minimum=-5), id="negative quota"),
        pytest.param(
            TaskInput(title="Tin", quota_measure="items", quota_minimum=3_000_000_000),
            id="quota beyond an integer",
        ),
        pytest.param(TaskInput(title="Pa nô", estimated_cost=Decimal(10**15)), id="cost beyond 14 digits"),
    ],
)
def test_numbers_the_database_cannot_hold_are_refused_as_invalid_data(
    issued: Plan, editor: Any, data: TaskInput
) -> None:
    # the API and imports build TaskInput directly; the form's bounds do not protect them
    before = state()
    with pytest.raises(InvalidPlanData):
        add_task(issued, data, actor=editor)
    assert state() == before


# --- saving a reviewed import --------------------------------------------------------


def ready_import(unit: Unit, actor: Any) -> PlanImport:
    return PlanImport.objects.create(
        unit=unit,
        uploaded_by=actor,
        file="plans/imports/2024/01/ke-hoach.txt",
        original_name="ke-hoach.txt",
        size=1000,
        status=ImportStatus.READY,
        source_text="KẾ HOẠCH …",
    )


DRAFT: dict[str, Any] = {
    "year": 2024,
    "number": "11/KH-UBND",
    "title": "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2024",
    "issue_date": "2024-01-26",
    "channels": ["radio", "telepathy"],
    "reporting_periods": ["quarterly", "weekly"],
    "sections": [{"numeral": "I", "title": "MỤC ĐÍCH, YÊU CẦU", "text": "…"}, {"title": "  "}],
    "based_on": [{"number": "25/KH-UBND", "issuer": "UBND huyện", "date": "2023-12-20"}, "rác"],
    "tasks": [
        {"title": "Chuyên mục CCHC", "timing_text": MONTHLY_RADIO, "lead": "Đài truyền thanh xã"},
        {
            "title": "Niêm yết",
            "timing_text": "Thường xuyên",
            "recurrence": "quarterly",
            "lead": "dai truyen thanh xa",
        },
        "không phải nhiệm vụ",
    ],
}


def test_save_imported_plan_from_a_reviewed_draft(commune: Unit, editor: Any) -> None:
    plan_import = ready_import(commune, editor)
    plan = save_imported_plan(plan_import, draft=DRAFT, actor=editor)
    assert (plan.status, plan.number, plan.symbol, plan.issue_date) == (
        PlanStatus.DRAFT,
        11,
        "KH-UBND",
        dt.date(2024, 1, 26),
    )
    assert (plan.channels, plan.reporting_periods) == (["radio"], ["quarterly"])
    assert list(plan.sections.values_list("numeral", "title")) == [("I", "MỤC ĐÍCH, YÊU CẦU")]
    assert list(plan.references.values_list("number", "issued_on")) == [("25/KH-UBND", dt.date(2023, 12, 20))]
    tasks = list(plan.tasks.order_by("position"))
    assert [(t.position, t.recurrence) for t in tasks] == [(0, "monthly"), (1, "quarterly")]
    assert [t.occurrences.count() for t in tasks] == [12, 4]
    assert tasks[0].lead_agency == tasks[1].lead_agency  # the same agency, matched by folded name
    assert Agency.objects.filter(unit=commune).count() == 1
    plan_import.refresh_from_db()
    assert (plan_import.status, plan_import.plan) == (ImportStatus.SAVED, plan)


def test_a_bad_task_in_an_import_writes_nothing(commune: Unit, editor: Any) -> None:
    plan_import = ready_import(commune, editor)
    draft = dict(DRAFT, tasks=[*DRAFT["tasks"][:2], {"title": "Lỗi", "recurrence": "hourly"}])
    before = state()
    with pytest.raises(InvalidPlanData, match="hourly"):
        save_imported_plan(plan_import, draft=draft, actor=editor)
    assert state() == before
    plan_import.refresh_from_db()
    assert (plan_import.status, plan_import.plan) == (ImportStatus.READY, None)
    # and the same draft, fixed, saves once and only once
    save_imported_plan(plan_import, draft=DRAFT, actor=editor)
    with pytest.raises(ImportNotReady):
        save_imported_plan(plan_import, draft=DRAFT, actor=editor)
    assert Plan.objects.filter(unit=commune).count() == 1
