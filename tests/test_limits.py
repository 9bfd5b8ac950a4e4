"""The default limits a user meets, at their exact bounds."""

from __future__ import annotations

from pathlib import Path

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
