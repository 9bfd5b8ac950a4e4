"""What the plugin and `glossary render` refuse to do, with the message the author reads."""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from site_builder.assets import PAGE_CSS, PAGE_JAVASCRIPT, theme_overrides
from site_builder.cli import main
from site_builder.config import GlossaryConfig
from site_builder.findings import Finding
from site_builder.livebuild import LiveBuilder
from site_builder.plugin import GlossaryPlugin, _walk_key, log_findings
from site_builder.project import schema_text
from tests.helpers import term
from tests.pages import render, render_project
from tests.sites import make_project, starter_terms, tiny_project

ROOT = Path(__file__).resolve().parent.parent


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
    assert result.stdout.startswith(f"wrote {len(written)} files to out\n")  # docs copies too
    pages = ["terms/graph.md", "a-z.md", "explorer.md", "tags/index.md", "graph.json", "index.md"]
    assert {*pages, "assets/glossary/glossary.js"} <= set(written)
    assert any(
        p.startswith("assets/glossary/") and p.endswith("/mermaid.esm.min.mjs") for p in written
    )
    assert (out / "assets/glossary/glossary.js").read_bytes() == (
        ROOT / "site_builder/assets/glossary.js"
    ).read_bytes()
    assert (out / "index.md").read_bytes() == (tmp_path / "docs" / "index.md").read_bytes()
    assert (out / "term.schema.json").read_text("utf-8") == schema_text()  # for editors


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
    assert result.stderr == (
        "error: out exists and is not an empty folder or an earlier render output\n"
    )


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


def test_a_sites_own_theme_overrides_win_over_the_plugins(tmp_path: Path) -> None:
    """With `custom_dir`, mkdocs looks in the site's folder first, then in ours, then in
    Material's: a template the site overrides is the site's, whatever the plugin ships."""
    root = make_project(tmp_path, starter_terms())
    (root / "overrides").mkdir()
    config = load_config(
        str(root / "mkdocs.yml"), theme={"name": "material", "custom_dir": "overrides"}
    )
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    dirs = [Path(d) for d in config.theme.dirs]
    assert dirs[0] == (root / "overrides").resolve()
    assert dirs[1] == theme_overrides()
    assert "material" in dirs[2].parts


INSIDE = "Expected a relative path inside the docs folder, like 'a-z.md' or 'glossary/tags', "


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("index_page", "", INSIDE + "but received: ''"),
        ("index_page", "/a-z.md", INSIDE + "but received: '/a-z.md'"),
        ("index_page", "glossary\\a-z.md", INSIDE + "but received: 'glossary\\\\a-z.md'"),
        ("index_page", "glossary//a-z.md", INSIDE + "but received: 'glossary//a-z.md'"),
        ("explorer_page", "./explorer.md", INSIDE + "but received: './explorer.md'"),
        ("path_page", "x/../../path.md", INSIDE + "but received: 'x/../../path.md'"),
        ("tags_dir", "tags/", INSIDE + "but received: 'tags/'"),
        (
            "index_page",
            "a-z.html",
            "Expected a page name ending in '.md', but received: 'a-z.html'",
        ),
        ("path_page", "path", "Expected a page name ending in '.md', but received: 'path'"),
    ],
)
def test_page_and_folder_options_must_stay_inside_the_docs_folder(
    option: str, value: str, message: str
) -> None:
    config = GlossaryConfig()
    config.load_dict({option: value})
    failed, warnings = config.validate()
    assert ([(name, str(error)) for name, error in failed], warnings) == ([(option, message)], [])


@pytest.mark.parametrize(
    ("option", "value"),
    [("index_page", "glossary/a-z.md"), ("tags_dir", "glossary/tags"), ("tags_dir", "tags.md")],
)
def test_a_relative_path_inside_the_docs_folder_is_accepted(option: str, value: str) -> None:
    config = GlossaryConfig()
    config.load_dict({option: value})
    assert config.validate() == ([], [])
    assert config[option] == value


def _serve_markdown(root: Path, path: str) -> str:
    """The Markdown of the page at docs path `path` as `mkdocs serve` gives it to mkdocs."""
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    file = files.get_file_from_path(path)
    assert file is not None
    page = Page(None, file, config)
    page.read_source(config)
    source = page.markdown or ""
    markdown = config.plugins.on_page_markdown(source, page=page, config=config, files=files)
    config.plugins.on_shutdown()
    return str(markdown)


