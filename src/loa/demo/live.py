"""A live year of tracking data: one province and some of its communes, Jan 1 to today.

Plans and tasks go through the plan services like a user's; the activities that a
year of staff work would leave are generated from a catalogue of tasks taken from the
seed plans' appendices and bulk-inserted, then every occurrence is reassessed once.

Rules a caller can rely on:
- Deterministic: the same seed, year and `today` give the same plans, tasks and
  activities (each unit draws from its own random stream, keyed by its code, so a unit's
  data does not depend on which other units are generated).
- Idempotent: when the province already has a plan for the year nothing is written and
  the summary describes what is there.
- Nothing happens after `today`: activities are dated 1 January to `today`; plans are
  issued in January or early February, never after `today`.
- Evidence follows the real rule (`loa.tracking.fulfilment`): an occurrence the rng
  decides a unit meets gets activities that add up to its task's count and quota; one it
  misses gets nothing or too little. Late work is dated after the due date, which only
  a single-period task can show: like `log_activity`, activities are linked with
  `occurrence_on`, so a late monthly column would count for the next month.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from loa.accounts.choices import Role
from loa.accounts.models import User
from loa.accounts.services import grant_role
from loa.activities.models import Activity
from loa.activities.scheduling import occurrence_on, reassess
from loa.audit.models import Verb
from loa.audit.services import record_change
from loa.plans.choices import Channel, Measure, OccurrenceStatus, ReportingPeriod
from loa.plans.models import Occurrence, Plan, Task
from loa.plans.services import PlanInput, TaskInput, add_task, create_plan, issue_plan
from loa.tracking.fulfilment import Requirement
from loa.units.choices import Era, Level, UnitKind
from loa.units.models import Unit

DEMO_PASSWORD = "loa-demo-2026"
# Hưng Yên and its Phường Đường Hào: the 2025 successor of the commune of seed 000, so
# the demo shows a legacy plan reaching today's units through the merger links.
DEMO_PROVINCE_CODE = "33"
DEMO_COMMUNE_CODE = "12133"
# The commune login made when Phường Đường Hào (demo.xa's unit) is not a live commune.
LIVE_COMMUNE_LOGIN = ("demo.phuong", "Nguyễn Thị Thu Phương")

PROVINCE_DILIGENCE = 0.9
COMMUNE_DILIGENCE = (0.78, 0.95)
LAGGING_DILIGENCE = (0.55, 0.6)
"""Chance that a unit meets a period's requirement; one commune is clearly behind."""
LATE_SHARE = 0.45
"""Of the single-period tasks a unit meets, the share it meets after the due date."""
LATE_DAYS = (2, 20)
PARTIAL_SHARE = 0.4
"""Of the periods a unit misses, the share where it still logged something, too little."""


@dataclass(frozen=True)
class TaskTemplate:
    """One task of a plan appendix as a commune (`lead`) or a province (`province_lead`) writes it.

    An empty lead means the task does not appear in that level's plans. `timing` is the
    "Thời gian thực hiện" cell; it and `title` write the plan year as `{year}`. Each
    activity logged for the task is measured in `measure`, between `quantity` bounds, and
    costs `fixed_cost` plus `unit_cost` per unit of quantity (đồng); `extra` is how many
    activities beyond the requirement a diligent unit may log in one period.
    """

    title: str
    product: str
    lead: str
    province_lead: str
    channel: Channel
    timing: str
    measure: Measure
    quantity: tuple[int, int]
    activity: str
    cooperating: tuple[str, ...] = ()
    province_cooperating: tuple[str, ...] = ()
    unit_cost: tuple[int, int] = (0, 0)
    fixed_cost: tuple[int, int] = (0, 0)
    budget: int = 0
    extra: int = 1
    core: bool = False


@dataclass(frozen=True)
class ExtraActivity:
    """Work a unit logs outside its plan's tasks (not linked to any occurrence)."""

    channel: Channel
    measure: Measure
    quantity: tuple[int, int]
    title: str


_VP = "Văn phòng HĐND và UBND"
_VHXH = "Phòng Văn hóa - Xã hội"
_TTPV = "Trung tâm Phục vụ hành chính công"
_DTT = "Đài Truyền thanh"
_DOAN = "Đoàn Thanh niên Cộng sản Hồ Chí Minh"
_MTTQ = "Ủy ban Mặt trận Tổ quốc Việt Nam"
_SNV = "Sở Nội vụ"
_VPT = "Văn phòng Ủy ban nhân dân tỉnh"
_BAO = "Báo và Phát thanh, Truyền hình tỉnh"
_SVH = "Sở Văn hóa, Thể thao và Du lịch"

