"""The catalogue of plan tasks and day-to-day work the demo data is drawn from.

Task templates are taken from the appendices of the five seed plans (their kinds of work,
bodies and "Thời gian thực hiện" phrases) and written as a 2025 commune or province
would write them. `CATALOGUE` is what the live demo year draws from; the generator
(`loa generate`) draws from `SCALE_CATALOGUE`, which adds more kinds and timing phrases
so that a plan can hold 20 to 40 tasks. `COMMUNE_DAILY` and `PROVINCE_DAILY` are the work
a unit logs outside its plan (the daily loudspeaker bulletin, Zalo posts …).

The functions below draw a unit's evidence for one task period by period; both the live
year and the generator call them, so their data follow the same rules:
- an occurrence the unit meets gets activities that add up to its task's count and
  quota (`loa.tracking.fulfilment`), plus up to `extra` more;
- one it misses gets nothing or too little;
- late work, dated after the due date, happens only on single-period tasks.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from loa.plans.choices import Channel, Measure
from loa.tracking.fulfilment import Requirement


class PeriodLike(Protocol):
    """What the evidence drawing reads of an occurrence (a row, or a period not yet saved)."""

    @property
    def period_start(self) -> dt.date: ...

    @property
    def period_end(self) -> dt.date: ...

    @property
    def due_date(self) -> dt.date: ...


LATE_SHARE = 0.45
"""Of the single-period tasks a unit meets, the share it meets after the due date."""
LATE_DAYS = (2, 20)
PARTIAL_SHARE = 0.4
"""Of the periods a unit misses, the share where it still logged something, too little."""


@dataclass(frozen=True)
class TaskTemplate:
    """One task of a plan appendix as a commune (`lead`) or a province (`province_lead`) writes it.

    An empty lead means the task does not appear in that level's plans. `timing` is the
    "Thời gian thực hiện" cell (`end_timing` the "Hoàn thành" column of a two-column
    table); they and `title` write the plan year as `{year}`. Each
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
    end_timing: str = ""


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
_TTPVT = "Trung tâm Phục vụ hành chính công tỉnh"
_KT = "Phòng Kinh tế"
_HDND = "Thường trực Hội đồng nhân dân"
_KHCN = "Sở Khoa học và Công nghệ"
_TP = "Sở Tư pháp"

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


