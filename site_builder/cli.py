"""The `glossary` command: a thin face over the pipeline stages."""

from __future__ import annotations

import atexit
import gc
import math
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from site_builder.analysis import Analysis, analyse
from site_builder.checks import suggest
from site_builder.errors import GlossaryError
from site_builder.findings import Finding, Location, Severity
from site_builder.limits import DEFAULT_LIMITS, KIB
from site_builder.model import TermId, is_term_id, slugify
from site_builder.project import (
    default_terms_dir,
    schema_copy_state,
    schema_target,
    schema_text,
    starter_files,
)
from site_builder.report import Format, as_text, escape_terminal, render
from site_builder.scaffold import (
    TermExistsError,
    create_term_file,
    derive_id,
    id_problem,
    new_term_text,
)
from site_builder.schema import SCHEMA_FILE
from site_builder.textrules import plain_text_problem

if TYPE_CHECKING:  # mkdocs is slow to import: only `render` imports export at run time
    from site_builder.export import ExportState

EXIT_FINDINGS = 1
EXIT_USAGE = 2

_Place = TypeVar("_Place", Finding, Location)

TERMS_DIR = click.Path(path_type=Path, file_okay=False)
TERMS_DIR_HELP = "[default: the glossary plugin's terms_dir in ./mkdocs.yml, else terms]"


def _default_format() -> Format:
    return Format.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else Format.TEXT


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    click.echo(f"error: {escape_terminal(message)}", err=True)
    sys.exit(code)


class Seconds(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.2
    """A positive, finite number of seconds, at most an hour (not -1, not nan, not inf)."""

    name = "seconds"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            seconds = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not (math.isfinite(seconds) and 0 < seconds <= 3600):
            self.fail(f"{value!r} is not between 0 and 3600 seconds", param, ctx)
        return seconds


def report_options(command: Callable[..., None]) -> Callable[..., None]:
    """--format and --strict, shared by the commands that report findings."""
    command = click.option("--strict", is_flag=True, help="Fail on warnings too.")(command)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice([f.value for f in Format]),
        help="Output format [default: github when GITHUB_ACTIONS=true, else text].",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="glossary-site")
def main() -> None:
    """Check a glossary of YAML term files and build its website."""


def run() -> None:
    """The `glossary` program: `main` in a process of its own.

    Its commands read a glossary once, report and exit, and what they build is acyclic, so
    Python's cycle collector stays off (it would rescan every object as the data grows, and
    once more when turned back on: a tenth of a 10,000-term check); at exit every object is
    frozen, so that its last pass skips them. `render`, which builds a site with mkdocs and may
    keep watching, turns it back on.
    """
    gc.disable()
    atexit.register(gc.freeze)
    main()


def _terms_dir(given: Path | None) -> Path:
    """The folder a command reads: as given, else mkdocs.yml's terms_dir, else terms/."""
    if given is not None:
        return given
    found = default_terms_dir()
    return Path(os.path.relpath(found)) if found.is_absolute() else found


