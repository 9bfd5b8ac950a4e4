"""Synthetic glossaries shaped like a real one: topics, a prerequisite DAG, related pairs."""

from __future__ import annotations

import random
from pathlib import Path

TOPICS = ["math", "ml", "deep", "rl", "nlp", "vision", "gen", "eval", "safety", "ops"]
WORDS = (
    "model data gradient loss layer vector matrix signal reward policy token image sample "
    "error bias weight network kernel feature label noise prior space state value agent"
).split()


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


# One term in CODE_SPAN_EVERY shows `[[...]]` inside a code span, as a term about wiki syntax
# would; it makes the checker parse that term's prose (our 321 real terms have none).
CODE_SPAN_EVERY = 20


def parents(count: int, seed: int = 7) -> list[int]:
    """Each term's parent in its topic (-1 for none): about a third of the way down the list,
    so depth grows with log(count) as in real glossaries (a 5,000-term glossary has learning
    paths of ~8, not hundreds)."""
    rng = random.Random(seed)
    found = []
    for index in range(count):
        third = index // 3
        parent = third - third % len(TOPICS) + index % len(TOPICS) - len(TOPICS) * rng.randrange(2)
        found.append(parent if parent < index else -1)
    return found


def term_yaml(
    index: int, count: int, rng: random.Random, parent_of: list[int], redundant: bool = False
) -> str:
    """Term `index`: one parent in its topic (a tree, so no redundant edges), related pairs.

    With `redundant`, the term also lists its grandparent, which the parent already needs
    (a redundant-prerequisite warning).
    """
    topic = TOPICS[index % len(TOPICS)]
    parent = parent_of[index]
    lines = [
        "# yaml-language-server: $schema=../site_builder/term.schema.json",
        f'title: "Concept {index} of {topic}"',
        f'summary: "{_prose(rng, 18)}"',
        f"aliases:\n  - C{index}",
        f"tags:\n  - {topic}\n  - level-{index % 4}",
    ]
    grandparent = parent_of[parent] if parent >= 0 else -1
    if parent >= 0 and redundant and grandparent >= 0:
        lines.append(f"prerequisites:\n  - term-{parent}\n  - term-{grandparent}")
    elif parent >= 0:
        lines.append(f"prerequisites:\n  - term-{parent}")
    partner = index + 1 if index % 2 == 0 else index - 1
    if (partner < count and (index, partner) != (0, 1)) or partner == 1:
        lines.append(f"related:\n  - term-{partner}")
    link = f"[[term-{parent}]]" if parent >= 0 else "its neighbours"
    code = " and `code[[0]]`." if index % CODE_SPAN_EVERY == 0 else "."
    expert = "\n".join(
        [
            "## Definition",
            "",
            _prose(rng, 90),
            "",
            "$$",
            "L(\\theta) = \\sum_i \\ell(f_\\theta(x_i), y_i)",
            "$$",
            "",
            "## In practice",
            "",
            f"{_prose(rng, 80)} See {link}{code}",
            "",
            "- " + _prose(rng, 20),
            "- " + _prose(rng, 20),
        ]
    )
    lines += [
        "overview: |\n  " + _prose(rng, 90),
        "eli5: |\n  " + _prose(rng, 60),
        "expert: |\n" + "\n".join(f"  {line}" if line else "" for line in expert.splitlines()),
        "sources:",
        f'  - title: "Reference {index}"',
        f"    url: https://example.org/ref/{index}",
    ]
    return "\n".join(lines) + "\n"


def write_glossary(directory: Path, count: int, seed: int = 7, redundant_every: int = 0) -> Path:
    """Write `count` valid term files `term-<i>.yaml` into `directory`: warning-free, unless
    every `redundant_every`-th term lists a redundant prerequisite."""
    rng = random.Random(seed)
    parent_of = parents(count, seed)
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        redundant = bool(redundant_every) and index % redundant_every == 0
        text = term_yaml(index, count, rng, parent_of, redundant)
        (directory / f"term-{index}.yaml").write_text(text, "utf-8")
    return directory
