"""Who may open and change what on the staff pages, view by view, and that a refusal changes nothing.

One table lists every view with the URL of commune B's object it acts on and what each
kind of user gets: an editor of commune A (same province) gets 404 ("not yours"), a
viewer of the province reads but may not write (403), a reporter of B logs activities
but may not touch plans. After every refused request the database and the media folder
are exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import FileField
from django.http import HttpResponse
from django.test import Client
from django.urls import get_resolver, reverse

from loa.accounts.choices import Role
from loa.activities.models import Activity, Attachment
from loa.audit.models import ChangeLogEntry, Verb
from loa.plans.choices import Channel, Measure, OccurrenceStatus, PlanStatus
from loa.plans.models import Plan
from loa.uploads import accepted_kinds

from .conftest import (
    PDF_BYTES,
    CommuneWork,
    World,
    build_commune_work,
    client_for,
    db_state,
    member,
    png_bytes,
    stored_files,
    today,
)

pytestmark = pytest.mark.django_db

NOT_FOUND, FORBIDDEN, OK = 404, 403, 200


def plan_form(work: CommuneWork) -> dict[str, Any]:
    return {"year": work.draft.year, "title": "Trích yếu đã bị sửa", "symbol": "KH-UBND", "place": "Nơi khác"}


def task_form(work: CommuneWork) -> dict[str, Any]:
    return {"title": "Nội dung nhiệm vụ đã bị sửa", "timing_text": "Hàng quý", "lead": "Công an xã"}


def activity_form(work: CommuneWork) -> dict[str, Any]:
    return {
        "unit": work.unit.pk,
        "task": work.issued_task.pk,
        "happened_on": today().isoformat(),
        "channel": Channel.RADIO,
        "title": "Hoạt động ghi nhận trái phép",
        "quantity": "30",
        "measure": Measure.MINUTES,
        "cost": "500000",
        "link": "",
        "note": "",
    }


def import_review_form(work: CommuneWork) -> dict[str, Any]:
    return {
        "year": work.draft.year,
        "title": "Kế hoạch nhập trái phép",
        "tasks-TOTAL_FORMS": 0,
        "tasks-INITIAL_FORMS": 0,
    }


@dataclass(frozen=True)
class Route:
    """One view acting on commune B, and what each user gets (None: allowed, see the flows)."""

    name: str
    method: str
    args: Callable[[CommuneWork], list[int]]
    outsider: int  # editor of commune A
    viewer: int  # viewer of the province
    reporter: int | None  # reporter of commune B
    query: Callable[[CommuneWork], str] = lambda w: ""
    data: Callable[[CommuneWork], dict[str, Any]] = lambda w: {}
    htmx: bool = False

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name}{' htmx' if self.htmx else ''}{self.query_id}"

    @property
    def query_id(self) -> str:
        text = self.query.__doc__ or ""
        return f" {text}" if text else ""

    def url(self, work: CommuneWork) -> str:
        return reverse(self.name, args=self.args(work)) + self.query(work)


def unit_query(work: CommuneWork) -> str:
    """?don-vi"""
    return f"?don-vi={work.unit.pk}"


def task_query(work: CommuneWork) -> str:
    """?nhiem-vu"""
    return f"?nhiem-vu={work.issued_task.pk}"


def unit_of(w: CommuneWork) -> list[int]:
    return [w.unit.pk]


def draft_of(w: CommuneWork) -> list[int]:
    return [w.draft.pk]


def first_task_of(w: CommuneWork) -> list[int]:
    return [w.first_task.pk]


def activity_of(w: CommuneWork) -> list[int]:
    return [w.activity.pk]


def no_args(w: CommuneWork) -> list[int]:
    return []


def issued_task_of(w: CommuneWork) -> list[int]:
    return [w.issued_task.pk]


def second_task_of(w: CommuneWork) -> list[int]:
    return [w.second_task.pk]


def issued_of(w: CommuneWork) -> list[int]:
    return [w.issued.pk]


def attachment_of(w: CommuneWork) -> list[int]:
    return [w.attachment.pk]


def import_of(w: CommuneWork) -> list[int]:
    return [w.plan_import.pk]


def issue_form(w: CommuneWork) -> dict[str, Any]:
    return {"number": 7, "issue_date": today().isoformat()}


def derive_for_b(w: CommuneWork) -> dict[str, Any]:
    return {"unit": w.unit.pk}


def move_up(w: CommuneWork) -> dict[str, Any]:
    return {"huong": "len"}


_200, _403, _404 = OK, FORBIDDEN, NOT_FOUND

# fmt: off
SCOPED_ROUTES = [
    #     name                            method  object          A-editor viewer reporter
    # reads
    Route("web:unit-detail",              "get",  unit_of,        _404,    _200,  _200),
    Route("web:dashboard",                "get",  unit_of,        _404,    _200,  _200),
    Route("web:change-log",               "get",  unit_of,        _404,    _403,  _403),
    Route("plans:detail",                 "get",  draft_of,       _404,    _200,  _200),
    Route("plans:task-detail",            "get",  issued_task_of, _404,    _200,  _200),
    Route("plans:task-row",               "get",  first_task_of,  _404,    _200,  _200),
    Route("activities:detail",            "get",  activity_of,    _404,    _200,  _200),
    Route("activities:attachment",        "get",  attachment_of,  _404,    _200,  _200),
    Route("plans:subordinates",           "get",  unit_of,        _404,    _200,  _200),
    # imports are scoped to the units whose plans one may write
    Route("plans:import-review",          "get",  import_of,      _404,    _404,  _404),
    Route("plans:import-progress",        "get",  import_of,      _404,    _404,  _404),
    # write forms, opened
    Route("plans:create",                 "get",  no_args,        _404,    _404,  _404, query=unit_query),
    Route("plans:edit",                   "get",  draft_of,       _404,    _403,  _403),
    Route("plans:task-add",               "get",  draft_of,       _404,    _403,  _403),
    Route("plans:task-edit",              "get",  first_task_of,  _404,    _403,  _403),
    Route("plans:task-edit",              "get",  first_task_of,  _404,    _403,  _403, htmx=True),
    # a unit id in the query is checked against the units one may log for: 403, not 404
    Route("activities:create",            "get",  no_args,        _403,    _403,  _200, query=unit_query),
    Route("activities:create",            "get",  no_args,        _404,    _403,  _200, query=task_query),
    Route("activities:edit",              "get",  activity_of,    _404,    _403,  _200),
    # writes, with valid data: only permissions stand in the way
    Route("plans:create",                 "post", no_args,        _404,    _404,  _404, query=unit_query,
          data=plan_form),
    Route("plans:edit",                   "post", draft_of,       _404,    _403,  _403, data=plan_form),
    Route("plans:issue",                  "post", draft_of,       _404,    _403,  _403, data=issue_form),
    Route("plans:close",                  "post", issued_of,      _404,    _403,  _403),
    Route("plans:task-add",               "post", draft_of,       _404,    _403,  _403, data=task_form),
    Route("plans:task-edit",              "post", first_task_of,  _404,    _403,  _403, data=task_form),
    Route("plans:task-edit",              "post", first_task_of,  _404,    _403,  _403, data=task_form,
          htmx=True),
    Route("plans:task-delete",            "post", first_task_of,  _404,    _403,  _403),
    Route("plans:task-move",              "post", second_task_of, _404,    _403,  _403, data=move_up),
    Route("plans:import-review",          "post", import_of,      _404,    _404,  _404,
          data=import_review_form),
    Route("activities:create",            "post", no_args,        _403,    _403,  None, query=unit_query,
          data=activity_form),
    # without a query the unit comes from the form, whose choices are one's own units: it re-renders
    Route("activities:create",            "post", no_args,        _200,    _200,  None, data=activity_form),
    Route("activities:create",            "post", no_args,        _404,    _403,  None, query=task_query,
          data=activity_form),
    Route("activities:edit",              "post", activity_of,    _404,    _403,  None, data=activity_form),
    Route("activities:delete",            "post", activity_of,    _404,    _403,  None),
    Route("activities:attachment-delete", "post", attachment_of,  _404,    _403,  None),
    # the unit a draft is written for must be one whose plans one may write
    Route("plans:derive",                 "post", draft_of,       _404,    _404,  _404, data=derive_for_b),
]
# fmt: on

# Views not tied to one unit's object: they list what the user may see.
UNSCOPED_ROUTES = [
    ("web:home", "get"),
    ("web:national", "get"),
    ("plans:list", "get"),
    ("plans:import", "get"),
    ("plans:import", "post"),
    ("plans:timing-preview", "post"),
    ("activities:list", "get"),
]
PUBLIC_VIEWS = {"web:login", "web:logout"}


def call(client: Client, route: Route, work: CommuneWork) -> HttpResponse:
    headers = {"HX-Request": "true"} if route.htmx else {}
    send = client.post if route.method == "post" else client.get
    response: HttpResponse = send(route.url(work), route.data(work), headers=headers)
    if response.streaming:
        # Reading to the end closes the file; the test client's wrapper keeps the
        # database connection open (a bare close() would drop it on PostgreSQL).
        b"".join(response.streaming_content)
    return response


def test_the_table_covers_every_staff_view() -> None:
    resolver = get_resolver()
    names = {
        f"{namespace}:{name}"
        for namespace in ("web", "plans", "activities")
        for name in resolver.namespace_dict[namespace][1].reverse_dict
        if isinstance(name, str)
    }
    covered = {r.name for r in SCOPED_ROUTES} | {name for name, _ in UNSCOPED_ROUTES} | PUBLIC_VIEWS
    assert names == covered


@pytest.mark.parametrize(
    ("name", "method"), UNSCOPED_ROUTES, ids=[f"{m.upper()} {n}" for n, m in UNSCOPED_ROUTES]
)
def test_anonymous_users_are_sent_to_the_login_page_from_the_lists(db: None, name: str, method: str) -> None:
    response = getattr(Client(), method)(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:login") + "?next=" + reverse(name)


@pytest.mark.parametrize("route", SCOPED_ROUTES, ids=[r.id for r in SCOPED_ROUTES])
def test_each_view_refuses_those_it_must_and_a_refusal_changes_nothing(world: World, route: Route) -> None:
    """Anonymous: login page. Editor of commune A: 404. Province viewer: reads only. Reporter: no plans.

    One world serves the four users in turn: each refusal is checked to leave it intact.
    """
    # anonymous
    before = db_state(world.media_root)
    response = call(Client(), route, world.target)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login") + "?next=")
    assert db_state(world.media_root) == before
    # signed in, without the right
    users = [
        ("editor of another commune", world.outsider, route.outsider),
        ("viewer of the province", world.viewer, route.viewer),
        ("reporter of the commune", world.reporter, route.reporter),
    ]
    for who, user, expected in users:
        if expected is None:
            continue  # allowed: see test_a_reporter_logs_edits_and_deletes_activities
        log_entries = ChangeLogEntry.objects.count()
        response = call(client_for(user), route, world.target)
        assert response.status_code == expected, who
        assert ChangeLogEntry.objects.count() == log_entries, who
        assert db_state(world.media_root) == before, who


def test_lists_and_home_of_another_communes_editor_show_nothing_of_b(world: World) -> None:
    # given: commune A has its own work too
    own = build_commune_work(world.tree.commune, actor=world.superuser)
    client = client_for(world.outsider)
    b = world.target
    foreign_titles = [b.draft.title, b.issued.title, b.activity.title]
    # when / then
    for url in (
        reverse("web:home"),
        reverse("plans:list"),
        reverse("activities:list"),
        reverse("activities:list") + f"?don-vi={b.unit.pk}",
        reverse("plans:import"),
    ):
        page = client.get(url).content.decode()
        assert not [title for title in foreign_titles if title in page], url
    assert own.draft.title in client.get(reverse("plans:list")).content.decode()
    assert own.activity.title in client.get(reverse("activities:list")).content.decode()
    assert client.get(reverse("web:national")).status_code == NOT_FOUND


def test_only_a_superuser_opens_the_national_dashboard(world: World) -> None:
    for user in (world.viewer, world.editor, world.admin):
        assert client_for(user).get(reverse("web:national")).status_code == NOT_FOUND
    response = client_for(world.superuser).get(reverse("web:national") + "?nam=2026")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard", args=[world.tree.root.pk]) + "?nam=2026"


@pytest.mark.parametrize(
    ("holder", "role", "status"),
    [
        ("commune", Role.ADMIN, OK),
        ("province", Role.ADMIN, OK),
        ("commune", Role.EDITOR, FORBIDDEN),
        ("commune", Role.REPORTER, FORBIDDEN),
        ("province", Role.VIEWER, FORBIDDEN),
        ("province", Role.EDITOR, FORBIDDEN),
        ("sibling", Role.ADMIN, NOT_FOUND),
    ],
)
def test_only_a_units_admins_see_its_change_log(world: World, holder: str, role: Role, status: int) -> None:
    unit = {"commune": world.target.unit, "province": world.tree.province, "sibling": world.tree.commune}[
        holder
    ]
    response = client_for(member(unit, role)).get(reverse("web:change-log", args=[world.target.unit.pk]))
    assert response.status_code == status
    if status == OK:
        page = response.content.decode()
        assert str(Verb.ACTIVITY_LOGGED.label) in page
        assert world.target.activity.title in page


# --- allowed writes --------------------------------------------------------------------------


def test_a_commune_editor_writes_issues_and_arranges_a_plan(world: World) -> None:
    # given
    unit, client = world.target.unit, client_for(world.editor)
    year = today().year
    # when: a new draft plan
    response = client.post(
        reverse("plans:create") + f"?don-vi={unit.pk}",
        {"year": year, "title": "Kế hoạch tuyên truyền CCHC năm nay", "symbol": "KH-UBND"},
    )
    plan = Plan.objects.get(title="Kế hoạch tuyên truyền CCHC năm nay")
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert (plan.unit, plan.status, plan.year, plan.created_by) == (
        unit,
        PlanStatus.DRAFT,
        year,
        world.editor,
    )

    # when: two tasks are added
    for title, timing in (("Phát thanh hàng tháng", "Hàng tháng"), ("Hội nghị tuyên truyền", "Quý II")):
        response = client.post(
            reverse("plans:task-add", args=[plan.pk]), {"title": title, "timing_text": timing}
        )
        assert response.status_code == 302
    radio, conference = plan.tasks.order_by("position", "pk")
    # then
    assert response["Location"] == reverse("plans:detail", args=[plan.pk]) + f"#task-{conference.pk}"
    assert (radio.title, radio.recurrence, radio.occurrences.count()) == (
        "Phát thanh hàng tháng",
        "monthly",
        12,
    )
    assert (conference.title, conference.occurrences.count()) == ("Hội nghị tuyên truyền", 1)

    # when: edited without htmx, then inline with htmx
    response = client.post(
        reverse("plans:task-edit", args=[radio.pk]),
        {"title": "Phát thanh hàng tuần", "timing_text": "Hàng tuần"},
    )
    assert response.status_code == 302
    radio.refresh_from_db()
    assert (radio.title, radio.recurrence) == ("Phát thanh hàng tuần", "weekly")
    form = client.get(reverse("plans:task-edit", args=[radio.pk]), headers={"HX-Request": "true"})
    assert form.status_code == OK
    assert form.templates[0].name == "plans/_task_edit_row.html"
    assert "<html" not in form.content.decode()
    response = client.post(
        reverse("plans:task-edit", args=[radio.pk]),
        {"title": "Phát thanh chuyên mục CCHC", "timing_text": "Hàng tháng"},
        headers={"HX-Request": "true"},
    )
    # then: the new row comes back, alone
    row = response.content.decode()
    assert response.status_code == OK
    assert response.templates[0].name == "plans/_task_row.html"
    assert row.startswith(f'<tr id="task-{radio.pk}">')
    assert "Phát thanh chuyên mục CCHC" in row
    assert "<html" not in row
    radio.refresh_from_db()
    assert (radio.title, radio.occurrences.count()) == ("Phát thanh chuyên mục CCHC", 12)

    # when: the conference moves up
    response = client.post(reverse("plans:task-move", args=[conference.pk]), {"huong": "len"})
    assert response.status_code == 302
    assert list(plan.tasks.order_by("position", "pk").values_list("pk", flat=True)) == [
        conference.pk,
        radio.pk,
    ]

    # when: the header is corrected, then the plan issued and, at the end of the year, closed
    response = client.post(
        reverse("plans:edit", args=[plan.pk]),
        {
            "year": year,
            "title": "Kế hoạch tuyên truyền CCHC (sửa)",
            "symbol": "KH-UBND",
            "signer_name": "Chủ tịch",
        },
    )
    assert response.status_code == 302
    response = client.post(reverse("plans:issue", args=[plan.pk]), {"issue_date": today().isoformat()})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.signer_name) == ("Kế hoạch tuyên truyền CCHC (sửa)", "Chủ tịch")
    assert (plan.status, plan.number, plan.issue_date) == (PlanStatus.ISSUED, 2, today())  # 1 is taken
    assert client.post(reverse("plans:close", args=[plan.pk])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
    verbs = ChangeLogEntry.objects.filter(actor=world.editor).values_list("verb", flat=True).order_by("pk")
    assert list(verbs) == [
        Verb.PLAN_CREATED,
        Verb.TASK_CREATED,
        Verb.TASK_CREATED,
        Verb.TASK_UPDATED,
        Verb.TASK_UPDATED,
        Verb.TASKS_REORDERED,
        Verb.PLAN_UPDATED,
        Verb.PLAN_ISSUED,
        Verb.PLAN_CLOSED,
    ]


def test_tasks_added_through_the_page_are_numbered_in_order(world: World) -> None:
    # given
    client, plan = client_for(world.editor), world.target.draft
    # when
    for title in ("Nhiệm vụ thứ ba", "Nhiệm vụ thứ tư"):
        assert client.post(reverse("plans:task-add", args=[plan.pk]), {"title": title}).status_code == 302
    # then: TT 1, 2, 3, 4 in the appendix
    assert list(plan.tasks.order_by("pk").values_list("position", flat=True)) == [0, 1, 2, 3]
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert [page.count(f"<td>{n}</td>") for n in (1, 2, 3, 4)] == [1, 1, 1, 1]


@pytest.mark.parametrize(
    ("name", "content", "content_type", "inline"),
    [
        ("anh-hoi-nghi.png", png_bytes(), "image/png", True),
        ("bien-ban.pdf", PDF_BYTES, "application/pdf", True),
    ],
)
def test_an_editor_logs_an_activity_with_evidence_and_downloads_it(
    world: World, name: str, content: bytes, content_type: str, inline: bool
) -> None:
    # given
    work, client = world.target, client_for(world.editor)
    data = activity_form(work) | {"title": "Phát thanh về dịch vụ công trực tuyến"}
    # when
    response = client.post(
        reverse("activities:create") + f"?nhiem-vu={work.issued_task.pk}",
        data | {"evidence": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
    )
    # then
    activity = Activity.objects.get(title="Phát thanh về dịch vụ công trực tuyến")
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:detail", args=[activity.pk])
    assert (activity.unit, activity.created_by) == (work.unit, world.editor)
    assert activity.occurrence is not None
    assert activity.occurrence.task == work.issued_task
    assert activity.occurrence.status == OccurrenceStatus.DONE
    attachment = activity.attachments.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        name,
        content_type,
        len(content),
    )
    assert (world.media_root / attachment.file.name).read_bytes() == content

    # when
    download = client.get(reverse("activities:attachment", args=[attachment.pk]))
    # then
    body = b"".join(download.streaming_content)
    assert download.status_code == OK
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("inline" if inline else "attachment")
    assert name in download["Content-Disposition"]
    assert body == content
    # and a viewer of the province may download it too
    viewer_download = client_for(world.viewer).get(reverse("activities:attachment", args=[attachment.pk]))
    assert b"".join(viewer_download.streaming_content) == content


@pytest.mark.parametrize(
    "uploads",
    [
        [("photo.png", b"<html><script>alert('x')</script></html>")],
        # a valid photo first: the refused second file takes the first one with it
        [("that.png", png_bytes()), ("photo.png", b"<html><script>alert('x')</script></html>")],
    ],
    ids=["html-only", "png-then-html"],
)
def test_html_named_like_a_photo_is_refused_and_nothing_is_stored(
    world: World, uploads: list[tuple[str, bytes]]
) -> None:
    # given
    work, client = world.target, client_for(world.editor)
    before = db_state(world.media_root)
    data = activity_form(work) | {"title": "Hoạt động có tệp giả ảnh"}
    files = [SimpleUploadedFile(name, content, content_type="image/png") for name, content in uploads]
    # when
    response = client.post(
        reverse("activities:create") + f"?don-vi={work.unit.pk}", data | {"evidence": files}
    )
    # then
    assert response.status_code == OK
    message = f"Tệp photo.png không thuộc loại được nhận ({accepted_kinds()})."
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    assert not Activity.objects.filter(title="Hoạt động có tệp giả ảnh").exists()
    assert db_state(world.media_root) == before
    assert stored_files(world.media_root) == [work.attachment.file.name]


def test_a_reporter_logs_edits_and_deletes_activities(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    work, client = world.target, client_for(world.reporter)
    # when: logs one
    response = client.post(
        reverse("activities:create") + f"?don-vi={work.unit.pk}",
        activity_form(work)
        | {
            "title": "Tọa đàm CCHC",
            "channel": Channel.DIALOGUE,
            "measure": Measure.ATTENDEES,
            "evidence": SimpleUploadedFile("toa-dam.pdf", PDF_BYTES),
        },
    )
    activity = Activity.objects.get(title="Tọa đàm CCHC")
    assert response.status_code == 302
    # when: edits another's (same unit) and removes its photo
    response = client.post(
        reverse("activities:edit", args=[work.activity.pk]), activity_form(work) | {"title": "Đã sửa"}
    )
    assert response.status_code == 302
    work.activity.refresh_from_db()
    assert work.activity.title == "Đã sửa"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("activities:attachment-delete", args=[work.attachment.pk]))
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=work.attachment.pk).exists()
    assert work.attachment.file.name not in stored_files(world.media_root)  # the file went with the row
    # when: deletes the new one
    response = client.post(reverse("activities:delete", args=[activity.pk]))
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    verbs = ChangeLogEntry.objects.filter(actor=world.reporter).values_list("verb", flat=True).order_by("pk")
    assert list(verbs) == [
        Verb.ACTIVITY_LOGGED,
        Verb.ACTIVITY_UPDATED,
        Verb.ACTIVITY_UPDATED,
        Verb.ACTIVITY_DELETED,
    ]


# --- the admin -------------------------------------------------------------------------------


def test_admin_changelists_show_a_staff_editor_only_their_units(world: World) -> None:
    # given
    own = build_commune_work(world.tree.commune, actor=world.superuser)
    foreign = world.target
    client = client_for(world.outsider)
    assert world.outsider.is_staff
    # when
    plans = client.get(reverse("admin:plans_plan_changelist"))
    activities = client.get(reverse("admin:activities_activity_changelist"))
    # then
    assert plans.status_code == activities.status_code == OK
    assert set(plans.context["cl"].result_list) == {own.draft, own.issued}
    assert set(activities.context["cl"].result_list) == {own.activity}
    assert foreign.draft.title not in plans.content.decode()
    assert foreign.activity.title not in activities.content.decode()
    assert client.get(reverse("admin:plans_plan_change", args=[own.draft.pk])).status_code == OK
    assert client.get(reverse("admin:activities_activity_change", args=[own.activity.pk])).status_code == OK


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("admin:plans_plan_change", args=[w.draft.pk]),
        lambda w: reverse("admin:plans_plan_delete", args=[w.draft.pk]),
        lambda w: reverse("admin:plans_plan_history", args=[w.draft.pk]),
        lambda w: reverse("admin:plans_task_change", args=[w.first_task.pk]),
        lambda w: reverse("admin:activities_activity_change", args=[w.activity.pk]),
        lambda w: reverse("admin:activities_activity_delete", args=[w.activity.pk]),
        lambda w: reverse("admin:activities_attachment_change", args=[w.attachment.pk]),
        lambda w: reverse("admin:plans_planimport_change", args=[w.plan_import.pk]),
    ],
    ids=[
        "plan",
        "plan-delete",
        "plan-history",
        "task",
        "activity",
        "activity-delete",
        "attachment",
        "import",
    ],
)
def test_admin_refuses_another_communes_objects(world: World, url: Callable[[CommuneWork], str]) -> None:
    # given
    client = client_for(world.outsider)
    before = db_state(world.media_root)
    # when
    opened = client.get(url(world.target))
    posted = client.post(url(world.target), {"post": "yes", "title": "Sửa trái phép"})
    # then: Django's admin redirects an object outside the queryset to the admin index
    assert opened.status_code in (302, 403, 404)
    assert posted.status_code in (302, 403, 404)
    if opened.status_code == 302:
        assert opened["Location"] == reverse("admin:index")
    assert db_state(world.media_root) == before


def test_admin_bulk_delete_skips_another_communes_plans(world: World) -> None:
    own = build_commune_work(world.tree.commune, actor=world.superuser)
    before = db_state(world.media_root)
    response = client_for(world.outsider).post(
        reverse("admin:plans_plan_changelist"),
        {"action": "delete_selected", "_selected_action": [world.target.draft.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert db_state(world.media_root) == before
    assert Plan.objects.filter(pk=own.draft.pk).exists()


def test_a_superuser_sees_every_unit_in_the_admin(world: World) -> None:
    own = build_commune_work(world.tree.commune, actor=world.superuser)
    client = client_for(world.superuser)
    plans = client.get(reverse("admin:plans_plan_changelist"))
    activities = client.get(reverse("admin:activities_activity_changelist"))
    assert set(plans.context["cl"].result_list) == {
        own.draft,
        own.issued,
        world.target.draft,
        world.target.issued,
    }
    assert set(activities.context["cl"].result_list) == {own.activity, world.target.activity}
    for url in (
        reverse("admin:plans_plan_change", args=[world.target.draft.pk]),
        reverse("admin:activities_activity_change", args=[world.target.activity.pk]),
    ):
        assert client.get(url).status_code == OK


def admin_form_data(client: Client, url: str) -> dict[str, Any]:
    """What the admin change form would post back unchanged."""
    form = client.get(url).context["adminform"].form
    values = {
        name: form[name].value() for name in form.fields if not isinstance(form.fields[name], FileField)
    }
    return {name: "" if value is None else value for name, value in values.items()}


def test_admin_does_not_let_a_staff_editor_link_their_activity_to_another_communes_task(world: World) -> None:
    """The occurrence is a raw-id field: any id may be typed into it."""
    # given
    own = build_commune_work(world.tree.commune, actor=world.superuser)
    foreign_occurrence = world.target.activity.occurrence
    assert foreign_occurrence is not None
    client = client_for(world.outsider)
    url = reverse("admin:activities_activity_change", args=[own.activity.pk])
    data = admin_form_data(client, url) | {"occurrence": foreign_occurrence.pk}
    before = db_state(world.media_root)
    # when
    response = client.post(url, data)
    # then
    assert response.status_code == OK
    # Refused by the scoped choices (another commune's periods are not offered at all).
    assert list(response.context["adminform"].form.errors) == ["occurrence"]
    assert db_state(world.media_root) == before


@pytest.mark.parametrize(
    ("admin_url", "link"),
    [
        ("admin:plans_task_change", lambda own, b: (own.first_task, "plan", b.draft.pk)),
        (
            "admin:plans_task_change",
            lambda own, b: (own.first_task, "lead_agency", b.first_task.lead_agency_id),
        ),
        ("admin:plans_occurrence_change", lambda own, b: (own.activity.occurrence, "task", b.issued_task.pk)),
        ("admin:plans_planimport_change", lambda own, b: (own.plan_import, "plan", b.draft.pk)),
        ("admin:activities_attachment_change", lambda own, b: (own.attachment, "activity", b.activity.pk)),
    ],
    ids=["task-plan", "task-lead-agency", "occurrence-task", "import-plan", "attachment-activity"],
)
def test_admin_refuses_raw_ids_of_another_communes_rows(
    world: World, admin_url: str, link: Callable[[CommuneWork, CommuneWork], tuple[Any, str, int]]
) -> None:
    """Raw-id fields take any id typed in; a row of the editor's unit must not point into another unit."""
    # given
    obj, field, foreign_id = link(build_commune_work(world.tree.commune, actor=world.superuser), world.target)
    client = client_for(world.outsider)
    url = reverse(admin_url, args=[obj.pk])
    original = getattr(obj, f"{field}_id")
    # when
    response = client.post(url, admin_form_data(client, url) | {field: foreign_id})
    # then: refused (form error, 403) or ignored (read-only field), never stored
    obj.refresh_from_db()
    assert response.status_code in (302, OK, FORBIDDEN)
    assert getattr(obj, f"{field}_id") == original


@pytest.mark.parametrize(
    ("admin_url", "author"),
    [
        ("admin:activities_activity_change", lambda own: (own.activity, "created_by")),
        ("admin:plans_plan_change", lambda own: (own.draft, "created_by")),
        ("admin:plans_planimport_change", lambda own: (own.plan_import, "uploaded_by")),
    ],
    ids=["activity", "plan", "plan-import"],
)
def test_admin_neither_lists_nor_accepts_accounts_outside_a_staff_editors_units(
    world: World, admin_url: str, author: Callable[[CommuneWork], tuple[Any, str]]
) -> None:
    """Who made a row is the audit's to say: a commune editor must not see or pick any account."""
    # given: an account of commune B, whom the editor of commune A has no business knowing
    stranger = member(world.target.unit, Role.EDITOR, full_name="Người Ở Xã Khác")
    obj, field = author(build_commune_work(world.tree.commune, actor=world.superuser))
    client = client_for(world.outsider)
    url = reverse(admin_url, args=[obj.pk])
    # when
    page = client.get(url).content.decode()
    client.post(url, admin_form_data(client, url) | {field: stranger.pk})
    # then
    obj.refresh_from_db()
    assert getattr(obj, field) == world.superuser
    assert "Người Ở Xã Khác" not in page
