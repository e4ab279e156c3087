"""The unit loader on the real `vietnam-provinces` data.

The full list (about 14,000 units and 14,000 links) is loaded twice, once per module,
and committed; each test then runs in its own rolled-back transaction, so the tests
that edit and reload see a pristine list and leave it so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from pytest_django import DjangoDbBlocker

from loa.units.choices import Era, Level, UnitKind
from loa.units.loader import LoaderConflict, LoadSummary, load_units, official_code
from loa.units.models import Unit
from loa.units.services import add_legacy_unit
from tests.accounts.factories import UserFactory

CUR, OLD = Era.CURRENT, Era.LEGACY
EXPECTED_COUNTS = {
    (CUR, Level.NATIONAL): 1,
    (CUR, Level.PROVINCE): 34,
    (CUR, Level.COMMUNE): 3321,
    (OLD, Level.PROVINCE): 63,
    (OLD, Level.DISTRICT): 696,
    (OLD, Level.COMMUNE): 10051,
}

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loads(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[tuple[LoadSummary, ...]]:
    """(first, second) summaries of loading the real list twice into an empty table."""
    with django_db_blocker.unblock():
        wipe_units()
        summaries = (load_units(), load_units())
    yield summaries
    with django_db_blocker.unblock():
        wipe_units()


def wipe_units() -> None:
    """Empty the unit tables in two statements (the ORM's cascade walk takes seconds)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Unit.successors.through._meta.db_table}")
        cursor.execute(f"DELETE FROM {Unit._meta.db_table}")


@pytest.fixture
def first(loads: tuple[LoadSummary, ...]) -> LoadSummary:
    return loads[0]


@pytest.fixture
def second(loads: tuple[LoadSummary, ...]) -> LoadSummary:
    return loads[1]


def unit(era: str, code: str) -> Unit:
    return Unit.objects.get(era=era, code=code)


def codes(units: object) -> set[str]:
    return {u.code for u in units}  # type: ignore[attr-defined]


def db_counts() -> dict[tuple[str, str], int]:
    rows = Unit.objects.values("era", "level").annotate(n=Count("id"))
    return {(row["era"], row["level"]): row["n"] for row in rows}


def link_pairs() -> set[tuple[str, str, str, str]]:
    through = Unit.successors.through
    return set(
        through.objects.values_list("from_unit__era", "from_unit__code", "to_unit__era", "to_unit__code")
    )


# --- counts, tree and fields ---------------------------------------------------------


def test_first_load_creates_every_unit_of_both_eras(first: LoadSummary) -> None:
    assert db_counts() == EXPECTED_COUNTS
    assert {key: c.created for key, c in first.counts.items()} == EXPECTED_COUNTS
    assert first.updated == first.unchanged == 0
    assert first.links_added == first.links_total == Unit.successors.through.objects.count() > 14_000
    assert first.links_removed == 0
    assert first.seconds < 60


def test_second_load_changes_nothing(first: LoadSummary, second: LoadSummary) -> None:
    assert second.created == second.updated == 0
    assert {key: c.unchanged for key, c in second.counts.items()} == EXPECTED_COUNTS
    assert (second.links_added, second.links_removed) == (0, 0)
    assert second.links_total == first.links_total
    assert db_counts() == EXPECTED_COUNTS


def test_root_holds_the_provinces_of_both_eras(loads: object) -> None:
    root = unit(CUR, "VN")
    assert (root.name, root.kind, root.level, root.parent_id) == (
        "Việt Nam",
        UnitKind.NATION,
        Level.NATIONAL,
        None,
    )
    assert (root.valid_from, root.valid_to) == (None, None)
    assert Unit.objects.filter(parent=root, era=CUR).count() == 34
    assert Unit.objects.filter(parent=root, era=OLD).count() == 63
    assert set(Unit.objects.filter(parent=root).values_list("level", flat=True)) == {Level.PROVINCE}


def test_every_unit_hangs_under_the_level_above_in_its_own_era(loads: object) -> None:
    expected_parent = {
        (CUR, Level.COMMUNE): (CUR, Level.PROVINCE),
        (OLD, Level.COMMUNE): (OLD, Level.DISTRICT),
        (OLD, Level.DISTRICT): (OLD, Level.PROVINCE),
        (CUR, Level.PROVINCE): (CUR, Level.NATIONAL),
        (OLD, Level.PROVINCE): (CUR, Level.NATIONAL),
    }
    rows = Unit.objects.exclude(level=Level.NATIONAL).values_list(
        "era", "level", "parent__era", "parent__level"
    )
    seen = {(era, level): set() for era, level in expected_parent}
    for era, level, parent_era, parent_level in rows:
        seen[(era, level)].add((parent_era, parent_level))
    assert seen == {key: {value} for key, value in expected_parent.items()}


def test_validity_and_kinds_follow_the_era(loads: object) -> None:
    current = Unit.objects.filter(era=CUR).exclude(level=Level.NATIONAL)
    assert set(current.values_list("valid_from", "valid_to")) == {(dt.date(2025, 7, 1), None)}
    assert set(Unit.objects.filter(era=OLD).values_list("valid_from", "valid_to")) == {
        (None, dt.date(2025, 6, 30))
    }
    kinds = defaultdict(set)
    for era, level, kind in Unit.objects.values_list("era", "level", "kind").distinct():
        kinds[(era, level)].add(kind)
    assert kinds[(CUR, Level.COMMUNE)] == {"xã", "phường", "đặc khu"}
    assert kinds[(OLD, Level.COMMUNE)] == {"xã", "phường", "thị trấn"}
    assert kinds[(OLD, Level.DISTRICT)] == {"huyện", "quận", "thị xã", "thành phố"}
    assert kinds[(CUR, Level.PROVINCE)] == kinds[(OLD, Level.PROVINCE)] == {"tỉnh", "thành phố trung ương"}
    assert not Unit.objects.filter(is_registered=False).exists()


def test_codes_are_nso_codes_padded_per_level(loads: object) -> None:
    # Bare integers collide across levels (4 is a province and a ward); padded codes do not.
    assert unit(CUR, "04").name == "Tỉnh Cao Bằng"
    assert unit(CUR, "00004").name == "Phường Ba Đình"
    assert unit(OLD, "001").name == "Quận Ba Đình"
    assert unit(OLD, "00001").name == "Phường Phúc Xá"
    assert official_code(Level.COMMUNE, 12136) == "12136"
    widths = {
        level: {len(c) for c in Unit.objects.filter(level=level).values_list("code", flat=True)}
        for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
    }
    assert widths == {Level.PROVINCE: {2}, Level.DISTRICT: {3}, Level.COMMUNE: {5}}


def test_bulk_loaded_units_have_folded_names_and_codenames(loads: object) -> None:
    duong_hao = unit(CUR, "12133")
    assert (duong_hao.name, duong_hao.folded_name, duong_hao.codename) == (
        "Phường Đường Hào",
        "phuong duong hao",
        "phuong_duong_hao",
    )
    assert not Unit.objects.filter(folded_name="").exists()


# --- the 2025 successor links ----------------------------------------------------------


def test_legacy_ngoc_lam_went_into_phuong_duong_hao(loads: object) -> None:
    ngoc_lam = unit(OLD, "12136")
    assert ngoc_lam.name == "Xã Ngọc Lâm"
    assert [a.name for a in Unit.objects.ancestors(ngoc_lam)] == [
        "Việt Nam",
        "Tỉnh Hưng Yên",
        "Thị xã Mỹ Hào",
    ]
    assert [(s.era, s.code, s.name) for s in ngoc_lam.successors.all()] == [
        (CUR, "12133", "Phường Đường Hào")
    ]
    assert unit(CUR, "12133").parent == unit(CUR, "33")


def test_new_ngoc_lam_is_another_unit_with_the_same_name(loads: object) -> None:
    new_ngoc_lam = unit(CUR, "12517")
    old_ngoc_lam = unit(OLD, "12136")
    assert new_ngoc_lam.name == old_ngoc_lam.name == "Xã Ngọc Lâm"
    assert new_ngoc_lam.pk != old_ngoc_lam.pk
    assert old_ngoc_lam not in new_ngoc_lam.predecessors.all()
    assert new_ngoc_lam.predecessors.filter(level=Level.COMMUNE).exists()
    assert unit(OLD, "33").name == "Tỉnh Hưng Yên"
    assert "Tỉnh Thái Bình" in {
        p.parent.parent.name for p in new_ngoc_lam.predecessors.filter(level=Level.COMMUNE)
    }


def test_merged_provinces_link_to_the_new_province(loads: object) -> None:
    hai_phong = unit(CUR, "31")
    assert hai_phong.name == "Thành phố Hải Phòng"
    assert {(p.code, p.name) for p in hai_phong.predecessors.all()} == {
        ("30", "Tỉnh Hải Dương"),
        ("31", "Thành phố Hải Phòng"),
    }
    assert codes(unit(CUR, "37").predecessors.all()) == {"35", "36", "37"}  # Hà Nam, Nam Định, Ninh Bình
    assert codes(unit(CUR, "79").predecessors.all()) == {"74", "77", "79"}  # Bình Dương, BR-VT, TP HCM
    # Every legacy province has successors, and each is a current province.
    province_links = Unit.successors.through.objects.filter(
        from_unit__era=OLD, from_unit__level=Level.PROVINCE
    )
    assert province_links.values("from_unit").distinct().count() == 63
    assert set(province_links.values_list("to_unit__era", "to_unit__level").distinct()) == {
        (CUR, Level.PROVINCE)
    }


def test_tien_giang_goes_to_dong_thap_only(loads: object) -> None:
    # The package's province table also lists Tây Ninh, because one Long An ward is filed
    # under Tiền Giang in its conversion table; the loader derives provinces from wards.
    tien_giang = unit(OLD, "82")
    assert tien_giang.name == "Tỉnh Tiền Giang"
    assert [(s.code, s.name) for s in tien_giang.successors.all()] == [("82", "Tỉnh Đồng Tháp")]
    assert codes(unit(CUR, "80").predecessors.all()) == {"72", "80"}  # Tây Ninh ← Tây Ninh, Long An


def test_a_split_legacy_ward_has_several_successors(loads: object) -> None:
    gia_tan = unit(OLD, "14503")
    assert gia_tan.name == "Xã Gia Tân"
    assert {s.name for s in gia_tan.successors.all()} == {"Phường Tây Hoa Lư", "Xã Gia Vân"}


def test_a_district_succeeds_into_the_union_of_its_wards_successors(loads: object) -> None:
    through = Unit.successors.through
    successors: dict[int, set[int]] = defaultdict(set)
    for from_id, to_id in through.objects.values_list("from_unit_id", "to_unit_id"):
        successors[from_id].add(to_id)
    districts = Unit.objects.filter(era=OLD, level=Level.DISTRICT)
    wards_of: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in Unit.objects.filter(era=OLD, level=Level.COMMUNE).values_list("pk", "parent_id"):
        wards_of[parent_id].append(pk)
    mismatched = [
        d.code for d in districts if successors[d.pk] != set().union(*(successors[w] for w in wards_of[d.pk]))
    ]
    assert mismatched == []
    gia_loc = unit(OLD, "297")
    assert gia_loc.name == "Huyện Gia Lộc"
    assert unit(CUR, "10999") in gia_loc.successors.all()  # Xã Gia Lộc
    assert set(gia_loc.successors.values_list("parent__name", flat=True)) == {"Thành phố Hải Phòng"}


def test_links_only_run_from_legacy_to_current_at_matching_levels(loads: object) -> None:
    pairs = {
        (fe, fl, te, tl)
        for fe, fl, te, tl in Unit.successors.through.objects.values_list(
            "from_unit__era", "from_unit__level", "to_unit__era", "to_unit__level"
        ).distinct()
    }
    assert pairs == {
        (OLD, Level.PROVINCE, CUR, Level.PROVINCE),
        (OLD, Level.DISTRICT, CUR, Level.COMMUNE),
        (OLD, Level.COMMUNE, CUR, Level.COMMUNE),
    }


# --- reloading --------------------------------------------------------------------------


def test_reload_restores_edited_units_and_links(loads: object) -> None:
    # given: a unit renamed and moved, a link lost and a bogus link added by hand
    ngoc_lam = unit(OLD, "12136")
    Unit.objects.filter(pk=ngoc_lam.pk).update(
        name="Xã Ngọc Lâm (sửa)", folded_name="x", parent=unit(OLD, "001")
    )
    ngoc_lam.successors.clear()
    bogus = unit(CUR, "12517")
    unit(OLD, "33").successors.add(bogus)
    before = link_pairs()
    # when
    summary = load_units()
    # then
    ngoc_lam.refresh_from_db()
    assert (ngoc_lam.name, ngoc_lam.folded_name, ngoc_lam.parent.code) == (
        "Xã Ngọc Lâm",
        "xa ngoc lam",
        "328",
    )
    assert codes(ngoc_lam.successors.all()) == {"12133"}
    assert bogus not in unit(OLD, "33").successors.all()
    assert summary.count(OLD, Level.COMMUNE).updated == 1
    assert summary.updated == 1
    assert summary.created == 0
    assert (summary.links_added, summary.links_removed) == (1, 1)
    assert len(link_pairs()) == len(before)


def test_reload_leaves_units_the_package_does_not_know_alone(loads: object) -> None:
    # given: a hand-added legacy commune linked by hand to a new ward, and a registered
    # unit the package does not list (e.g. dropped by a newer release)
    admin = UserFactory(is_superuser=True)
    gia_loc = unit(OLD, "297")
    hand_added = add_legacy_unit(name="Xã Gia Tân", kind=UnitKind.COMMUNE, parent=gia_loc, actor=admin)
    hand_added.successors.add(unit(CUR, "10999"))
    dropped = Unit.objects.create(
        era=OLD,
        code="99999",
        name="Xã Đã Giải Thể",
        kind=UnitKind.COMMUNE,
        level=Level.COMMUNE,
        parent=gia_loc,
    )
    # when
    summary = load_units()
    # then
    hand_added.refresh_from_db()
    assert (hand_added.name, hand_added.parent_id, hand_added.is_registered) == (
        "Xã Gia Tân",
        gia_loc.pk,
        False,
    )
    assert codes(hand_added.successors.all()) == {"10999"}
    assert Unit.objects.filter(pk=dropped.pk, name="Xã Đã Giải Thể").exists()
    assert summary.not_in_package == 1
    assert summary.created == summary.updated == summary.links_added == summary.links_removed == 0
    assert summary.count(OLD, Level.COMMUNE).total == 10051


def test_load_refuses_when_a_hand_added_unit_holds_an_official_code(loads: object) -> None:
    admin = UserFactory(is_superuser=True)
    hand_added = add_legacy_unit(name="Xã Lạ", kind=UnitKind.COMMUNE, parent=unit(OLD, "297"), actor=admin)
    Unit.objects.filter(era=OLD, code="12136").update(era=CUR, code="99999")  # free the code first
    Unit.objects.filter(pk=hand_added.pk).update(code="12136")
    with pytest.raises(LoaderConflict, match="pre2025:12136"):
        load_units()
    assert not Unit.objects.filter(era=OLD, code="12136", is_registered=True).exists()


# --- the management command ------------------------------------------------------------


def test_units_show_prints_parents_and_successors(loads: object) -> None:
    out = StringIO()
    call_command("units", "show", "12136", era=OLD, stdout=out)
    text = out.getvalue()
    assert "Xã Ngọc Lâm [pre2025:12136]" in text
    assert "Tỉnh Hưng Yên [pre2025:33] › Thị xã Mỹ Hào [pre2025:328]" in text
    assert "Phường Đường Hào, Tỉnh Hưng Yên [2025:12133]" in text


def test_units_show_finds_a_bare_number_at_every_level(loads: object) -> None:
    out = StringIO()
    call_command("units", "show", "4", era=CUR, stdout=out)
    assert "Tỉnh Cao Bằng [2025:04]" in out.getvalue()
    assert "Phường Ba Đình [2025:00004]" in out.getvalue()


def test_units_load_prints_the_summary(loads: object) -> None:
    out = StringIO()
    call_command("units", "load", stdout=out)
    text = out.getvalue()
    assert "pre2025 commune    10051 units: 0 created, 0 updated, 10051 unchanged" in text
    assert "(0 added, 0 removed)" in text
    assert "done in" in text