MORE_TEMPLATES: tuple[TaskTemplate, ...] = (
    TaskTemplate(
        title="Xây dựng, ban hành Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {year}",
        product="Kế hoạch",
        lead=_VP,
        province_lead=_SNV,
        channel=Channel.OTHER,
        timing="Tháng 01/{year}",
        end_timing="Trước 17/01",
        measure=Measure.ITEMS,
        quantity=(1, 1),
        activity="Ban hành Kế hoạch thông tin, tuyên truyền cải cách hành chính năm",
        extra=0,
    ),
    TaskTemplate(
        title="Ký hợp đồng, thanh lý hợp đồng thông tin, tuyên truyền cải cách hành chính",
        product="Hợp đồng, biên bản nghiệm thu, thanh lý hợp đồng",
        lead=_VP,
        province_lead="",
        cooperating=(_VHXH, _DTT),
        channel=Channel.OTHER,
        timing="Tháng 01/{year}",
        end_timing="Tháng 12/{year}",
        measure=Measure.ITEMS,
        quantity=(1, 1),
        activity="Nghiệm thu hợp đồng thông tin, tuyên truyền cải cách hành chính tháng",
        fixed_cost=(500_000, 2_000_000),
        budget=12_000_000,
        extra=0,
    ),
    TaskTemplate(
        title="Thực hiện chuyên mục Cải cách hành chính trên sóng truyền thanh xã",
        product="Chuyên mục (bài viết, câu chuyện truyền thanh)",
        lead=_DTT,
        province_lead="",
        cooperating=(_VHXH, _TTPV),
        channel=Channel.RADIO,
        timing="02 kỳ/tháng",
        measure=Measure.MINUTES,
        quantity=(5, 15),
        activity="Phát chuyên mục Cải cách hành chính trên sóng truyền thanh: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Tiếp xúc cử tri, lồng ghép thông tin về cải cách hành chính, giải quyết thủ tục hành chính",
        product="Cuộc tiếp xúc cử tri",
        lead=_HDND,
        province_lead="",
        cooperating=(_VP, _MTTQ),
        channel=Channel.MEETING_INTEGRATION,
        timing="Thường xuyên",
        measure=Measure.ATTENDEES,
        quantity=(40, 150),
        activity="Tiếp xúc cử tri, thông tin về cải cách hành chính: {topic}",
        extra=0,
    ),
    TaskTemplate(
        title="Tuyên truyền trên bản tin thời sự của Báo và Phát thanh, Truyền hình tỉnh",
        product="Tin, phóng sự truyền hình",
        lead="",
        province_lead=_BAO,
        province_cooperating=(_SNV, "Các sở, ban, ngành; UBND các xã, phường"),
        channel=Channel.TV,
        timing="Hàng tuần",
        measure=Measure.MINUTES,
        quantity=(2, 8),
        activity="Phát tin, phóng sự trên bản tin thời sự: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Tuyên truyền chủ đề cải cách hành chính năm {year} bằng nhiều hình thức",
        product="Tin, bài, hội nghị, tọa đàm",
        lead=_VP,
        province_lead=_SNV,
        cooperating=(_VHXH, _DTT),
        province_cooperating=(_VPT, _BAO),
        channel=Channel.PORTAL,
        timing="Thường xuyên trong năm",
        measure=Measure.ITEMS,
        quantity=(1, 2),
        activity="Đăng tin, bài về chủ đề cải cách hành chính năm: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Đẩy mạnh tuyên truyền các dịch vụ đô thị thông minh, ứng dụng công dân số của tỉnh",
        product="Tin, bài, video hướng dẫn",
        lead="",
        province_lead="Trung tâm Giám sát, điều hành đô thị thông minh tỉnh",
        province_cooperating=(_KHCN, _BAO),
        channel=Channel.SOCIAL,
        timing="Thường xuyên",
        measure=Measure.ITEMS,
        quantity=(1, 3),
        activity="Đăng video hướng dẫn sử dụng ứng dụng công dân số: {topic}",
        extra=2,
    ),
    TaskTemplate(
        title=(
            "Chỉ đạo, đôn đốc hệ thống truyền thanh cơ sở tăng cường đăng, phát tin, bài "
            "tuyên truyền cải cách hành chính"
        ),
        product="Chuyên mục “Tuyên truyền CCHC” trên sóng phát thanh",
        lead="",
        province_lead=_SVH,
        province_cooperating=("UBND các xã, phường",),
        channel=Channel.RADIO,
        timing="Thời lượng mỗi tháng ít nhất 15 phút",
        measure=Measure.MINUTES,
        quantity=(5, 20),
        activity="Phát chuyên mục “Tuyên truyền CCHC” trên sóng phát thanh tỉnh: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Tổ chức tọa đàm, sinh hoạt chuyên đề về cải cách hành chính",
        product="Buổi tọa đàm",
        lead=_VP,
        province_lead=_SNV,
        cooperating=(_DOAN,),
        province_cooperating=(_BAO,),
        channel=Channel.CONFERENCE,
        timing="6 tháng đầu năm {year}",
        measure=Measure.ATTENDEES,
        quantity=(20, 80),
        activity="Tọa đàm về cải cách hành chính: {topic}",
        fixed_cost=(1_000_000, 5_000_000),
        budget=5_000_000,
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Tuyên truyền, phổ biến kết quả các chỉ số PAR INDEX, PAPI, SIPAS, PCI thông qua các tài liệu"
        ),
        product="Tài liệu tuyên truyền",
        lead=_VHXH,
        province_lead="",
        cooperating=(_VP,),
        channel=Channel.LEAFLET,
        timing="Trong năm {year}",
        measure=Measure.COPIES,
        quantity=(50, 300),
        activity="Phát tài liệu giới thiệu kết quả các chỉ số PAR INDEX, PAPI, SIPAS, PCI",
        unit_cost=(1_000, 3_000),
        budget=1_000_000,
        extra=1,
    ),
    TaskTemplate(
        title=(
            "Tập huấn, bồi dưỡng nâng cao nhận thức, kỹ năng về cải cách hành chính, "
            "Hiệu quả Quản trị và Hành chính công cho cán bộ, công chức"
        ),
        product="Lớp tập huấn",
        lead=_VP,
        province_lead=_SNV,
        province_cooperating=("Trường Chính trị tỉnh",),
        channel=Channel.TRAINING,
        timing="Trong năm {year}",
        measure=Measure.ATTENDEES,
        quantity=(20, 120),
        activity="Tập huấn kỹ năng về cải cách hành chính, chỉ số PAPI cho cán bộ, công chức",
        fixed_cost=(2_000_000, 8_000_000),
        budget=10_000_000,
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Tuyên truyền việc áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015 "
            "vào hoạt động của cơ quan hành chính"
        ),
        product="Tin, bài; quy trình ISO được niêm yết",
        lead=_KT,
        province_lead=_KHCN,
        cooperating=(_TTPV,),
        channel=Channel.PUBLIC_LISTING,
        timing="6 tháng cuối năm {year}",
        measure=Measure.ITEMS,
        quantity=(1, 5),
        activity="Niêm yết quy trình nội bộ theo TCVN ISO 9001:2015",
        extra=1,
    ),
    TaskTemplate(
        title="Cung cấp thông tin tình hình thực hiện cải cách hành chính cho báo chí, cơ quan thông tấn",
        product="Thông cáo, tin, bài",
        lead=_VP,
        province_lead=_SNV,
        province_cooperating=(_VPT,),
        channel=Channel.NEWSPAPER,
        timing="Hằng quý",
        measure=Measure.ITEMS,
        quantity=(1, 2),
        activity="Cung cấp tin, bài về cải cách hành chính cho báo chí: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Biểu dương, nhân rộng mô hình, sáng kiến, điển hình tiên tiến trong cải cách hành chính",
        product="Tin, bài, phóng sự",
        lead=_VHXH,
        province_lead=_SNV,
        cooperating=(_DTT,),
        province_cooperating=(_BAO,),
        channel=Channel.PORTAL,
        timing="6 tháng cuối năm {year}",
        measure=Measure.ITEMS,
        quantity=(1, 3),
        activity="Giới thiệu mô hình, sáng kiến cải cách hành chính: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Tuyên truyền, hưởng ứng Ngày Chuyển đổi số quốc gia (10/10)",
        product="Tin, bài, video; hoạt động hưởng ứng",
        lead=_VHXH,
        province_lead=_KHCN,
        cooperating=(_DOAN,),
        province_cooperating=(_BAO, _SVH),
        channel=Channel.SOCIAL,
        timing="Tháng 10/{year}",
        measure=Measure.ITEMS,
        quantity=(2, 6),
        activity="Đăng tin, video hưởng ứng Ngày Chuyển đổi số quốc gia",
        extra=2,
    ),
    TaskTemplate(
        title="Tổ công nghệ số cộng đồng hướng dẫn kỹ năng số cho người dân tại các thôn, tổ dân phố",
        product="Lượt người dân được hướng dẫn",
        lead=_VHXH,
        province_lead="",
        cooperating=(_DOAN, "Tổ công nghệ số cộng đồng"),
        channel=Channel.OTHER,
        timing="02 kỳ/tháng",
        measure=Measure.ATTENDEES,
        quantity=(10, 40),
        activity="Tổ công nghệ số cộng đồng hướng dẫn người dân: {topic}",
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Phát tin, bài tuyên truyền Đề án 06, định danh và xác thực điện tử VNeID trên loa truyền thanh"
        ),
        product="Tin, bài truyền thanh",
        lead=_DTT,
        province_lead="",
        cooperating=("Công an xã",),
        channel=Channel.RADIO,
        timing="Hàng tuần",
        measure=Measure.MINUTES,
        quantity=(3, 10),
        activity="Phát tin tuyên truyền Đề án 06, VNeID trên loa truyền thanh",
        extra=1,
    ),
    TaskTemplate(
        title="Phát bản tin cải cách hành chính trên hệ thống truyền thanh cơ sở",
        product="Bản tin truyền thanh",
        lead=_DTT,
        province_lead="",
        cooperating=(_VP,),
        channel=Channel.RADIO,
        timing="Một tuần một lần, thời lượng phát sóng mỗi lần từ 10 đến 15 phút",
        measure=Measure.MINUTES,
        quantity=(5, 15),
        activity="Phát bản tin cải cách hành chính: {topic}",
        extra=0,
    ),
    TaskTemplate(
        title="Đăng tải tin, bài cải cách hành chính trên trang Facebook, nhóm Zalo của UBND",
        product="Tin, bài, video ngắn",
        lead=_VHXH,
        province_lead="",
        cooperating=(_DOAN,),
        channel=Channel.SOCIAL,
        timing="Mỗi tuần 02 tin, bài",
        measure=Measure.ITEMS,
        quantity=(1, 2),
        activity="Đăng tin trên trang Facebook, nhóm Zalo của UBND: {topic}",
        extra=0,
    ),
    TaskTemplate(
        title="Niêm yết công khai địa chỉ, số điện thoại đường dây nóng tiếp nhận phản ánh, kiến nghị",
        product="Bảng niêm yết",
        lead=_TTPV,
        province_lead="",
        channel=Channel.PUBLIC_LISTING,
        timing="Quý I/{year}",
        measure=Measure.ITEMS,
        quantity=(1, 3),
        activity="Niêm yết địa chỉ, số điện thoại đường dây nóng tại Trung tâm Phục vụ hành chính công",
        extra=0,
    ),
    TaskTemplate(
        title="Phát hành Bản tin cải cách hành chính của xã",
        product="Bản tin",
        lead=_VHXH,
        province_lead="",
        cooperating=(_VP,),
        channel=Channel.LEAFLET,
        timing="Hằng quý, mỗi quý 01 số",
        measure=Measure.ITEMS,
        quantity=(1, 1),
        activity="Phát hành Bản tin cải cách hành chính: {topic}",
        fixed_cost=(500_000, 1_500_000),
        budget=4_000_000,
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Tuyên truyền cải cách hành chính bằng tiếng dân tộc qua loa truyền thanh, "
            "họp thôn, bản, tranh thủ người có uy tín"
        ),
        product="Tin, bài, buổi tuyên truyền",
        lead=_DTT,
        province_lead="",
        cooperating=(_MTTQ, "Người có uy tín trong cộng đồng"),
        channel=Channel.RADIO,
        timing="Hàng tháng",
        measure=Measure.MINUTES,
        quantity=(5, 15),
        activity="Phát tin bằng tiếng dân tộc trên loa truyền thanh: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Tổ chức hội nghị tổng kết công tác cải cách hành chính năm {year}",
        product="Hội nghị",
        lead=_VP,
        province_lead="",
        cooperating=(_VHXH,),
        channel=Channel.CONFERENCE,
        timing="Trước ngày 15/12/{year}",
        measure=Measure.ATTENDEES,
        quantity=(40, 120),
        activity="Hội nghị tổng kết công tác cải cách hành chính năm",
        fixed_cost=(1_000_000, 4_000_000),
        budget=4_000_000,
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Ra quân hướng dẫn người dân sử dụng dịch vụ công trực tuyến "
            "trong Chiến dịch Thanh niên tình nguyện hè"
        ),
        product="Lượt người dân được hướng dẫn",
        lead=_DOAN,
        province_lead="",
        cooperating=(_TTPV,),
        channel=Channel.OTHER,
        timing="Từ 01/6/{year} đến 31/8/{year}",
        measure=Measure.ATTENDEES,
        quantity=(20, 100),
        activity="Đoàn viên thanh niên hướng dẫn người dân: {topic}",
        extra=2,
    ),
    TaskTemplate(
        title="In, phát tờ rơi hướng dẫn cài đặt, kích hoạt tài khoản định danh điện tử VNeID mức độ 2",
        product="Tờ rơi",
        lead=_VHXH,
        province_lead="",
        cooperating=("Công an xã",),
        channel=Channel.LEAFLET,
        timing="Quý I, II/{year}",
        measure=Measure.COPIES,
        quantity=(200, 1000),
        activity="Phát tờ rơi hướng dẫn kích hoạt tài khoản VNeID mức độ 2",
        unit_cost=(500, 1_200),
        budget=2_000_000,
        extra=1,
    ),
    TaskTemplate(
        title="Thông tin kết quả giải quyết hồ sơ, thủ tục hành chính hằng tháng trên loa truyền thanh",
        product="Tin truyền thanh",
        lead=_TTPV,
        province_lead="",
        cooperating=(_DTT,),
        channel=Channel.RADIO,
        timing="Thời lượng mỗi tháng ít nhất 15 phút",
        measure=Measure.MINUTES,
        quantity=(5, 10),
        activity="Thông tin kết quả giải quyết thủ tục hành chính trên loa truyền thanh",
        extra=0,
    ),
    TaskTemplate(
        title="Kiện toàn đội ngũ tuyên truyền viên, cộng tác viên thông tin cơ sở",
        product="Quyết định kiện toàn",
        lead=_VP,
        province_lead="",
        cooperating=(_VHXH,),
        channel=Channel.OTHER,
        timing="Quý I/{year}",
        measure=Measure.ITEMS,
        quantity=(1, 1),
        activity="Ban hành quyết định kiện toàn đội ngũ tuyên truyền viên cơ sở",
        extra=0,
    ),
    TaskTemplate(
        title="Tổ chức cuộc thi viết, giải báo chí về cải cách hành chính",
        product="Bài dự thi, tác phẩm báo chí",
        lead="",
        province_lead=_SNV,
        province_cooperating=("Hội Nhà báo tỉnh", _BAO),
        channel=Channel.CONTEST,
        timing="Quý III, IV/{year}",
        measure=Measure.ATTENDEES,
        quantity=(50, 400),
        activity="Tổ chức cuộc thi viết về cải cách hành chính",
        fixed_cost=(10_000_000, 30_000_000),
        budget=40_000_000,
        extra=0,
    ),
    TaskTemplate(
        title="Sản xuất video, phóng sự ngắn về dịch vụ công trực tuyến phát trên truyền hình và mạng xã hội",
        product="Video, phóng sự",
        lead="",
        province_lead=_BAO,
        province_cooperating=(_SNV, _TTPVT),
        channel=Channel.TV,
        timing="Mỗi tháng 02 kỳ, mỗi kỳ 10 phút",
        measure=Measure.MINUTES,
        quantity=(3, 10),
        activity="Phát sóng phóng sự ngắn về dịch vụ công trực tuyến: {topic}",
        fixed_cost=(1_000_000, 3_000_000),
        budget=50_000_000,
        extra=1,
    ),
    TaskTemplate(
        title="Chuyên trang “Cải cách hành chính” trên Báo và Phát thanh, Truyền hình tỉnh",
        product="Chuyên trang",
        lead="",
        province_lead=_BAO,
        province_cooperating=(_SNV,),
        channel=Channel.NEWSPAPER,
        timing="02 số/tháng",
        measure=Measure.ITEMS,
        quantity=(1, 2),
        activity="Đăng chuyên trang “Cải cách hành chính”: {topic}",
        unit_cost=(1_000_000, 3_000_000),
        budget=60_000_000,
        extra=0,
    ),
    TaskTemplate(
        title="Tuyên truyền kết quả cải cách thủ tục hành chính trên Cổng Thông tin điện tử tỉnh",
        product="Tin, bài",
        lead="",
        province_lead=_VPT,
        province_cooperating=(_TTPVT,),
        channel=Channel.PORTAL,
        timing="Mỗi tuần 02 tin, bài",
        measure=Measure.ITEMS,
        quantity=(1, 2),
        activity="Đăng tin về kết quả cải cách thủ tục hành chính: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Kiểm tra công tác thông tin, tuyên truyền cải cách hành chính tại các xã, phường",
        product="Biên bản, thông báo kết quả kiểm tra",
        lead="",
        province_lead=_SNV,
        province_cooperating=(_SVH,),
        channel=Channel.OTHER,
        timing="Quý III/{year}",
        measure=Measure.SESSIONS,
        quantity=(3, 10),
        activity="Kiểm tra công tác tuyên truyền cải cách hành chính tại các xã, phường",
        fixed_cost=(1_000_000, 3_000_000),
        budget=5_000_000,
        extra=1,
    ),
    TaskTemplate(
        title="Tập huấn kỹ năng tuyên truyền cho đội ngũ báo cáo viên, tuyên truyền viên cơ sở",
        product="Lớp tập huấn",
        lead="",
        province_lead=_SNV,
        province_cooperating=("Ban Tuyên giáo và Dân vận Tỉnh ủy",),
        channel=Channel.TRAINING,
        timing="Quý II/{year}",
        measure=Measure.ATTENDEES,
        quantity=(80, 250),
        activity="Tập huấn kỹ năng tuyên truyền cải cách hành chính cho tuyên truyền viên cơ sở",
        fixed_cost=(10_000_000, 25_000_000),
        budget=25_000_000,
        extra=0,
    ),
    TaskTemplate(
        title="In, cấp phát sổ tay hướng dẫn thủ tục hành chính cho các xã, phường",
        product="Sổ tay",
        lead="",
        province_lead=_SNV,
        province_cooperating=(_TTPVT,),
        channel=Channel.LEAFLET,
        timing="6 tháng đầu năm {year}",
        measure=Measure.COPIES,
        quantity=(1000, 5000),
        activity="Cấp phát sổ tay hướng dẫn thủ tục hành chính cho các xã, phường",
        unit_cost=(5_000, 12_000),
        budget=40_000_000,
        extra=0,
    ),
    TaskTemplate(
        title="Chương trình “Chính quyền với người dân” trên sóng phát thanh tỉnh",
        product="Chương trình phát thanh",
        lead="",
        province_lead=_BAO,
        province_cooperating=(_VPT,),
        channel=Channel.RADIO,
        timing="Hàng tháng trong năm",
        measure=Measure.MINUTES,
        quantity=(15, 30),
        activity="Phát chương trình “Chính quyền với người dân”: {topic}",
        fixed_cost=(2_000_000, 5_000_000),
        budget=40_000_000,
        extra=0,
    ),
    TaskTemplate(
        title="Đăng tải thông tin chỉ đạo, điều hành về cải cách hành chính trên Cổng Thông tin điện tử tỉnh",
        product="Tin, văn bản chỉ đạo",
        lead="",
        province_lead=_VPT,
        channel=Channel.PORTAL,
        timing="Thường xuyên trong năm",
        measure=Measure.ITEMS,
        quantity=(1, 4),
        activity="Đăng văn bản chỉ đạo, điều hành về cải cách hành chính",
        extra=2,
    ),
    TaskTemplate(
        title="Tuyên truyền cổ động trực quan về cải cách hành chính dịp các ngày lễ lớn",
        product="Băng rôn, khẩu hiệu, pa nô",
        lead="",
        province_lead=_SVH,
        province_cooperating=("UBND các xã, phường",),
        channel=Channel.PANEL_POSTER,
        timing="Quý II/{year}",
        measure=Measure.ITEMS,
        quantity=(5, 30),
        activity="Treo băng rôn, khẩu hiệu cổ động cải cách hành chính",
        unit_cost=(300_000, 1_000_000),
        budget=20_000_000,
        extra=1,
    ),
    TaskTemplate(
        title="Tuyên truyền thanh toán không dùng tiền mặt phí, lệ phí thủ tục hành chính",
        product="Tin, bài, video",
        lead="",
        province_lead=_TTPVT,
        province_cooperating=("Ngân hàng Nhà nước chi nhánh khu vực", _BAO),
        channel=Channel.SOCIAL,
        timing="Từ 01/3/{year} đến 30/6/{year}",
        measure=Measure.ITEMS,
        quantity=(2, 6),
        activity="Đăng tin, video hướng dẫn thanh toán trực tuyến phí, lệ phí",
        extra=2,
    ),
    TaskTemplate(
        title="Duy trì trang mạng xã hội “Cải cách hành chính” của tỉnh",
        product="Tin, bài, video ngắn",
        lead="",
        province_lead=_SNV,
        province_cooperating=(_BAO,),
        channel=Channel.SOCIAL,
        timing="Mỗi tuần 01 lần",
        measure=Measure.ITEMS,
        quantity=(1, 3),
        activity="Đăng tin trên trang mạng xã hội “Cải cách hành chính”: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Công bố, tuyên truyền kết quả xác định Chỉ số cải cách hành chính các xã, phường",
        product="Quyết định công bố, tin, bài",
        lead="",
        province_lead=_SNV,
        province_cooperating=(_BAO,),
        channel=Channel.PORTAL,
        timing="Trước ngày 31/3/{year}",
        measure=Measure.ITEMS,
        quantity=(1, 3),
        activity="Công bố Chỉ số cải cách hành chính các xã, phường năm trước",
        extra=1,
    ),
    TaskTemplate(
        title="Phối hợp giám sát việc giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công",
        product="Báo cáo giám sát",
        lead=_MTTQ,
        province_lead="Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        cooperating=(_TTPV,),
        province_cooperating=(_TTPVT,),
        channel=Channel.OTHER,
        timing="Ít nhất 01 lần/quý",
        measure=Measure.SESSIONS,
        quantity=(1, 2),
        activity="Giám sát việc giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công",
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Tuyên truyền, phổ biến, giáo dục pháp luật gắn với cải cách hành chính, "
            "hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam"
        ),
        product="Hội nghị, tin, bài",
        lead="Công chức Tư pháp - Hộ tịch",
        province_lead=_TP,
        cooperating=(_VP,),
        province_cooperating=(_SNV,),
        channel=Channel.MEETING_INTEGRATION,
        timing="Hưởng ứng Ngày Pháp luật (09/11)",
        measure=Measure.ATTENDEES,
        quantity=(30, 150),
        activity="Phổ biến pháp luật gắn với cải cách hành chính, hưởng ứng Ngày Pháp luật",
        extra=0,
    ),
    TaskTemplate(
        title=(
            "Lồng ghép tuyên truyền cải cách hành chính trong các buổi sinh hoạt của Hội Nông dân, Hội Phụ nữ"
        ),
        product="Buổi sinh hoạt",
        lead="Hội Liên hiệp Phụ nữ",
        province_lead="",
        cooperating=("Hội Nông dân", _MTTQ),
        channel=Channel.MEETING_INTEGRATION,
        timing="Mỗi quý 01 lần",
        measure=Measure.ATTENDEES,
        quantity=(25, 100),
        activity="Lồng ghép tuyên truyền trong sinh hoạt hội: {topic}",
        extra=1,
    ),
    TaskTemplate(
        title="Tuyên truyền về chính quyền địa phương hai cấp, địa chỉ giải quyết thủ tục hành chính mới",
        product="Tin, bài, tờ rơi",
        lead=_VP,
        province_lead=_SNV,
        cooperating=(_DTT, _TTPV),
        province_cooperating=(_BAO,),
        channel=Channel.PORTAL,
        timing="Hằng tháng",
        measure=Measure.ITEMS,
        quantity=(1, 3),
        activity="Đăng tin về địa chỉ, cách thức giải quyết thủ tục hành chính sau sắp xếp: {topic}",
        extra=1,
    ),
)

