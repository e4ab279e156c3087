"""Shared fixtures. Real data only: the seed documents and the real unit list."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check behaviour, not speed: no per-example deadline, so a busy CI
# machine cannot fail them (speed is measured under bench/).
settings.register_profile("loa", deadline=None)
settings.load_profile("loa")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path((PROJECT_ROOT / ".." / "shared").resolve())
SEEDS_DIR = SHARED / "seeds"
GOLD_DIR = SHARED / "eval" / "gold"


def pytest_configure(config: pytest.Config) -> None:
    # The seeds are the specification's test data: a run without them is not a run.
    if not SEEDS_DIR.is_dir():
        raise pytest.UsageError(
            f"The seed plans are missing: expected {SEEDS_DIR} (shared/ beside the project)."
        )


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS_DIR.glob("*.txt"))
    assert len(paths) == 5, f"expected the five seed plans in {SEEDS_DIR}"
    return paths
