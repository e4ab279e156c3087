"""The official-document model: the lines whose shape NĐ 30/2020 fixes, and a seed plan in the model.

`gia_tan_plan()` is seed 001 (Kế hoạch 13/KH-UBND of UBND xã Gia Tân, 05/02/2024) as a service
would fill the model: a faithful excerpt, hard line breaks of the PDF extraction joined, the
source's wording and typos kept. The writer and PDF tests render it.
"""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loa.render.documents import (
    Appendix,
    Bullets,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    attached_line,
    citation_lines,
    date_phrase,
    number_and_symbol,
    number_symbol,
    place_and_date,
    recipients_block,
)

FAST = settings(max_examples=200, deadline=None)

TASK_HEADER = [
    "STT",
    "Nhiệm vụ cụ thể",
    "Sản phẩm/kêt quả",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
]
TASK_ROWS = [
    [
        "1",
        "Tăng cường tuyên truyền, cập nhật các tin, bài về tình hình cải cách hành chính trong từng "
        "cơ quan, đơn vị, địa phương",
        "Các hình thức thích hợp",
        "Cơ quan hành chính, đơn vị sự nghiệp trên địa bàn xã, Công chức VHTT – TDTT xã",
        "Công chức Văn phòng - Thống kê, Công chức Văn phòng Đảng ủy – Nội vụ",
        "Thường xuyên trong năm",
    ],
    [
        "2",
        "Tuyên truyền tình hình giải quyết thủ tục hành chính tại Bộ phận tiếp nhận hồ sơ và trả kết "
        "quả theo cơ chế một cửa cấp huyện, cấp xã.",
        "Niêm yết công khai TTHC và quy trình nội bộ",
        "Bộ phận tiếp nhận hồ sơ và trả kết quả theo cơ chế một cửa cấp xã..",
        "Đài truyền thanh xã, các ban ngành đoàn thể, tổ chức chính trị xã hội xã",
        "Thường xuyên trong năm",
    ],
    [
        "3",
        "Tuyên truyền kết quả Chỉ số CCHC, Chỉ số hài lòng về sự phục vụ hành chính của các cơ quan, "
        "đơn vị, UBND xã trên Cổng thông tin điện tử xã.",
        "Đăng tải lên Cổng thông tin điện tử xã",
        "Văn phòng HĐND& UBND xã",
        "Ban biên tập trang thông tin điện tử xã",
        "Quý I/2024",
    ],
    [
        "4",
        "Tổ chức các cuộc họp, hội nghị nâng cao chất lượng cải cách hành chính",
        "Hội nghị",
        "Công chức Văn phòng Đảng ủy – Nội vụ",
        "Đài Truyền thanh xã; công chức UBND xã",
        "Trong năm 2024",
    ],
    [
        "5",
        "Duy trì và nâng cao chất lượng chuyên mục Cải cách hành chính trên sóng Đài truyền thanh xã",
        "Các chuyên mục",
        "Đài Truyền thanh xã",
        "Công chức Văn phòng Đảng ủy - Nội vụ; Công chức Văn phòng - Thống kê, Công chức VHTT - "
        "TDTT, các ban, ngành đoàn thể xã",
        "Mỗi tháng 01 kỳ",
    ],
    [
        "6",
        "Tổ chức các Hội nghị, chương trình đối thoại trực tiếp giữa lãnh đạo xã với người dân, doanh nghiệp",
        "Hội nghị",
        "Công chức Văn phòng HĐND - UBND, Công chức Kế toán - Ngân sách xã",
        "Các công chức chuyên môn, các ban, ngành đoàn thể UBND xã",
        "Trong năm 2024",
    ],
    [
        "7",
        "Khảo sát sự hài lòng của tổ chức, công dân đối với giải quyết thủ tục hành chính trên các "
        "lĩnh vực theo quy định",
        "Kế hoạch điều tra XHH khảo sát đo lường sự hài long của người dân, tổ chức đối với sự phục "
        "vụ của UBND xã. Điểm điều tra XHH cấp xã",
        "Công chức Văn phòng HĐND - UBND xã, Công chức Văn phòng Đảng ủy - Nội vụ xã",
        "Các cơ quan, đơn vị trên địa bàn xã",
        "Quý IV/2024",
    ],
    [
        "8",
        "Tổ chức các lớp bồi dưỡng nghiệp vụ công tác CCHC cho cán bộ, công chức, viên chức",
        "Các lớp tập huấn",
        "Công chức Văn phòng Đảng ủy - Nội vụ",
        "Các cơ quan, đơn vị, công chức, trưởng các ban ngành đoàn thể UBND xã",
        "Quý IV/2023",
    ],
]


