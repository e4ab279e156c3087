"""Plan-document import: a CCHC communication plan file → `ImportedPlan` → plan JSON v1.

Public API:
    import_plan_text(text, *, source_name="", source_format="txt") -> ImportedPlan
    import_plan_file(path) -> ImportedPlan
    read_document(path_or_bytes, filename) -> str
    to_plan_json(plan) -> dict
    ImportFailure (with .code: unreadable | empty | binary | not_a_plan | too_large)

Pure Python: no Django. Modules by concern: readers (file → text), normalize (clean-up),
vocabulary (domain words, OCR restoration), patterns/structure (header, sections, tail),
content (audiences, budget, reporting), tasks (inline tasks), tables (appendix tables),
channels (closed-list classification), pipeline (the order of it all), export, cli.
"""

from loa.text.plan_import.export import to_plan_json
from loa.text.plan_import.model import ImportedPlan, ImportedTask, ImportFailure, Reference, Section
from loa.text.plan_import.pipeline import import_plan_file, import_plan_text
from loa.text.plan_import.readers import read_document

__all__ = [
    "ImportFailure",
    "ImportedPlan",
    "ImportedTask",
    "Reference",
    "Section",
    "import_plan_file",
    "import_plan_text",
    "read_document",
    "to_plan_json",
]
