"""No N+1 on the list and dashboard pages: the same number of queries at size N and 3N.

Each test builds a page's data at size N through the real services, counts the
queries of one request, grows the data to 3N, counts again, and asserts the two counts
are equal and under a ceiling, so that a regression shows as a number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from loa.accounts.choices import Role
from loa.accounts.models import User
from loa.activities.models import Activity
from loa.activities.services import ActivityInput, log_activity
from loa.plans.choices import Channel, Measure
from loa.plans.models import Plan, PlanReference, PlanSection, Task
from loa.plans.services import PlanInput, TaskInput, add_task, create_plan, issue_plan
from loa.units.choices import Level, UnitKind
from loa.units.models import Unit
from tests.accounts.factories import MembershipFactory
from tests.units.factories import AgencyFactory, UnitFactory

from .conftest import PDF_BYTES, client_for, member, png_bytes, today

pytestmark = pytest.mark.django_db

N = 4
CEILING = 30
CHANNELS = [Channel.RADIO, Channel.PORTAL, Channel.CONFERENCE, Channel.LEAFLET, Channel.SOCIAL]
MEASURES = {
    Channel.RADIO: Measure.MINUTES,
    Channel.CONFERENCE: Measure.ATTENDEES,
    Channel.LEAFLET: Measure.COPIES,
}


@dataclass
class Scene:
    province: Unit
    commune: Unit
    superuser: User
    editor: User  # of the commune
    admin: User  # of the commune
    viewer: User  # of the province


@pytest.fixture
def scene(media_root: Path, superuser: User) -> Scene:
    province = UnitFactory(
        level=Level.PROVINCE, kind=UnitKind.PROVINCE, parent=None, name="Tỉnh Đếm Truy Vấn"
    )
    commune = UnitFactory(parent=province, name="Xã Đếm Truy Vấn")
    return Scene(
        province=province,
        commune=commune,
        superuser=superuser,
        editor=member(commune, Role.EDITOR),
        admin=member(commune, Role.ADMIN),
        viewer=member(province, Role.VIEWER),
    )


def _counter() -> Iterator[int]:
    n = 0
    while True:
        n += 1
        yield n


SERIAL = _counter()


def new_plan(
    unit: Unit, actor: User, *, year: int | None = None, tasks: int = 0, issued: bool = False
) -> Plan:
    plan = create_plan(
        unit,
        PlanInput(year=year or today().year, title=f"Kế hoạch số {next(SERIAL)} của {unit.name}"),
        actor=actor,
    )
    add_tasks(plan, actor, tasks)
    return issue_plan(plan, issue_date=dt.date(plan.year, 1, 5), actor=actor) if issued else plan


def add_tasks(
    plan: Plan, actor: User, count: int, *, timing: str = "Hàng tháng", agencies: bool = False
) -> list[Task]:
    return [
        add_task(
            plan,
            TaskInput(
                title=f"Nhiệm vụ tuyên truyền {next(SERIAL)}",
                timing_text=timing,
                lead=f"Bộ phận chủ trì {next(SERIAL)}" if agencies else "",
                cooperating=[f"Bộ phận phối hợp {next(SERIAL)}", "Công an xã"] if agencies else [],
                estimated_cost=1_000_000,
            ),
            actor=actor,
        )
        for _ in range(count)
    ]


def log(
    unit: Unit, actor: User, *, day: dt.date | None = None, task: Task | None = None, files: int = 0
) -> Activity:
    channel = CHANNELS[next(SERIAL) % len(CHANNELS)]
    kinds = [("png", png_bytes()), ("pdf", PDF_BYTES)]
    uploads = [SimpleUploadedFile(f"kiem-chung-{i}.{kinds[i % 2][0]}", kinds[i % 2][1]) for i in range(files)]
    return log_activity(
        unit,
        ActivityInput(
            happened_on=day or today(),
            channel=channel,
            title=f"Hoạt động tuyên truyền {next(SERIAL)}",
            quantity=10,
            measure=MEASURES.get(channel, Measure.ITEMS),
            cost=200_000,
            task=task,
            files=uploads,
        ),
        actor=actor,
    )


def queries_of(client: Client, url: str) -> int:
    """Queries of one GET of `url`, after a first GET fills the per-process caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def assert_no_n_plus_one(page: str, small: int, large: int, ceiling: int = CEILING) -> None:
    print(f"\nqueries {page}: N={small} 3N={large}")  # the figures, shown with -s
    assert small == large, f"{page}: {small} queries at N, {large} at 3N"
    assert large <= ceiling, f"{page}: {large} queries, more than {ceiling}"


