"""What the plugin and `glossary render` refuse to do, with the message the author reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import PluginError

from site_builder.cli import main
from tests.helpers import term
from tests.pages import render, render_project
from tests.sites import make_project, starter_terms


def test_a_hand_written_page_is_never_replaced(tmp_path: Path) -> None:
    make_project(tmp_path, starter_terms())
    docs = tmp_path / "docs"
    (docs / "terms").mkdir()
    (docs / "terms" / "graph.md").write_text("# Mine\n", "utf-8")
    with pytest.raises(PluginError) as error:
        render_project(tmp_path)
    assert str(error.value) == (
        "glossary: docs/terms/graph.md exists but the plugin generates that page; "
        "rename or remove the hand-written file"
    )
    assert (docs / "terms" / "graph.md").read_text("utf-8") == "# Mine\n"


def test_errors_stop_the_build_with_their_count(tmp_path: Path) -> None:
    terms = {**starter_terms(), "bad": term("Bad", prerequisites=["nope", "nada"])}
    with pytest.raises(PluginError) as error:
        render(tmp_path, terms)
    assert str(error.value) == (
        "glossary: 2 error(s) in terms/; fix them (listed above) "
        "or run `glossary check` for the full report"
    )


def test_warnings_do_not_stop_the_build(tmp_path: Path) -> None:
    site = render(tmp_path, {**starter_terms(), "lonely": term("Lonely")})
    assert "terms/lonely.md" in site.files


def test_render_writes_nothing_for_a_glossary_with_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_project(tmp_path, {**starter_terms(), "bad": term("Bad", prerequisites=["nope"])})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", "--out", "out"])
    assert result.exit_code == 1
    assert "terms/bad.yaml:9:5: error[unknown-term] prerequisite 'nope' does not exist" in (
        result.stdout
    )
    assert result.stdout.endswith("\n1 error, 1 warning in 8 term files\n")
    assert result.stderr == "error: the glossary has errors; nothing was written\n"
    assert not (tmp_path / "out").exists()


def test_render_writes_every_page_and_asset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_project(tmp_path, starter_terms())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", "--out", "out"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert result.stdout.startswith(f"wrote {len(written)} files to out\n")  # docs copies too
    pages = ["terms/graph.md", "a-z.md", "explorer.md", "tags/index.md", "graph.json", "index.md"]
    assert {*pages, "assets/glossary/glossary.js"} <= set(written)
    assert any(p.startswith("assets/glossary/") and p.endswith("/mermaid.min.js") for p in written)
    assert (out / "index.md").read_bytes() == (tmp_path / "docs" / "index.md").read_bytes()
