"""import_procedures: CSV and XLSX, per-row errors, all or nothing, replacement, permissions."""

from __future__ import annotations

from contextlib import nullcontext

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from loa.audit.models import ChangeLogEntry, Verb
from loa.procedures.choices import OnlineLevel
from loa.procedures.errors import ProcedureFileUnreadable, ProcedureRowsInvalid, RowError
from loa.procedures.importing import MAX_FILE_BYTES
from loa.procedures.models import Procedure, ProcedureList
from loa.procedures.services import ImportResult, import_procedures

from . import (
    CHUNG_THUC,
    HEADER,
    KET_HON,
    KHAI_SINH,
    ROWS,
    csv_file,
    numbered_rows,
    procedure_state,
    xlsx_file,
)
from .conftest import People

pytestmark = pytest.mark.django_db


def test_csv_import_creates_the_units_list(people: People) -> None:
    # given
    unit = people.tree.sibling
    # when
    result = import_procedures(unit, csv_file(), actor=people.editor)
    # then
    assert result == ImportResult(created=3, updated=0, unchanged=0, removed=0)
    khai_sinh = Procedure.objects.get(unit=unit, code="1.001193")
    assert khai_sinh.name == "Đăng ký khai sinh"
    assert khai_sinh.field == "Hộ tịch"
    assert khai_sinh.level == "Cấp xã"
    assert khai_sinh.processing_time == "Ngay trong ngày tiếp nhận hồ sơ"
    assert khai_sinh.fees == "Miễn lệ phí"
    assert khai_sinh.online_level == OnlineLevel.FULL
    assert khai_sinh.legal_basis == "Luật Hộ tịch năm 2014"
    assert khai_sinh.posted_at_desk is True
    assert khai_sinh.folded_search == "1.001193 dang ky khai sinh ho tich"
    assert Procedure.objects.get(code="1.000894").online_level == OnlineLevel.PARTIAL
    assert Procedure.objects.get(code="2.000815").online_level == OnlineLevel.NONE
    assert Procedure.objects.get(code="2.000815").posted_at_desk is False
    listing = ProcedureList.objects.get(unit=unit)
    assert (listing.count, listing.updated_by, listing.source_name) == (3, people.editor, "danh-muc.csv")
    entry = ChangeLogEntry.objects.get(verb=Verb.PROCEDURES_IMPORTED)
    assert (entry.unit, entry.actor) == (unit, people.editor)
    assert entry.after == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "removed": 0,
        "source_name": "danh-muc.csv",
    }


def test_xlsx_import_skips_title_rows_above_the_header(people: People) -> None:
    result = import_procedures(people.tree.sibling, xlsx_file(title_rows=2), actor=people.editor)
    assert result.created == 3
    assert sorted(Procedure.objects.values_list("code", flat=True)) == ["1.000894", "1.001193", "2.000815"]


def test_xlsx_numeric_cells_keep_the_codes_six_digits(people: People) -> None:
    rows = [[1, 1.00123, "Đăng ký khai tử", "Hộ tịch", "Cấp xã", "", "", "", "", True]]
    import_procedures(people.tree.sibling, xlsx_file(rows), actor=people.editor)
    procedure = Procedure.objects.get()
    assert (procedure.code, procedure.posted_at_desk) == ("1.001230", True)


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_bom_and_either_delimiter(people: People, delimiter: str, bom: bool) -> None:
    import_procedures(people.tree.sibling, csv_file(delimiter=delimiter, bom=bom), actor=people.editor)
    assert Procedure.objects.get(code="1.001193").name == "Đăng ký khai sinh"
    assert Procedure.objects.count() == 3


def test_headers_match_without_case_or_diacritics(people: People) -> None:
    header = ["MA THU TUC", "ten thu tuc", "LĨNH VỰC", "muc do dvc truc tuyen", "Ghi chú"]
    rows = [["1.001193", "Đăng ký khai sinh", "Hộ tịch", "toàn trình", "bỏ qua"]]
    import_procedures(people.tree.sibling, csv_file(rows, header=header), actor=people.editor)
    procedure = Procedure.objects.get()
    assert (procedure.field, procedure.online_level) == ("Hộ tịch", OnlineLevel.FULL)


def _with(row: list[str], index: int, value: str) -> list[str]:
    changed = list(row)
    changed[index] = value
    return changed


@pytest.mark.parametrize(
    ("bad_rows", "expected"),
    [
        ([_with(KHAI_SINH, 1, ""), KET_HON], [RowError(2, "Mã thủ tục", "Bắt buộc, không được để trống.")]),
        ([KHAI_SINH, _with(KET_HON, 2, "")], [RowError(3, "Tên thủ tục", "Bắt buộc, không được để trống.")]),
        (
            [KHAI_SINH, KET_HON, _with(CHUNG_THUC, 1, "1.001193")],
            [RowError(4, "Mã thủ tục", "Trùng mã với dòng 2.")],
        ),
        (
            [_with(KHAI_SINH, 7, "Mức độ 2")],
            [RowError(2, "Mức độ DVC trực tuyến", "Chỉ nhận “Toàn trình”, “Một phần” hoặc để trống.")],
        ),
        ([_with(KHAI_SINH, 2, "x" * 501)], [RowError(2, "Tên thủ tục", "Dài quá 500 ký tự.")]),
        (
            [_with(KHAI_SINH, 9, "Đã treo")],
            [RowError(2, "Niêm yết tại Bộ phận Một cửa", "Chỉ nhận “Có”, “Không” hoặc để trống.")],
        ),
    ],
    ids=["missing-code", "missing-name", "duplicate-code", "bad-online-level", "too-long", "bad-yes-no"],
)
def test_a_bad_row_refuses_the_whole_file_and_changes_nothing(
    people: People, bad_rows: list[list[str]], expected: list[RowError]
) -> None:
    # given: a list already imported
    unit = people.tree.sibling
    import_procedures(unit, csv_file([CHUNG_THUC]), actor=people.editor)
    before = procedure_state(unit), list(ProcedureList.objects.values()), ChangeLogEntry.objects.count()
    # when
    with pytest.raises(ProcedureRowsInvalid) as refused:
        import_procedures(unit, csv_file(bad_rows), actor=people.editor)
    # then
    assert refused.value.errors == expected
    assert str(refused.value).startswith(f"Tệp có {len(expected)} lỗi")
    assert (
        procedure_state(unit),
        list(ProcedureList.objects.values()),
        ChangeLogEntry.objects.count(),
    ) == before


