"""Status badges, the draft note and "last updated" from git, in real builds; stats per status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from site_builder.freshness import last_updated, parse_log
from site_builder.model import STATUS_LABELS
from site_builder.schema import SCHEMA_FILE
from tests.helpers import term, write_terms
from tests.sites import ROOT, build, make_project, starter_terms

TERMS = {
    **starter_terms(),
    "probability": term("Probability", related=["end"], status="stable"),
    "end": term("End", related=["probability"], status="reviewed"),
}


def _git(root: Path, *args: str, date: str = "2020-01-02T03:04:05+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def _article(site: Path, term_id: str) -> str:
    html = (site / "terms" / term_id / "index.html").read_text("utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_status_values_are_the_schema_enum() -> None:
    schema = json.loads((ROOT / "site_builder" / SCHEMA_FILE).read_text("utf-8"))
    assert list(STATUS_LABELS) == schema["properties"]["status"]["enum"]


def test_the_log_is_read_newest_first_and_only_term_files_count() -> None:
    log = "\x1e1700000000\n\nb.yaml\nREADME.md\nsub/c.yaml\n\x1e1600000000\n\na.yaml\nb.yaml\n"
    assert parse_log(log) == {"b": "2023-11-14", "a": "2020-09-13"}


def test_badges_draft_note_and_last_updated_from_git(tmp_path: Path) -> None:
    root = make_project(tmp_path, TERMS)
    # Outside a git checkout: no date, and no error.
    assert build(root, "--strict").returncode == 0
    assert "Last updated" not in _article(root / "site", "end")
    _git(root, "init", "-q")
    _git(root, "add", "terms")
    _git(root, "commit", "-qm", "first", date="2020-01-02T03:04:05+00:00")
    (root / "terms" / "end.yaml").write_text(
        (root / "terms" / "end.yaml").read_text("utf-8") + "# edited\n", "utf-8"
    )
    _git(root, "commit", "-qam", "second", date="2021-06-07T23:30:00-05:00")  # UTC: 06-08
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    end = _article(site, "end")
    assert '<span class="glossary-status glossary-status--reviewed">Reviewed</span>' in end
    assert 'Last updated <time datetime="2021-06-08">2021-06-08</time>' in end
    assert "glossary-draft-note" not in end
    graph = _article(site, "graph")
    assert '<span class="glossary-status glossary-status--draft">Draft</span>' in graph
    assert 'Last updated <time datetime="2020-01-02">' in graph
    assert "This entry is a draft" in graph
    index = (site / "a-z" / "index.html").read_text("utf-8")
    assert 'End</strong></a> <span class="glossary-status glossary-status--reviewed">' in index
    stats = subprocess.run(
        [sys.executable, "-m", "site_builder", "stats", "--format", "json", "terms"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    numbers = json.loads(stats)
    assert numbers["statuses"] == {"draft": 5, "reviewed": 1, "stable": 1}
    assert numbers["oldest"][0] == {"id": "click", "updated": "2020-01-02"}
    assert {"id": "end", "updated": "2021-06-08"} in numbers["oldest"]


def test_last_updated_reads_each_term_files_last_commit(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, {"a": term("A"), "b": term("B")})
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "terms")
    _git(tmp_path, "commit", "-qm", "first", date="2020-01-02T03:04:05+00:00")
    (terms / "b.yaml").write_text((terms / "b.yaml").read_text("utf-8") + "# edited\n", "utf-8")
    _git(tmp_path, "commit", "-qam", "second", date="2021-06-07T23:30:00-05:00")  # UTC: 06-08
    assert last_updated(terms) == {"a": "2020-01-02", "b": "2021-06-08"}
    assert last_updated(tmp_path / "elsewhere") == {}  # no folder: no dates, no error