def gia_tan_plan(*, issued_on: date | None = date(2024, 2, 5)) -> OfficialDocument:
    """Seed 001 in the model, with the header block its appendix caption implies."""
    number_symbol_text = number_symbol(13, "KH-UBND")
    return OfficialDocument(
        parent_body="UBND HUYỆN GIA LỘC",
        issuer="ỦY BAN NHÂN DÂN XÃ GIA TÂN",
        doc_type="KẾ HOẠCH",
        number=13,
        symbol="KH-UBND",
        place="Gia Tân",
        issued_on=issued_on,
        year=2024,
        title="Tuyên truyền cải cách hành chính nhà nước xã Gia Tân năm 2024",
        based_on=[
            "Căn cứ Kế hoạch số 4999/KH-UBND ngày 28 tháng 12 năm 2023 của UBND tỉnh về thực hiện cải "
            "cách hành chính nhà nước Hải Dương năm 2024",
            "Thực hiện Kế hoạch số 13/KH-UBND, ngày 26/01/2024 của UBND huyện Gia Lộc về việc tuyên "
            "truyền cải cách hành chính nhà nước huyện Gia Lộc năm 2024;",
        ],
        body=[
            Paragraph(
                "Ủy ban nhân dân xã Gia Tân xây dựng Kế hoạch tuyên truyền cải cách hành chính nhà nước "
                "xã Gia Tân năm 2024, cụ thể như sau:"
            ),
            Heading(1, "I. Mục đích yêu cầu"),
            Heading(2, "1. Mục đích"),
            Paragraph(
                "a) Đẩy mạnh công tác thông tin, tuyên truyền kịp thời các chủ trương, chính sách, văn "
                "bản chỉ đạo của Trung ương, của tỉnh, của huyện về công tác CCHC nhằm nâng cao nhận "
                "thức của các cấp, các ngành, đội ngũ cán bộ, công chức, viên chức, người đứng đầu cơ "
                "quan hành chính nhà nước các cấp về ý nghĩa, mục tiêu, tầm quan trọng của công tác "
                "CCHC trong giai đoạn mới."
            ),
            Paragraph(
                "b) Phát huy vai trò tích cực của các cơ quan thông tin đại chúng trong việc phát hiện, "
                "phản ánh chính xác, kịp thời những mặt tích cực hoặc chưa hiệu quả của tổ chức và cá "
                "nhân trong thực hiện nhiệm vụ CCHC."
            ),
            Paragraph(
                "c) Đẩy mạnh tuyên truyền trên mạng xã hội, qua Zalo, Fanpage, Cổng thông tin điện tử/ "
                "Trang thông tin của UBND xã để lan tỏa mạnh mẽ kết quả, hiệu quả của công tác CCHC "
                "trong cộng đồng xã hội."
            ),
            Paragraph(
                "d) Tăng cường sự tham gia của Ủy ban Mặt trận Tổ quốc Việt Nam từ xã đến thôn, các tổ "
                "chức chính trị- xã hội, người dân, doanh nghiệp trong việc giám sát, phản biện xã hội "
                "đối với hoạt động của cơ quan hành chính, đội ngũ cán bộ, công chức trong thực thi "
                "công vụ. Vận động quần chúng Nhân dân chủ động, tích cực cùng tham gia thực hiện các "
                "nhiệm vụ cải cách hành chính của huyện."
            ),
            Heading(2, "2. Yêu cầu"),
            Paragraph(
                "a) Tuyên truyền cải cách hành chính phải gắn với lộ trình thực hiện các mục tiêu, nhiệm "
                "vụ của Chương trình tổng thể cải cách hành chính nhà nước, Kế hoạch cải cách hành "
                "chính nhà nước xã Gia Tân năm 2024 và các kế hoạch cải cách hành chính theo từng giai "
                "đoạn…"
            ),
            Paragraph(
                "b) Công tác tuyên truyền phải kịp thời, đầy đủ, thường xuyên, hiệu quả, phù hợp với "
                "tình hình, đặc điểm, yêu cầu của từng đối tượng, từng ngành, địa phương. Các hình thức "
                "tuyên truyền đa dạng, phong phú, nội dung ngắn gọn, chính xác, dễ hiểu."
            ),
            Heading(1, "II. Đối tượng, nội dung, hình thức tuyên truyền"),
            Heading(2, "1. Đối tượng:"),
            Paragraph(
                "Cán bộ, công chức, viên chức, người lao động làm việc trong cơ quan hành chính nhà "
                "nước, các tổ chức chính trị - xã hội, đơn vị sự nghiệp công lập, doanh nghiệp và nhân "
                "dân trên địa bàn huyện."
            ),
            Heading(2, "2. Nội dung tuyên truyền"),
            Paragraph(
                "a) Tuyên truyền, phổ biến, quán triệt các quan điểm, chủ trương của Đảng, chính sách, "
                "pháp luật của Nhà nước,của tỉnh, của huyện về CCHC. Tuyên truyền Chương trình tổng "
                "thể cải cách hành chính giai đoạn 2021 - 2030 của Chính phủ; Kế hoạch số 4347/KH-UBND "
                "ngày 25 tháng 11 năm 2021 của UBND tỉnh về thực hiện cải cách hành chính nhà nước Hải "
                "Dương giai đoạn 2021-2025; Kế hoạch thực hiện cải cách hành chính giai đoạn 2021- 2025 "
                "của huyện Gia Lộc và các văn bản chỉ đạo điều hành công tác CCHC."
            ),
            Heading(2, "3. Hình thức tuyên truyền"),
            Heading(3, "b) Công khai các thủ tục hành chính ở Ủy ban nhân dân xã:"),
            Bullets(
                [
                    "Niêm yết công khai, minh bạch các thủ tục hành chính tại nơi giải quyết, tại Bộ phận "
                    "tiếp nhận và trả kết quả bằng nhiều hình thức khác nhau như niêm yết bằng văn bản "
                    "giấy, trên Cổng/Trang thông tin điện tử tạo điều kiện thuận lợi cho tổ chức, cá nhân "
                    "trong việc tìm hiểu, tra cứu thông tin về thủ tục hành chính.",
                    "- Thường xuyên, kịp thời cập nhật các thủ tục hành chính đã được công bố ban hành "
                    "mới, được sửa đổi, bổ sung, bãi bỏ, thay thế thủ tục hành chính của cơ quan, đơn vị, "
                    "tại nơi giải quyết thủ tục hành chính, tại Bộ phận tiếp nhận và trả kết quả, lên "
                    "Trang/ Cổng thông tin điện tử của xã.",
                ]
            ),
            Paragraph("(Có Phụ lục các nhiệm vụ, sản phẩm thực hiện Kế hoạch kèm theo)", italic=True),
            Heading(1, "III. Kinh phí thực hiện"),
            Paragraph(
                "Kinh phí được bố trí từ nguồn ngân sách cải cách hành chính năm 2024 được UBND hyện "
                "giao và từ nguồn kinh phí thường xuyên được phân bổ trong dự toán của các cơ quan đơn "
                "vị do cấp có thẩm quyền phê duyệt."
            ),
            Heading(1, "VI. Tổ chức thực hiện"),
            Heading(2, "1. Công chức Văn phòng HĐND&UBND xã:"),
            Bullets(
                [
                    "Chủ trì tổ chức thực hiện công tác tuyên truyền cải cách hành chính trên Cổng Thông "
                    "tin điện tử xã.",
                    "Chủ trì tuyên truyền kết quả cải cách thủ tục hành chính trên địa bàn xã; triển khai "
                    "tuyên truyền, phổ biến, hướng dẫn về nghiệp vụ kiểm soát thủ tục hành chính cho các "
                    "ban, ngành, đoàn thể địa phương.",
                ]
            ),
            Heading(2, "7. Đài truyền thanh xã:"),
            Paragraph(
                "Tiếp tục duy trì chuyên mục “Cải cách hành chính” để đưa tin, bài tuyên truyền về công "
                "tác cải cách hành chính trên địa bàn xã."
            ),
        ],
        closing=(
            "Trên đây là Kế hoạch tuyên truyền cải cách hành chính xã Gia Tân năm 202. Yêu cầu các cán "
            "bộ, công chức, các ban ngành, đoàn thể, cơ quan, đơn vị, nghiêm túc triển khai thực hiện./."
        ),
        copy_to=[
            "Phòng Nội vụ, Phòng VHTT huyện;",
            "- Thường vụ Đảng ủy;  ",
            "- Lãnh đạo UBND xã;",
            "-  Cán bộ, công chức xã;",
            "- Lưu: VT.",
        ],
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name="Phạm Duy Thoại"),
        appendices=[
            Appendix(
                label="Phụ lục",
                title="Các nhiệm vụ tuyên truyền cải cách hành chính năm 2024",
                attached_line=attached_line(
                    "Kế hoạch", number_symbol_text, issued_on, "Ủy ban nhân dân xã Gia Tân", year=2024
                ),
                table=Table(TASK_HEADER, TASK_ROWS, widths=[0.5, 3.2, 2.2, 2.4, 2.6, 1.5]),
            )
        ],
    )