CATALOGUE: tuple[TaskTemplate, ...] = (
    TaskTemplate(
        title="Duy trì và nâng cao chất lượng chuyên mục Cải cách hành chính trên sóng Đài truyền thanh xã",
        product="Các chuyên mục",
        lead=_DTT,
        province_lead="",
        cooperating=(_VP, _VHXH),
        channel=Channel.RADIO,
        timing="Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút",
        measure=Measure.MINUTES,
        quantity=(5, 20),
        activity="Phát chuyên mục Cải cách hành chính: {topic}",
        extra=3,
        core=True,
    ),
    TaskTemplate(
        title="Duy trì chuyên mục “Cải cách hành chính” trên sóng phát thanh, truyền hình của tỉnh",
        product="Chuyên mục phát thanh, truyền hình",
        lead="",
        province_lead=_BAO,
        province_cooperating=(_SNV,),
        channel=Channel.RADIO,
        timing="Một tuần một lần, thời lượng phát sóng mỗi lần từ 10 đến 15 phút",
        measure=Measure.MINUTES,
        quantity=(5, 20),
        activity="Phát sóng chuyên mục “Cải cách hành chính”: {topic}",
        extra=1,
        core=True,
    ),
    TaskTemplate(
        title="Chương trình “Dân hỏi - Thủ trưởng cơ quan hành chính trả lời”",
        product="Chương trình truyền hình",
        lead="",
        province_lead=_BAO,
        province_cooperating=(_SNV, _VPT),
        channel=Channel.TV,
        timing="Hằng tháng trong năm",
        measure=Measure.MINUTES,
        quantity=(20, 30),
        activity="Phát sóng chương trình “Dân hỏi - Thủ trưởng cơ quan hành chính trả lời”: {topic}",
        fixed_cost=(3_000_000, 8_000_000),
        budget=60_000_000,
        extra=0,
        core=True,
    ),
    TaskTemplate(
        title="Tuyên truyền trên hệ thống loa truyền thanh tại các thôn, tổ dân phố",
        product="Tin, bài phát trên loa truyền thanh",
        lead=_DTT,
        province_lead="",
        cooperating=(_VHXH,),
        channel=Channel.RADIO,
        timing="Hằng tháng",
        measure=Measure.MINUTES,
        quantity=(5, 15),
        activity="Phát tin trên loa truyền thanh cơ sở: {topic}",
        extra=3,
    ),
    TaskTemplate(
        title=(
            "Tuyên truyền tình hình giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công; "
            "niêm yết công khai thủ tục hành chính và quy trình nội bộ"
        ),
        product="Niêm yết công khai TTHC và quy trình nội bộ",
        lead=_TTPV,
        province_lead="",
        cooperating=(_DTT,),
        channel=Channel.PUBLIC_LISTING,
        timing="Thường xuyên trong năm",
        measure=Measure.ITEMS,
        quantity=(1, 6),
        activity="Niêm yết, cập nhật thủ tục hành chính tại Trung tâm Phục vụ hành chính công",
        extra=2,
        core=True,
    ),
    TaskTemplate(
        title=(
            "Công khai đầy đủ các quy định, thủ tục hành chính, văn bản quy phạm pháp luật thuộc lĩnh vực "
            "quản lý trên Cổng Dịch vụ công và Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh"
        ),
        product="Thủ tục hành chính được công khai",
        lead="",
        province_lead="Trung tâm Phục vụ hành chính công tỉnh",
        province_cooperating=(_VPT,),
        channel=Channel.PUBLIC_LISTING,
        timing="Thường xuyên trong năm",
        measure=Measure.ITEMS,
        quantity=(2, 10),
        activity="Công khai, cập nhật thủ tục hành chính mới sửa đổi, bổ sung",
        extra=1,
    ),
    TaskTemplate(
        title=(
            "Tăng cường tuyên truyền, cập nhật các tin, bài về tình hình cải cách hành chính "
            "trên Trang thông tin điện tử"
        ),
        product="Tin, bài",
        lead=_VP,
        province_lead="",
        cooperating=(_VHXH,),
        channel=Channel.PORTAL,
        timing="Thường xuyên trong năm",
        measure=Measure.ITEMS,
        quantity=(1, 3),
        activity="Đăng tin, bài trên Trang thông tin điện tử: {topic}",
        unit_cost=(100_000, 300_000),
        budget=6_000_000,
        extra=4,
        core=True,
    ),
    TaskTemplate(
        title=(
            "Chuyên mục “Tiếp nhận, trả lời phản ánh, kiến nghị của người dân” "
            "trên Cổng Thông tin điện tử tỉnh"
        ),
        product="Phản ánh, kiến nghị được trả lời",
        lead="",
        province_lead=_VPT,
        province_cooperating=(_SNV,),
        channel=Channel.PORTAL,
        timing="Thường xuyên",
        measure=Measure.ITEMS,
        quantity=(1, 5),
        activity="Đăng tải trả lời phản ánh, kiến nghị của người dân về thủ tục hành chính",
        extra=2,
    ),
    TaskTemplate(
        title="Tăng cường tin, bài, phóng sự, video về cải cách hành chính trên báo in, báo điện tử của tỉnh",
        product="Tin, bài, phóng sự",
        lead="",
        province_lead=_BAO,
        province_cooperating=(_SNV,),
        channel=Channel.NEWSPAPER,
        timing="Mỗi tháng ít nhất 04 tin, bài",
        measure=Measure.ITEMS,
        quantity=(1, 3),
        activity="Đăng tin, bài trên báo: {topic}",
        unit_cost=(300_000, 1_000_000),
        budget=40_000_000,
        extra=2,
        core=True,
    ),
    TaskTemplate(
        title=(
            "Phổ biến, quán triệt Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {year} "
            "đến cán bộ, công chức, viên chức"
        ),
        product="Hội nghị quán triệt",
        lead=_VP,
        province_lead=_SNV,
        channel=Channel.MEETING_INTEGRATION,
        timing="Quý I/{year}",
        measure=Measure.ATTENDEES,
        quantity=(20, 80),
        activity="Quán triệt Kế hoạch thông tin, tuyên truyền cải cách hành chính tại hội nghị cơ quan",
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Tuyên truyền kết quả Chỉ số CCHC, Chỉ số hài lòng về sự phục vụ hành chính "
            "trên Trang thông tin điện tử"
        ),
        product="Đăng tải lên Trang thông tin điện tử",
        lead=_VP,
        province_lead="",
        channel=Channel.PORTAL,
        timing="Quý I/{year}",
        measure=Measure.ITEMS,
        quantity=(1, 2),
        activity="Đăng tin kết quả Chỉ số CCHC (PAR INDEX), Chỉ số hài lòng (SIPAS) năm trước",
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Tuyên truyền, phổ biến kết quả các chỉ số PAR INDEX, SIPAS, PAPI, PCI, DTI của tỉnh; "
            "ý nghĩa của các chỉ số đối với phát triển kinh tế - xã hội"
        ),
        product="Tin, bài, tài liệu",
        lead="",
        province_lead=_SNV,
        province_cooperating=(_BAO,),
        channel=Channel.PORTAL,
        timing="Quý II/{year}",
        measure=Measure.ITEMS,
        quantity=(1, 3),
        activity="Đăng tải kết quả các chỉ số PAR INDEX, SIPAS, PAPI, PCI, DTI của tỉnh",
        extra=1,
    ),
    TaskTemplate(
        title="Tổ chức các cuộc họp, hội nghị nâng cao chất lượng cải cách hành chính",
        product="Hội nghị",
        lead=_VP,
        province_lead="",
        cooperating=(_DTT,),
        channel=Channel.CONFERENCE,
        timing="Mỗi quý 01 lần",
        measure=Measure.ATTENDEES,
        quantity=(30, 150),
        activity="Hội nghị nâng cao chất lượng cải cách hành chính: {topic}",
        fixed_cost=(2_000_000, 10_000_000),
        budget=24_000_000,
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Tổ chức hội nghị sơ kết, tổng kết công tác cải cách hành chính, "
            "trong đó có công tác tuyên truyền"
        ),
        product="Hội nghị",
        lead="",
        province_lead=_SNV,
        province_cooperating=(_VPT,),
        channel=Channel.CONFERENCE,
        timing="6 tháng, năm",
        measure=Measure.ATTENDEES,
        quantity=(60, 150),
        activity="Hội nghị sơ kết công tác cải cách hành chính",
        fixed_cost=(5_000_000, 10_000_000),
        budget=20_000_000,
        extra=0,
    ),
    TaskTemplate(
        title="Tổ chức hội nghị đối thoại trực tiếp giữa lãnh đạo xã với người dân, doanh nghiệp",
        product="Hội nghị đối thoại",
        lead=_VP,
        province_lead="",
        cooperating=(_MTTQ,),
        channel=Channel.DIALOGUE,
        timing="Quý II, III/{year}",
        measure=Measure.ATTENDEES,
        quantity=(30, 150),
        activity="Hội nghị đối thoại giữa lãnh đạo UBND với người dân: {topic}",
        fixed_cost=(2_000_000, 10_000_000),
        budget=10_000_000,
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Tổ chức hội nghị đối thoại giữa lãnh đạo tỉnh với người dân, doanh nghiệp về thủ tục hành chính"
        ),
        product="Hội nghị đối thoại",
        lead="",
        province_lead=_VPT,
        province_cooperating=(_SNV, "Trung tâm Phục vụ hành chính công tỉnh"),
        channel=Channel.DIALOGUE,
        timing="Quý II, III/{year}",
        measure=Measure.ATTENDEES,
        quantity=(80, 150),
        activity="Hội nghị đối thoại giữa lãnh đạo tỉnh với doanh nghiệp: {topic}",
        fixed_cost=(5_000_000, 10_000_000),
        budget=10_000_000,
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Khảo sát sự hài lòng của tổ chức, công dân đối với giải quyết thủ tục hành chính "
            "trên các lĩnh vực theo quy định"
        ),
        product="Phiếu khảo sát, báo cáo kết quả khảo sát",
        lead=_VP,
        province_lead="",
        cooperating=(_TTPV,),
        channel=Channel.SURVEY,
        timing="Quý IV/{year}",
        measure=Measure.COPIES,
        quantity=(50, 300),
        activity="Phát phiếu khảo sát sự hài lòng của người dân tại Trung tâm Phục vụ hành chính công",
        unit_cost=(2_000, 5_000),
        budget=1_500_000,
        extra=1,
    ),
    TaskTemplate(
        title=(
            "Triển khai đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ "
            "của cơ quan hành chính nhà nước (SIPAS)"
        ),
        product="Phiếu khảo sát, báo cáo kết quả",
        lead="",
        province_lead=_SNV,
        channel=Channel.SURVEY,
        timing="Quý III/{year}",
        measure=Measure.COPIES,
        quantity=(300, 1500),
        activity="Phát, thu phiếu khảo sát SIPAS tại các xã, phường",
        unit_cost=(5_000, 15_000),
        budget=30_000_000,
        extra=1,
    ),
    TaskTemplate(
        title="Tổ chức tập huấn, bồi dưỡng nghiệp vụ công tác cải cách hành chính cho cán bộ, công chức",
        product="Lớp tập huấn",
        lead=_VP,
        province_lead=_SNV,
        province_cooperating=(_VPT,),
        channel=Channel.TRAINING,
        timing="Quý III/{year}",
        measure=Measure.ATTENDEES,
        quantity=(20, 80),
        activity="Lớp tập huấn nghiệp vụ cải cách hành chính: {topic}",
        fixed_cost=(3_000_000, 8_000_000),
        unit_cost=(50_000, 100_000),
        budget=15_000_000,
        extra=0,
    ),
    TaskTemplate(
        title="Lồng ghép nội dung cải cách hành chính trong các buổi họp giao ban, họp định kỳ của cơ quan",
        product="Thông báo kết luận cuộc họp",
        lead=_VP,
        province_lead=_VPT,
        channel=Channel.MEETING_INTEGRATION,
        timing="Hằng tháng, mỗi tháng 01 kỳ",
        measure=Measure.SESSIONS,
        quantity=(1, 1),
        activity="Lồng ghép nội dung cải cách hành chính trong họp giao ban: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="In, phát hành tờ gấp, tờ rơi hướng dẫn thực hiện dịch vụ công trực tuyến",
        product="Tờ gấp, tờ rơi",
        lead=_VHXH,
        province_lead=_SNV,
        cooperating=(_TTPV,),
        province_cooperating=("Trung tâm Phục vụ hành chính công tỉnh",),
        channel=Channel.LEAFLET,
        timing="Quý II/{year}",
        measure=Measure.COPIES,
        quantity=(200, 2000),
        activity="Phát hành tờ gấp hướng dẫn: {topic}",
        unit_cost=(500, 1_500),
        budget=3_000_000,
        extra=1,
    ),
    TaskTemplate(
        title="Lắp đặt, duy trì pa nô, áp phích, băng rôn tuyên truyền cải cách hành chính tại trung tâm xã",
        product="Pa nô, băng rôn",
        lead=_VHXH,
        province_lead="",
        channel=Channel.PANEL_POSTER,
        timing="Trước 15/02/{year}",
        measure=Measure.ITEMS,
        quantity=(1, 4),
        activity="Treo băng rôn, pa nô tuyên truyền chủ đề cải cách hành chính năm",
        unit_cost=(1_500_000, 4_000_000),
        budget=8_000_000,
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Lắp đặt pa nô, áp phích tuyên truyền cải cách hành chính tại các tuyến phố chính, trụ sở cơ quan"
        ),
        product="Pa nô, áp phích",
        lead="",
        province_lead=_SVH,
        channel=Channel.PANEL_POSTER,
        timing="Quý I/{year}",
        measure=Measure.ITEMS,
        quantity=(1, 4),
        activity="Lắp đặt pa nô tuyên truyền cải cách hành chính",
        unit_cost=(2_000_000, 6_000_000),
        budget=20_000_000,
        extra=1,
    ),
    TaskTemplate(
        title=(
            "Tuyên truyền, hướng dẫn sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến, "
            "định danh điện tử VNeID trên mạng xã hội (Facebook, Zalo)"
        ),
        product="Tin, bài, video ngắn",
        lead=_VHXH,
        province_lead=_SVH,
        cooperating=(_DOAN,),
        province_cooperating=(_BAO,),
        channel=Channel.SOCIAL,
        timing="Mỗi tháng ít nhất 02 tin, bài",
        measure=Measure.ITEMS,
        quantity=(1, 2),
        activity="Đăng tin, video ngắn trên mạng xã hội: {topic}",
        extra=4,
    ),
    TaskTemplate(
        title="Duy trì đường dây nóng, hộp thư góp ý tiếp nhận phản ánh, kiến nghị về thủ tục hành chính",
        product="Phản ánh, kiến nghị được tiếp nhận và trả lời",
        lead=_TTPV,
        province_lead="",
        cooperating=(_VP,),
        channel=Channel.HOTLINE,
        timing="Thường xuyên",
        measure=Measure.ITEMS,
        quantity=(1, 3),
        activity="Tiếp nhận, trả lời phản ánh, kiến nghị qua đường dây nóng",
        extra=2,
    ),
    TaskTemplate(
        title="Tuyên truyền lưu động bằng xe loa về cải cách hành chính, chuyển đổi số",
        product="Buổi tuyên truyền lưu động",
        lead=_VHXH,
        province_lead="",
        cooperating=(_DOAN,),
        channel=Channel.MOBILE_LOUDSPEAKER,
        timing="Mỗi quý 01 đợt",
        measure=Measure.SESSIONS,
        quantity=(1, 3),
        activity="Tuyên truyền lưu động bằng xe loa: {topic}",
        unit_cost=(300_000, 800_000),
        budget=4_000_000,
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Lồng ghép tuyên truyền cải cách hành chính trong hội nghị phổ biến, giáo dục pháp luật "
            "hưởng ứng Ngày Pháp luật Việt Nam"
        ),
        product="Hội nghị",
        lead=_VP,
        province_lead="Sở Tư pháp",
        cooperating=(_MTTQ,),
        province_cooperating=(_SNV,),
        channel=Channel.CONFERENCE,
        timing="Tháng 11/{year}",
        measure=Measure.ATTENDEES,
        quantity=(30, 150),
        activity="Hội nghị phổ biến, giáo dục pháp luật lồng ghép nội dung cải cách hành chính",
        fixed_cost=(2_000_000, 10_000_000),
        budget=8_000_000,
        extra=0,
    ),
    TaskTemplate(
        title="Hưởng ứng, tham gia cuộc thi tìm hiểu về cải cách hành chính",
        product="Bài dự thi",
        lead=_DOAN,
        province_lead="",
        cooperating=(_VHXH,),
        channel=Channel.CONTEST,
        timing="Quý III/{year}",
        measure=Measure.ATTENDEES,
        quantity=(30, 150),
        activity="Đoàn viên, người dân tham gia cuộc thi tìm hiểu về cải cách hành chính",
        extra=0,
    ),
    TaskTemplate(
        title="Tổ chức cuộc thi tìm hiểu về cải cách hành chính trên địa bàn tỉnh",
        product="Cuộc thi",
        lead="",
        province_lead=_SNV,
        province_cooperating=(_SVH, _BAO),
        channel=Channel.CONTEST,
        timing="Quý II, III/{year}",
        measure=Measure.ATTENDEES,
        quantity=(150, 1500),
        activity="Tổ chức cuộc thi trực tuyến tìm hiểu về cải cách hành chính",
        fixed_cost=(5_000_000, 10_000_000),
        budget=50_000_000,
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Hướng dẫn người dân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia, "
            "thanh toán phí, lệ phí trực tuyến"
        ),
        product="Lượt người dân được hướng dẫn",
        lead=_TTPV,
        province_lead="",
        cooperating=(_DOAN,),
        channel=Channel.OTHER,
        timing="Mỗi tháng 01 lần",
        measure=Measure.ATTENDEES,
        quantity=(10, 40),
        activity="Tổ công nghệ số cộng đồng hướng dẫn người dân nộp hồ sơ trực tuyến",
        extra=2,
    ),
    TaskTemplate(
        title=(
            "Lồng ghép tuyên truyền cải cách hành chính trong sinh hoạt của Mặt trận Tổ quốc và các đoàn thể"
        ),
        product="Buổi sinh hoạt",
        lead=_MTTQ,
        province_lead="",
        cooperating=("Hội Liên hiệp Phụ nữ", _DOAN),
        channel=Channel.MEETING_INTEGRATION,
        timing="Hằng quý",
        measure=Measure.ATTENDEES,
        quantity=(30, 120),
        activity="Lồng ghép tuyên truyền trong sinh hoạt chi hội: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Tổng hợp, báo cáo kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính",
        product="Báo cáo",
        lead=_VP,
        province_lead=_SNV,
        channel=Channel.OTHER,
        timing="Định kỳ hàng quý, 6 tháng, năm",
        measure=Measure.ITEMS,
        quantity=(1, 1),
        activity="Báo cáo kết quả công tác thông tin, tuyên truyền cải cách hành chính",
        extra=0,
        core=True,
    ),
)

