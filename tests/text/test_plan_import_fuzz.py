"""Fuzzing the importer: mutated seeds and random bytes never crash it or hang it.

Every input either imports (an `ImportedPlan` whose export is valid plan JSON v1) or is
refused with an `ImportFailure` carrying a known code.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loa.text.plan_import import ImportFailure, import_plan_text, read_document, to_plan_json

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []

FAST = settings(max_examples=150, deadline=3000, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str) -> None:
    try:
        plan = import_plan_text(text)
    except ImportFailure as exc:
        code = exc.code
        assert code in ImportFailure.CODES
        return
    data = to_plan_json(plan)
    json.dumps(data, ensure_ascii=False)
    assert data["level"] in (None, "province", "district", "commune")
    for task in data["tasks"]:
        assert task["title"]


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SEED_TEXTS)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "garble"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=80)))
        elif op == "truncate":
            lines = lines[:i]
        else:
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i] = (
                line[:k] + draw(st.text(alphabet="|()/:.-0123456789IVXđĐ\f\t ", max_size=12)) + line[k:]
            )
    return "\n".join(lines)


@FAST
@given(mutated_seed())
def test_mutated_seeds_import_or_are_refused(text: str) -> None:
    _check(text)


@FAST
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "a.md", "a.html", "a.pdf", "a.docx", "a"]))
def test_random_bytes_are_refused_or_read(data: bytes, name: str) -> None:
    try:
        text = read_document(data, name)
    except ImportFailure as exc:
        code = exc.code
        assert code in ImportFailure.CODES
        return
    _check(text)


@FAST
@given(st.text(max_size=4000))
def test_random_text_never_crashes(text: str) -> None:
    _check(text)


def test_a_long_document_of_many_plans_is_read_whole() -> None:
    # Its speed is measured by bench/import_speed.py, not asserted here.
    assert SEED_TEXTS, "the seed plans must be present beside the project (../shared/seeds)"
    text = "\n".join(SEED_TEXTS) * 8
    _check(text)
