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

ROOT = Path(__file__).resolve().parent.parent

REQUIRED = [
    ("extra_javascript", "assets/glossary/mermaid.min.js"),
    ("extra_javascript", "assets/glossary/katex/katex.min.js"),
    ("extra_javascript", "assets/glossary/glossary.js"),
    ("extra_javascript", "assets/glossary/explorer.js"),
    ("extra_css", "assets/glossary/katex/katex.min.css"),
    ("extra_css", "assets/glossary/glossary.css"),
]


@pytest.mark.parametrize(("option", "asset"), REQUIRED)
def test_each_missing_asset_include_is_named(tmp_path: Path, option: str, asset: str) -> None:
    everything = {key: [a for o, a in REQUIRED if o == key] for key, _ in REQUIRED}
    without = [a for a in everything[option] if a != asset]
    with pytest.raises(PluginError) as error:
        render(tmp_path, starter_terms(), config={option: without})
    assert str(error.value) == (
        f"glossary: add these to mkdocs.yml (extra_javascript / extra_css): {asset}"
    )


NPM_FILES = [
    "mermaid/dist/mermaid.min.js",
    "katex/dist/katex.min.js",
    "katex/dist/katex.min.css",
    "force-graph/dist/force-graph.min.js",
]
INSTALL_HINT = "install them with `npm ci` in theme/ (or run `bash scripts/setup.sh`)"


def test_missing_front_end_assets_are_named_with_the_way_to_install_them(tmp_path: Path) -> None:
    npm = tmp_path / "npm"
    for name in NPM_FILES[1:]:
        (npm / name).parent.mkdir(parents=True, exist_ok=True)
        (npm / name).write_text("", "utf-8")
    with pytest.raises(PluginError) as error:
        render(tmp_path / "site", starter_terms(), assets_dir=str(npm))
    missing = f"{npm / NPM_FILES[0]}, {npm / 'katex/dist/fonts'}"
    assert str(error.value) == f"glossary: front-end assets not found: {missing}; {INSTALL_HINT}"


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


def test_findings_are_logged_from_the_folder_of_mkdocs_yml(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    terms = {
        **starter_terms(),
        "a": term("A", prerequisites=["b"], related=["end"]),
        "b": term("B", prerequisites=["a"]),
    }
    with pytest.raises(PluginError):
        render(tmp_path, terms)
    logged = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    assert logged == [
        (
            "mkdocs.plugins.glossary",
            "ERROR",
            "terms/a.yaml:9:5: [prerequisite-cycle] prerequisite cycle: a → b → a; "
            "break one of these edges\n"
            "  terms/a.yaml:9:5: note: a needs b\n"
            "  terms/b.yaml:9:5: note: b needs a",
        ),
        (
            "mkdocs.plugins.glossary",
            "WARNING",
            "terms/a.yaml:11:5: [one-way-related] 'a' lists 'end' as related but 'end' does not "
            f"list 'a'; add 'a' to related in {tmp_path / 'terms' / 'end.yaml'}\n"
            "  terms/end.yaml:8:1: note: add 'a' to related here",
        ),
    ]


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
    assert result.stdout == f"wrote {len(written) - len(_docs(tmp_path))} files to out\n"
    pages = ["terms/graph.md", "a-z.md", "explorer.md", "tags/index.md", "graph.json", "index.md"]
    assets = ["assets/glossary/glossary.js", "assets/glossary/explorer.js",
              "assets/glossary/glossary.css", "assets/glossary/mermaid.min.js",
              "assets/glossary/force-graph.min.js", "assets/glossary/katex/katex.min.js",
              "assets/glossary/katex/katex.min.css",
              "assets/glossary/katex/fonts/KaTeX_Main-Regular.woff2"]  # fmt: skip
    assert {*pages, *assets} <= set(written)
    fonts = [Path(p).suffix for p in written if "/fonts/" in p]
    assert len(fonts) == 20 and set(fonts) == {".woff2"}  # woff2 only
    assert (out / "assets/glossary/glossary.js").read_bytes() == (
        ROOT / "site_builder/assets/glossary.js"
    ).read_bytes()
    assert (out / "index.md").read_bytes() == (tmp_path / "docs" / "index.md").read_bytes()


def test_render_fills_an_existing_empty_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_project(tmp_path, starter_terms())
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "terms" / "graph.md").is_file()


@pytest.mark.parametrize("kind", ["file", "folder with a file"])
def test_render_refuses_a_file_or_a_full_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    make_project(tmp_path, starter_terms())
    if kind == "file":
        (tmp_path / "out").write_text("mine", "utf-8")
    else:
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / "keep.txt").write_text("mine", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", "--out", "out"])
    assert result.exit_code == 2
    assert result.stderr == "error: out exists and is not an empty folder\n"


def test_render_needs_the_glossary_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path, starter_terms())
    (tmp_path / "plain.yml").write_text("site_name: Plain\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", "--out", "out", "-f", "plain.yml"])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'plain.yml'} does not use the glossary plugin\n"
    assert not (tmp_path / "out").exists()


def _docs(root: Path) -> list[Path]:
    return [p for p in (root / "docs").rglob("*") if p.is_file()]