TOPICS = (
    "dịch vụ công trực tuyến toàn trình",
    "thanh toán trực tuyến phí, lệ phí",
    "đăng ký khai sinh, thường trú trực tuyến",
    "định danh và xác thực điện tử VNeID (Đề án 06)",
    "tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích",
    "chính quyền địa phương hai cấp",
    "kỷ luật, kỷ cương hành chính",
    "Chỉ số hài lòng của người dân (SIPAS)",
    "chuyển đổi số cấp xã",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "quy tắc ứng xử của cán bộ, công chức",
    "tiếp nhận phản ánh, kiến nghị về thủ tục hành chính",
)

COMMUNE_EXTRAS = (
    ExtraActivity(
        Channel.MEETING_INTEGRATION,
        Measure.ATTENDEES,
        (15, 60),
        "Lồng ghép tuyên truyền {topic} trong họp thôn, tổ dân phố",
    ),
    ExtraActivity(Channel.SOCIAL, Measure.ITEMS, (1, 2), "Chia sẻ tin về {topic} trên nhóm Zalo tổ dân phố"),
    ExtraActivity(Channel.RADIO, Measure.MINUTES, (3, 10), "Phát thông báo về {topic} trên loa truyền thanh"),
    ExtraActivity(
        Channel.PUBLIC_LISTING, Measure.ITEMS, (1, 3), "Niêm yết thông báo về {topic} tại nhà văn hóa thôn"
    ),
)
PROVINCE_EXTRAS = (
    ExtraActivity(
        Channel.PORTAL, Measure.ITEMS, (1, 2), "Đăng tin về {topic} trên Cổng Thông tin điện tử tỉnh"
    ),
    ExtraActivity(
        Channel.MEETING_INTEGRATION,
        Measure.ATTENDEES,
        (20, 80),
        "Lồng ghép tuyên truyền {topic} trong hội nghị giao ban",
    ),
    ExtraActivity(
        Channel.SOCIAL, Measure.ITEMS, (1, 3), "Đăng tin về {topic} trên trang mạng xã hội của tỉnh"
    ),
)

