"""When each term file last changed, from git history: one `git log` for the whole folder.

The date is the committer date (UTC) of the newest commit that touched the file, so the same
history gives the same pages wherever they are built. Outside a git checkout, without git, or
for files never committed, there is simply no date.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from site_builder.model import TermId, is_term_id

_COMMIT_MARK = "\x1e"  # starts each commit's header line in the log


def last_updated(terms_dir: Path) -> dict[TermId, str]:
    """Term id → ISO date (YYYY-MM-DD) of the last commit that changed its file."""
    folder = terms_dir.resolve()
    try:
        log = subprocess.run(
            ["git", "log", f"--format={_COMMIT_MARK}%ct", "--name-only", "--no-renames",
             "--relative", "--", "."],
            cwd=folder, capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_log(log)


def parse_log(log: str) -> dict[TermId, str]:
    """The newest date of each `<id>.yaml` in `git log --name-only` output (newest first)."""
    dates: dict[TermId, str] = {}
    date = ""
    for line in log.split("\n"):  # not splitlines(): it splits at the mark too
        if line.startswith(_COMMIT_MARK):
            stamp = int(line[1:])
            date = datetime.fromtimestamp(stamp, UTC).date().isoformat()
            continue
        name = line.strip()
        stem = name.removesuffix(".yaml")
        if date and "/" not in name and stem != name and is_term_id(stem):
            dates.setdefault(TermId(stem), date)
    return dates
