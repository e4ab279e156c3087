"""Plans and reports as official documents (NĐ 30/2020) and report workbooks.

This module only maps Loa's rows onto the pure renderers' models
(`loa.render.documents.OfficialDocument`, `loa.render.xlsx_writer.Sheet`); the layout
rules live in `loa.render`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format

from loa.activities.models import Activity
from loa.plans.choices import Channel, Measure
from loa.plans.models import Plan
from loa.render.documents import (
    Appendix,
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    attached_line,
    number_symbol,
)
from loa.render.xlsx_writer import Sheet
from loa.units.models import Unit
from loa.units.queries import subtree_ids

from .choices import ReportStatus
from .models import Report
from .narrative import NARRATIVE_KEYS, result_lines

# Phụ lục III of NĐ 30: the document types a "Căn cứ" line cites, by symbol prefix.
DOCUMENT_TYPES = {
    "KH": "Kế hoạch", "QĐ": "Quyết định", "CT": "Chỉ thị", "NQ": "Nghị quyết", "HD": "Hướng dẫn",
    "TB": "Thông báo", "CTr": "Chương trình", "BC": "Báo cáo", "NĐ": "Nghị định", "TT": "Thông tư",
}  # fmt: skip
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_SUBHEADING = re.compile(r"^\d{1,2}[.)]\s+\S")
_LETTER_HEADING = re.compile(r"^[a-zđ]\)\s+\S")


def body_name(unit: Unit) -> str:
    """ "Ủy ban nhân dân xã Gia Tân": the People's Committee of the unit, as bodies are named."""
    if unit.level == "national":
        return "Chính phủ"
    return f"Ủy ban nhân dân {unit.running_name}"


def short_body_name(unit: Unit) -> str:
    return body_name(unit).replace("Ủy ban nhân dân", "UBND", 1)


def _citation(raw: str, number: str) -> str:
    prefix = number.split("/")[-1].split("-")[0] if "/" in number else ""
    kind = DOCUMENT_TYPES.get(prefix, "")
    text = raw.strip() or number
    if kind and not text.lower().startswith(kind.lower()):
        text = f"{kind} số {text}"
    return text if text.lower().startswith(("căn cứ", "thực hiện")) else f"Căn cứ {text}"


def text_blocks(text: str) -> list[Block]:
    """A section's text as blocks: numbered lines become sub-headings, the rest paragraphs."""
    blocks: list[Block] = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        if _SUBHEADING.match(line) and len(line) < 160:
            blocks.append(Heading(2, line))
        elif _LETTER_HEADING.match(line) and len(line) < 160:
            blocks.append(Heading(3, line))
        else:
            blocks.append(Paragraph(line))
    return blocks


def _signature(authority: str, title: str, name: str) -> Signature:
    authority = authority or "TM. ỦY BAN NHÂN DÂN"
    acting = ""
    if title.upper().startswith("KT.") or title.upper().startswith("PHÓ"):
        acting, title = "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    return Signature(authority=authority, acting_line=acting, title=title or "CHỦ TỊCH", name=name)


