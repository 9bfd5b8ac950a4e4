"""A terms folder as it was at a git revision, or a folder given as is (for `glossary diff`)."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from site_builder.errors import GlossaryError


class RevisionError(GlossaryError):
    """The revision does not exist, or git cannot be run here."""


def terms_at(given: str, terms_dir: Path, scratch: Path) -> Path:
    """`given` itself when it is a folder; else the term files of `terms_dir` at git revision
    `given`, written into `scratch` from one `git archive` (nothing else is checked out)."""
    if Path(given).is_dir():
        return Path(given)
    if given.startswith("-"):  # git would read it as an option: --output=FILE writes FILE
        raise RevisionError(f"'{given}' is neither a folder nor a git revision with {terms_dir}")
    folder = terms_dir.resolve()
    try:
        top, prefix = subprocess.run(
            ["git", "rev-parse", "--show-toplevel", "--show-prefix"],
            # A str: a missing folder is then named as a path, not as PosixPath('…').
            cwd=str(folder), capture_output=True, check=True, text=True, timeout=60,
        ).stdout.split("\n")[:2]  # fmt: skip
        # From the top: run inside a folder, git archive would keep only that folder's part.
        archive = subprocess.run(
            ["git", "archive", "--format=tar", f"{given}:{prefix}"],
            cwd=top, capture_output=True, check=True, timeout=120,
        ).stdout  # fmt: skip
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(
            f"'{given}' is neither a folder nor a git revision with {terms_dir}"
            + (f" ({message[-1]})" if message else "")
        ) from error
    except (OSError, subprocess.SubprocessError) as error:
        raise RevisionError(f"cannot run git for '{given}': {error}") from error
    scratch.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            # Only the folder's own term files; never a link or a path out of `scratch`.
            if member.isfile() and "/" not in member.name and member.name.endswith(".yaml"):
                (scratch / member.name).write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
    return scratch