@main.command()
@click.argument("terms_dir", type=TERMS_DIR, required=False)
@report_options
@click.option(
    "--max-file-kb",
    type=click.IntRange(1, 1024 * 1024),
    default=DEFAULT_LIMITS.file_bytes // KIB,
    show_default=True,
    help="A term file larger than this is a finding and is not read.",
)
@click.option(
    "--mentions/--no-mentions",
    default=True,
    show_default=True,
    help="Report unlinked mentions of other terms (informational findings).",
)
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    help="Fail on findings of this severity or worse [default: error; warning with --strict].",
)
def check(
    terms_dir: Path | None,
    fmt: str | None,
    strict: bool,
    max_file_kb: int,
    mentions: bool,
    fail_on: str | None,
) -> None:
    """Report every problem in TERMS_DIR at once.

    TERMS_DIR defaults to the glossary plugin's terms_dir in ./mkdocs.yml, else terms.
    Exit status: 0 no errors (warnings and information allowed), 1 findings at the failing
    level, 2 usage or I/O error (including a folder with no term files).
    """
    terms_dir = _terms_dir(terms_dir)
    limits = replace(DEFAULT_LIMITS, file_bytes=max_file_kb * KIB)
    try:
        analysis = analyse(
            terms_dir,
            jobs=os.cpu_count() or 1,
            with_text=False,
            limits=limits,
            mentions=mentions,
        )
    except GlossaryError as error:
        _fail(str(error))
    if analysis.file_count == 0 and not analysis.findings:
        _fail(f'no term files (*.yaml) in {terms_dir}; start one with `glossary new "Title"`')
    if schema_copy_state(terms_dir) == "outdated":
        click.echo(
            f"note: {terms_dir / SCHEMA_FILE} differs from this glossary-site's term schema; "
            "run `glossary schema` to update it",
            err=True,
        )
    output_format = Format(fmt) if fmt else _default_format()
    click.echo(render(analysis.findings, analysis.file_count, output_format), nl=False)
    if analysis.fails(strict, Severity(fail_on) if fail_on else None):
        sys.exit(EXIT_FINDINGS)


@main.command("render")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="A new or empty folder, or an earlier output (updated in place).",
)
@click.option(
    "-f",
    "--config-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default="mkdocs.yml",
    show_default=True,
)
@click.option("--watch", is_flag=True, help="Keep updating OUT as term and docs files change.")
def render_docs(out_dir: Path, config_file: Path, watch: bool) -> None:
    """Write the complete docs folder (pages, generated pages, assets) to OUT.

    `mkdocs build` with the same mkdocs.yml minus the glossary plugin, and docs_dir set to
    OUT, builds the same site. Run again (or with --watch), only files whose content changed
    are rewritten and the pages of deleted terms removed, so an engine watching OUT rebuilds
    only what changed.
    """
    gc.enable()  # mkdocs' pages and navigation hold cycles; watching runs for hours
    # Imported here: mkdocs is slow to import and only this command needs it.
    from site_builder.export import PLAIN_BUILD, ExportState

    state = ExportState.new()
    if not _render_once(out_dir, config_file, state, watching=False):
        return
    click.echo(PLAIN_BUILD.format(out=out_dir.as_posix()))
    if watch:
        _render_watch(out_dir, config_file, state)


def _render_once(out_dir: Path, config_file: Path, state: ExportState, watching: bool) -> bool:
    """One export, reported; False when the glossary has errors (exits unless watching)."""
    from mkdocs.exceptions import ConfigurationError

    from site_builder.export import export_docs

    try:
        result = export_docs(config_file, out_dir, state)
    except (GlossaryError, ConfigurationError) as error:
        if watching:
            click.echo(f"error: {escape_terminal(str(error))}", err=True)
            return False
        _fail(str(error))
    if result.written == 0 and result.unchanged == 0:
        click.echo(as_text(result.analysis.findings, result.analysis.file_count), nl=False)
        if watching:
            click.echo("the glossary has errors; the output was left as it was", err=True)
            return False
        _fail("the glossary has errors; nothing was written", EXIT_FINDINGS)
    line = f"wrote {result.written} files to {out_dir.as_posix()}"
    if result.unchanged or result.removed:
        line += f" ({result.unchanged} unchanged, {result.removed} removed)"
    click.echo(escape_terminal(line))
    return True


def _render_watch(out_dir: Path, config_file: Path, state: ExportState) -> None:
    """Export again whenever a term, a docs file or mkdocs.yml changes, until interrupted."""
    from mkdocs.config import load_config

    from site_builder.export import watched_paths_of
    from site_builder.watch import file_changes

    paths = watched_paths_of(load_config(str(config_file)), config_file)
    try:
        with file_changes(paths) as next_change:
            click.echo(f"watching {', '.join(p.as_posix() for p in paths)} (Ctrl-C to stop)")
            while True:
                next_change()
                _render_once(out_dir, config_file, state, watching=True)
    except KeyboardInterrupt:
        pass


