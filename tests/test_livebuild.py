"""`mkdocs serve` rebuilds only what a term edit changed, and the site stays byte for byte what
a fresh `mkdocs build` of the same files gives: pages, search index, sitemap and exports."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from pathlib import Path

import pytest
import yaml

from tests.browser import free_port
from tests.helpers import dump, term
from tests.sites import make_project, starter_terms

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


class Served:
    """A `mkdocs serve` process whose log is read as it comes."""

    def __init__(self, root: Path, port: int, tmp: Path) -> None:
        tmp.mkdir()
        self.tmp = tmp
        self.process = subprocess.Popen(
            ["mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**ENV, "TMPDIR": str(tmp)},
        )
        self.log: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)

    def builds(self) -> int:
        return sum("Reloading browsers" in line for line in self.log) + sum(
            "Serving on" in line for line in self.log
        )

    def wait_for_build(self, before: int, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while self.builds() <= before:
            assert time.monotonic() < deadline, "".join(self.log[-20:])
            assert self.process.poll() is None, "".join(self.log[-20:])
            time.sleep(0.1)

    def site(self) -> Path:
        (site,) = self.tmp.glob("mkdocs_*")
        return site

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _fresh_build(root: Path, port: int) -> dict[str, bytes]:
    """`mkdocs build` of the same files, with the URL `mkdocs serve` gives the site."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["site_url"] = f"http://127.0.0.1:{port}/"
    (root / "fresh.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    result = subprocess.run(
        ["mkdocs", "build", "-f", "fresh.yml", "-d", "fresh"],
        cwd=root,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    return _tree(root / "fresh")


def _edit(served: Served, path: Path, text: str | None) -> None:
    before = served.builds()
    if text is None:
        path.unlink()
    else:
        path.write_text(text, "utf-8")
    served.wait_for_build(before)


@pytest.mark.parametrize("autolink", ["off", "first"])
def test_partial_rebuilds_give_the_site_a_fresh_build_gives(tmp_path: Path, autolink: str) -> None:
    terms = starter_terms()
    terms["graph"] = term(
        "Graph",
        prerequisites=["click"],
        related=["subgraph"],
        overview="A graph has nodes.",
        tags=["basics"],
    )
    (tmp_path / "project").mkdir()
    root = make_project(tmp_path / "project", terms, autolink=autolink)
    port = free_port()
    served = Served(root, port, tmp_path / "tmp")
    folder = root / "terms"
    try:
        served.wait_for_build(0)
        # Edited text of one term; a new title (neighbours, A–Z, tags, exports); a new term with
        # a new tag (a new tag page); a term removed once nothing lists it.
        _edit(served, folder / "graph.yaml", dump({**terms["graph"], "overview": "Edited text."}))
        _edit(
            served,
            folder / "click.yaml",
            dump(term("Clicking", prerequisites=["machine-learning"])),
        )
        _edit(
            served,
            folder / "fresh.yaml",
            dump(term("Fresh", related=["graph"], tags=["new-tag"], expert="See [[probability]].")),
        )
        # A new link in a term far from its target ("Mentioned in" of the target), and words
        # that autolinking turns into links; then a title those words no longer match.
        mentions = "Machine learning and a subgraph. See [[large-language-model]]."
        _edit(served, folder / "end.yaml", dump({**terms["end"], "overview": mentions}))

        def page(term_id: str) -> str:
            return (served.site() / "terms" / term_id / "index.html").read_text("utf-8")

        mentioned_in = page("large-language-model")
        assert 'href="../end/"' in mentioned_in.split('id="mentioned-in"')[1]
        autolinked = 'href="../subgraph/"' in page("end")
        assert autolinked == (autolink == "first")
        subgraph = {**terms["subgraph"], "title": "Sub-graph"}
        _edit(served, folder / "subgraph.yaml", dump(subgraph))
        assert 'href="../subgraph/"' not in page("end")
        _edit(served, folder / "probability.yaml", dump(term("Probability")))
        _edit(served, folder / "end.yaml", None)
        log = "".join(served.log)
        assert len(re.findall(r"glossary: \d+ page\(s\) rebuilt", log)) == 7, log
        assert "full rebuild" not in log
        assert f"watching {folder} with file events" in log  # not mkdocs' polling
        partial = _tree(served.site())
    finally:
        served.stop()
    fresh = _fresh_build(root, port)
    assert sorted(partial) == sorted(fresh)
    assert [path for path in fresh if partial[path] != fresh[path]] == []
    assert "Edited text." in fresh["terms/graph/index.html"].decode()
    assert "terms/end/index.html" not in partial and "tags/new-tag/index.html" in partial