SCALE_CATALOGUE: tuple[TaskTemplate, ...] = CATALOGUE + MORE_TEMPLATES


@dataclass(frozen=True)
class DailyWork:
    """A kind of work a unit logs outside its plan, and how often (`weight`) compared with the others."""

    channel: Channel
    measure: Measure
    quantity: tuple[int, int]
    title: str
    weight: int
    unit_cost: tuple[int, int] = (0, 0)


COMMUNE_DAILY: tuple[DailyWork, ...] = (
    DailyWork(
        Channel.RADIO,
        Measure.MINUTES,
        (5, 15),
        "Phát bản tin, thông báo của UBND trên loa truyền thanh: {topic}",
        40,
    ),
    DailyWork(
        Channel.SOCIAL, Measure.ITEMS, (1, 2), "Chia sẻ tin về {topic} trên nhóm Zalo thôn, tổ dân phố", 20
    ),
    DailyWork(Channel.SOCIAL, Measure.ITEMS, (1, 1), "Đăng tin về {topic} trên trang Facebook của UBND", 8),
    DailyWork(Channel.PORTAL, Measure.ITEMS, (1, 2), "Đăng tin về {topic} trên Trang thông tin điện tử", 6),
    DailyWork(
        Channel.MEETING_INTEGRATION,
        Measure.ATTENDEES,
        (15, 60),
        "Lồng ghép tuyên truyền {topic} trong họp thôn, tổ dân phố",
        8,
    ),
    DailyWork(
        Channel.PUBLIC_LISTING, Measure.ITEMS, (1, 3), "Niêm yết thông báo về {topic} tại nhà văn hóa thôn", 5
    ),
    DailyWork(
        Channel.HOTLINE,
        Measure.ITEMS,
        (1, 3),
        "Trả lời câu hỏi của người dân về {topic} qua đường dây nóng, Zalo",
        4,
    ),
    DailyWork(
        Channel.OTHER,
        Measure.ATTENDEES,
        (3, 20),
        "Hướng dẫn người dân tại Trung tâm Phục vụ hành chính công: {topic}",
        7,
    ),
    DailyWork(
        Channel.LEAFLET,
        Measure.COPIES,
        (50, 300),
        "Phát tờ rơi về {topic} tại nhà văn hóa thôn",
        1,
        (500, 1_000),
    ),
    DailyWork(
        Channel.MOBILE_LOUDSPEAKER,
        Measure.SESSIONS,
        (1, 1),
        "Tuyên truyền lưu động bằng xe loa về {topic}",
        1,
        (200_000, 500_000),
    ),
)
PROVINCE_DAILY: tuple[DailyWork, ...] = (
    DailyWork(
        Channel.PORTAL, Measure.ITEMS, (1, 3), "Đăng tin về {topic} trên Cổng Thông tin điện tử tỉnh", 30
    ),
    DailyWork(
        Channel.SOCIAL, Measure.ITEMS, (1, 3), "Đăng tin về {topic} trên trang mạng xã hội của tỉnh", 25
    ),
    DailyWork(Channel.RADIO, Measure.MINUTES, (2, 8), "Phát tin về {topic} trên sóng phát thanh tỉnh", 15),
    DailyWork(Channel.TV, Measure.MINUTES, (2, 6), "Phát tin về {topic} trên bản tin truyền hình tỉnh", 10),
    DailyWork(
        Channel.NEWSPAPER, Measure.ITEMS, (1, 2), "Đăng tin, bài về {topic} trên báo in, báo điện tử", 8
    ),
    DailyWork(
        Channel.MEETING_INTEGRATION,
        Measure.ATTENDEES,
        (20, 80),
        "Lồng ghép tuyên truyền {topic} trong hội nghị giao ban",
        6,
    ),
    DailyWork(
        Channel.HOTLINE,
        Measure.ITEMS,
        (2, 10),
        "Trả lời phản ánh, kiến nghị về {topic} qua đường dây nóng",
        6,
    ),
)


def task_evidence(
    template: TaskTemplate,
    requirement: Requirement,
    occurrences: Sequence[PeriodLike],
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
        evidence += zip(draw_days(rng, start, end, len(quantities)), quantities, strict=True)
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


def draw_days(rng: random.Random, start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    span = (end - start).days
    return sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(count))


def activity_cost(template: TaskTemplate, quantity: int, rng: random.Random) -> Decimal:
    amount = rng.randint(*template.fixed_cost) + quantity * rng.randint(*template.unit_cost)
    return Decimal(round(amount, -3))


def extra_days(rng: random.Random, year: int, last_day: dt.date) -> list[dt.date]:
    """Days of the unit's work outside its plan: three to eight a month."""
    days: list[dt.date] = []
    for month in range(1, last_day.month + 1):
        start = dt.date(year, month, 1)
        end = min(dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1), last_day)
        share = ((end - start).days + 1) / 30
        count = round(rng.randint(3, 8) * min(share, 1.0))
        days += draw_days(rng, start, end, count)
    return days