@main.command("check-site")
@click.argument("site_dir", type=click.Path(path_type=Path, file_okay=False), default="site")
@report_options
@click.option("--list-external", is_flag=True, help="List external links (text format).")
@click.option("--external", is_flag=True, help="Fetch external links too (needs network).")
@click.option(
    "--timeout", type=Seconds(), default=10.0, show_default=True, help="Seconds for each link."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="Links fetched at once.",
)
@click.option(
    "--cache",
    "cache_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=".glossary-link-cache.json",
    show_default=True,
    help="Where --external remembers answers (for 7 days).",
)
def check_site_command(
    site_dir: Path,
    fmt: str | None,
    strict: bool,
    list_external: bool,
    external: bool,
    timeout: float,
    workers: int,
    cache_file: Path,
) -> None:
    """Check every internal link, image and #anchor of the built site in SITE_DIR.

    External links are listed, not fetched, unless --external is given.
    """
    from site_builder.external import check_external
    from site_builder.sitecheck import check_site

    try:
        report = check_site(site_dir)
    except GlossaryError as error:
        _fail(str(error))
    findings = list(report.findings)
    if external:
        try:
            findings += check_external(report.external, cache_file, timeout, workers)
        except GlossaryError as error:
            _fail(str(error))
    output_format = Format(fmt) if fmt else _default_format()
    text = render(sorted(findings), report.page_count, output_format, noun="page")
    if output_format is not Format.JSON:
        note = "checked" if external else "not fetched (use --external)"
        text += f"{len(report.external)} external links {note}\n"
        if list_external:
            text += "".join(
                escape_terminal(f"  {url}  ({len(pages)} pages)") + "\n"
                for url, pages in report.external.items()
            )
    click.echo(text, nl=False)
    if any(f.severity.value == "error" or strict for f in findings):
        sys.exit(EXIT_FINDINGS)


@main.command()
@click.argument("terms_dir", type=TERMS_DIR, required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def stats(terms_dir: Path | None, fmt: str) -> None:
    """Counts, the longest learning path, the most depended-on terms, orphans and tags.

    Also lists the terms with the most ancestors, to spot learning paths that grew absurd,
    the terms per status, and the oldest terms (last changed longest ago, from git).
    """
    import json

    from site_builder.freshness import last_updated
    from site_builder.stats import glossary_stats, stats_text

    folder = _terms_dir(terms_dir)
    try:
        analysis = analyse(folder, with_text=False)
    except GlossaryError as error:
        _fail(str(error))
    numbers = glossary_stats(analysis.glossary, analysis.graph, last_updated(folder))
    click.echo(
        json.dumps(numbers, indent=2) + "\n" if fmt == "json" else stats_text(numbers), nl=False
    )


@main.command("export")
@click.argument("terms_dir", type=TERMS_DIR, required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["skos"]), default="skos", show_default=True,
    help="skos: a SKOS concept scheme in Turtle.",
)  # fmt: skip
@click.option(
    "--base-url",
    help="The site's URL; concept URIs are its term page URLs "
    "[default: $SITE_URL, else urn:glossary-site: URNs].",
)
@click.option("--name", default="Glossary", show_default=True, help="The scheme's title.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="[default: stdout]"
)
def export_command(
    terms_dir: Path | None, fmt: str, base_url: str | None, name: str, output: Path | None
) -> None:
    """Export the glossary's terms (default: SKOS Turtle, as glossary.ttl in the site).

    Prerequisites are dcterms:requires (a prerequisite is not skos:broader).
    """
    from site_builder.skos import skos_turtle

    try:
        analysis = analyse(_terms_dir(terms_dir), with_text=False)
    except GlossaryError as error:
        _fail(str(error))
    if analysis.count(Severity.ERROR):
        click.echo(as_text(analysis.findings, analysis.file_count), nl=False, err=True)
        _fail("the glossary has errors; nothing was exported", EXIT_FINDINGS)
    site_url = base_url or os.environ.get("SITE_URL") or None
    text = skos_turtle(analysis.glossary, name, site_url)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, "utf-8")
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror}")