def test_plan_list(scene: Scene) -> None:
    client, url = client_for(scene.editor), reverse("plans:list")
    for _ in range(N):
        new_plan(scene.commune, scene.superuser, tasks=1)
    small = queries_of(client, url)
    for _ in range(2 * N):
        new_plan(scene.commune, scene.superuser, tasks=1, issued=True)
    large = queries_of(client, url)
    assert len(client.get(url).context["plans"]) == 3 * N
    assert_no_n_plus_one("plan list", small, large)


def grow_plan(plan: Plan, actor: User, count: int) -> None:
    """`count` more tasks (with agencies and occurrences), sections and references."""
    add_tasks(plan, actor, count, agencies=True)
    for _ in range(count):
        serial = next(SERIAL)
        PlanSection.objects.create(
            plan=plan, position=serial, numeral="I", title=f"Mục {serial}", text="Nội dung"
        )
        referenced = new_plan(plan.unit, actor, year=plan.year - 1)
        PlanReference.objects.create(
            plan=plan, position=serial, referenced_plan=referenced, number=f"{serial}/KH"
        )


def test_plan_detail(scene: Scene) -> None:
    client = client_for(scene.editor)
    plan = new_plan(scene.commune, scene.superuser)
    url = reverse("plans:detail", args=[plan.pk])
    grow_plan(plan, scene.superuser, N)
    small = queries_of(client, url)
    grow_plan(plan, scene.superuser, 2 * N)
    large = queries_of(client, url)
    assert len(client.get(url).context["tasks"]) == 3 * N
    assert_no_n_plus_one("plan detail", small, large)


def task_with_activities(scene: Scene, timing: str) -> Task:
    """A task of last year's plan (all its periods past) with two activities in each period."""
    plan = new_plan(scene.commune, scene.superuser, year=today().year - 1)
    (task,) = add_tasks(plan, scene.superuser, 1, timing=timing)
    issue_plan(plan, issue_date=dt.date(plan.year, 1, 5), actor=scene.superuser)
    for occurrence in task.occurrences.all():
        for day in (occurrence.period_start, occurrence.period_end):
            log(scene.commune, scene.superuser, day=day, task=task)
    return task


def test_task_detail(scene: Scene) -> None:
    client = client_for(scene.editor)
    quarterly = task_with_activities(scene, "Hàng quý")  # N = 4 periods
    monthly = task_with_activities(scene, "Hàng tháng")  # 3N = 12 periods
    small = queries_of(client, reverse("plans:task-detail", args=[quarterly.pk]))
    large = queries_of(client, reverse("plans:task-detail", args=[monthly.pk]))
    occurrences = client.get(reverse("plans:task-detail", args=[monthly.pk])).context["occurrences"]
    assert [len(o.activities.all()) for o in occurrences] == [2] * 3 * N
    assert_no_n_plus_one("task detail", small, large)


def test_activity_list(scene: Scene) -> None:
    client, url = client_for(scene.editor), reverse("activities:list")
    (task,) = add_tasks(new_plan(scene.commune, scene.superuser), scene.superuser, 1)
    issue_plan(task.plan, issue_date=today(), actor=scene.superuser)
    for _ in range(N):
        log(scene.commune, scene.superuser, task=task, files=2)
    small = queries_of(client, url)
    for _ in range(2 * N):
        log(scene.commune, scene.superuser, task=task, files=2)
    large = queries_of(client, url)
    assert len(client.get(url).context["page"].object_list) == 3 * N
    assert_no_n_plus_one("activity list", small, large)