SIGNERS = (
    "Nguyễn Văn Hùng",
    "Trần Thị Lan",
    "Lê Minh Tuấn",
    "Phạm Văn Khánh",
    "Đỗ Thị Hương",
    "Vũ Đức Thắng",
    "Hoàng Văn Nam",
    "Bùi Thị Ngọc",
    "Đặng Quốc Việt",
    "Ngô Thị Hà",
)


@dataclass
class LiveSummary:
    """What the live year holds: its plans, tasks, occurrences by status and activities.

    `today` is the day asked for; `last_activity` the latest activity of the year, which
    tells how far data made on an earlier day reaches.
    """

    year: int
    today: dt.date
    created: bool = False
    last_activity: dt.date | None = None
    units: list[str] = field(default_factory=list)
    plans: int = 0
    tasks: int = 0
    occurrences: int = 0
    activities: int = 0
    done: int = 0
    late: int = 0
    missed: int = 0
    pending: int = 0
    login: tuple[str, str, str] | None = None


def demo_user(username: str, full_name: str, *, superuser: bool = False) -> User:
    """A demo login with the demo password, created once and left alone afterwards."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "email": f"{username}@demo.loa.invalid",  # reminders print to the console in the demo
            "is_staff": True,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def build_live_year(
    *,
    year: int,
    today: dt.date,
    seed: int = 2026,
    province_code: str = DEMO_PROVINCE_CODE,
    commune_codes: Sequence[str] | None = None,
    communes: int = 5,
    actor: Any,
) -> LiveSummary:
    """Plans of a 2025-era province and `communes` of its communes for `year`, tracked to `today`.

    `commune_codes` picks the communes; otherwise Phường Đường Hào when the province holds
    it, then others drawn by `seed`; they are handled and listed in code order. `actor`
    must be allowed to edit the plans of every unit (a superuser). Raises ValueError for
    an unknown province or commune, or a `today` before the plan year.
    """
    if today < dt.date(year, 1, 1):
        raise ValueError(f"today ({today}) is before the plan year {year}")
    province = Unit.objects.filter(era=Era.CURRENT, level=Level.PROVINCE, code=province_code).first()
    if province is None:
        raise ValueError(f"no 2025 province with code {province_code}: run `loa units load` first")
    with transaction.atomic():
        if Plan.objects.filter(unit=province, year=year).exists():
            live_units = _units_with_plans(province, year)
            summary = _summary(province, year, today)
        else:
            live_units = _pick_communes(province, seed, commune_codes, communes)
            _generate(province, live_units, year=year, today=today, seed=seed, actor=actor)
            summary = _summary(province, year, today)
            summary.created = True
        summary.units = [unit.name for unit in live_units]
        summary.login = _ensure_commune_login(live_units)
    return summary


def _pick_communes(province: Unit, seed: int, codes: Sequence[str] | None, count: int) -> list[Unit]:
    available = list(
        Unit.objects.filter(parent=province, era=Era.CURRENT, level=Level.COMMUNE).order_by("code")
    )
    if codes is not None:
        by_code = {unit.code: unit for unit in available}
        unknown = [code for code in codes if code not in by_code]
        if unknown:
            raise ValueError(f"not 2025 communes of {province.name}: {', '.join(unknown)}")
        return [unit for unit in available if unit.code in codes]
    anchor = [unit for unit in available if unit.code == DEMO_COMMUNE_CODE][:count]
    others = [unit for unit in available if unit.code != DEMO_COMMUNE_CODE]
    drawn = random.Random(seed).sample(others, min(count - len(anchor), len(others)))
    return sorted(anchor + drawn, key=lambda unit: unit.code or "")


def _units_with_plans(province: Unit, year: int) -> list[Unit]:
    communes = Unit.objects.filter(parent=province, level=Level.COMMUNE, plans__year=year)
    return list(communes.distinct().order_by("code"))


def _ensure_commune_login(communes: list[Unit]) -> tuple[str, str, str] | None:
    """An editor of the first live commune, unless demo.xa's commune is live."""
    if not communes or any(unit.code == DEMO_COMMUNE_CODE for unit in communes):
        return None
    first = communes[0]
    username, full_name = LIVE_COMMUNE_LOGIN
    grant_role(demo_user(username, full_name), first, Role.EDITOR, actor=None)
    return username, DEMO_PASSWORD, f"biên tập kế hoạch, {first.name}"