def test_every_faulty_cell_is_reported(people: People) -> None:
    rows = [_with(_with(KHAI_SINH, 1, ""), 7, "?"), KET_HON, _with(KET_HON, 0, "3")]
    with pytest.raises(ProcedureRowsInvalid) as refused:
        import_procedures(people.tree.sibling, csv_file(rows), actor=people.editor)
    assert [(e.row, e.column) for e in refused.value.errors] == [
        (2, "Mã thủ tục"),
        (2, "Mức độ DVC trực tuyến"),
        (4, "Mã thủ tục"),
    ]
    assert not Procedure.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.7\n..."), "Chỉ nhận tệp CSV"),
        (SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n"), "Chỉ nhận tệp CSV"),
        (SimpleUploadedFile("van-ban.xlsx", b"PK\x03\x04 not really a workbook"), "Chỉ nhận tệp CSV"),
        (SimpleUploadedFile("ds.csv", "Mã,Tên\n1.1,Hộ".encode("latin-1", "replace")), "UTF-8"),
        (SimpleUploadedFile("ds.csv", "STT,Tên\n1,Đăng ký".encode()), "Không tìm thấy dòng tiêu đề"),
        (SimpleUploadedFile("ds.csv", b""), "Tệp rỗng."),
        (SimpleUploadedFile("ds.csv", b"a" * (MAX_FILE_BYTES + 1)), "Tệp quá lớn"),
    ],
    ids=["pdf", "png", "broken-zip", "not-utf8", "no-header", "empty", "too-large"],
)
def test_an_unreadable_file_is_refused_with_a_clear_message(
    people: People, upload: SimpleUploadedFile, message: str
) -> None:
    with pytest.raises(ProcedureFileUnreadable) as refused:
        import_procedures(people.tree.sibling, upload, actor=people.editor)
    assert message in refused.value.message
    assert refused.value.message.endswith(".")
    assert not Procedure.objects.exists()
    assert not ProcedureList.objects.exists()


def test_reimport_replaces_the_list(people: People) -> None:
    # given
    unit = people.tree.sibling
    import_procedures(unit, csv_file(), actor=people.editor)
    kept = Procedure.objects.get(code="1.000894")
    other_unit = people.tree.commune
    import_procedures(other_unit, csv_file([KHAI_SINH]), actor=people.province_editor)
    # when: khai sinh changes, kết hôn is unchanged, chứng thực is dropped, one is new
    changed = _with(KHAI_SINH, 5, "Trong 01 ngày làm việc")
    new = ["4", "1.000656", "Đăng ký khai tử", "Hộ tịch", "Cấp xã", "", "", "", "", ""]
    result = import_procedures(unit, csv_file([changed, KET_HON, new]), actor=people.admin)
    # then
    assert result == ImportResult(created=1, updated=1, unchanged=1, removed=1)
    assert sorted(Procedure.objects.filter(unit=unit).values_list("code", flat=True)) == [
        "1.000656",
        "1.000894",
        "1.001193",
    ]
    assert Procedure.objects.get(unit=unit, code="1.001193").processing_time == "Trong 01 ngày làm việc"
    assert Procedure.objects.get(unit=unit, code="1.000894").pk == kept.pk
    assert Procedure.objects.filter(unit=other_unit).count() == 1  # another unit's list is untouched
    listing = ProcedureList.objects.get(unit=unit)
    assert (listing.count, listing.updated_by) == (3, people.admin)


@pytest.mark.parametrize(
    ("holder", "allowed"),
    [
        ("editor", True),
        ("admin", True),
        ("province_editor", True),
        ("reporter", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_import_permission(people: People, holder: str, allowed: bool) -> None:
    actor = getattr(people, holder)
    with nullcontext() if allowed else pytest.raises(PermissionDenied):
        import_procedures(people.tree.sibling, csv_file(), actor=actor)
    assert Procedure.objects.exists() is allowed
    assert ChangeLogEntry.objects.filter(verb=Verb.PROCEDURES_IMPORTED).exists() is allowed


def test_a_large_list_imports(people: People) -> None:
    result = import_procedures(people.tree.sibling, csv_file(numbered_rows(600)), actor=people.editor)
    assert result.created == 600
    assert Procedure.objects.count() == 600


def test_header_constant_lists_the_template_columns() -> None:
    assert HEADER[1:3] == ["Mã thủ tục", "Tên thủ tục"]
    assert len(ROWS) == 3
