"""A prepared database per session, and per test a copy of it served by gunicorn and the worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .harness import DatabaseMaker, Site

SEED = "001_c2f82bd70c212939.txt"  # a commune-level plan with an appendix of eight tasks


@pytest.fixture(scope="session")
def seed_document(seed_paths: list[Path]) -> Path:
    return next(p for p in seed_paths if p.name == SEED)


@pytest.fixture(scope="session")
def crash_databases(tmp_path_factory: pytest.TempPathFactory, seed_document: Path) -> Iterator[DatabaseMaker]:
    maker = DatabaseMaker(tmp_path_factory.mktemp("crash-template"))
    try:
        maker.prepare(seed_document)
        yield maker
    finally:
        maker.close()


@pytest.fixture
def site(crash_databases: DatabaseMaker, tmp_path: Path) -> Iterator[Site]:
    """gunicorn and the worker (not yet started) on a fresh copy of the prepared database."""
    media = tmp_path / "media"
    database = crash_databases.copy(media)
    served = Site(database, media, tmp_path, dict(crash_databases.info))
    try:
        yield served
    finally:
        served.kill()
        crash_databases.drop(database)
        print(f"\nserver starts (which, seconds until ready): {served.timings}")