def _summary(province: Unit, year: int, today: dt.date) -> LiveSummary:
    plans = Plan.objects.filter(Q(unit=province) | Q(unit__parent=province), year=year)
    occurrences = Occurrence.objects.filter(task__plan__in=plans)
    by_status = dict(occurrences.values_list("status").annotate(n=Count("pk")).order_by("status"))
    activities = Activity.objects.filter(unit_id__in=plans.values("unit_id"), happened_on__year=year)
    return LiveSummary(
        year=year,
        today=today,
        plans=plans.count(),
        tasks=Task.objects.filter(plan__in=plans).count(),
        occurrences=sum(by_status.values()),
        activities=activities.count(),
        last_activity=activities.aggregate(last=Max("happened_on"))["last"],
        done=by_status.get(OccurrenceStatus.DONE, 0),
        late=by_status.get(OccurrenceStatus.LATE, 0),
        missed=by_status.get(OccurrenceStatus.MISSED, 0),
        pending=by_status.get(OccurrenceStatus.PENDING, 0),
    )


# Generation -------------------------------------------------------------------------------


@dataclass
class _UnitPlan:
    unit: Unit
    plan: Plan
    rng: random.Random
    diligence: float
    tasks: list[tuple[Task, TaskTemplate]] = field(default_factory=list)


