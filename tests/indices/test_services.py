"""Recording index results and importing them from CSV: rules, permissions, all-or-nothing."""

from __future__ import annotations

from contextlib import nullcontext
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from loa.accounts.choices import Role
from loa.audit.models import ChangeLogEntry, Verb
from loa.indices.choices import IndexKind
from loa.indices.models import IndexValue
from loa.indices.services import IndexImportFailed, IndexInput, IndexRefused, import_indices, record_index
from loa.units.choices import Era
from tests.accounts.conftest import Tree
from tests.accounts.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "unit_code,year,index,value,rank,rank_of,source\n"


def par(year: int = 2024, value: str = "90.1", **extra: object) -> IndexInput:
    return IndexInput(year=year, kind=IndexKind.PAR_INDEX, value=Decimal(value), **extra)  # type: ignore[arg-type]


def superuser() -> object:
    return UserFactory(is_superuser=True)


@pytest.mark.parametrize(
    ("holder", "role", "allowed"),
    [
        ("own", Role.ADMIN, True),
        ("province", Role.ADMIN, True),
        ("own", Role.EDITOR, False),
        ("own", Role.REPORTER, False),
        ("sibling", Role.ADMIN, False),
        ("other_province", Role.ADMIN, False),
    ],
)
def test_record_index_permission(tree: Tree, holder: str, role: Role, allowed: bool) -> None:
    # given
    unit = {"own": tree.commune, "province": tree.province, "sibling": tree.sibling}.get(
        holder, tree.other_province
    )
    actor = MembershipFactory(unit=unit, role=role).user
    # when
    with nullcontext() if allowed else pytest.raises(PermissionDenied):
        record_index(tree.commune, data=par(rank=3, rank_of=20, source="UBND tỉnh"), actor=actor)
    # then: a refusal leaves no trace
    assert IndexValue.objects.filter(unit=tree.commune).exists() is allowed
    assert ChangeLogEntry.objects.filter(verb=Verb.INDEX_RECORDED).exists() is allowed


def test_record_index_corrects_the_same_year_and_logs_the_change(tree: Tree) -> None:
    actor = superuser()
    first = record_index(tree.province, data=par(value="88"), actor=actor)
    # when
    second = record_index(tree.province, data=par(value="90.1", rank=1, rank_of=34), actor=actor)
    # then
    assert second.pk == first.pk
    assert IndexValue.objects.get().value == Decimal("90.1")
    assert (second.rank, second.rank_of) == (1, 34)
    entries = list(ChangeLogEntry.objects.filter(verb=Verb.INDEX_RECORDED).order_by("pk"))
    assert len(entries) == 2
    assert entries[1].before is not None
    assert entries[1].before["value"] == "88.0000"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (par(value="100.5"), "Giá trị Chỉ số CCHC (PAR INDEX) phải từ 0 đến 100."),
        (IndexInput(year=2024, kind=IndexKind.DTI, value=Decimal("1.2")), "Giá trị DTI phải từ 0 đến 1."),
        (IndexInput(year=2024, kind=IndexKind.PAPI, value=Decimal("81")), "Giá trị PAPI phải từ 0 đến 80."),
        (par(value="-1"), "Giá trị Chỉ số CCHC (PAR INDEX) phải từ 0 đến 100."),
        (par(rank=35, rank_of=34), "Xếp hạng không được lớn hơn tổng số đơn vị được xếp hạng."),
        (par(year=1999), "Năm phải từ 2000 đến 2100."),
        (par(value="90.12345"), "Giá trị có tối đa 4 chữ số thập phân."),
    ],
)
def test_record_index_refuses_figures_off_the_scale(tree: Tree, data: IndexInput, message: str) -> None:
    with pytest.raises(IndexRefused) as refused:
        record_index(tree.province, data=data, actor=superuser())
    assert refused.value.message == message
    assert not IndexValue.objects.exists()


def test_import_records_every_row_with_codes_of_the_chosen_era(tree: Tree) -> None:
    # given: the file names the province by its 2025 code and a legacy commune by its pre-2025 one
    csv = (
        "unit_code,year,index,value,rank,rank_of,source,era\n"
        f'{tree.province.code},2024,PAR INDEX,"90,1",1,34,Bộ Nội vụ,\n'
        f"{tree.province.code},2024,SIPAS,87.59%,,,Bộ Nội vụ,\n"
        f"{tree.legacy_commune.code},2023,Chỉ số CCHC (PAR INDEX),75,12,20,UBND huyện,pre2025\n"
    )
    # when
    result = import_indices(csv.encode(), era=Era.CURRENT, actor=superuser())
    # then
    assert (result.created, result.updated) == (3, 0)
    rows = set(IndexValue.objects.values_list("unit_id", "year", "kind", "value", "rank", "rank_of"))
    assert rows == {
        (tree.province.pk, 2024, "par_index", Decimal("90.1"), 1, 34),
        (tree.province.pk, 2024, "sipas", Decimal("87.59"), None, None),
        (tree.legacy_commune.pk, 2023, "par_index", Decimal("75"), 12, 20),
    }


