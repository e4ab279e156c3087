"""The narrative sections of a report, pre-filled in Vietnamese from its figures.

Staff edit every section before sending; the pre-filled text says what the figures
say, in the words such reports use, so a clerk starts from a correct draft.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from loa.plans.choices import Channel

if TYPE_CHECKING:
    from .models import Report

# Section keys, in document order (DOMAIN.md §5.3).
NARRATIVE_KEYS = ("direction", "results", "strengths", "weaknesses", "next_steps", "proposals")


def section_titles() -> dict[str, str]:
    return {
        "direction": _("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        "results": _("II. KẾT QUẢ THỰC HIỆN"),
        "strengths": _("III. ĐÁNH GIÁ CHUNG — 1. Ưu điểm"),
        "weaknesses": _("III. ĐÁNH GIÁ CHUNG — 2. Tồn tại, hạn chế và nguyên nhân"),
        "next_steps": _("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"),
        "proposals": _("V. ĐỀ XUẤT, KIẾN NGHỊ"),
    }


def _n(value: Any) -> str:
    return number_format(value or 0, decimal_pos=None, force_grouping=True)


def result_lines(figures: dict[str, Any]) -> list[str]:
    """One line per kind of work that happened, with its counts (nothing for what did not)."""
    f = figures
    lines = []
    if f.get("broadcasts"):
        lines.append(
            _("Phát thanh, truyền thanh: %(n)s lượt phát, tổng thời lượng %(minutes)s phút.")
            % {"n": _n(f["broadcasts"]), "minutes": _n(f.get("minutes"))}
        )
    if f.get("articles"):
        lines.append(
            _("Đăng tải %(n)s tin, bài trên Cổng/Trang thông tin điện tử, mạng xã hội, báo chí.")
            % {"n": _n(f["articles"])}
        )
    if f.get("conferences"):
        lines.append(
            _("Tổ chức %(n)s hội nghị, hội thảo với %(people)s lượt người tham dự.")
            % {"n": _n(f["conferences"]), "people": _n(f.get("conference_attendees"))}
        )
    if f.get("trainings"):
        lines.append(
            _("Tổ chức %(n)s lớp tập huấn, bồi dưỡng cho %(people)s lượt học viên.")
            % {"n": _n(f["trainings"]), "people": _n(f.get("trainees"))}
        )
    if f.get("dialogues"):
        lines.append(
            _("Tổ chức %(n)s buổi đối thoại với %(people)s lượt người dân, doanh nghiệp.")
            % {"n": _n(f["dialogues"]), "people": _n(f.get("dialogue_attendees"))}
        )
    if f.get("leaflets"):
        lines.append(_("Phát hành %(n)s tờ rơi, tờ gấp, tài liệu.") % {"n": _n(f["leaflets"])})
    if f.get("panels"):
        lines.append(_("Treo %(n)s pa nô, áp phích, băng rôn.") % {"n": _n(f["panels"])})
    if f.get("contests"):
        lines.append(_("Tổ chức %(n)s cuộc thi.") % {"n": _n(f["contests"])})
    if f.get("surveys"):
        lines.append(_("Thực hiện %(n)s đợt khảo sát sự hài lòng.") % {"n": _n(f["surveys"])})
    if f.get("public_listings"):
        lines.append(
            _("Niêm yết, công khai thủ tục hành chính %(n)s lượt.") % {"n": _n(f["public_listings"])}
        )
    other = [
        f"{Channel(channel).label}: {_n(row['activities'])}"
        for channel, row in (f.get("by_channel") or {}).items()
        if channel in (Channel.HOTLINE, Channel.MEETING_INTEGRATION, Channel.OTHER)
        and channel in Channel.values
    ]
    if other:
        lines.append(_("Các hình thức khác: %(list)s.") % {"list": "; ".join(other)})
    if f.get("sipas_responses"):
        lines.append(
            _("Khảo sát sự hài lòng: %(n)s phiếu, chỉ số hài lòng chung %(index)s %%.")
            % {"n": _n(f["sipas_responses"]), "index": number_format(f["sipas_overall"], 1)}
        )
    if f.get("tasks_due"):
        lines.append(
            _("Hoàn thành %(met)s/%(due)s nhiệm vụ đến hạn trong kỳ, đạt %(rate)s %%.")
            % {"met": f["tasks_met"], "due": f["tasks_due"], "rate": number_format(f["completion_rate"], 1)}
        )
    if f.get("spend"):
        lines.append(_("Kinh phí đã chi: %(spend)s đồng.") % {"spend": _n(f["spend"])})
    return lines


def prefilled_narrative(report: Report) -> dict[str, str]:
    f = report.figures
    plan = report.plan
    if plan is not None and plan.issue_date is not None:
        direction = _(
            "%(issuer)s ban hành Kế hoạch số %(number)s ngày %(date)s về %(title)s; phân công cơ quan, "
            "bộ phận chủ trì, phối hợp thực hiện từng nhiệm vụ."
        ) % {
            "issuer": plan.issuer_name or report.unit.name,
            "number": plan.number_and_symbol,
            "date": plan.issue_date.strftime("%d/%m/%Y"),
            "title": plan.title[:1].lower() + plan.title[1:],
        }
    else:
        direction = _(
            "Đơn vị chưa có kế hoạch thông tin, tuyên truyền cải cách hành chính năm %(year)s trong Loa."
        ) % {"year": report.year}
    rate = f.get("completion_rate")
    if rate is None:
        strengths = ""
    elif rate >= 90:
        strengths = _("Các nhiệm vụ tuyên truyền trong kỳ được triển khai đầy đủ, đúng tiến độ kế hoạch.")
    else:
        strengths = _("Một số nhiệm vụ tuyên truyền trong kỳ được triển khai theo kế hoạch.")
    weaknesses = ""
    if f.get("tasks_missed"):
        weaknesses = _("Còn %(n)s nhiệm vụ chưa thực hiện hoặc chưa đạt chỉ tiêu trong kỳ.") % {
            "n": f["tasks_missed"]
        }
    rollup = ""
    if report.is_rollup and f.get("units_total"):
        missing = [u["name"] for u in f.get("units", []) if u["status"] in ("missing", "draft", "returned")]
        rollup = _("Đã nhận báo cáo của %(got)s/%(total)s đơn vị trực thuộc.") % {
            "got": f.get("units_submitted", 0),
            "total": f["units_total"],
        }
        if missing:
            rollup += " " + _("Chưa nhận báo cáo của: %(names)s.") % {"names": ", ".join(missing)}
    return {
        "direction": direction,
        "results": "\n".join(filter(None, [rollup, *result_lines(f)])),
        "strengths": strengths,
        "weaknesses": weaknesses,
        "next_steps": _("Tiếp tục triển khai các nhiệm vụ còn lại của kế hoạch năm %(year)s.")
        % {"year": report.year},
        "proposals": "",
    }
