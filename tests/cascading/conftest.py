"""A seed-like province plan and the communes below it, built through the services.

The province plan reads like seed 003 (the Đắk Lắk plan): its themes, purposes and tasks are
that plan's, cut down, and moved to a 2025-era province and the year `YEAR`. It is saved the
way an imported document is (`save_imported_plan`, which keeps its sections), its tasks are
added with `add_task` and it is issued with `issue_plan`. What falls to a commune is known in
advance:

- the radio programme (led by the province broadcaster, monthly, at least 15 minutes) → the
  commune radio station, with the commune office cooperating for "Sở Nội vụ";
- the training (led by "Sở Nội vụ") → the commune office;
- the panels and the issuing task (led by "UBND các xã, phường") → the commune committee;
- the newspaper task (led only by the provincial newspaper) → nothing: it stays at the province.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace
from typing import Any

import pytest

from loa.plans.choices import ImportStatus
from loa.plans.models import Plan, PlanImport
from loa.plans.services import PlanInput, TaskInput, add_task, issue_plan, save_imported_plan
from loa.units.choices import Level
from loa.units.models import Unit
from tests.activities import member_of
from tests.units.factories import UnitFactory

YEAR = 2026
HIGHER_NUMBER = 45
HIGHER_ISSUED = dt.date(YEAR, 1, 10)
DEADLINE = dt.date(YEAR, 2, 15)
ON_TIME = dt.date(YEAR, 2, 10)
LATE = dt.date(YEAR, 3, 2)

THEMES = (
    "Vai trò, trách nhiệm của người đứng đầu cơ quan hành chính các cấp đối với việc triển khai "
    "thực hiện các nhiệm vụ CCHC.",
    "Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC theo Quyết định số "
    "468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ.",
    "Tuyên truyền, hướng dẫn người dân, doanh nghiệp tiếp cận với các dịch vụ công trực tuyến, "
    "thanh toán trực tuyến, dịch vụ bưu chính công ích.",
    "Kết quả các chỉ số đánh giá: Chỉ số CCHC (PAR INDEX), Chỉ số hài lòng của người dân, tổ "
    "chức về sự phục vụ của cơ quan hành chính Nhà nước (SIPAS).",
    "Các kênh thông tin, địa chỉ tiếp nhận; kết quả xử lý các góp ý, phản ánh, kiến nghị, giải "
    "đáp vướng mắc qua các đường dây nóng.",
)
ONE_STOP_THEME = THEMES[1]
AUDIENCES = (
    "Cán bộ, công chức, viên chức, người lao động trong các cơ quan hành chính nhà nước",
    "Các tầng lớp Nhân dân, doanh nghiệp",
)
CHANNELS = ("radio", "training", "panel_poster", "newspaper")
REPORTING_PERIODS = ("semiannual", "annual")
PURPOSES_TITLE = "MỤC ĐÍCH, YÊU CẦU"
PURPOSES_TEXT = (
    "a) Đẩy mạnh, nâng cao chất lượng công tác cải cách hành chính (CCHC) năm 2026 của tỉnh; "
    "nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức (CBCCVC) trong thực thi công vụ.\n"
    "b) Tăng cường sự ủng hộ, tham gia của người dân, doanh nghiệp trong triển khai CCHC và giám "
    "sát quá trình thực hiện CCHC của cơ quan hành chính Nhà nước."
)

RADIO_TITLE = "Chương trình “Dân hỏi - Thủ trưởng cơ quan hành chính trả lời” trên sóng phát thanh"
MONTHLY = "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút"
TRAINING_TITLE = "Tập huấn nghiệp vụ tuyên truyền CCHC cho đội ngũ CBCCVC"
PANEL_TITLE = "Tuyên truyền bằng pa nô, áp phích về CCHC tại trung tâm các xã, phường"
NEWSPAPER_TITLE = "Tăng cường tin, bài, phóng sự, video về CCHC trên Báo Đắk Lắk"
DEADLINE_TITLE = f"UBND các xã, phường ban hành kế hoạch tuyên truyền CCHC năm {YEAR}"
DEADLINE_TIMING = f"Trước 15/02/{YEAR}"

HIGHER_TASKS = (
    TaskInput(
        title=RADIO_TITLE,
        lead="Đài Phát thanh và Truyền hình tỉnh",
        cooperating=["Sở Nội vụ", "Báo Đắk Lắk"],
        channel="radio",
        timing_text=MONTHLY,
    ),
    TaskInput(title=TRAINING_TITLE, lead="Sở Nội vụ", channel="training", timing_text=f"Quý II/{YEAR}"),
    TaskInput(
        title=PANEL_TITLE,
        lead="UBND các xã, phường",
        channel="panel_poster",
        timing_text="Thường xuyên trong năm",
    ),
    TaskInput(
        title=NEWSPAPER_TITLE, lead="Báo Đắk Lắk", channel="newspaper", timing_text="Thường xuyên trong năm"
    ),
    TaskInput(title=DEADLINE_TITLE, lead="UBND các xã, phường", timing_text=DEADLINE_TIMING),
)


def province_unit(name: str = "Tỉnh Đắk Lắk") -> Unit:
    unit: Unit = UnitFactory(level=Level.PROVINCE, name=name)
    return unit


def commune_of(province: Unit, name: str) -> Unit:
    unit: Unit = UnitFactory(parent=province, name=name)
    return unit


def imported_plan(unit: Unit, actor: Any, draft: dict[str, Any]) -> Plan:
    """A draft plan saved from a reviewed import, as `save_imported_plan` keeps one."""
    plan_import = PlanImport.objects.create(
        unit=unit,
        uploaded_by=actor,
        file="plans/imports/ke-hoach.txt",
        original_name="ke-hoach.txt",
        size=1000,
        status=ImportStatus.READY,
        progress=100,
        draft=draft,
    )
    return save_imported_plan(plan_import, draft=draft, actor=actor)


def higher_plan(province: Unit, actor: Any, *, number: int = HIGHER_NUMBER) -> Plan:
    """The province plan of `YEAR`, issued on `HIGHER_ISSUED` (see the module docstring)."""
    plan = imported_plan(
        province,
        actor,
        {
            "year": YEAR,
            "number": f"{number}/KH-UBND",
            "title": f"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {YEAR}",
            "issuer": f"UBND {province.name[:1].lower()}{province.name[1:]}",
            "audiences": list(AUDIENCES),
            "content_themes": list(THEMES),
            "channels": list(CHANNELS),
            "reporting_periods": list(REPORTING_PERIODS),
            "sections": [
                {"numeral": "I", "title": PURPOSES_TITLE, "text": PURPOSES_TEXT},
                {
                    "numeral": "IV",
                    "title": "TỔ CHỨC THỰC HIỆN",
                    "text": "Sở Nội vụ theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch này.",
                },
            ],
            "tasks": [],
        },
    )
    for task in HIGHER_TASKS:
        add_task(plan, replace(task, cooperating=list(task.cooperating)), actor=actor)
    return issue_plan(plan, issue_date=HIGHER_ISSUED, actor=actor)


def input_of(plan: Plan, **changes: Any) -> PlanInput:
    """The plan's header as `update_plan` takes it, with `changes` applied."""
    data = PlanInput(
        year=plan.year,
        title=plan.title,
        symbol=plan.symbol,
        issuer_name=plan.issuer_name,
        place=plan.place,
        signer_name=plan.signer_name,
        signing_authority=plan.signing_authority,
        signer_title=plan.signer_title,
        budget_source=plan.budget_source,
        yearly_theme=plan.yearly_theme,
        audiences=list(plan.audiences),
        content_themes=list(plan.content_themes),
        channels=list(plan.channels),
        reporting_periods=list(plan.reporting_periods),
        recipients=list(plan.recipients),
    )
    return PlanInput(**{**asdict(data), **changes})


def task_input_of(task: Any, **changes: Any) -> TaskInput:
    """A task as `update_task` takes it (its own texts, timing re-read), with `changes` applied."""
    data = TaskInput(
        title=task.title,
        product=task.product,
        lead=task.lead_text,
        cooperating=list(task.cooperating_text),
        timing_text=task.timing_text,
        end_timing_text=task.end_timing_text,
        channel=task.channel,
        note=task.note,
    )
    return TaskInput(**{**asdict(data), **changes})


@dataclass
class Cascade:
    """A province with two communes; the province plan is issued, the communes have none yet."""

    province: Unit
    commune: Unit
    sibling: Unit
    province_editor: Any
    commune_editor: Any
    higher: Plan


@pytest.fixture
def cascade(db: None) -> Cascade:
    province = province_unit()
    commune = commune_of(province, "Xã Hòa Phú")
    sibling = commune_of(province, "Phường Tân Lập")
    province_editor = member_of(province)
    return Cascade(
        province=province,
        commune=commune,
        sibling=sibling,
        province_editor=province_editor,
        commune_editor=member_of(commune),
        higher=higher_plan(province, province_editor),
    )