@main.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--terms-dir", type=TERMS_DIR, help=f"The terms folder of a git revision {TERMS_DIR_HELP}."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "github", "markdown"]),
    default="text", show_default=True,
)  # fmt: skip
def diff_command(base: str, head: str | None, terms_dir: Path | None, fmt: str) -> None:
    """What changed from BASE to HEAD: terms, edges, learning paths and findings.

    BASE and HEAD are git revisions (the terms folder at that commit) or two folders of term
    files; HEAD defaults to the terms folder as it is now. --format markdown is for a pull
    request's job summary.
    """
    import tempfile

    from site_builder.diff import diff
    from site_builder.diff_report import render_diff
    from site_builder.revisions import RevisionError, terms_at

    folder = _terms_dir(terms_dir)
    jobs = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="glossary-diff-") as scratch:
        try:
            sides = []
            for name, given in (("base", base), ("head", head)):
                where = folder if given is None else terms_at(given, folder, Path(scratch, name))
                analysis = analyse(where, jobs=jobs, with_text=False)
                copy = Path(scratch, name)
                sides.append(_found_in(analysis, copy, folder) if where == copy else analysis)
        except (GlossaryError, RevisionError) as error:
            _fail(str(error))
    click.echo(render_diff(diff(sides[0], sides[1]), fmt), nl=False)


def _found_in(analysis: Analysis, copy: Path, folder: Path) -> Analysis:
    """A revision's findings with the paths of `folder` in place of the scratch `copy` they
    were read from (in files and hints), which is gone when the command ends."""
    old, new = f"{copy.as_posix()}/", f"{folder.as_posix()}/"

    def moved(place: _Place) -> _Place:
        return replace(place, file=place.file.replace(old, new))

    findings = tuple(
        replace(
            moved(f),
            hint=f.hint.replace(old, new),
            related=tuple(moved(r) for r in f.related),
        )
        for f in analysis.findings
    )
    return replace(analysis, findings=findings)


@main.command()
def codes() -> None:
    """Print the table of every finding code (Markdown), with its meaning and fix."""
    from site_builder.stats import codes_markdown

    click.echo(codes_markdown(), nl=False)


@main.command()
def options() -> None:
    """Print the mkdocs.yml options of the glossary plugin (Markdown table)."""
    from site_builder.config import options_markdown

    click.echo(options_markdown(), nl=False)


def _check_ids(option: str, ids: tuple[str, ...], known: list[str]) -> None:
    for term_id in ids:
        if not is_term_id(term_id):
            raise click.BadParameter(
                f"'{term_id}' is not a valid term id (want e.g. '{slugify(term_id)}')",
                param_hint=option,
            )
        if term_id not in known:
            hint = suggest(term_id, known)
            raise click.BadParameter(
                f"no term '{term_id}'" + (f"; {hint}" if hint else ""), param_hint=option
            )