def _generate(
    province: Unit, communes: list[Unit], *, year: int, today: dt.date, seed: int, actor: Any
) -> None:
    last_day = min(today, dt.date(year, 12, 31))
    rngs = {unit.code: random.Random(f"{seed}:{year}:{unit.code}") for unit in [province, *communes]}
    lagging = _lagging_commune(communes, seed)
    province_issued = _issue_day(year, rngs[province.code].randint(4, 15), today)
    unit_plans = [_plan_for(province, year, province_issued, rngs[province.code], PROVINCE_DILIGENCE, actor)]
    for commune in communes:
        rng = rngs[commune.code]
        diligence = rng.uniform(*LAGGING_DILIGENCE if commune == lagging else COMMUNE_DILIGENCE)
        issued = _issue_day(year, (province_issued - dt.date(year, 1, 1)).days + rng.randint(3, 25), today)
        unit_plans.append(_plan_for(commune, year, issued, rng, diligence, actor))
    plans = [unit_plan.plan for unit_plan in unit_plans]
    occurrences: dict[int, list[Occurrence]] = defaultdict(list)
    for occurrence in Occurrence.objects.filter(task__plan__in=plans).order_by("task_id", "period_start"):
        occurrences[occurrence.task_id].append(occurrence)
    activities: list[Activity] = []
    for unit_plan in unit_plans:
        made = _unit_activities(
            unit_plan, occurrences, year=year, today=today, last_day=last_day, actor=actor
        )
        activities += made
        record_change(
            actor=actor,
            unit=unit_plan.unit,
            verb=Verb.ACTIVITY_LOGGED,
            target=unit_plan.plan,
            summary=_("Dữ liệu mẫu: %(n)s hoạt động") % {"n": len(made)},
        )
    Activity.objects.bulk_create(activities, batch_size=500)
    reassess(Occurrence.objects.filter(task__plan__in=plans), on=today)


