"""Refusals of the procedures app; messages in Vietnamese, ending with a full stop."""

from __future__ import annotations

from dataclasses import dataclass

from loa.errors import DomainError


@dataclass(frozen=True)
class RowError:
    """One problem in one cell of an import file; `row` is the spreadsheet's row number."""

    row: int
    column: str
    message: str


class ProcedureImportRefused(DomainError):
    """The import file was refused as a whole; `errors` lists the rows at fault, if any.

    Nothing was changed: the unit keeps its previous list.
    """

    code = "procedure_import_refused"

    def __init__(self, message: str, errors: list[RowError] | None = None) -> None:
        super().__init__(message)
        self.errors = list(errors or [])


class ProcedureFileUnreadable(ProcedureImportRefused):
    """Not a CSV or XLSX file, too large, not UTF-8, or without the required columns."""

    code = "procedure_file_unreadable"


class ProcedureRowsInvalid(ProcedureImportRefused):
    """Some rows break the rules; every faulty cell is listed, none of the file is applied."""

    code = "procedure_rows_invalid"
