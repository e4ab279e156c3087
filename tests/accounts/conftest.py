"""A small unit tree of both eras, linked by a 2025 merger, for permission tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from loa.units.choices import Era, Level, UnitKind
from loa.units.models import Unit
from tests.units.factories import UnitFactory


@dataclass
class Tree:
    root: Unit
    province: Unit
    commune: Unit
    sibling: Unit
    other_province: Unit
    other_commune: Unit
    legacy_province: Unit
    legacy_district: Unit
    legacy_commune: Unit
    hand_added: Unit


@pytest.fixture
def tree(db: None) -> Tree:
    root = UnitFactory(
        era=Era.CURRENT, level=Level.NATIONAL, kind=UnitKind.NATION, parent=None, name="Việt Nam"
    )
    province = UnitFactory(level=Level.PROVINCE, kind=UnitKind.PROVINCE, parent=root, name="Tỉnh Mới")
    commune = UnitFactory(parent=province, name="Phường Trung Tâm")
    sibling = UnitFactory(parent=province, name="Xã Bên Cạnh")
    other_province = UnitFactory(level=Level.PROVINCE, kind=UnitKind.PROVINCE, parent=root, name="Tỉnh Khác")
    other_commune = UnitFactory(parent=other_province, name="Xã Tỉnh Khác")
    legacy_province = UnitFactory(
        era=Era.LEGACY, level=Level.PROVINCE, kind=UnitKind.PROVINCE, parent=root, name="Tỉnh Cũ"
    )
    legacy_district = UnitFactory(
        era=Era.LEGACY,
        level=Level.DISTRICT,
        kind=UnitKind.RURAL_DISTRICT,
        parent=legacy_province,
        name="Huyện Cũ",
    )
    legacy_commune = UnitFactory(
        era=Era.LEGACY, level=Level.COMMUNE, kind=UnitKind.COMMUNE, parent=legacy_district, name="Xã Cũ"
    )
    hand_added = UnitFactory(
        era=Era.LEGACY,
        level=Level.COMMUNE,
        kind=UnitKind.COMMUNE,
        parent=legacy_district,
        name="Xã Đã Sáp Nhập",
        code=None,
        is_registered=False,
    )
    legacy_province.successors.add(province)
    legacy_district.successors.add(commune)
    legacy_commune.successors.add(commune)
    return Tree(
        root,
        province,
        commune,
        sibling,
        other_province,
        other_commune,
        legacy_province,
        legacy_district,
        legacy_commune,
        hand_added,
    )
