"""Cascading plans: does a lower plan carry its higher plan, and what does a higher plan ask
of a lower unit. Pure Python, no Django: views in, findings and drafts out.

Public API:
    PlanView, TaskView, Passage, view_from_imported(plan)           (model)
    check(higher, lower, *, issue_deadline, threshold, theme_threshold) -> ConformityResult
    Finding, FindingKind, ConformityResult                           (conformity)
    issue_deadline(higher), map_body(name, rules, *, unit, era),
    derive_tasks(higher, rules, *, unit, era), MappingRule, DEFAULT_MAPPINGS, DerivedTask  (derive)
"""

from loa.cascade.conformity import ConformityResult, Finding, FindingKind, check
from loa.cascade.derive import (
    DEFAULT_MAPPINGS,
    DerivedTask,
    MappingRule,
    derive_tasks,
    issue_deadline,
    map_bodies,
    map_body,
)
from loa.cascade.model import Passage, PlanView, TaskView, view_from_imported

__all__ = [
    "DEFAULT_MAPPINGS",
    "ConformityResult",
    "DerivedTask",
    "Finding",
    "FindingKind",
    "MappingRule",
    "Passage",
    "PlanView",
    "TaskView",
    "check",
    "derive_tasks",
    "issue_deadline",
    "map_bodies",
    "map_body",
    "view_from_imported",
]