# --- number and symbol ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        (5, "KH-UBND", "Số: 05/KH-UBND"),
        (11, "KH-UBND", "Số: 11/KH-UBND"),
        (1, "BC-UBND", "Số: 01/BC-UBND"),
        (123, "KH-UBND", "Số: 123/KH-UBND"),
        (38, " KH - UBND ", "Số: 38/KH-UBND"),
        (13, "/KH-UBND", "Số: 13/KH-UBND"),
        (None, "KH-UBND", "Số:      /KH-UBND"),
    ],
)
def test_number_and_symbol_pads_below_ten_and_leaves_a_blank_for_drafts(
    number: int | None, symbol: str, expected: str
) -> None:
    assert number_and_symbol(number, symbol) == expected


def test_number_symbol_refuses_a_number_below_one() -> None:
    with pytest.raises(ValueError, match="starts at 1"):
        number_symbol(0, "KH-UBND")


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 2, 5), "Gia Tân, ngày 05 tháng 02 năm 2024"),
        (date(2024, 1, 26), "Gia Tân, ngày 26 tháng 01 năm 2024"),
        (date(2024, 3, 1), "Gia Tân, ngày 01 tháng 3 năm 2024"),
        (date(2024, 12, 31), "Gia Tân, ngày 31 tháng 12 năm 2024"),
        (date(2024, 10, 9), "Gia Tân, ngày 09 tháng 10 năm 2024"),
    ],
)
def test_place_and_date_pads_days_and_only_january_and_february(day: date, expected: str) -> None:
    assert place_and_date("Gia Tân", day) == expected


