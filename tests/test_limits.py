"""The default limits a user meets, at their exact bounds."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from site_builder.external import CACHE_VERSION, _load_cache
from site_builder.load import parse_text
from site_builder.sitecheck import Page, read_stylesheet


def test_a_built_file_of_16_mib_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    (tmp_path / "fits.css").write_bytes(b" " * (16 * 1024 * 1024))
    (tmp_path / "big.css").write_bytes(b" " * (16 * 1024 * 1024 + 1))
    assert isinstance(read_stylesheet(tmp_path, "fits.css"), Page)
    refused = read_stylesheet(tmp_path, "big.css")
    assert not isinstance(refused, Page)
    assert (refused.file, refused.line, refused.message) == (
        "big.css",
        1,
        "the file is larger than the limit of 16,777,216 bytes; it was not read",
    )


# Values that sum to 1 MiB less `missing` bytes once the aliases are expanded: the anchored
# 1 KiB string 1,023 times, the keys a, b and c, and c's value.
def expanding_to_one_mebibyte_less(missing: int) -> str:
    return (
        f"a: &s {'x' * 1024}\n"
        f"b: [{', '.join(['*s'] * 1022)}]\n"
        f"c: {'y' * (1024 * 1024 - 1024 * 1023 - 3 - missing)}\n"
    )


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        (0, []),
        (
            -1,
            [
                (
                    "yaml-anchor-bomb",
                    "YAML aliases expand this document past 10,000 nodes or 1,048,576 bytes "
                    "of text",
                    "write values out instead of using anchors (&) and aliases (*)",
                )
            ],
        ),
    ],
)
def test_aliases_may_expand_to_one_mebibyte_of_text_and_no_more(
    missing: int, expected: list[tuple[str, str, str]]
) -> None:
    _, found = parse_text(expanding_to_one_mebibyte_less(missing), "terms/a.yaml", "a")
    assert [(f.code, f.message, f.hint) for f in found] == expected


def test_a_link_cache_of_16_mib_is_read_and_one_byte_more_is_ignored(tmp_path: Path) -> None:
    entry = {"status": 200, "checked": time.time()}
    text = json.dumps({"version": CACHE_VERSION, "links": {"https://example.org/": entry}})
    size = 16 * 1024 * 1024
    (tmp_path / "fits.json").write_text(text + " " * (size - len(text)), "utf-8")
    (tmp_path / "big.json").write_text(text + " " * (size + 1 - len(text)), "utf-8")
    assert _load_cache(tmp_path / "fits.json", max_age=60) == {"https://example.org/": entry}
    assert _load_cache(tmp_path / "big.json", max_age=60) == {}
