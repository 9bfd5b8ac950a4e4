"""`read_inside`: what a reader is told for each kind of entry that is not a readable file."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.files import Unreadable, _read_at_most, read_inside


def folder(root: Path) -> Path:
    (root / "x.yaml").mkdir()
    return root / "x.yaml"


def fifo(root: Path) -> Path:
    os.mkfifo(root / "x.yaml")
    return root / "x.yaml"


def unix_socket(root: Path) -> Path:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(root / "x.yaml"))
    server.close()  # the socket file stays
    return root / "x.yaml"


def link_loop(root: Path) -> Path:
    (root / "x.yaml").symlink_to("x.yaml")
    return root / "x.yaml"


def dangling_link(root: Path) -> Path:
    (root / "x.yaml").symlink_to("gone.yaml")
    return root / "x.yaml"


def missing(root: Path) -> Path:
    return root / "x.yaml"


NOT_A_FILE = "remove it or give it another name"
LOOP = "the file is a symbolic link loop; it was not read"
DANGLING = "the file is a symbolic link to a missing file (No such file or directory)"
CASES = [
    ("folder", folder, ("not-a-file", "the entry is a folder, not a regular file; it was not read",
                        NOT_A_FILE)),
    ("FIFO", fifo, ("not-a-file", "the entry is a FIFO, not a regular file; it was not read",
                    NOT_A_FILE)),
    ("socket", unix_socket, ("io-error", "cannot read file: No such device or address", "")),
    ("link loop", link_loop, ("symlink-loop", LOOP, "remove it")),
    ("dangling link", dangling_link, ("io-error", DANGLING, "remove the link")),
    ("missing", missing, ("io-error", "cannot read file: No such file or directory", "")),
]  # fmt: skip


@pytest.mark.parametrize(("name", "make", "expected"), CASES, ids=[c[0] for c in CASES])
def test_an_entry_that_is_not_a_readable_file_says_what_it_is(
    tmp_path: Path, name: str, make: Callable[[Path], Path], expected: tuple[str, str, str]
) -> None:
    assert read_inside(make(tmp_path), tmp_path, "terms", 1000) == Unreadable(*expected)


def test_a_device_is_named_a_device() -> None:
    assert read_inside(Path("/dev/null"), Path("/dev"), "dev", 1000) == Unreadable(
        "not-a-file",
        "the entry is a device, not a regular file; it was not read",
        NOT_A_FILE,
    )


def test_a_file_that_fails_while_read_is_an_io_error() -> None:
    """/proc/self/mem is a regular file whose first page is not mapped: reading it fails."""
    assert read_inside(Path("/proc/self/mem"), Path("/proc/self"), "proc", 1000) == Unreadable(
        "io-error", "cannot read file: Input/output error"
    )


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    (tmp_path / "fits.yaml").write_bytes(b"x" * 1000)
    (tmp_path / "big.yaml").write_bytes(b"x" * 1001)
    assert read_inside(tmp_path / "fits.yaml", tmp_path, "terms", 1000) == b"x" * 1000
    assert read_inside(tmp_path / "big.yaml", tmp_path, "terms", 1000) == Unreadable(
        "file-too-large",
        "the file is larger than the limit of 1,000 bytes; it was not read",
        "shorten it",
    )


def test_reading_stops_at_the_limit_whatever_size_the_file_claims() -> None:
    """A file may grow after it was measured (or, like /proc files, claim no size at all):
    what is read stops one byte past the limit."""
    read_end, write_end = os.pipe()
    os.write(write_end, b"x" * 3000)
    os.close(write_end)
    try:
        # a first read of what fstat claimed, then the rest in larger pieces, to the byte
        assert _read_at_most(read_end, 101, expected=1) == b"x" * 101
        assert _read_at_most(read_end, 101, expected=100) == b"x" * 101
        assert _read_at_most(read_end, 101, expected=5000) == b"x" * 101
    finally:
        os.close(read_end)
    assert read_inside(Path("/proc/self/status"), Path("/proc/self"), "proc", 100) == Unreadable(
        "file-too-large",
        "the file is larger than the limit of 100 bytes; it was not read",
        "shorten it",
    )


def test_a_file_swapped_for_a_link_after_it_was_looked_at_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race read_inside closes: the entry was a regular file when looked at (lstat) and
    is a symbolic link to a secret by the time it is opened. Opening never follows a link."""
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("SECRET", "utf-8")
    (tmp_path / "x.yaml").symlink_to(secret)
    regular = os.stat_result((0o100644, 0, 0, 1, 0, 0, 6, 0, 0, 0))
    monkeypatch.setattr(os, "lstat", lambda path: regular)  # what lstat saw before the swap
    found = read_inside(tmp_path / "x.yaml", tmp_path, "terms", 1000)
    assert found == Unreadable("io-error", "cannot read file: Too many levels of symbolic links")


def test_reading_leaves_no_file_open(tmp_path: Path) -> None:
    """A server reads the term files again on every change: each read closes what it opened,
    the file read, refused for its size, or not a regular file."""
    (tmp_path / "a.yaml").write_text("title: A\n", "utf-8")
    (tmp_path / "big.yaml").write_bytes(b" " * 2000)
    (tmp_path / "folder.yaml").mkdir()
    before = sum(1 for _ in Path("/proc/self/fd").iterdir())
    for _ in range(50):
        for name in ("a.yaml", "big.yaml", "folder.yaml"):
            read_inside(tmp_path / name, tmp_path, "the terms folder", 1000)
    assert sum(1 for _ in Path("/proc/self/fd").iterdir()) == before