def test_undated_draft_keeps_blanks_for_day_and_month_and_prints_the_year() -> None:
    assert place_and_date("Gia Tân", None, year=2024) == "Gia Tân, ngày     tháng     năm 2024"
    assert place_and_date("Gia Tân", None) == "Gia Tân, ngày     tháng     năm     "


@FAST
@given(st.dates(min_value=date(1945, 9, 2), max_value=date(2100, 12, 31)))
def test_date_phrase_pads_the_month_only_in_january_and_february(day: date) -> None:
    words = date_phrase(day).split()
    assert words[0::2] == ["ngày", "tháng", "năm"]
    day_text, month_text, year_text = words[1::2]
    assert day_text == f"{day.day:02d}"
    assert month_text == (f"0{day.month}" if day.month <= 2 else str(day.month))
    assert int(month_text) == day.month
    assert year_text == str(day.year)


@FAST
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1990, max_value=2100))
def test_every_day_of_a_month_has_two_digits(month: int, year: int) -> None:
    last = calendar.monthrange(year, month)[1]
    for number in (1, 9, 10, last):
        assert date_phrase(date(year, month, number)).split()[1] == f"{number:02d}"


def test_attached_line_names_the_document_its_number_date_and_issuer() -> None:
    line = attached_line("Kế hoạch", number_symbol(11, "KH-UBND"), date(2024, 1, 26), "UBND xã Ngọc Lâm")
    assert line == "(Kèm theo Kế hoạch số 11/KH-UBND ngày 26 tháng 01 năm 2024 của UBND xã Ngọc Lâm)"


