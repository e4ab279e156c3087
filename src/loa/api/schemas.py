"""Schemas shared by the API's routers: text without NUL bytes, error bodies."""
# No `from __future__ import annotations` here: django-ninja reads the annotations at import.

from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


# Text fields: PostgreSQL refuses NUL bytes, so they are refused here as bad input (not a 500).
Text = Annotated[str, AfterValidator(_no_nul), Field(max_length=20_000)]
ShortText = Annotated[str, AfterValidator(_no_nul), Field(max_length=500)]
# Record ids are positive 32-bit integers on every database.
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


class ErrorOut(Schema):
    """A refusal: `detail` is a message for the user; `code` names the rule."""

    detail: str
    code: str | None = None


class RowError(Schema):
    """One refused cell (or row, when `column` is empty) of an imported file; rows count from 1 = header."""

    row: int
    column: str
    message: str


class BulkErrorOut(Schema):
    detail: str
    code: str | None = None
    errors: list[RowError] = []
