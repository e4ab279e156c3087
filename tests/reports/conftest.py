"""A province with four communes, a 2024 plan and activities around quý I/2024, built through services.

Quý I/2024 collects the data of 15/12/2023–14/03/2024 and is due on Monday 18/03/2024
(two working days after Thursday 14/03). Commune A has the issued plan and the
activities in `ROWS`, some inside the window and some outside; commune B logs a
radio broadcast of its own inside the window (it never counts for A); commune C a
social-media post; commune D nothing. The province logs one portal article of its own.

`Clock` stands in for the wall clock: it patches `django.utils.timezone.now` (which
`timezone.localdate()` reads too) with a moment on the chosen Vietnamese day that
moves forward by a microsecond at each call, so `auto_now` fields keep changing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from loa.accounts.choices import Role
from loa.accounts.models import User
from loa.activities.models import Activity
from loa.plans.models import Plan, Task
from loa.units.choices import Level
from loa.units.models import Unit
from tests.activities import issued_plan, log, member_of, task_in
from tests.units.factories import UnitFactory

D = dt.date
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
Q1_START, Q1_END, Q1_DUE = D(2023, 12, 15), D(2024, 3, 14), D(2024, 3, 18)
BUILT_ON = D(2024, 3, 15)  # the day the scene is built: every activity below has happened

# Commune A's activities: day, channel, quantity, measure, cost, task key (None: no task).
ROWS: list[tuple[dt.date, str, int, str, int, str | None]] = [
    (D(2023, 12, 10), "radio", 30, "minutes", 0, None),  # before the window
    (D(2023, 12, 20), "training", 40, "attendees", 500_000, None),  # 2023, but inside quý I/2024
    (D(2024, 1, 10), "radio", 20, "minutes", 0, "radio"),  # January's broadcast meets the quota
    (D(2024, 2, 10), "radio", 10, "minutes", 0, "radio"),  # February's is 5 minutes short
    (D(2024, 2, 20), "conference", 120, "attendees", 2_000_000, "conference"),
    (D(2024, 3, 1), "leaflet", 500, "copies", 1_000_000, "leaflet"),
    (D(2024, 3, 5), "portal", 3, "items", 0, None),
    (D(2024, 3, 8), "panel_poster", 2, "items", 800_000, None),
    (D(2024, 3, 12), "dialogue", 60, "attendees", 0, "dialogue"),  # two days after the task's 10/03
    (D(2024, 3, 14), "newspaper", 1, "items", 0, None),  # the cut-off day itself counts
    (D(2024, 3, 15), "radio", 15, "minutes", 0, "radio"),  # the day after the cut-off
]
ESTIMATED_COSTS = {"radio": 1_200_000, "conference": 3_000_000, "leaflet": 2_000_000}


class Clock:
    """The wall clock of a test: a moment on a Vietnamese calendar day, ticking by microseconds."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._base = dt.datetime(2024, 1, 1, 9, tzinfo=VIETNAM)
        self._ticks = 0
        monkeypatch.setattr(timezone, "now", self.now)

    def set(self, day: dt.date, at: dt.time = dt.time(9, 0)) -> None:
        moment = dt.datetime.combine(day, at, tzinfo=VIETNAM)
        assert moment >= self._base, "the clock only moves forward"
        self._base, self._ticks = moment, 0

    def now(self) -> dt.datetime:
        self._ticks += 1
        # As Django gives it: aware, in UTC.
        return (self._base + dt.timedelta(microseconds=self._ticks)).astimezone(dt.UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@dataclass
class Scene:
    province: Unit
    a: Unit
    b: Unit
    c: Unit
    d: Unit
    plan: Plan  # commune A's issued 2024 plan
    tasks: dict[str, Task]
    staff: User  # editor of the province: builds the scene, reviews the communes' reports
    editor_a: User
    editor_b: User
    editor_c: User
    viewer: User  # viewer of the province
    clock: Clock


def build_scene(clock: Clock) -> Scene:
    clock.set(BUILT_ON)
    province = UnitFactory(level=Level.PROVINCE, name="Tỉnh Khánh Thử")
    a, b, c, d = (
        UnitFactory(parent=province, name=f"Xã {n}") for n in ("An Phú", "Bình Lộc", "Cam Hải", "Diên Điền")
    )
    staff = member_of(province, Role.EDITOR, full_name="Cán bộ Sở Nội vụ")
    plan = issued_plan(a, staff)
    tasks = {
        "radio": task_in(
            plan,
            "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút",
            staff,
            title="Phát thanh chuyên mục cải cách hành chính",
            channel="radio",
            estimated_cost=Decimal(ESTIMATED_COSTS["radio"]),
        ),
        "conference": task_in(
            plan,
            "Hằng quý",
            staff,
            title="Hội nghị quán triệt công tác cải cách hành chính",
            channel="conference",
            estimated_cost=Decimal(ESTIMATED_COSTS["conference"]),
        ),
        "leaflet": task_in(
            plan,
            "Quý I/2024",
            staff,
            title="In và phát tờ rơi thủ tục hành chính",
            channel="leaflet",
            estimated_cost=Decimal(ESTIMATED_COSTS["leaflet"]),
        ),
        "dialogue": task_in(
            plan, "Trước 10/03/2024", staff, title="Đối thoại với người dân về thủ tục", channel="dialogue"
        ),
    }
    for day, channel, quantity, measure, cost, key in ROWS:
        log(
            a,
            day,
            staff,
            task=tasks[key] if key else None,
            channel=channel,
            quantity=quantity,
            measure=measure,
            cost=cost,
            title=f"{channel} ngày {day:%d/%m/%Y}",
        )
    log(
        b,
        D(2024, 1, 15),
        staff,
        channel="radio",
        quantity=99,
        measure="minutes",
        title="Phát thanh xã Bình Lộc",
    )
    log(c, D(2024, 1, 20), staff, channel="social", quantity=4, measure="items", title="Bài đăng xã Cam Hải")
    log(province, D(2024, 2, 1), staff, channel="portal", quantity=5, measure="items", title="Tin Cổng tỉnh")
    return Scene(
        province=province,
        a=a,
        b=b,
        c=c,
        d=d,
        plan=plan,
        tasks=tasks,
        staff=staff,
        editor_a=member_of(a, Role.EDITOR),
        editor_b=member_of(b, Role.EDITOR),
        editor_c=member_of(c, Role.EDITOR),
        viewer=member_of(province, Role.VIEWER),
        clock=clock,
    )


@pytest.fixture
def scene(db: None, clock: Clock) -> Scene:
    return build_scene(clock)


def in_window(start: dt.date, end: dt.date) -> list[tuple[dt.date, str, int, str, int, str | None]]:
    return [row for row in ROWS if start <= row[0] <= end]


def expected_activity_figures(start: dt.date, end: dt.date) -> dict[str, Any]:
    """Commune A's activity figures for [start, end], worked out from ROWS alone."""
    rows = in_window(start, end)

    def total(keep: Any) -> int:
        return sum(quantity for _, channel, quantity, measure, _, _ in rows if keep(channel, measure))

    def count(*channels: str) -> int:
        return sum(1 for row in rows if row[1] in channels)

    by_channel: dict[str, dict[str, int]] = {}
    for _, channel, quantity, _, _, _ in rows:
        entry = by_channel.setdefault(channel, {"activities": 0, "quantity": 0})
        entry["activities"] += 1
        entry["quantity"] += quantity
    publishing = {"portal", "social", "newspaper", "radio", "tv"}
    return {
        "activities": len(rows),
        "broadcasts": count("radio", "tv", "mobile_loudspeaker"),
        "minutes": total(lambda ch, m: m == "minutes"),
        "articles": total(lambda ch, m: m == "items" and ch in publishing),
        "conferences": count("conference"),
        "conference_attendees": total(lambda ch, m: ch == "conference" and m == "attendees"),
        "trainings": count("training"),
        "trainees": total(lambda ch, m: ch == "training" and m == "attendees"),
        "leaflets": total(lambda ch, m: ch == "leaflet"),
        "panels": total(lambda ch, m: ch == "panel_poster"),
        "dialogues": count("dialogue"),
        "dialogue_attendees": total(lambda ch, m: ch == "dialogue" and m == "attendees"),
        "surveys": count("survey"),
        "contests": count("contest"),
        "public_listings": count("public_listing"),
        "spend": sum(row[4] for row in rows),
        "by_channel": dict(sorted(by_channel.items())),
        "channels_used": sorted(by_channel),
    }


def activity_titles(unit: Unit, start: dt.date, end: dt.date) -> list[str]:
    return list(
        Activity.objects.filter(unit=unit, happened_on__gte=start, happened_on__lte=end)
        .order_by("happened_on", "pk")
        .values_list("title", flat=True)
    )