def test_while_serving_a_term_with_errors_shows_them_under_its_title(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A half-written term must not stop the preview: its errors go on its page, logged as
    information that --strict does not count."""
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.glossary")
    make_project(tmp_path, {**starter_terms(), "bad": term("Bad", prerequisites=["nope"])})
    markdown = _serve_markdown(tmp_path, "terms/bad.md")
    assert markdown.startswith(
        '# Bad\n\n<div class="glossary-problems" role="alert">\n'
        "<p><strong>This term has problems; `mkdocs build` fails until they are fixed</strong>"
        "</p>\n<ul>\n<li><code>terms/bad.yaml:9:5</code> error[unknown-term] prerequisite "
        "&#x27;nope&#x27; does not exist</li>\n</ul>\n</div>\n\n"
        "<!-- glossary-html "  # the summary's block (render/blocks.py)
    )
    logged = [(r.levelname, r.getMessage()) for r in caplog.records if "unknown-term" in r.message]
    assert logged == [
        (
            "INFO",
            "error: terms/bad.yaml:9:5: [unknown-term] prerequisite 'nope' does not exist "
            "(shown on its page)",
        )
    ]


def test_while_serving_a_term_file_that_cannot_be_read_gets_a_page_of_its_findings(
    tmp_path: Path,
) -> None:
    """Not even a title can be read from it: the page is named after its id, not lost."""
    root = make_project(tmp_path, starter_terms())
    (root / "terms" / "broken.yaml").write_text("title: [unclosed\n", "utf-8")
    markdown = _serve_markdown(root, "terms/broken.md")
    assert markdown.startswith('# broken\n\n<div class="glossary-problems" role="alert">')
    assert "<code>terms/broken.yaml:2:1</code> error[yaml-syntax]" in markdown


def test_a_markdown_extension_the_pages_need_is_added_and_said_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.glossary")
    root = make_project(tmp_path, starter_terms())
    # mkdocs itself always adds toc, tables and fenced_code
    config = load_config(str(root / "mkdocs.yml"), markdown_extensions=["tables"])
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    assert config.markdown_extensions == ["toc", "tables", "fenced_code", "attr_list"]
    ours = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.glossary"]
    assert ours == ["glossary: added the 'attr_list' Markdown extension (its pages need it)"]


def test_while_serving_a_prerequisite_cycle_still_stops_the_build(tmp_path: Path) -> None:
    """A cycle leaves no learning path to draw: serving or not, the build stops (here with a
    warning beside it, which alone would not)."""
    cycle = {
        "a": term("A", prerequisites=["b"], related=["end"]),
        "b": term("B", prerequisites=["a"]),
    }
    make_project(tmp_path, {**starter_terms(), **cycle})
    with pytest.raises(PluginError, match=r"glossary: 1 error\(s\) in terms/"):
        _serve_markdown(tmp_path, "terms/a.md")


def test_the_page_assets_are_added_once(tmp_path: Path) -> None:
    """glossary.css and glossary.js, also when mkdocs.yml already lists the script with
    attributes."""
    root = make_project(tmp_path, starter_terms())
    scripts = ["https://example.org/a.js", {"path": PAGE_JAVASCRIPT, "type": "module"}]
    config = load_config(str(root / "mkdocs.yml"), extra_javascript=scripts)
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    assert [str(getattr(s, "path", s)) for s in config.extra_javascript] == [
        "https://example.org/a.js",
        PAGE_JAVASCRIPT,
    ]
    assert [str(s) for s in config.extra_css][-1] == PAGE_CSS
    assert Path(config.theme.dirs[0]) == theme_overrides()  # no custom_dir: ours come first


def test_a_missing_terms_folder_stops_the_build_with_its_path(tmp_path: Path) -> None:
    make_project(tmp_path, starter_terms(), terms_dir="nowhere")
    with pytest.raises(PluginError) as error:
        render_project(tmp_path)
    assert str(error.value) == f"glossary: terms directory not found: {tmp_path / 'nowhere'}"


@pytest.mark.parametrize(
    ("plugins", "partial", "note"),
    [
        (["search", "glossary", "glossary-minify"], True, None),
        (["search", "tags", "glossary"], False, "plugins: material/tags"),
        (
            ["tags", "search", "offline", "meta", "glossary", "blog", "privacy"],
            False,
            "plugins: material/blog, material/meta, material/offline, material/privacy, "
            "material/tags",
        ),
    ],
)
def test_serve_rebuilds_partially_only_with_plugins_it_knows(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    plugins: list[str],
    partial: bool,
    note: str | None,
) -> None:
    """Another plugin may write site-wide files from every page: then every rebuild is full.
    The term watcher started for serve stops at shutdown."""
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.glossary")
    root = make_project(tmp_path, starter_terms())
    config = load_config(str(root / "mkdocs.yml"), plugins=plugins)
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))
    try:
        config.plugins.on_serve(server, config=config, builder=server.builder)
        plugin: GlossaryPlugin = config.plugins["glossary"]  # type: ignore[assignment]
        watcher = plugin._watcher
        assert watcher is not None and watcher.is_alive()
        config.plugins.on_shutdown()
        assert plugin._watcher is None and not watcher.is_alive()
    finally:
        server.server_close()
    assert isinstance(server.builder, LiveBuilder) is partial
    ours = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.glossary"]
    full = [m for m in ours if "every rebuild is a full one" in m]
    assert full == ([f"glossary: every rebuild is a full one ({note})"] if note else [])


def test_information_is_logged_as_debug_never_as_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`mkdocs build --strict` counts warnings: an unlinked mention must not fail it."""
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.glossary")
    mention = Finding(
        str(tmp_path / "terms" / "a.yaml"), 3, 5, "unlinked-mention", "'B' is not linked"
    )
    log_findings((mention,), tmp_path)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("DEBUG", "terms/a.yaml:3:5: [unlinked-mention] 'B' is not linked")
    ]


