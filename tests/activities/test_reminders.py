"""What is due within a week or overdue, the daily job that mails it, and `loa reminders`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from loa.accounts.choices import Role
from loa.activities.reminders import ReminderRun, occurrences_to_remind, send_daily_reminders
from loa.activities.tasks import send_reminders
from loa.plans.choices import OccurrenceStatus
from loa.plans.models import Occurrence, Task
from loa.plans.services import close_plan
from loa.units.models import Unit
from tests.activities import freeze_today, issued_plan, log, member_of, statuses, task_in
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db

D = dt.date


@dataclass
class Setting:
    a: Unit
    b: Unit
    monthly: Task
    quarter: Task
    deadline: Task


@pytest.fixture
def setting(monkeypatch: pytest.MonkeyPatch) -> Setting:
    """Commune A: an issued plan (monthly task, January done; a Q2 task), a draft and a closed plan.

    Commune B: an issued plan with a deadline of 30/04. Built as seen on 20/01/2024.
    """
    freeze_today(monkeypatch, D(2024, 1, 20))
    a = UnitFactory(name="Xã An Phú")
    b = UnitFactory(parent=a.parent, name="Xã Bình Lợi")
    editor = member_of(a, Role.EDITOR, email="bientap@anphu.example.vn")
    member_of(a, Role.REPORTER, email="capnhat@anphu.example.vn")
    member_of(a, Role.VIEWER, email="chixem@anphu.example.vn")
    member_of(a, Role.ADMIN, email="")
    member_of(a, Role.EDITOR, email="danghi@anphu.example.vn", is_active=False)
    member_of(b, Role.VIEWER, email="chixem@binhloi.example.vn")
    b_editor = member_of(b, Role.EDITOR)  # no email address
    plan = issued_plan(a, editor)
    monthly = task_in(plan, "Hằng tháng", editor, title="Chuyên mục CCHC trên đài truyền thanh xã")
    quarter = task_in(plan, "Quý II/2024", editor, title="Hội nghị đối thoại về thủ tục hành chính")
    log(a, D(2024, 1, 15), editor, task=monthly)
    task_in(issued_plan(a, editor, issued=False), "Hằng tháng", editor, title="Nhiệm vụ của bản dự thảo")
    closed = issued_plan(a, editor)
    task_in(closed, "Hằng tháng", editor, title="Nhiệm vụ của kế hoạch đã kết thúc")
    close_plan(closed, actor=editor)
    deadline = task_in(issued_plan(b, b_editor), "Trước 30/04", b_editor, title="Niêm yết thủ tục mới")
    return Setting(a, b, monthly, quarter, deadline)


def labels(occurrences: Any) -> list[tuple[str, str]]:
    return [(o.task.title, o.label) for o in occurrences]


def test_due_within_a_week_and_overdue_periods_of_issued_plans_only(setting: Setting) -> None:
    s = setting
    reminded = occurrences_to_remind([s.a.pk, s.b.pk], on=D(2024, 4, 25))
    assert labels(reminded) == [
        (s.monthly.title, "Tháng 02/2024"),
        (s.monthly.title, "Tháng 03/2024"),
        (s.monthly.title, "Tháng 04/2024"),
        (s.deadline.title, "Trước 30/04/2024"),
    ]
    # the week ends seven days on: 30/04 is in on 23/04, out on 22/04
    assert (s.deadline.title, "Trước 30/04/2024") in labels(
        occurrences_to_remind([s.b.pk], on=D(2024, 4, 23))
    )
    assert labels(occurrences_to_remind([s.b.pk], on=D(2024, 4, 22))) == []
    # met periods are never reminded, even once overdue
    assert (s.monthly.title, "Tháng 01/2024") not in labels(
        occurrences_to_remind([s.a.pk], on=D(2024, 12, 1))
    )
    assert [o.label for o in occurrences_to_remind([s.a.pk], on=D(2024, 6, 25)) if o.task == s.quarter] == [
        "Quý II/2024"
    ]


def test_daily_job_marks_missed_and_mails_each_unit_its_list(setting: Setting) -> None:
    s = setting
    run = send_daily_reminders(on=D(2024, 4, 25))
    # February and March of the issued plan's monthly task were pending past due, and
    # three of the closed plan's; the draft plan's periods are nobody's duty yet
    assert run == ReminderRun(marked_missed=5, units=2, emails=1)
    assert list(statuses(s.monthly).values())[:5] == ["done", "missed", "missed", "pending", "pending"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Loa] Xã An Phú: 3 kỳ thực hiện sắp đến hạn hoặc quá hạn"
    assert message.to == ["bientap@anphu.example.vn", "capnhat@anphu.example.vn"]
    assert message.body.splitlines() == [
        "Các kỳ thực hiện cần ghi nhận kết quả:",
        "",
        "Tháng 02/2024 — Chuyên mục CCHC trên đài truyền thanh xã (hạn 29/02/2024, quá hạn)",
        "Tháng 03/2024 — Chuyên mục CCHC trên đài truyền thanh xã (hạn 31/03/2024, quá hạn)",
        "Tháng 04/2024 — Chuyên mục CCHC trên đài truyền thanh xã (hạn 30/04/2024)",
    ]
    # commune B has a period due but only a viewer with an email address: no mail
    assert not any("binhloi" in address for m in mail.outbox for address in m.to)


def test_a_long_list_is_cut_with_a_count_of_the_rest(setting: Setting) -> None:
    send_daily_reminders(on=D(2024, 4, 25), limit_per_unit=2)
    body = mail.outbox[0].body.splitlines()
    assert body[2:] == [
        "Tháng 02/2024 — Chuyên mục CCHC trên đài truyền thanh xã (hạn 29/02/2024, quá hạn)",
        "Tháng 03/2024 — Chuyên mục CCHC trên đài truyền thanh xã (hạn 31/03/2024, quá hạn)",
        "… và 1 kỳ khác.",
    ]


def test_nothing_to_remind_sends_nothing(setting: Setting) -> None:
    Occurrence.objects.update(status=OccurrenceStatus.DONE)
    assert send_daily_reminders(on=D(2024, 4, 25)) == ReminderRun(marked_missed=0, units=0, emails=0)
    assert mail.outbox == []


def test_reminders_command_prints_its_summary(setting: Setting) -> None:
    out = StringIO()
    call_command("reminders", date="2024-04-02", stdout=out)
    # A: February and March overdue (April is due 30/04, beyond the week); B's deadline too far
    # … and the report of quý I/2024 (data to 14/03, due two working days later) is owed
    assert out.getvalue().strip() == (
        "5 periods marked missed; 1 units with reminders; 1 emails sent; 1 report reminders sent; "
        "0 feedback reminders sent."
    )
    assert [m.subject for m in mail.outbox] == [
        "[Loa] Xã An Phú: 2 kỳ thực hiện sắp đến hạn hoặc quá hạn",
        "[Loa] Xã An Phú: 1 báo cáo cần gửi",
    ]
    assert "Báo cáo quý I năm 2024: hạn 18/03/2024, đã quá hạn" in mail.outbox[1].body
    out = StringIO()
    call_command("reminders", date="2024-04-02", stdout=out)
    assert out.getvalue().startswith("0 periods marked missed;")


@pytest.mark.parametrize("bad", ["02/04/2024", "2024-13-01", "hôm nay"])
def test_reminders_command_rejects_a_bad_date(setting: Setting, bad: str) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("reminders", date=bad, stdout=StringIO())
    assert mail.outbox == []
    assert not Occurrence.objects.filter(status=OccurrenceStatus.MISSED).exists()


def test_the_background_task_runs_the_job_as_of_today(
    monkeypatch: pytest.MonkeyPatch, setting: Setting
) -> None:
    freeze_today(monkeypatch, D(2024, 4, 25))
    send_reminders.enqueue()
    assert [m.subject for m in mail.outbox] == ["[Loa] Xã An Phú: 3 kỳ thực hiện sắp đến hạn hoặc quá hạn"]