def test_activity_detail(scene: Scene) -> None:
    client = client_for(scene.editor)
    small_one = log(scene.commune, scene.superuser, files=N // 2)
    large_one = log(scene.commune, scene.superuser, files=3 * N // 2)
    small = queries_of(client, reverse("activities:detail", args=[small_one.pk]))
    large = queries_of(client, reverse("activities:detail", args=[large_one.pk]))
    assert_no_n_plus_one("activity detail", small, large)


def test_home_with_reminders(scene: Scene) -> None:
    client, url = client_for(scene.editor), reverse("web:home")
    # last year's plan: every period is past and unmet, so each task brings 12 reminders
    new_plan(scene.commune, scene.superuser, year=today().year - 1, tasks=1, issued=True)
    small = queries_of(client, url)
    assert len(client.get(url).context["overdue"]) == 12
    new_plan(scene.commune, scene.superuser, year=today().year - 1, tasks=2, issued=True)
    large = queries_of(client, url)
    assert len(client.get(url).context["overdue"]) == 30  # REMINDERS_ON_HOME
    assert_no_n_plus_one("home", small, large)


def test_pages_of_a_user_with_many_roles(scene: Scene) -> None:
    """An official often holds roles on several units: scopes must not cost a query per role."""
    client, url = client_for(scene.editor), reverse("plans:list")

    def add_roles(count: int) -> None:
        for _ in range(count):
            MembershipFactory(user=scene.editor, unit=UnitFactory(parent=scene.province), role=Role.VIEWER)

    add_roles(N - 1)  # and the commune
    small = queries_of(client, url)
    add_roles(2 * N)
    large = queries_of(client, url)
    assert_no_n_plus_one("plan list, user with N roles", small, large)


def grow_commune(unit: Unit, actor: User, count: int) -> None:
    """`count` more monthly tasks in an issued plan of this year, and `count` activities."""
    plan = new_plan(unit, actor, tasks=count, issued=True)
    for task in plan.tasks.all()[:count]:
        log(unit, actor, task=task)


def test_commune_dashboard(scene: Scene) -> None:
    client, url = client_for(scene.editor), reverse("web:dashboard", args=[scene.commune.pk])
    grow_commune(scene.commune, scene.superuser, N)
    small = queries_of(client, url)
    grow_commune(scene.commune, scene.superuser, 2 * N)
    large = queries_of(client, url)
    assert client.get(url).context["figures"].totals.activities == 3 * N
    assert_no_n_plus_one("commune dashboard", small, large)


def test_province_dashboard_ranks_its_communes(scene: Scene) -> None:
    client, url = client_for(scene.viewer), reverse("web:dashboard", args=[scene.province.pk])

    def add_communes(count: int) -> None:
        for _ in range(count):
            commune = UnitFactory(parent=scene.province)
            plan = new_plan(commune, scene.superuser, issued=True)
            (task,) = add_tasks(plan, scene.superuser, 1, timing="Quý I")
            log(commune, scene.superuser, task=task)

    add_communes(N - 1)  # and scene.commune, with nothing
    small = queries_of(client, url)
    add_communes(2 * N)
    large = queries_of(client, url)
    context = client.get(url).context
    assert len(context["rows"]) == 3 * N - 1  # ranked: the communes with a plan
    assert context["without_plan"] == [scene.commune]
    assert_no_n_plus_one("province dashboard", small, large)


def test_province_page_lists_its_communes(scene: Scene) -> None:
    client, url = client_for(scene.viewer), reverse("web:unit-detail", args=[scene.province.pk])

    def grow(count: int) -> None:
        for _ in range(count):
            UnitFactory(parent=scene.province)
            AgencyFactory(unit=scene.province)
            new_plan(scene.province, scene.superuser, tasks=1)

    grow(N)
    small = queries_of(client, url)
    grow(2 * N)
    large = queries_of(client, url)
    assert_no_n_plus_one("province page", small, large)


def test_change_log(scene: Scene) -> None:
    client, url = client_for(scene.admin), reverse("web:change-log", args=[scene.commune.pk])
    plan = new_plan(scene.commune, scene.superuser)
    add_tasks(plan, scene.superuser, N)
    small = queries_of(client, url)
    add_tasks(plan, scene.superuser, 2 * N)
    large = queries_of(client, url)
    assert len(client.get(url).context["page"].object_list) >= 3 * N
    assert_no_n_plus_one("change log", small, large)


@pytest.mark.parametrize(
    "changelist", ["admin:plans_plan_changelist", "admin:activities_activity_changelist"]
)
def test_admin_changelists(scene: Scene, changelist: str) -> None:
    client, url = client_for(scene.editor), reverse(changelist)

    def grow(count: int) -> None:
        for _ in range(count):
            new_plan(scene.commune, scene.superuser)
            log(scene.commune, scene.superuser, files=1)

    grow(N)
    small = queries_of(client, url)
    grow(2 * N)
    large = queries_of(client, url)
    assert_no_n_plus_one(changelist, small, large)
