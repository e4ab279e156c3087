"""The demo is built on the real unit list, loaded once for the module and removed after."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from pytest_django import DjangoDbBlocker

from loa.units.loader import load_units
from loa.units.models import Unit


@pytest.fixture(scope="module")
def real_units(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """The official lists of both eras, committed; each test then runs in its own rolled-back transaction."""
    with django_db_blocker.unblock():
        load_units()
    yield
    with django_db_blocker.unblock(), transaction.atomic(), connection.cursor() as cursor:
        # Two statements: the ORM's cascade walk over 14,000 units takes seconds.
        cursor.execute(f"DELETE FROM {Unit.successors.through._meta.db_table}")
        cursor.execute(f"DELETE FROM {Unit._meta.db_table}")
