"""Paging of every list: at most 1000 items a page, and an offset a database can hold."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 2_147_483_647  # beyond any table here, and within every database's integer


class BoundedPagination(LimitOffsetPagination):
    """Limit/offset paging whose inputs are checked, so a huge offset is a 400, not a 500."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