def test_attached_line_of_a_draft_keeps_blanks() -> None:
    line = attached_line("Kế hoạch", number_symbol(None, "KH-UBND"), None, "UBND xã Gia Tân", year=2024)
    assert line == "(Kèm theo Kế hoạch số       /KH-UBND ngày     tháng     năm 2024 của UBND xã Gia Tân)"


# --- punctuated lists ----------------------------------------------------------------------


def test_recipients_block_normalises_dashes_and_ends_with_a_full_stop() -> None:
    # given the Nơi nhận of seed 000, spelled as the source spells it
    lines = [
        "- UBND thị xã (để báo cáo);",
        "Phòng Nội vụ thị xã(để báo cáo)",
        "  – Đảng ủy-HĐND-UBND xã; ",
        "",
        "- Lưu VT.",
    ]
    # then
    assert recipients_block(lines) == [
        "- UBND thị xã (để báo cáo);",
        "- Phòng Nội vụ thị xã(để báo cáo);",
        "- Đảng ủy-HĐND-UBND xã;",
        "- Lưu VT.",
    ]


def test_recipients_block_of_one_line_and_of_none() -> None:
    assert recipients_block(["Lưu: VT, VP"]) == ["- Lưu: VT, VP."]
    assert recipients_block([]) == []


def test_citation_lines_end_with_semicolons_and_a_final_full_stop() -> None:
    assert citation_lines(["Căn cứ A.", "Căn cứ B", " ", "Thực hiện C;"]) == [
        "Căn cứ A;",
        "Căn cứ B;",
        "Thực hiện C.",
    ]


# --- the model -----------------------------------------------------------------------------


def test_table_refuses_rows_and_widths_that_do_not_match_the_header() -> None:
    with pytest.raises(ValueError, match="2 cells"):
        Table(["A", "B", "C"], [["1", "2"]])
    with pytest.raises(ValueError, match="positive"):
        Table(["A", "B"], [], widths=[1, 0])
    with pytest.raises(ValueError, match="at least one column"):
        Table([], [])


def test_document_exposes_its_header_lines() -> None:
    plan = gia_tan_plan()
    assert plan.number_line == "Số: 13/KH-UBND"
    assert plan.date_line == "Gia Tân, ngày 05 tháng 02 năm 2024"
    assert gia_tan_plan(issued_on=None).date_line == "Gia Tân, ngày     tháng     năm 2024"
    assert plan.appendices[0].attached_line == (
        "(Kèm theo Kế hoạch số 13/KH-UBND ngày 05 tháng 02 năm 2024 của Ủy ban nhân dân xã Gia Tân)"
    )