def test_import_resolves_codes_in_the_era_given_as_option(tree: Tree) -> None:
    # given: the same code exists in both eras
    tree.legacy_province.code = tree.province.code
    tree.legacy_province.save(update_fields=["code"])
    csv = HEADER + f"{tree.province.code},2020,PCI,65.5,10,63,VCCI\n"
    # when
    import_indices(csv.encode(), era=Era.LEGACY, actor=superuser())
    # then
    assert IndexValue.objects.get().unit_id == tree.legacy_province.pk


def test_import_with_one_bad_row_writes_nothing_and_lists_every_error(tree: Tree) -> None:
    # given: an existing result that a good row would change
    actor = superuser()
    record_index(tree.province, data=par(value="80"), actor=actor)
    csv = (
        HEADER
        + f"{tree.province.code},2024,PAR INDEX,91,,,\n"  # line 2: fine
        + "999999x,2024,PCI,60,,,\n"  # line 3: unknown code
        + f"{tree.commune.code},2024,XYZ,60,,,\n"  # line 4: unknown index
        + f"{tree.commune.code},2024,SIPAS,abc,,,\n"  # line 5: not a number
        + f"{tree.commune.code},2024,PCI,60,40,34,\n"  # line 6: rank over total
        + f"{tree.province.code},2024,par_index,92,,,\n"  # line 7: duplicate of line 2
    )
    # when
    with pytest.raises(IndexImportFailed) as failed:
        import_indices(csv.encode(), actor=actor)
    # then
    assert failed.value.message == "Tệp có 5 lỗi; chưa có dòng nào được ghi. Sửa tệp rồi nhập lại."
    assert [(e.line, e.message) for e in failed.value.errors] == [
        (3, "Không có đơn vị mã “999999x” trong danh mục Từ 01/7/2025 (hai cấp)."),
        (4, "Chỉ số “XYZ” không hợp lệ; dùng một trong: PAR INDEX, SIPAS, PAPI, PCI, DTI, DDCI."),
        (5, "Giá trị “abc” không phải số."),
        (6, "Xếp hạng không được lớn hơn tổng số đơn vị được xếp hạng."),
        (7, "Trùng với dòng 2 (cùng đơn vị, năm và chỉ số)."),
    ]
    assert list(IndexValue.objects.values_list("value", flat=True)) == [Decimal("80")]
    assert ChangeLogEntry.objects.filter(verb=Verb.INDEX_RECORDED).count() == 1


def test_import_refuses_rows_of_units_the_actor_does_not_manage(tree: Tree) -> None:
    actor = MembershipFactory(unit=tree.province, role=Role.ADMIN).user
    csv = HEADER + f"{tree.commune.code},2024,DTI,0.55,,,\n" + f"{tree.other_commune.code},2024,DTI,0.6,,,\n"
    with pytest.raises(IndexImportFailed) as failed:
        import_indices(csv.encode(), actor=actor)
    assert [(e.line, e.message) for e in failed.value.errors] == [
        (3, "Bạn không có quyền cập nhật chỉ số của Xã Tỉnh Khác.")
    ]
    assert not IndexValue.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"year,index,value\n2024,PCI,60\n", "Thiếu cột: unit_code."),
        (HEADER.encode(), "Tệp không có dòng dữ liệu nào."),
        ("unit_code,year,index,value\nx,2024,PCI,60\n".encode("utf-16"), "Tệp phải là CSV mã hóa UTF-8."),
    ],
)
def test_import_refuses_unreadable_files(tree: Tree, data: bytes, message: str) -> None:
    with pytest.raises(IndexImportFailed) as failed:
        import_indices(data, actor=superuser())
    assert failed.value.message.startswith(message)
    assert not IndexValue.objects.exists()


def test_import_reads_semicolons_and_vietnamese_headers(tree: Tree) -> None:
    csv = (
        "\ufeffMã đơn vị;Năm;Chỉ số;Giá trị;Xếp hạng;Trên tổng số;Nguồn\n"
        + f"{tree.province.code};2023;DDCI;70,25;5;20;Sở KH&ĐT\n"
    )
    result = import_indices(csv.encode(), actor=superuser())
    assert result.created == 1
    value = IndexValue.objects.get()
    assert (value.kind, value.value, value.rank, value.rank_of, value.source) == (
        "ddci",
        Decimal("70.25"),
        5,
        20,
        "Sở KH&ĐT",
    )