def plan_document(plan: Plan) -> OfficialDocument:
    unit = plan.unit
    tasks = list(plan.tasks.select_related("lead_agency").order_by("position", "pk"))
    body: list[Block] = []
    for section in plan.sections.order_by("position"):
        heading = f"{section.numeral}. {section.title.upper()}" if section.numeral else section.title.upper()
        body.append(Heading(1, heading))
        body.extend(text_blocks(section.text))
    if tasks:
        body.append(Paragraph("(Có Phụ lục nhiệm vụ cụ thể kèm theo)", italic=True))
    appendices = []
    if tasks:
        rows = [
            [
                str(index),
                task.title,
                task.product,
                str(task.lead_agency or task.lead_text),
                "; ".join(task.cooperating_text),
                " – ".join(t for t in (task.timing_text, task.end_timing_text) if t),
            ]
            for index, task in enumerate(tasks, start=1)
        ]
        appendices.append(
            Appendix(
                label="Phụ lục",
                title=f"NHIỆM VỤ CỤ THỂ THỰC HIỆN KẾ HOẠCH TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM {plan.year}",
                attached_line=attached_line(
                    "Kế hoạch",
                    number_symbol(plan.number, plan.symbol),
                    plan.issue_date,
                    short_body_name(unit),
                    year=plan.year,
                ),
                table=Table(
                    header=["TT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
                    rows=rows,
                    widths=[0.5, 4, 2.2, 2, 2.4, 1.6],
                ),
            )
        )
    return OfficialDocument(
        issuer=body_name(unit).upper(),
        doc_type="KẾ HOẠCH",
        number=plan.number,
        symbol=plan.symbol or "KH-UBND",
        place=plan.place or unit.short_name,
        issued_on=plan.issue_date,
        year=plan.year,
        title=plan.title,
        based_on=[_citation(ref.raw, ref.number) for ref in plan.references.order_by("position")],
        body=body,
        copy_to=plan.recipients or ["Lưu: VT"],
        signature=_signature(plan.signing_authority, plan.signer_title, plan.signer_name),
        appendices=appendices,
    )


def channel_label(value: str) -> str:
    return str(Channel(value).label) if value in Channel.values else value


def _n(value: Any) -> str:
    return number_format(value or 0, force_grouping=True)


def report_activities(report: Report) -> list[Activity]:
    """The activities a report lists as evidence: as they stood when it was sent, if it was."""
    unit_ids = [report.unit_id] if report.is_rollup else sorted(subtree_ids(report.unit))
    activities = Activity.objects.filter(
        unit_id__in=unit_ids, happened_on__gte=report.window_start, happened_on__lte=report.window_end
    )
    if report.submitted_at is not None and report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        activities = activities.filter(created_at__lte=report.submitted_at)
    return list(
        activities.select_related("unit").prefetch_related("attachments").order_by("happened_on", "pk")
    )


def _channel_rows(figures: dict[str, Any]) -> list[list[str]]:
    return [
        [
            channel_label(channel),
            _n(row["activities"]),
            _n(row["quantity"]),
        ]
        for channel, row in (figures.get("by_channel") or {}).items()
    ]


def _unit_rows(figures: dict[str, Any]) -> list[list[str]]:
    labels = dict(ReportStatus.choices) | {"missing": "Chưa có báo cáo"}
    return [
        [
            u["name"],
            str(labels.get(u["status"], u["status"])),
            u["submitted_on"] or "",
            "Chậm" if u["late"] else "",
            "" if u["completion_rate"] is None else f"{number_format(u['completion_rate'], 1)} %",
        ]
        for u in figures.get("units", [])
    ]


def points(value: str) -> str:
    """ "0.75" → "0,75"; "2.00" → "2" (points as a Vietnamese text writes them)."""
    return number_format(Decimal(value).normalize(), force_grouping=True)


def score_blocks(score: dict[str, Any]) -> list[Block]:
    """The self-assessed PAR communication criterion: the total, then one line per part."""
    lines = [line.strip() for line in score["explanation"].splitlines() if line.strip()]
    parts = [line for line in lines if not line.startswith("Tổng")]
    blocks: list[Block] = [
        Paragraph(
            f"Tự đánh giá tiêu chí tuyên truyền cải cách hành chính: {points(score['points'])}/"
            f"{points(score['max_points'])} điểm{':' if parts else '.'}"
        )
    ]
    blocks.extend(Paragraph(f"- {line}{'' if line.endswith('.') else ';' if i < len(parts) - 1 else '.'}")
                  for i, line in enumerate(parts))  # fmt: skip
    return blocks


def report_document(report: Report) -> OfficialDocument:
    unit, figures, narrative = report.unit, report.figures, report.narrative
    opening = (
        (
            f"Thực hiện Kế hoạch số {report.plan.number_and_symbol} ngày {report.plan.issue_date:%d/%m/%Y} "
            f"của {short_body_name(unit)} về {report.plan.title[:1].lower()}{report.plan.title[1:]}; "
            if report.plan is not None and report.plan.issue_date is not None
            else ""
        )
        + f"{body_name(unit)} báo cáo kết quả thực hiện công tác thông tin, tuyên truyền "
        f"cải cách hành chính {report.label} như sau:"
    )
    body: list[Block] = [Paragraph(opening)]
    body.append(Heading(1, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"))
    body.extend(text_blocks(narrative.get("direction", "")))
    body.append(Heading(1, "II. KẾT QUẢ THỰC HIỆN"))
    body.extend(text_blocks(narrative.get("results", "")))
    if report.score:
        body.extend(score_blocks(report.score))
    body.append(Heading(1, "III. ĐÁNH GIÁ CHUNG"))
    body.append(Heading(2, "1. Ưu điểm"))
    body.extend(text_blocks(narrative.get("strengths", "")))
    body.append(Heading(2, "2. Tồn tại, hạn chế và nguyên nhân"))
    body.extend(text_blocks(narrative.get("weaknesses", "")))
    body.append(Heading(1, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"))
    body.extend(text_blocks(narrative.get("next_steps", "")))
    body.append(Heading(1, "V. ĐỀ XUẤT, KIẾN NGHỊ"))
    body.extend(text_blocks(narrative.get("proposals", "")) or [Paragraph("Không.")])
    attached = attached_line(
        "Báo cáo", number_symbol(report.number, report.symbol), report.issue_date, short_body_name(unit),
        year=report.year,
    )  # fmt: skip
    tables = [
        (
            "SỐ LIỆU THEO HÌNH THỨC TUYÊN TRUYỀN",
            Table(["Hình thức", "Số hoạt động", "Số lượng"], _channel_rows(figures)),
        ),
        (
            "DANH SÁCH HOẠT ĐỘNG (TÀI LIỆU KIỂM CHỨNG)",
            Table(
                ["Ngày", "Nội dung", "Hình thức", "Số lượng", "Đơn vị", "Tài liệu, đường dẫn"],
                [
                    [
                        f"{a.happened_on:%d/%m/%Y}",
                        a.title,
                        a.get_channel_display(),
                        f"{_n(a.quantity.normalize())} {Measure(a.measure).label}",
                        a.unit.name,
                        "; ".join([a.link, *(f.original_name for f in a.attachments.all())]).strip("; "),
                    ]
                    for a in report_activities(report)
                ],
                widths=[1.2, 4, 2, 1.4, 2, 2.6],
            ),
        ),
    ]
    if report.is_rollup:
        tables.append(
            (
                "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC",
                Table(
                    ["Đơn vị", "Trạng thái", "Ngày gửi", "Đúng hạn", "Tỉ lệ hoàn thành"], _unit_rows(figures)
                ),
            )
        )
    appendices = [
        Appendix(label=f"Phụ lục {ROMAN[i]}", title=title, attached_line=attached, table=table)
        for i, (title, table) in enumerate(tables)
    ]
    return OfficialDocument(
        issuer=body_name(unit).upper(),
        doc_type="BÁO CÁO",
        number=report.number,
        symbol=report.symbol,
        place=unit.short_name,
        issued_on=report.issue_date,
        year=report.year,
        title=f"Kết quả thực hiện công tác thông tin, tuyên truyền cải cách hành chính {report.label}",
        recipients_to=[report.addressee] if report.addressee else [],
        body=body,
        copy_to=["Như trên", "Lưu: VT"] if report.addressee else ["Lưu: VT"],
        signature=_signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", ""),
        appendices=appendices,
    )


FIGURE_LABELS = {
    "tasks_due": "Nhiệm vụ đến hạn trong kỳ",
    "tasks_met": "Nhiệm vụ hoàn thành",
    "tasks_missed": "Nhiệm vụ chưa thực hiện, chưa đạt",
    "completion_rate": "Tỉ lệ hoàn thành (%)",
    "occurrences_done": "Kỳ hoàn thành đúng hạn",
    "occurrences_late": "Kỳ hoàn thành chậm",
    "occurrences_missed": "Kỳ không thực hiện",
    "activities": "Hoạt động",
    "broadcasts": "Lượt phát thanh, truyền thanh",
    "minutes": "Thời lượng phát thanh (phút)",
    "articles": "Tin, bài",
    "conferences": "Hội nghị, hội thảo",
    "conference_attendees": "Người dự hội nghị",
    "trainings": "Lớp tập huấn",
    "trainees": "Học viên",
    "dialogues": "Buổi đối thoại",
    "dialogue_attendees": "Người dự đối thoại",
    "leaflets": "Tờ rơi, tài liệu",
    "panels": "Pa nô, áp phích",
    "contests": "Cuộc thi",
    "surveys": "Khảo sát",
    "public_listings": "Niêm yết, công khai",
    "sipas_responses": "Phiếu khảo sát sự hài lòng",
    "sipas_overall": "Chỉ số hài lòng chung (%)",
    "spend": "Kinh phí đã chi (đồng)",
    "estimated_cost": "Kinh phí dự kiến cả năm (đồng)",
}


def report_workbook(report: Report) -> list[Sheet]:
    figures = report.figures
    sheets = [
        Sheet(
            title="Số liệu",
            caption=(
                f"{report.unit.name} — {report.label} "
                f"({report.window_start:%d/%m/%Y}–{report.window_end:%d/%m/%Y})"
            ),
            header=["Chỉ tiêu", "Giá trị"],
            rows=[[label, figures.get(key)] for key, label in FIGURE_LABELS.items()],
        ),
        Sheet(
            title="Theo hình thức",
            header=["Hình thức", "Số hoạt động", "Số lượng"],
            rows=[
                [channel_label(c), row["activities"], row["quantity"]]
                for c, row in (figures.get("by_channel") or {}).items()
            ],
        ),
        Sheet(
            title="Hoạt động",
            header=[
                "Ngày",
                "Nội dung",
                "Hình thức",
                "Số lượng",
                "Đơn vị tính",
                "Chi phí (đồng)",
                "Đơn vị",
                "Đường dẫn",
            ],
            rows=[
                [
                    a.happened_on,
                    a.title,
                    a.get_channel_display(),
                    a.quantity,
                    str(Measure(a.measure).label),
                    a.cost,
                    a.unit.name,
                    a.link,
                ]
                for a in report_activities(report)
            ],
        ),
    ]
    if report.is_rollup:
        sheets.append(
            Sheet(
                title="Đơn vị trực thuộc",
                header=["Đơn vị", "Trạng thái", "Ngày gửi", "Đúng hạn", "Tỉ lệ hoàn thành"],
                rows=_unit_rows(figures),
            )
        )
    return sheets


def pasteable_section(report: Report) -> str:
    """The report's figures as a section to paste into the unit's general CCHC report."""
    lines = [f"Công tác thông tin, tuyên truyền cải cách hành chính {report.label}:"]
    lines += [f"- {line}" for line in result_lines(report.figures)]
    if report.score:
        got, most = points(report.score["points"]), points(report.score["max_points"])
        lines.append(f"- Tự đánh giá tiêu chí tuyên truyền: {got}/{most} điểm.")
    return "\n".join(lines)


__all__ = ["NARRATIVE_KEYS", "pasteable_section", "plan_document", "report_document", "report_workbook"]
