"""Import speed of the plan importer on one core.

Builds --count documents (default 1000) from the seed plans, varied so no two are alike:
sections shuffled, years shifted, numbers changed, place names swapped, and a third with
every diacritic dropped (the OCR path). Imports them one after another in this process and
prints documents per second and peak memory. Target: >= 50 text documents/s.

    .venv/bin/python bench/import_speed.py [--count N] [--seed S]
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from loa.text.folding import strip_diacritics  # noqa: E402
from loa.text.plan_import import ImportFailure, import_plan_text  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
PLACES = ["Tân Phú", "Hòa Bình", "Phú Thịnh", "An Lạc", "Đông Hưng", "Thạnh Mỹ", "Bình Minh", "Quảng Lợi"]
_ROMAN = re.compile(r"^(?:#+\s*)?(?:\*\*)?(?:I|II|III|IV|V|VI|VII)\.\s", re.MULTILINE)


def _shuffle_sections(text: str, rng: random.Random) -> str:
    starts = [m.start() for m in _ROMAN.finditer(text)]
    if len(starts) < 3:
        return text
    head, body = text[: starts[0]], text[starts[0] :]
    offsets = [s - starts[0] for s in starts] + [len(body)]
    blocks = [body[a:b] for a, b in itertools.pairwise(offsets)]
    last = blocks.pop()  # keeps the tail (signature, appendix) at the end
    rng.shuffle(blocks)
    return head + "".join(blocks) + last


def vary(text: str, rng: random.Random) -> str:
    """One variant of a seed text."""
    shift = rng.randint(-3, 3)
    text = re.sub(r"\b(20[12]\d)\b", lambda m: str(int(m.group(1)) + shift), text)
    text = re.sub(
        r"\b(\d{1,4})(\s?/\s?(?:KH|QĐ|NQ|CT)-)", lambda m: f"{rng.randint(1, 999)}{m.group(2)}", text
    )
    words = re.findall(r"(?:xã|huyện|tỉnh|phường)\s+([A-ZĐ][^\s,.;]+\s[A-ZĐ][^\s,.;]+)", text)
    if words:
        text = text.replace(rng.choice(words), rng.choice(PLACES))
    if rng.random() < 0.5:
        text = _shuffle_sections(text, rng)
    if rng.random() < 1 / 3:
        text = strip_diacritics(text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20240126)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    docs = [vary(seeds[i % len(seeds)], rng) for i in range(args.count)]
    import_plan_text(seeds[0])  # warm caches and imports outside the timed loop
    failures = 0
    tasks = 0
    started = time.perf_counter()
    for doc in docs:
        try:
            tasks += len(import_plan_text(doc).tasks)
        except ImportFailure:
            failures += 1
    elapsed = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents      {len(docs)} ({failures} refused, {tasks} tasks)")
    print(f"elapsed        {elapsed:.2f} s")
    print(f"peak memory    {peak_mib:.0f} MiB (max RSS)")
    print(f"docs/s         {len(docs) / elapsed:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