def _lagging_commune(communes: list[Unit], seed: int) -> Unit | None:
    """The one commune clearly behind: never demo.xa's, so the demo commune looks ordinary."""
    candidates = [unit for unit in communes if unit.code != DEMO_COMMUNE_CODE]
    return random.Random(f"{seed}:lagging").choice(candidates) if candidates else None


def _issue_day(year: int, offset: int, today: dt.date) -> dt.date:
    return min(dt.date(year, 1, 1) + dt.timedelta(days=offset), today)


def _plan_for(
    unit: Unit, year: int, issued: dt.date, rng: random.Random, diligence: float, actor: Any
) -> _UnitPlan:
    is_province = unit.level == Level.PROVINCE
    templates = _templates_for(rng, province=is_province)
    kind = "thành phố" if unit.kind == UnitKind.MUNICIPALITY else unit.kind
    plan = create_plan(
        unit,
        PlanInput(
            year=year,
            title=(
                f"Thông tin, tuyên truyền cải cách hành chính năm {year}"
                if is_province
                else f"Tuyên truyền cải cách hành chính {kind} {unit.short_name} năm {year}"
            ),
            issuer_name=f"Ủy ban nhân dân {kind} {unit.short_name}",
            place=unit.short_name,
            signer_name=rng.choice(SIGNERS),
            signing_authority="TM. ỦY BAN NHÂN DÂN",
            signer_title="CHỦ TỊCH",
            budget_source=f"Ngân sách nhà nước bố trí cho công tác cải cách hành chính năm {year}",
            audiences=[
                "Cán bộ, công chức, viên chức, người lao động",
                "Người dân, doanh nghiệp và các tổ chức trên địa bàn",
            ],
            content_themes=[
                "Chủ trương của Đảng, chính sách, pháp luật của Nhà nước về cải cách hành chính",
                "Kết quả thực hiện cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông",
                "Chuyển đổi số, dịch vụ công trực tuyến, Đề án 06",
                "Chỉ số CCHC (PAR INDEX), Chỉ số hài lòng (SIPAS)",
            ],
            channels=list(dict.fromkeys(t.channel.value for t in templates)),
            reporting_periods=[
                ReportingPeriod.QUARTERLY.value,
                ReportingPeriod.SEMIANNUAL.value,
                ReportingPeriod.ANNUAL.value,
            ],
            recipients=_recipients(unit, kind, is_province=is_province),
        ),
        actor=actor,
    )
    unit_plan = _UnitPlan(unit=unit, plan=plan, rng=rng, diligence=diligence)
    for template in templates:
        task = add_task(
            plan,
            TaskInput(
                title=template.title.format(year=year),
                product=template.product,
                lead=template.province_lead if is_province else template.lead,
                cooperating=list(template.province_cooperating if is_province else template.cooperating),
                timing_text=template.timing.format(year=year),
                channel=template.channel,
                estimated_cost=Decimal(template.budget) if template.budget else None,
            ),
            actor=actor,
        )
        unit_plan.tasks.append((task, template))
    number = rng.randint(10, 60) if is_province else rng.randint(5, 40)
    taken = Plan.objects.filter(unit=unit, year=year, symbol=plan.symbol, number=number).exists()
    unit_plan.plan = issue_plan(plan, number=None if taken else number, issue_date=issued, actor=actor)
    return unit_plan


def _templates_for(rng: random.Random, *, province: bool) -> list[TaskTemplate]:
    """About 15 tasks for a province, 12 to 20 for a commune, in catalogue order."""
    usable = [t for t in CATALOGUE if (t.province_lead if province else t.lead)]
    count = min(rng.randint(14, 16) if province else rng.randint(12, 20), len(usable))
    core = [t for t in usable if t.core]
    rest = [t for t in usable if not t.core]
    chosen = set(core) | set(rng.sample(rest, max(count - len(core), 0)))
    return [t for t in usable if t in chosen]


