"""The links-only conversion finds exactly the wikilinks of the whole conversion."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from site_builder import prose

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("overview", "eli5", "expert")
# Pieces of Markdown around wikilinks: every construct that can take a `[[...]]` or hold one.
PIECES = [
    "[[alpha]]",
    "[[beta|the label]]",
    "[[gamma|`code` label]]",
    "`[[in-code]]`",
    "``a [[x]] b``",
    "$[[math]]$",
    "$$\n[[display]]\n$$\n",
    "\\[[escaped]]",
    "[link [[inner]]](https://x.org)",
    "<span>[[in-html]]</span>",
    "<!-- [[comment]] -->",
    "<https://x.org/[[auto]]>",
    "```\n[[fenced]]\n```\n",
    "~~~\n[[tilde]]\n~~~\n",
    "    [[indented]]\n",
    "# [[heading]]\n",
    "> [[quoted]]\n",
    "- [[item]]\n",
    "1. [[numbered]]\n",
    "| a | [[cell]] |\n|---|---|\n",
    '[ref]: https://x.org "[[title]]"\n',
    "[[split\nline]]",
    "[[ spaced ]]",
    "**[[bold]]**",
    "\n\n",
    "\n",
    " ",
    "text ",
    "`",
    "$",
    "[[",
    "]]",
    "|",
    "*",
    "<",
    ">",
    "[",
    "](",
    "\\",
]


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "terms").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        texts += [data[f] for f in FIELDS if isinstance(data.get(f), str)]
    rng = random.Random(28)
    texts += ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14))) for _ in range(2_000)]
    return texts


def test_links_only_finds_the_whole_conversions_wikilinks() -> None:
    texts = _texts()
    assert len(texts) > 2_900
    linked = 0
    for text in texts:
        whole = prose.scan(text).wikilinks
        assert prose.wikilinks_of(text) == whole, text
        linked += bool(whole)
    assert linked > 1_000  # most texts have links to find


def test_links_only_leaves_the_next_whole_conversion_whole() -> None:
    text = "See [[alpha]].\n\nAnd <b>bold</b> [x](ftp://y)."  # a block without links
    before = prose.scan(text)
    prose.wikilinks_of(text)
    assert prose.scan(text) == before
    assert before.raw_html and before.unsafe_links and "alpha" in before.html


def test_a_links_only_conversion_stops_before_making_html() -> None:
    text = "See [[alpha]], `[[beta]]` and [x](ftp://y)."
    page_html, events = prose.renderer().convert(text, prose._link_anything, links_only=True)
    assert page_html == ""
    assert [target for target, *_ in events.wikilinks] == ["alpha"]
    # What only the later stages record is not there: no URL judged.
    assert not events.unsafe_links
    assert prose.scan(text).unsafe_links  # (a whole conversion does judge it)
