"""Rules the Unit model enforces, in the database and in full_clean, and the factories."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from loa.units.choices import Era, Level, UnitKind
from loa.units.models import Unit
from loa.units.queries import best_unit_for
from tests.units.factories import AgencyFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_code_is_unique_within_an_era() -> None:
    UnitFactory(code="12136")
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(code="12136")
    assert Unit.objects.filter(code="12136").count() == 1


def test_the_same_code_is_allowed_in_the_other_era() -> None:
    current = UnitFactory(code="31", level=Level.PROVINCE)
    legacy = UnitFactory(code="31", level=Level.PROVINCE, era=Era.LEGACY)
    assert {u.era for u in Unit.objects.filter(code="31")} == {current.era, legacy.era}


def test_validity_must_be_ordered_in_the_database() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(valid_from=dt.date(2025, 7, 1), valid_to=dt.date(2025, 6, 30))


def test_validity_must_be_ordered_in_full_clean() -> None:
    unit = UnitFactory.build(
        parent=UnitFactory(level=Level.PROVINCE),
        valid_from=dt.date(2025, 7, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    with pytest.raises(ValidationError) as excinfo:
        unit.full_clean()
    assert "valid_to" in excinfo.value.message_dict


def test_a_registered_unit_needs_a_code() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(code=None, is_registered=True)


def test_hand_added_units_may_share_an_empty_code() -> None:
    district = UnitFactory(era=Era.LEGACY, level=Level.DISTRICT)
    UnitFactory(era=Era.LEGACY, parent=district, code=None, is_registered=False)
    UnitFactory(era=Era.LEGACY, parent=district, code=None, is_registered=False)
    assert district.children.filter(code=None).count() == 2


def test_parent_must_be_of_the_same_era_except_the_national_root() -> None:
    root = UnitFactory(level=Level.NATIONAL, parent=None)
    legacy_province = UnitFactory(era=Era.LEGACY, level=Level.PROVINCE, parent=root)
    legacy_province.full_clean()  # a legacy province under the (current-era) root is fine
    stray = UnitFactory.build(era=Era.LEGACY, parent=UnitFactory(level=Level.PROVINCE))
    with pytest.raises(ValidationError) as excinfo:
        stray.full_clean()
    assert "parent" in excinfo.value.message_dict


def test_save_sets_the_folded_name() -> None:
    unit = UnitFactory(name="Phường Đường Hào")
    assert unit.folded_name == "phuong duong hao"
    unit.name = "Xã  Ngọc   Lâm"
    unit.save()
    assert Unit.objects.get(pk=unit.pk).folded_name == "xa ngoc lam"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Xã Ngọc Lâm", "Ngọc Lâm"),
        ("Thị xã Mỹ Hào", "Mỹ Hào"),
        ("Thành phố Hải Phòng", "Hải Phòng"),
        ("Đặc khu Côn Đảo", "Côn Đảo"),
        ("Ngọc Lâm", "Ngọc Lâm"),
    ],
)
def test_short_name_drops_the_kind(name: str, short: str) -> None:
    assert Unit(name=name).short_name == short


def test_is_valid_on_respects_both_ends() -> None:
    legacy = Unit(valid_to=dt.date(2025, 6, 30))
    current = Unit(valid_from=dt.date(2025, 7, 1))
    assert legacy.is_valid_on(dt.date(2025, 6, 30))
    assert not legacy.is_valid_on(dt.date(2025, 7, 1))
    assert current.is_valid_on(dt.date(2025, 7, 1))
    assert not current.is_valid_on(dt.date(2025, 6, 30))


# --- factories ---------------------------------------------------------------------------


def test_unit_factory_makes_a_current_commune_under_a_province() -> None:
    unit = UnitFactory()
    assert (unit.era, unit.level, unit.kind, unit.valid_from, unit.valid_to) == (
        Era.CURRENT,
        Level.COMMUNE,
        UnitKind.COMMUNE,
        dt.date(2025, 7, 1),
        None,
    )
    assert (unit.parent.era, unit.parent.level, unit.parent.parent) == (Era.CURRENT, Level.PROVINCE, None)
    assert UnitFactory().code != unit.code
    unit.full_clean()


def test_unit_factory_makes_a_legacy_commune_under_a_legacy_district() -> None:
    unit = UnitFactory(era=Era.LEGACY)
    district = unit.parent
    assert (unit.valid_from, unit.valid_to) == (None, dt.date(2025, 6, 30))
    assert (district.era, district.level, district.kind) == (
        Era.LEGACY,
        Level.DISTRICT,
        UnitKind.RURAL_DISTRICT,
    )
    assert (district.parent.era, district.parent.level) == (Era.LEGACY, Level.PROVINCE)
    unit.full_clean()


def test_agency_factory_makes_an_agency_of_a_commune() -> None:
    agency = AgencyFactory(name="Đài Truyền thanh xã")
    assert agency.unit.level == Level.COMMUNE
    assert agency.folded_name == "dai truyen thanh xa"


@pytest.mark.django_db
def test_a_lone_namesake_elsewhere_is_not_taken_for_the_documents_commune() -> None:
    province = UnitFactory(level=Level.PROVINCE, era=Era.LEGACY, name="Tỉnh Ninh Bình")
    district = UnitFactory(level=Level.DISTRICT, era=Era.LEGACY, parent=province, name="Huyện Gia Viễn")
    gia_tan = UnitFactory(level=Level.COMMUNE, era=Era.LEGACY, parent=district, name="Xã Gia Tân")
    plan_of_gia_loc = "Căn cứ Kế hoạch số 15/KH-UBND của UBND huyện Gia Lộc, tỉnh Hải Dương …"
    plan_of_gia_vien = "Căn cứ Kế hoạch số 15/KH-UBND của UBND huyện Gia Viễn …"

    commune = {"era": Era.LEGACY, "level": Level.COMMUNE}
    assert best_unit_for("Gia Tân", **commune, context_text=plan_of_gia_loc) is None
    assert best_unit_for("Gia Tân", **commune, context_text=plan_of_gia_vien) == gia_tan
    assert best_unit_for("Ninh Bình", era=Era.LEGACY, level=Level.PROVINCE, context_text="…") == province