@main.command()
@click.argument("title")
@click.option("--id", "term_id", help="The term id [default: derived from TITLE].")
@click.option("-p", "--prerequisite", multiple=True, help="A prerequisite id (repeatable).")
@click.option("-r", "--related", multiple=True, help="A related id (repeatable).")
@click.option("-t", "--tag", multiple=True, help="A tag (repeatable).")
@click.option("-a", "--alias", multiple=True, help="An alias or acronym (repeatable).")
@click.option("--dir", "terms_dir", type=TERMS_DIR, help=f"The terms folder {TERMS_DIR_HELP}.")
def new(
    title: str,
    term_id: str | None,
    prerequisite: tuple[str, ...],
    related: tuple[str, ...],
    tag: tuple[str, ...],
    alias: tuple[str, ...],
    terms_dir: Path | None,
) -> None:
    """Write TERMS_DIR/<id>.yaml for TITLE from the template; never overwrites."""
    terms_dir = _terms_dir(terms_dir)
    title = title.strip()
    if not title:
        raise click.BadParameter("the title is empty", param_hint="TITLE")
    for hint, text in [("TITLE", title), *(("--alias", a) for a in alias)]:
        problem = plain_text_problem(text)
        if problem is not None:
            raise click.BadParameter(f"{text!r} {problem}", param_hint=hint)
    new_id = term_id if term_id is not None else derive_id(title)
    if not new_id:
        raise click.BadParameter(
            "the title has no letters or digits to make an id of; give one with --id",
            param_hint="TITLE",
        )
    problem = id_problem(new_id)
    if problem is not None:
        hint = "--id" if term_id is not None else "TITLE"
        raise click.BadParameter(
            problem + ("" if term_id else "; give one with --id"), param_hint=hint
        )
    if not terms_dir.is_dir():
        _fail(f"terms directory not found: {terms_dir}")
    known = sorted(p.stem for p in terms_dir.glob("*.yaml"))
    _check_ids("--prerequisite", prerequisite, known)
    _check_ids("--related", related, known)
    for t in tag:
        if slugify(t) != t:
            raise click.BadParameter(f"tag '{t}' should be '{slugify(t)}'", param_hint="--tag")
    target = schema_target(terms_dir)
    text = new_term_text(
        title,
        prerequisites=prerequisite,
        related=related,
        tags=tag,
        aliases=alias,
        schema_target=target,
    )
    try:
        path = create_term_file(terms_dir, TermId(new_id), text)
    except TermExistsError as error:
        _fail(str(error), EXIT_FINDINGS)
    except GlossaryError as error:
        _fail(str(error))
    click.echo(escape_terminal(path.as_posix()))
    if target == SCHEMA_FILE and schema_copy_state(terms_dir) == "missing":
        _write_schema(terms_dir)
    for other in related:
        reverse = (terms_dir / f"{other}.yaml").as_posix()
        click.echo(
            escape_terminal(f"note: add '{new_id}' to related in {reverse} as well"), err=True
        )


def _write_schema(terms_dir: Path) -> None:
    path = terms_dir / SCHEMA_FILE
    try:
        path.write_text(schema_text(), "utf-8")
    except OSError as error:
        _fail(f"cannot write {path}: {error.strerror}")
    click.echo(f"wrote {path.as_posix()} (the term schema, for editors)", err=True)


@main.command()
@click.argument("terms_dir", type=TERMS_DIR, required=False)
@click.option("--print", "to_stdout", is_flag=True, help="Print the schema instead.")
def schema(terms_dir: Path | None, to_stdout: bool) -> None:
    """Write this version's term schema to TERMS_DIR/term.schema.json.

    Term files name it on their first line (`# yaml-language-server: $schema=term.schema.json`),
    so editors validate and complete them; run this again after upgrading glossary-site.
    The built site also publishes it as /term.schema.json.
    """
    if to_stdout:
        click.echo(schema_text(), nl=False)
        return
    terms_dir = _terms_dir(terms_dir)
    if not terms_dir.is_dir():
        _fail(f"terms directory not found: {terms_dir}")
    if schema_copy_state(terms_dir) == "current":
        click.echo(f"{(terms_dir / SCHEMA_FILE).as_posix()} is up to date")
        return
    _write_schema(terms_dir)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--name", default="Glossary", show_default=True, help="The site's name.")
def init(directory: Path, name: str) -> None:
    """Start a glossary repository in DIRECTORY (default: here); never overwrites a file.

    Writes mkdocs.yml, two linked example terms, docs/index.md, a GitHub workflow, a
    pre-commit config and a .gitignore; `mkdocs build --strict` works straight after.
    """
    from importlib.metadata import version

    written = kept = 0
    for relative, text in starter_files(name, version("glossary-site")).items():
        path = directory / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            click.echo(f"kept     {path.as_posix()} (exists)")
            kept += 1
            continue
        except OSError as error:
            _fail(f"cannot write {path}: {error.strerror}")
        click.echo(f"created  {path.as_posix()}")
        written += 1
    where = "" if directory == Path() else f"cd {directory.as_posix()} && "
    click.echo(
        f"\n{written} files created, {kept} kept. Next: {where}mkdocs serve "
        '(preview), glossary new "Title" (a term), glossary check (every problem at once).'
    )