def test_a_config_read_from_stdin_still_asks_no_font_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs build -f -`: there is no mkdocs.yml to read again, so the font stays off."""
    root = make_project(tmp_path, starter_terms())
    monkeypatch.chdir(root)
    config = load_config(config_file=io.BytesIO((root / "mkdocs.yml").read_bytes()))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    assert config.theme["font"] is False


def test_generated_pages_take_the_place_mkdocs_gives_files_in_the_docs_folder() -> None:
    """os.walk's order, as mkdocs reads a docs folder: a folder's own files first, its index
    (index.md or README.md) before the others, then its subfolders."""
    paths = ["a/c/d.md", "z.md", "a/b.md", "a/README.md", "index.md", "a/index2.md", "a/ABC.md"]
    assert sorted(paths, key=_walk_key) == [
        "index.md",
        "z.md",
        "a/README.md",
        "a/ABC.md",
        "a/b.md",
        "a/index2.md",
        "a/c/d.md",
    ]


def test_generated_pages_are_listed_among_the_hand_written_ones_in_that_order(
    tmp_path: Path,
) -> None:
    """The site's pages in the order the search index and the sitemap list them: as if the
    generated pages had been written into docs/."""
    root = make_project(tmp_path, starter_terms())
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    assert [f.src_uri for f in files.documentation_pages()] == [
        "index.md",
        "a-z.md",
        "about.md",
        "configuration.md",
        "contributing.md",
        "explorer.md",
        "path.md",
        "tags/index.md",
        "tags/basics.md",
        *(f"terms/{term_id}.md" for term_id in sorted(starter_terms())),
    ]


def test_the_404_page_gets_the_head_script_and_other_templates_do_not(tmp_path: Path) -> None:
    """The 404 page is a theme template, not a page: the plugin adds the head script to it
    after it is rendered; sitemap.xml and the like stay as they are."""
    root = make_project(tmp_path, starter_terms())
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    plugin: GlossaryPlugin = config.plugins["glossary"]  # type: ignore[assignment]
    page = "<html><head>\n<title>Not found</title>\n</head><body></body></html>"
    missing = plugin.on_post_template(page, template_name="404.html", config=config)
    assert missing == page.replace("\n</head>", plugin.head + "\n</head>")
    assert plugin.on_post_template(page, template_name="sitemap.xml", config=config) == page
    config.plugins.on_shutdown()


def test_a_built_term_page_carries_its_json_ld_and_the_head_script(tmp_path: Path) -> None:
    """The smallest site, built in this process: the term page's head holds the search
    script and the term as schema.org data, written from the page's front matter."""
    tiny_project(tmp_path, {"alpha": term("Alpha", aliases=["A1"])})
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build.build(config)
    config.plugins.on_shutdown()
    plugin: GlossaryPlugin = config.plugins["glossary"]  # type: ignore[assignment]
    page = (tmp_path / "site" / "terms" / "alpha" / "index.html").read_text("utf-8")
    head = page[: page.index("</head>")]
    assert plugin.head in head
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    described = json.loads(data)
    assert (described["@type"], described["name"], described["alternateName"]) == (
        "DefinedTerm",
        "Alpha",
        ["A1"],
    )
    assert described["url"] == "https://g.example/terms/alpha/"
