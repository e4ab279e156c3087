"""Shared fixtures. Real data only: the seed documents and the real unit list."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path((PROJECT_ROOT / ".." / "shared").resolve())
SEEDS_DIR = SHARED / "seeds"
GOLD_DIR = SHARED / "eval" / "gold"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS_DIR.glob("*.txt"))
    assert len(paths) == 5, f"expected the five seed plans in {SEEDS_DIR}"
    return paths