def _recipients(unit: Unit, kind: str, *, is_province: bool) -> list[str]:
    if is_province:
        return [
            "Bộ Nội vụ (để báo cáo)",
            "Thường trực Tỉnh ủy, Thường trực HĐND tỉnh",
            "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
            "Các sở, ban, ngành tỉnh",
            "UBND các xã, phường",
            "Báo và Phát thanh, Truyền hình tỉnh",
            "Lưu: VT, NV.",
        ]
    return [
        "UBND tỉnh (để báo cáo)",
        "Sở Nội vụ (để báo cáo)",
        f"Thường trực Đảng ủy, HĐND {kind}",
        f"Chủ tịch, các Phó Chủ tịch UBND {kind}",
        f"Các phòng, ban, đơn vị thuộc UBND {kind}",
        "Lưu: VT.",
    ]


def _unit_activities(
    unit_plan: _UnitPlan,
    occurrences: dict[int, list[Occurrence]],
    *,
    year: int,
    today: dt.date,
    last_day: dt.date,
    actor: Any,
) -> list[Activity]:
    rng, unit = unit_plan.rng, unit_plan.unit
    made: list[Activity] = []
    for task, template in unit_plan.tasks:
        task_occurrences = occurrences[task.pk]
        requirement = Requirement.of(
            count=task.count_per_period, measure=task.quota_measure, minimum=task.quota_minimum
        )
        measure = requirement.measure or template.measure
        for day, quantity in _task_evidence(
            template, requirement, task_occurrences, rng, unit_plan.diligence, today, last_day
        ):
            made.append(
                Activity(
                    unit=unit,
                    occurrence=occurrence_on(task_occurrences, day),
                    channel=template.channel,
                    happened_on=day,
                    title=template.activity.format(topic=rng.choice(TOPICS))[:300],
                    quantity=Decimal(quantity),
                    measure=measure,
                    cost=_cost(template, quantity, rng),
                    created_by=actor,
                )
            )
    extras = PROVINCE_EXTRAS if unit.level == Level.PROVINCE else COMMUNE_EXTRAS
    for day in _extra_days(rng, year, last_day):
        extra = rng.choice(extras)
        made.append(
            Activity(
                unit=unit,
                occurrence=None,
                channel=extra.channel,
                happened_on=day,
                title=extra.title.format(topic=rng.choice(TOPICS))[:300],
                quantity=Decimal(rng.randint(*extra.quantity)),
                measure=extra.measure,
                created_by=actor,
            )
        )
    return made


def _task_evidence(
    template: TaskTemplate,
    requirement: Requirement,
    occurrences: list[Occurrence],
    rng: random.Random,
    diligence: float,
    today: dt.date,
    last_day: dt.date,
) -> list[tuple[dt.date, int]]:
    """(date, quantity) of each activity a unit logs for one task, period by period."""
    evidence: list[tuple[dt.date, int]] = []
    first_day = dt.date(last_day.year, 1, 1)
    single = len(occurrences) == 1
    for occurrence in occurrences:
        start = max(occurrence.period_start, first_day)
        if start > last_day:
            break
        end = min(occurrence.period_end, last_day)
        closed = occurrence.due_date < today
        # An open period has only run part of its course: its odds shrink accordingly.
        share = 1.0 if closed else ((end - start).days + 1) / ((occurrence.period_end - start).days + 1)
        if rng.random() < diligence * share:
            if closed and single and rng.random() < LATE_SHARE:
                start = occurrence.due_date + dt.timedelta(days=LATE_DAYS[0])
                end = min(occurrence.due_date + dt.timedelta(days=LATE_DAYS[1]), last_day)
                if start > end:
                    continue  # the late work has not happened yet
            quantities = _meeting(template, requirement, rng)
        elif rng.random() < PARTIAL_SHARE * share:
            quantities = _short_of(template, requirement, rng)
        else:
            continue
        evidence += zip(_days(rng, start, end, len(quantities)), quantities, strict=True)
    return evidence


def _meeting(template: TaskTemplate, requirement: Requirement, rng: random.Random) -> list[int]:
    """Quantities of activities that together meet the requirement, plus a few more."""
    quantities: list[int] = []
    minimum = requirement.minimum or Decimal(0)
    while len(quantities) < requirement.count or sum(quantities) < minimum:
        quantities.append(rng.randint(*template.quantity))
    return quantities + [rng.randint(*template.quantity) for _ in range(rng.randint(0, template.extra))]


def _short_of(template: TaskTemplate, requirement: Requirement, rng: random.Random) -> list[int]:
    """Quantities of activities that fall short of the requirement (possibly none)."""
    if requirement.count > 1:
        return [rng.randint(*template.quantity) for _ in range(rng.randint(1, requirement.count - 1))]
    low = template.quantity[0]
    if requirement.minimum is not None and low < requirement.minimum:
        return [rng.randint(low, min(template.quantity[1], int(requirement.minimum) - 1))]
    return []


def _days(rng: random.Random, start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    span = (end - start).days
    return sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(count))


def _cost(template: TaskTemplate, quantity: int, rng: random.Random) -> Decimal:
    amount = rng.randint(*template.fixed_cost) + quantity * rng.randint(*template.unit_cost)
    return Decimal(round(amount, -3))


def _extra_days(rng: random.Random, year: int, last_day: dt.date) -> list[dt.date]:
    """Days of the unit's work outside its plan: three to eight a month."""
    days: list[dt.date] = []
    for month in range(1, last_day.month + 1):
        start = dt.date(year, month, 1)
        end = min(dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1), last_day)
        share = ((end - start).days + 1) / 30
        count = round(rng.randint(3, 8) * min(share, 1.0))
        days += _days(rng, start, end, count)
    return days
