"""Reading files that strangers control: regular files inside their folder, of bounded size.

Term files (`glossary check`) and built pages (`glossary check-site`) are both read through
`read_inside`, so a symbolic link to a system file, a link loop, a FIFO, a device or a huge
file is a finding for that one entry, never a leak of another file, a hang or a crash.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

# Never block on a FIFO, never follow a link swapped in after it was checked.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class Unreadable(NamedTuple):
    """Why a file was not read, as a finding code, a message and a hint."""

    code: str
    message: str
    hint: str = ""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _link_target(path: Path, folder: Path, folder_name: str) -> Path | Unreadable:
    """Where a symbolic link leads, when that is an existing place inside `folder`."""
    try:
        real = Path(os.path.realpath(path, strict=True))
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Unreadable(
                "symlink-loop", "the file is a symbolic link loop; it was not read", "remove it"
            )
        return Unreadable(
            "io-error",
            f"the file is a symbolic link to a missing file ({error.strerror})",
            "remove the link",
        )
    if not real.is_relative_to(os.path.realpath(folder)):
        return Unreadable(
            "symlink-outside",
            f"the file is a symbolic link to a place outside {folder_name}; it was not read",
            f"copy the file into {folder_name} instead of linking to it",
        )
    return real


def read_inside(path: Path, folder: Path, folder_name: str, max_bytes: int) -> bytes | Unreadable:
    """The bytes of `path`: a regular file, or a symbolic link to one inside `folder`."""
    try:
        is_link = stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError as error:
        return Unreadable("io-error", f"cannot read file: {error.strerror}")
    target = _link_target(path, folder, folder_name) if is_link else path
    if isinstance(target, Unreadable):
        return target
    try:
        fd = os.open(target, _OPEN_FLAGS)
    except OSError as error:
        return Unreadable("io-error", f"cannot read file: {error.strerror}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            message = f"the entry is {_kind(info.st_mode)}, not a regular file; it was not read"
            return Unreadable("not-a-file", message, "remove it or give it another name")
        # One byte past the limit tells a file that grew after fstat from one that fits.
        data = (
            b"" if info.st_size > max_bytes else _read_at_most(fd, max_bytes + 1, info.st_size + 1)
        )
    except OSError as error:
        return Unreadable("io-error", f"cannot read file: {error.strerror}")
    finally:
        os.close(fd)
    if info.st_size > max_bytes or len(data) > max_bytes:
        return Unreadable(
            "file-too-large",
            f"the file is larger than the limit of {max_bytes:,} bytes; it was not read",
            "shorten it",
        )
    return data


def _read_at_most(fd: int, size: int, expected: int) -> bytes:
    """At most `size` bytes of `fd`: first `expected` (what fstat says the file holds, plus
    one to see its end), then 64 KiB at a time. Each read allocates what it asks for, and a
    quarter of a megabyte for every small file cost more than reading it."""
    chunks = []
    piece = expected
    while size > 0 and (chunk := os.read(fd, min(size, piece))):
        chunks.append(chunk)
        size -= len(chunk)
        piece = 1 << 16
    return b"".join(chunks)
