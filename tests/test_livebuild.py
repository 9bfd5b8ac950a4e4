"""`mkdocs serve` rebuilds only what a term edit changed, and the site stays byte for byte what
a fresh `mkdocs build` of the same files gives: pages, search index, sitemap and exports."""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from site_builder.livebuild import LiveBuilder, SearchRecorder, snapshot
from site_builder.plugin import GlossaryPlugin
from tests.browser import free_port
from tests.helpers import dump, term
from tests.sites import make_project, starter_terms, tiny_project

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


class InProcess:
    """A site built as `mkdocs serve` builds it, in this process, with the partial rebuilder
    serve would use; full rebuilds are counted, not run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build.build(config, serve_url="http://127.0.0.1:8000/")
        plugin: GlossaryPlugin = config.plugins["glossary"]  # type: ignore[assignment]
        self.full_builds = 0
        self.rebuild = LiveBuilder(
            lambda: plugin.built, plugin._generate, self._full, plugin.recorder
        )

    def _full(self) -> None:
        self.full_builds += 1

    def edit(self, term_id: str, document: dict[str, Any] | None) -> None:
        """Write a term file (None: remove it), then rebuild as serve would."""
        path = self.root / "terms" / f"{term_id}.yaml"
        if document is None:
            path.unlink()
        else:
            path.write_text(dump(document), "utf-8")
        self.rebuild()

    def _search(self) -> list[dict[str, str]]:
        path = self.root / "site" / "search" / "search_index.json"
        docs: list[dict[str, str]] = json.loads(path.read_text("utf-8"))["docs"]
        return docs

    def search_locations(self) -> list[str]:
        """The pages in the search index, in its order."""
        return [d["location"] for d in self._search() if "#" not in d["location"]]

    def search_text(self, location: str) -> str:
        (text,) = [d["text"] for d in self._search() if d["location"] == location]
        return text


@pytest.fixture
def served(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> InProcess:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.glossary")
    return InProcess(make_project(tmp_path, starter_terms()))


def _ours(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.glossary"]


def test_before_the_first_build_every_rebuild_is_a_full_one() -> None:
    full: list[int] = []
    LiveBuilder(lambda: None, lambda config: None, lambda: full.append(1), SearchRecorder())()  # type: ignore[arg-type, return-value]
    assert full == [1]


def test_a_summary_edit_rebuilds_only_its_pages_and_the_search_index(
    served: InProcess, caplog: pytest.LogCaptureFixture
) -> None:
    before = served.search_locations()
    caplog.clear()
    served.edit("end", term("End", related=["probability"], summary="Edited at once."))
    assert served.full_builds == 0
    assert [m.split(" in ")[0] for m in _ours(caplog)] == ["glossary: 3 page(s) rebuilt"]
    page = (served.root / "site" / "terms" / "end" / "index.html").read_text("utf-8")
    assert "Edited at once." in page
    assert served.search_locations() == before
    assert "Edited at once." in served.search_text("terms/end/")
    terms_json = (served.root / "site" / "terms.json").read_text("utf-8")
    assert "Edited at once." in terms_json  # the exports are written again too


def test_a_new_term_takes_its_place_in_the_search_index(served: InProcess) -> None:
    served.edit("alpha", term("Alpha", related=["end"]))
    assert served.full_builds == 0
    terms = [loc for loc in served.search_locations() if loc.startswith("terms/")]
    assert terms[0] == "terms/alpha/"
    assert terms == sorted(terms)


def _home_and_one_term(root: Path) -> Path:
    """The smallest site serve builds: a home page that links a term yet to come, and one term."""
    return tiny_project(root, {"alpha": term("Alpha")}, "# Home\n\nSee [Beta](terms/beta.md).\n")


def test_a_new_term_is_built_linked_from_the_home_page_and_found_without_a_full_rebuild(
    tmp_path: Path,
) -> None:
    """A term page is not in the navigation, so a new one needs no full rebuild; the home page
    that links it is built again, and the search index holds every page, old and new."""
    served = InProcess(_home_and_one_term(tmp_path))
    home = tmp_path / "site" / "index.html"
    assert 'href="terms/beta/"' not in home.read_text("utf-8")
    served.edit("beta", term("Beta"))
    assert served.full_builds == 0
    assert (tmp_path / "site" / "terms" / "beta" / "index.html").is_file()
    assert 'href="terms/beta/"' in home.read_text("utf-8")
    pages = ["", "a-z/", "explorer/", "path/", "tags/", "terms/alpha/", "terms/beta/"]
    assert served.search_locations() == pages


def test_a_dangling_link_among_the_watched_files_is_skipped(tmp_path: Path) -> None:
    """A link to nothing (an editor's lock file, say) must not stop serve's change check."""
    (tmp_path / ".#index.md").symlink_to("user@host.1234:1700000000")
    (tmp_path / "index.md").write_text("# Home\n", "utf-8")
    stat = (tmp_path / "index.md").stat()
    assert snapshot([tmp_path]) == {str(tmp_path / "index.md"): (stat.st_mtime_ns, stat.st_size)}


def test_rebuilds_keep_the_last_build_from_the_collector_until_it_grows_by_a_quarter() -> None:
    """Frozen objects are not scanned again; once a quarter more is frozen, the next rebuild
    collects first; a full build gives everything back to the collector."""

    def no_site() -> None:
        return None

    def not_called(config: Any) -> Any:
        raise AssertionError("no generation here")

    builder = LiveBuilder(no_site, not_called, lambda: None, SearchRecorder())
    gc.unfreeze()
    try:
        builder._freeze()
        # What is freed after a freeze (by a thread an earlier test left, say) only lowers the
        # count, so the count remembered at the freeze is at least the one read after it.
        first = builder._frozen
        assert first >= gc.get_freeze_count() > 0
        builder._freeze()  # hardly anything new: no collection
        assert builder._frozen == first
        grown = [[i] for i in range(first // 2)]  # half as much again
        builder._freeze()  # frozen with the rest in this rebuild
        builder._freeze()  # the next one sees the growth: it collects, then freezes afresh
        assert builder._frozen >= gc.get_freeze_count() > first
        builder._full_build()
        assert gc.get_freeze_count() == 0 and builder._frozen == 0
        assert grown
    finally:
        gc.unfreeze()


def _with_config(root: Path, **changes: Any) -> Path:
    """The project's mkdocs.yml with some top-level keys changed."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    (root / "mkdocs.yml").write_text(yaml.safe_dump({**config, **changes}), "utf-8")
    return root


def test_a_term_that_comes_and_goes_is_linked_then_leaves_only_what_else_its_folder_held(
    tmp_path: Path,
) -> None:
    """A hand-written page's link to a new term resolves at once; a removed term's page folder
    goes with it, unless the docs put other files there."""
    root = make_project(tmp_path, starter_terms())
    (root / "docs" / "later.md").write_text("# Later\n\nSee [Alpha](terms/alpha.md).\n", "utf-8")
    (root / "docs" / "terms" / "alpha").mkdir(parents=True)
    (root / "docs" / "terms" / "alpha" / "figure.svg").write_text("<svg/>", "utf-8")
    served = InProcess(root)
    site = root / "site"
    assert 'href="../terms/alpha/"' not in (site / "later" / "index.html").read_text("utf-8")
    (root / "terms" / "beta.yaml").write_text(dump(term("Beta")), "utf-8")
    served.edit("alpha", term("Alpha"))
    assert 'href="../terms/alpha/"' in (site / "later" / "index.html").read_text("utf-8")
    assert (site / "terms" / "beta" / "index.html").is_file()
    (root / "terms" / "beta.yaml").unlink()
    served.edit("alpha", None)
    assert served.full_builds == 0
    assert not (site / "terms" / "beta").exists()
    assert sorted(p.name for p in (site / "terms" / "alpha").iterdir()) == ["figure.svg"]


def test_a_partial_rebuild_copies_no_file_the_site_excludes(tmp_path: Path) -> None:
    """mkdocs leaves dot files in docs/ out of the site (exclude_docs); a rebuild does too."""
    root = make_project(tmp_path, starter_terms())
    (root / "docs" / ".notes.txt").write_text("private", "utf-8")
    served = InProcess(root)
    served.edit("end", term("End", related=["probability"], summary="Edited."))
    assert served.full_builds == 0
    assert not (root / "site" / ".notes.txt").exists()


def test_a_new_title_of_a_term_in_the_navigation_needs_a_full_rebuild(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The navigation shows the title on every page, so every page must be built again."""
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.glossary")
    root = make_project(tmp_path, starter_terms())
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    served = InProcess(_with_config(root, nav=[*config["nav"], "terms/graph.md"]))
    caplog.clear()
    served.edit("graph", term("Graphs", prerequisites=["click"], related=["subgraph"]))
    assert served.full_builds == 1
    assert _ours(caplog) == ["glossary: full rebuild (the title of terms/graph.md changed)"]


def test_an_edit_of_mkdocs_yml_makes_the_next_rebuild_a_full_one(served: InProcess) -> None:
    config = served.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "# edited\n", "utf-8")
    served.rebuild()
    assert served.full_builds == 1


def test_with_search_turned_off_a_term_edit_still_rebuilds_partially(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's search plugin, turned off, makes no index at all."""
    # mkdocs keeps plugin objects for the whole process: a search plugin an earlier test built
    # with would still hold its index, where serve's own process starts with none.
    monkeypatch.setattr(MkDocsConfig.plugins, "plugin_cache", {})
    root = make_project(tmp_path, starter_terms())
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    plugins = [{"search": {"enabled": False}}, *config["plugins"][1:]]
    served = InProcess(_with_config(root, plugins=plugins))
    served.edit("end", term("End", related=["probability"], summary="Edited at once."))
    assert served.full_builds == 0
    page = (root / "site" / "terms" / "end" / "index.html").read_text("utf-8")
    assert "Edited at once." in page
    assert not (root / "site" / "search" / "search_index.json").exists()


def test_a_partial_rebuild_keeps_the_last_build_from_the_collector(served: InProcess) -> None:
    gc.unfreeze()
    try:
        served.edit("end", term("End", related=["probability"], summary="Edited."))
        assert served.full_builds == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
