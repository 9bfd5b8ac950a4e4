"""Mutation testing: plant one plausible bug at a time in site_builder/ and count the ones the
test suite catches. A survivor is a missing test, unless the mutant is equivalent.

    python3 bench/mutation.py                     # every module, 2 workers
    python3 bench/mutation.py checks report       # only these modules (names as in the table)
    python3 bench/mutation.py prose:293 --cap 60  # only the mutants planted on this line
    python3 bench/mutation.py --list checks       # print the mutants, run nothing
    python3 bench/mutation.py --json out.json     # also write every mutant's outcome
    python3 bench/mutation.py --sample 3          # every 3rd mutant of each module (a quick look)
    python3 bench/mutation.py --minutes 60        # a longer time budget (default 28)
    python3 bench/mutation.py --cap 60            # more tests per mutant (default 10 s of them)

Mutants come from `bench/mutants.py`: comparisons, boolean operators, `not`, constants,
arithmetic, removed statements, swapped arguments, dropped escapes and sorts, near-twin
functions. Each worker owns a copy of the repository in a temporary folder, so the working tree
is never touched; it imports the heavy dependencies once and forks a fresh pytest per mutant.

1. Coverage pass: the whole suite runs once, unmutated, with a line tracer (in the test process
   and in every `glossary`/`mkdocs` process a test starts). It tells which tests run each
   line, and how long each test takes. It is kept in bench/out/: while the package and the test
   helpers are unchanged, a later run traces only the test files that changed or are new.
2. Each mutant runs only the tests that execute its line (for code that runs at import time:
   every test, those that run the module's functions before the rest), those of the module's
   own test files first (`tests/test_render_text.py` for `render/text`), cheapest first but one case
   of each test function before a second case of any, and no more than fit in `--cap` seconds as
   measured in the coverage pass (a wide fixture's setup counted once), with
   `pytest -x -q -p no:cacheprovider` and a time limit. A mutant they miss gets a second
   chance: the next tests in the same order, up to `--retry` seconds. Most lines are run by
   hundreds of tests (minutes of them): without the caps a surviving mutant costs minutes and
   a run of the whole package takes days; with them, a mutant that only a test further down
   would catch counts as surviving, so the score is a lower bound. A mutant no test executes
   survives without a run. End-to-end tests (real builds, a real server, the starter
   glossary: `END_TO_END`) judge the site and CLI modules only; the checker's modules are judged by
   their in-process tests.

Not run: browser tests (they exercise the JavaScript assets, which are not mutated; the page
facts they rely on are asserted on the HTML of real builds too), the package and editor-schema
tests (`NOT_RUN`) and `tests/test_quality.py` (a mutant that only ruff or mypy notices is not
counted as caught). Hypothesis runs
derandomized, so every run gives the same result. A mutant is killed when a test fails, the
tests error, or they exceed their time limit. `bench/equivalent.py` lists the survivors that
behave exactly like the original, with the reason; they are not run. The score is
killed / (mutants - equivalent).

The run keeps to a time budget (`--minutes`, coverage pass included): mutants are taken in an
order where every first part is a sample of each module in proportion to its size, and those
not started (or not finished) within the budget are reported as not run, so a short budget on a
busy machine gives a smaller sample, never a longer run.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.equivalent import why_equivalent  # noqa: E402
from bench.mutants import Mutant, iter_modules, mutants, mutated_source  # noqa: E402
from bench.mutation_trace import (  # noqa: E402
    ENV_DIR,
    ENV_PACKAGE,
    SITECUSTOMIZE,
    Recorder,
    coverage_plugin,
)

PACKAGE = "site_builder"
CACHE = ROOT / "bench" / "out" / "mutation-coverage.json"
STREAM = ROOT / "bench" / "out" / "mutation-results.jsonl"  # each result as it comes
# Browser tests exercise the JavaScript, which is not mutated (the page facts they rely on are
# asserted on the HTML of real builds too); the package test builds and installs a wheel and the
# editor-schema test drives a Node language server over the static schema file: minutes each,
# for no line of Python that the in-process tests do not run.
NOT_RUN = ["tests/test_quality.py", "tests/test_browser.py", "tests/test_security_browser.py",
           "tests/test_package.py", "tests/test_editor_schema.py"]  # fmt: skip
# End-to-end tests (real builds in a subprocess, a real server, the whole starter glossary)
# judge the modules of the site and the command line only. The checker's modules are judged by
# the in-process tests written for them, which run the same code paths in a fraction of the
# time; an end-to-end run per surviving checker mutant would cost minutes each.
END_TO_END = (
    "tests/test_site.py",
    "tests/test_serve.py",
    "tests/test_cli.py",
    "tests/test_content.py",
    "tests/test_project_files.py::test_workflow_commands_pass_on_a_copy_of_the_repository",
    "tests/test_sitecheck.py::test_the_real_site_passes",
    "tests/test_sitecheck_hostile.py",
    "tests/test_init.py",
)
END_TO_END_JUDGES = {"assets", "cli", "config", "export", "external", "files", "freshness",
                     "livebuild", "minify", "plugin", "project", "render/affected",
                     "render/cache", "render/exports", "render/mermaid", "render/pages",
                     "render/problems", "render/sections", "revisions", "scaffold", "sitecheck",
                     "skos", "stats", "watch"}  # fmt: skip
# The groups the targets are set for.
GROUPS = {
    "checker": ["analysis", "checks", "findings", "graph", "incremental", "limits", "load",
                "mentions", "model", "positions", "schema", "textrules", "validate",
                "yamlload"],
    "rendering": ["export", "render/affected", "render/cache", "render/exports",
                  "render/mermaid", "render/pages", "render/problems", "render/sections",
                  "skos"],
    "escaping": ["markup", "prose", "render/text", "report", "sanitize"],
    "site and CLI": ["assets", "cli", "config", "diff", "diff_report", "external", "files",
                     "freshness", "livebuild", "minify", "plugin", "project", "revisions",
                     "scaffold", "sitecheck", "stats", "watch"],
}  # fmt: skip
# What a copy of the repository needs for the tests to run.
_COPIED = ["site_builder", "tests", "bench", "terms", "docs", "theme", ".github"]
_COPIED_FILES = ["mkdocs.yml", "pyproject.toml", ".pre-commit-hooks.yaml",
                 ".pre-commit-config.yaml", "README.md", "action.yml"]  # fmt: skip
# Imported once per worker, before any fork: what every test run would import again.
_PRELOAD = ["yaml", "networkx", "jsonschema", "fastjsonschema", "lxml.etree", "lxml.html",
            "click", "click.testing", "jinja2", "markdown", "pygments", "minify_html",
            "mkdocs.config", "mkdocs.commands.build", "mkdocs.plugins", "mkdocs.structure.pages",
            "mkdocs.structure.nav", "material", "pymdownx.superfences", "pymdownx.arithmatex",
            "pymdownx.highlight", "pymdownx.inlinehilite", "hypothesis", "hypothesis.strategies",
            "pytest", "_pytest.python", "_pytest.runner", "_pytest.main", "_pytest.fixtures",
            "_pytest.terminal", "_pytest.tmpdir", "_pytest.monkeypatch", "_pytest.capture",
            "_pytest.junitxml", "_pytest.pastebin", "_pytest.doctest"]  # fmt: skip
# Plain asserts and no plugin autoload: a test run starts in a third of a second. Pass or fail
# is all that counts here.
_PYTEST_ARGS = ["-q", "-p", "no:cacheprovider", "--assert=plain", "-p", "no:unraisableexception",
                "-p", "no:threadexception", "-W", "ignore::pytest.PytestAssertRewriteWarning",
                "-m", "not browser and not package"]  # fmt: skip


@dataclass(frozen=True)
class Result:
    mutant: Mutant
    outcome: str  # killed | timeout | survived | uncovered | equivalent
    seconds: float
    killer: str  # the first failing test, for killed mutants


# --- a worker: one per copy of the repository, one forked pytest per job ----------------------


def _worker(copy: str) -> None:
    """Answer jobs (JSON lines on stdin) with one JSON line each on stdout."""
    import compileall
    import gc

    os.chdir(copy)
    for name in _PRELOAD:
        with contextlib.suppress(ImportError):
            __import__(name)
    # Byte code for the unmutated sources; children only read it. A restored module gets its
    # old mtime back, so its byte code stays valid; a mutant's newer mtime never matches it.
    for folder in (PACKAGE, "tests", "bench"):
        compileall.compile_dir(folder, quiet=2)
    gc.collect()
    gc.freeze()  # a child's collections skip everything imported here
    for line in sys.stdin:
        job = json.loads(line)
        target = Path(copy) / job.get("file", "")
        original = target.read_text("utf-8") if job.get("source") else ""
        if original:
            stat = target.stat()
            target.write_text(job["source"], "utf-8")
        try:
            answer = _fork(copy, job)
        finally:
            if original:
                target.write_text(original, "utf-8")
                os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def _fork(copy: str, job: dict[str, Any]) -> dict[str, Any]:
    answer_file = Path(copy) / ".mutation-answer.json"
    answer_file.unlink(missing_ok=True)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        code = 3
        try:
            code = _child(copy, job, answer_file)
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)
    deadline = start + job["timeout"]
    while True:
        done, raw = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(raw)
            break
        if time.perf_counter() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return {"outcome": "timeout", "seconds": job["timeout"], "killer": ""}
        time.sleep(0.02)
    with contextlib.suppress(ProcessLookupError):  # what the tests left running (a server)
        os.killpg(pid, signal.SIGKILL)
    answer: dict[str, Any] = (
        json.loads(answer_file.read_text("utf-8")) if answer_file.exists() else {}
    )
    answer.setdefault("killer", "" if status in (0, 1) else f"pytest exit status {status}")
    answer["outcome"] = "survived" if status == 0 else "killed"
    answer["seconds"] = time.perf_counter() - start
    return answer


def _child(copy: str, job: dict[str, Any], answer_file: Path) -> int:
    import pytest
    from hypothesis import settings

    sys.dont_write_bytecode = True
    log = os.open(f"{copy}/.mutation-log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.environ.update(
        PYTHONPATH=copy,
        PYTHONDONTWRITEBYTECODE="1",
        NO_MKDOCS_2_WARNING="1",
        PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
    )
    os.environ.pop("GITHUB_ACTIONS", None)
    settings.register_profile("mutation", database=None, derandomize=True)
    settings.load_profile("mutation")
    args = [*_PYTEST_ARGS, f"--basetemp={copy}/.pytest-tmp", *job["tests"]]
    if job["kind"] == "coverage":
        return _coverage(copy, args, answer_file)

    class Killer:
        """Remembers the first failing test: the one that caught the mutant."""

        def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
            if report.failed and not answer_file.exists():
                answer_file.write_text(json.dumps({"killer": report.nodeid}), "utf-8")

    return int(pytest.main(["-x", *args], plugins=[Killer()]))


def _coverage(copy: str, args: list[str], answer_file: Path) -> int:
    import pytest

    package = f"{copy}/{PACKAGE}/"
    traces = Path(copy) / ".mutation-traces"
    shutil.rmtree(traces, ignore_errors=True)
    traces.mkdir()
    os.environ.update({ENV_DIR: str(traces), ENV_PACKAGE: package})
    recorder = Recorder(package, str(traces))
    plugin = coverage_plugin(recorder)
    recorder.start()
    try:
        code = int(pytest.main(args, plugins=[plugin]))
    finally:
        recorder.stop()
    lines = recorder.as_json()  # this process's and those the tests started
    answer = {"lines": lines, "fixtures": plugin.fixtures, "durations": plugin.seconds,
              "failed": plugin.failed}  # fmt: skip
    answer_file.write_text(json.dumps(answer), "utf-8")
    return code


class Worker:
    def __init__(self, root: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mutation-"))
        skip = shutil.ignore_patterns("__pycache__", "node_modules", ".hypothesis", "out")
        for name in _COPIED:
            if (root / name).exists():
                shutil.copytree(root / name, self.folder / name, ignore=skip)
        for name in _COPIED_FILES:
            if (root / name).exists():
                shutil.copy(root / name, self.folder / name)
        (self.folder / "sitecustomize.py").write_text(SITECUSTOMIZE, "utf-8")
        script = str(self.folder / "bench" / "mutation.py")
        self.process = subprocess.Popen(
            [sys.executable, script, "--worker", str(self.folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=self.folder,
            env={**os.environ, "PYTHONPATH": str(self.folder), "PYTHONDONTWRITEBYTECODE": "1"},
        )

    def run(self, job: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        return answer

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


class Pool:
    """Workers handed out one job at a time."""

    def __init__(self, count: int) -> None:
        self.workers = [Worker(ROOT) for _ in range(count)]
        self.free = list(self.workers)
        self.ready = threading.Condition()

    def run(self, job: dict[str, Any]) -> dict[str, Any]:
        with self.ready:
            self.ready.wait_for(lambda: bool(self.free))
            worker = self.free.pop()
        try:
            return worker.run(job)
        finally:
            with self.ready:
                self.free.append(worker)
                self.ready.notify()

    def close(self) -> None:
        for worker in self.workers:
            worker.close()


# --- the coverage map ------------------------------------------------------------------------


@dataclass
class Coverage:
    lines: dict[str, dict[str, set[int]]]  # test → package file → lines it runs
    seconds: dict[str, float]  # test or wide fixture → seconds of its own
    broken: list[str]  # tests that fail without a mutant: never used to judge one
    fixtures: dict[str, list[str]]  # test → the wide fixtures it uses

    def tests_for(
        self, mutant: Mutant, cap: float, skip: frozenset[str] = frozenset()
    ) -> list[str]:
        """The tests that run the mutated code, cheapest first, as many as fit in `cap`
        seconds as last measured (each wide fixture they need counted once); at least one
        unless all are in `skip` (the tests already run). A mutant they all miss is reported
        as surviving, though a test left out might catch it: the score is a lower bound."""
        file = f"{PACKAGE}/{mutant.module}.py"
        wanted = set(mutant.lines)
        if mutant.definition_time:
            # Module-level data can be read by a test that runs no line of the module (the
            # codes table, say), so every test may notice it; those that call the module's
            # own functions come first (a command's help text is read by the tests that run
            # the command line, not by the cheapest tests of the suite).
            chosen = list(self.lines)
        else:
            chosen = [t for t, files in self.lines.items() if wanted & files.get(file, set())]
        chosen = [t for t in chosen if t not in skip]
        if mutant.module not in END_TO_END_JUDGES:
            chosen = [t for t in chosen if not t.startswith(END_TO_END)]
        # Cheapest first, but one case of each test function before a second case of any: a
        # parametrized test's many cases would otherwise fill the cap with one kind of check.
        # The module's own test files (tests/test_checks.py for checks) come first: their
        # tests check what it does, where others may only pass through it.
        own = mutant.module.rpartition("/")[2]
        chosen.sort(key=lambda t: (self.cost([t]), t))
        rank: Counter[str] = Counter()
        order = {}
        for test in chosen:
            function = test.split("[")[0]
            mine = own in Path(test.split("::")[0]).stem.removeprefix("test_").split("_")
            order[test] = (not mine, file not in self.lines[test], rank[function])
            rank[function] += 1
        chosen.sort(key=lambda t: order[t])  # stable: cheapest first within each round
        picked: list[str] = []
        fixtures: set[str] = set()
        total = 0.0
        for test in chosen:
            needs = set(self.fixtures.get(test, ())) - fixtures
            more = self.seconds.get(test, 1.0) + sum(self.seconds.get(f, 0.0) for f in needs)
            if picked and total + more > cap:
                continue
            picked.append(test)
            fixtures |= needs
            total += more
        # One run of pytest per file: a file's tests together, files in the order first picked.
        by_file: dict[str, list[str]] = defaultdict(list)
        for test in picked:
            by_file[test.split("::")[0]].append(test)
        return [t for tests in by_file.values() for t in tests]

    def cost(self, tests: list[str]) -> float:
        """Seconds the tests took when last measured, their wide fixtures counted once."""
        fixtures = {f for t in tests for f in self.fixtures.get(t, ())}
        return sum(self.seconds.get(t, 1.0) for t in tests) + sum(
            self.seconds.get(f, 0.0) for f in fixtures
        )

    def budget(self, tests: list[str]) -> float:
        return 2 * self.cost(tests) + 20


def _test_files(patterns: str) -> list[str]:
    """Test files matching any of the comma-separated globs (in tests/)."""
    found = {p for pattern in patterns.split(",") for p in (ROOT / "tests").glob(pattern.strip())}
    return sorted(
        p.relative_to(ROOT).as_posix()
        for p in found
        if p.relative_to(ROOT).as_posix() not in NOT_RUN
    )


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _fingerprints(files: list[str]) -> tuple[str, dict[str, str]]:
    """What every test's coverage depends on (the package, the test helpers and data, the
    glossary and docs), and each test file's own contents."""
    paths = [ROOT / "mkdocs.yml", ROOT / "bench" / "synth.py", ROOT / "bench" / "mutation_trace.py"]
    for folder in (PACKAGE, "tests", "terms", "docs"):
        paths += sorted(
            p
            for p in (ROOT / folder).rglob("*")
            if "__pycache__" not in p.parts and not (folder == "tests" and _is_test_file(p))
        )
    return _digest(paths), {file: _digest([ROOT / file]) for file in files}


def _is_test_file(path: Path) -> bool:
    return path.parent.name == "tests" and path.name.startswith("test_") and path.suffix == ".py"


def _context_file(context: str) -> str:
    """The test file a coverage context belongs to ("" for shared fixtures and imports)."""
    name = context.removeprefix("fixture:").split("::")[0]
    return name if name.endswith(".py") else ""


def coverage(pool: Pool, workers: int, pattern: str) -> Coverage:
    """Which test runs which lines; cached in bench/out/. While the package and the test
    helpers stay the same, only the test files that changed (or are new) are traced again."""
    files = _test_files(pattern)
    if not files:
        raise SystemExit(f"no test file in tests/ matches {pattern!r} (globs relative to tests/)")
    base, own = _fingerprints(files)
    cached = json.loads(CACHE.read_text("utf-8")) if CACHE.exists() else {}
    if cached.get("base") != base:
        cached = {"durations": cached.get("durations", {})}
    known: dict[str, str] = cached.get("files", {})
    stale = [f for f in files if known.get(f) != own[f]]
    if stale:
        print(f"coverage pass over {len(stale)} of {len(files)} test files", file=sys.stderr)
        shares = [s for s in _shares(stale, workers, cached.get("durations", {})) if s]
        with ThreadPoolExecutor(workers) as executor:
            answers = list(
                executor.map(
                    lambda share: pool.run({"kind": "coverage", "tests": share, "timeout": 3600}),
                    shares,
                )
            )
        cached = _merge(cached, answers, set(stale))
        cached["base"] = base
        cached["files"] = {**known, **{f: own[f] for f in stale}}
        CACHE.parent.mkdir(exist_ok=True)
        CACHE.write_text(json.dumps(cached), "utf-8")
    return _coverage_from(cached, set(files))


def _merge(
    cached: dict[str, Any], answers: list[dict[str, Any]], stale: set[str]
) -> dict[str, Any]:
    """The cached coverage without the stale files' tests, and the new answers added."""

    def keep(context: str) -> bool:
        return _context_file(context) not in stale

    merged: dict[str, Any] = {
        "lines": {c: v for c, v in cached.get("lines", {}).items() if keep(c)},
        "fixtures": {t: v for t, v in cached.get("fixtures", {}).items() if keep(t)},
        "durations": {t: v for t, v in cached.get("durations", {}).items() if keep(t)},
        "broken": [t for t in cached.get("broken", []) if keep(t)],
    }
    for answer in answers:
        if "lines" not in answer:
            raise SystemExit(f"the coverage pass did not finish: {answer}")
        for context, by_file in answer["lines"].items():
            into = merged["lines"].setdefault(context, {})
            for file, numbers in by_file.items():
                into[file] = sorted(set(into.get(file, [])) | set(numbers))
        merged["fixtures"].update(answer["fixtures"])
        merged["durations"].update(answer["durations"])
        merged["broken"] += answer["failed"]
    return merged


def _shares(files: list[str], workers: int, durations: dict[str, float]) -> list[list[str]]:
    """Test files split into `workers` shares of about equal time (as last measured)."""
    cost: dict[str, float] = defaultdict(float)
    for test, seconds in durations.items():
        cost[test.split("::")[0]] += seconds
    shares: list[list[str]] = [[] for _ in range(workers)]
    totals = [0.0] * workers
    for file in sorted(files, key=lambda f: (-cost.get(f, 10.0), f)):
        lightest = totals.index(min(totals))
        shares[lightest].append(file)
        totals[lightest] += cost.get(file, 10.0)
    return [sorted(share) for share in shares]


def _coverage_from(data: dict[str, Any], selected: set[str]) -> Coverage:
    """Per test of the `selected` files: its own lines and those of the wide fixtures it uses."""
    contexts = data["lines"]
    lines: dict[str, dict[str, set[int]]] = {}
    for test, fixtures in data["fixtures"].items():
        if test in data["broken"] or _context_file(test) not in selected:
            continue
        files: dict[str, set[int]] = defaultdict(set)
        for context in [test, *fixtures]:
            for file, numbers in contexts.get(context, {}).items():
                files[file].update(numbers)
        lines[test] = dict(files)
    broken = {t for t in data["broken"] if _context_file(t) in selected}
    return Coverage(lines, data["durations"], sorted(broken), data["fixtures"])


# --- running and reporting -------------------------------------------------------------------


def _spread(found: dict[str, list[Mutant]]) -> list[Mutant]:
    """Every module's mutants in one list, in an order where any first part of it is a sample
    of each module in proportion to its size, from all over the module (a fixed order: each
    module is shuffled with its own name as the seed)."""
    keyed = []
    for name, items in found.items():
        shuffled = list(items)
        random.Random(name).shuffle(shuffled)
        keyed += [((i + 0.5) / len(shuffled), name, i, m) for i, m in enumerate(shuffled)]
    return [m for *_, m in sorted(keyed, key=lambda k: k[:3])]


def _lines_wanted(names: list[str]) -> dict[str, set[int]]:
    """`module:line` arguments as {module: lines}; a bare module name wants every line."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for name in names:
        module, _, line = name.partition(":")
        if line:
            wanted[module].add(int(line))
    return wanted


def _wanted(mutant: Mutant, lines: dict[str, set[int]]) -> bool:
    only = lines.get(mutant.module)
    return not only or bool(only & set(mutant.lines))


def run(
    names: list[str] | None,
    workers: int,
    sample: int,
    pattern: str,
    minutes: float,
    cap: float,
    retry: float,
) -> tuple[list[Result], list[str]]:
    """Every mutant's result, and the tests that fail without a mutant. A mutant that
    survives the tests that fit in `cap` seconds runs the next ones that fit in `retry`. No
    mutant starts after `minutes` (coverage pass included), and none runs past it: those are
    "not run"."""
    package = ROOT / PACKAGE
    lines = _lines_wanted(names or [])
    modules = [n.partition(":")[0] for n in names] if names else None
    sources = {
        name: Path(path).read_text("utf-8") for name, path in iter_modules(str(package), modules)
    }
    pool = Pool(workers)
    try:
        started = time.perf_counter()
        deadline = started + 60 * minutes
        covered = coverage(pool, workers, pattern)
        print(f"coverage pass: {time.perf_counter() - started:.0f}s", file=sys.stderr)
        for test in covered.broken:
            print(f"warning: {test} fails without a mutant; it judges none", file=sys.stderr)
        todo = _spread(
            {
                name: [m for m in mutants(name, source) if _wanted(m, lines)][::sample]
                for name, source in sorted(sources.items())
            }
        )
        done: Counter[str] = Counter()

        def one(mutant: Mutant) -> Result:
            # Past the deadline nothing more is judged, not even the mutants that need no run
            # (equivalent, uncovered): the results stay a sample in proportion to each module.
            left = deadline - time.perf_counter()
            if left < 5:
                return Result(mutant, "not run", 0.0, "")
            if why_equivalent(mutant):
                return Result(mutant, "equivalent", 0.0, "")
            tests = covered.tests_for(mutant, cap)
            if not tests:
                return Result(mutant, "uncovered", 0.0, "")
            budget = covered.budget(tests)
            job = {
                "kind": "mutant",
                "file": f"{PACKAGE}/{mutant.module}.py",
                "source": mutated_source(sources[mutant.module], mutant),
                "tests": tests,
                "timeout": min(budget, left),
            }
            answer = pool.run(job)
            if answer["outcome"] == "timeout" and left < budget:
                return Result(mutant, "not run", 0.0, "")  # stopped by the deadline
            seconds = answer["seconds"]
            survived = answer["outcome"] == "survived" and retry > 0
            more = covered.tests_for(mutant, retry, frozenset(tests)) if survived else []
            if more:
                # A second chance: the next tests in the same order, up to `retry` seconds.
                left = deadline - time.perf_counter()
                budget = covered.budget(more)
                if left < budget:
                    return Result(mutant, "not run", 0.0, "")
                answer = pool.run({**job, "tests": more, "timeout": budget})
                seconds += answer["seconds"]
            return Result(mutant, answer["outcome"], seconds, answer["killer"])

        results = []
        live = sys.stderr.isatty()
        STREAM.write_text("", "utf-8")
        with ThreadPoolExecutor(workers) as executor, STREAM.open("a", encoding="utf-8") as out:
            for result in executor.map(one, todo):
                results.append(result)
                out.write(json.dumps(_record(result)) + "\n")
                out.flush()
                done[result.outcome] += 1
                if live or len(results) % 50 == 0 or len(results) == len(todo):
                    elapsed = time.perf_counter() - started
                    counts = " ".join(f"{k} {v}" for k, v in sorted(done.items()))
                    print(f"{len(results)}/{len(todo)}: {counts} ({elapsed:.0f}s)",
                          end="\r" if live else "\n", file=sys.stderr, flush=True)  # fmt: skip
        print(file=sys.stderr)
        return results, covered.broken
    finally:
        pool.close()


def _record(r: Result) -> dict[str, Any]:
    return {**asdict(r.mutant), "outcome": r.outcome, "seconds": round(r.seconds, 2),
            "killer": r.killer}  # fmt: skip


def _row(name: str, results: list[Result]) -> str:
    count = Counter(r.outcome for r in results)
    killed = count["killed"] + count["timeout"]
    survived = count["survived"] + count["uncovered"]
    scored = len(results) - count["equivalent"]
    score = f"{100 * killed / scored:.1f}%" if scored else "-"
    return (f"{name:<16} {len(results):>7} {killed:>6} {survived:>8} {count['uncovered']:>9} "
            f"{count['equivalent']:>5} {score:>6}")  # fmt: skip


def report(
    everything: list[Result], seconds: float, broken: list[str], cap: float, retry: float
) -> str:
    results = [r for r in everything if r.outcome != "not run"]
    by_module: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_module[r.mutant.module].append(r)
    head = "module           mutants killed survived (no test) equiv  score"
    lines = [head, *(_row(name, by_module[name]) for name in sorted(by_module)), ""]
    for group, names in GROUPS.items():
        members = [r for n in names for r in by_module.get(n, [])]
        if members:
            lines.append(_row(group, members))
    lines.append(_row("overall", results))
    timeouts = sum(r.outcome == "timeout" for r in results)
    lines.append(
        f"\n{len(results)} mutants ({timeouts} killed by the time limit) in {seconds / 60:.1f} min;"
        f" each ran the cheapest tests that run its line, up to {cap:g} s of them, and if it"
        f" survived, the next {retry:g} s"
    )
    if len(results) < len(everything):
        lines.append(
            f"{len(everything) - len(results)} of {len(everything)} mutants not run: the time "
            "budget (--minutes) ran out; the scores are those of a sample of every module"
        )
    lines += [f"warning: {test} fails without a mutant and judged none" for test in broken]
    survivors = [r for r in results if r.outcome in ("survived", "uncovered")]
    if survivors:
        lines.append(f"\nSurvivors ({len(survivors)}):")
        for r in sorted(survivors, key=lambda r: (r.mutant.module, r.mutant.line)):
            m = r.mutant
            note = " (no test runs it)" if r.outcome == "uncovered" else ""
            where = f"{m.module}.py:{m.line} [{m.kind}] {m.function or '<module>'}"
            lines.append(f"  {where}: {m.before}  ->  {m.after}{note}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "modules", nargs="*", help="module names (checks render/pages) or module:line"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=1, help="run every Nth mutant only")
    parser.add_argument("--list", action="store_true", help="print the mutants and stop")
    parser.add_argument(
        "--tests", default="test_*.py", help="test files to use: globs in tests/, comma-separated"
    )
    parser.add_argument("--json", type=Path, help="write every outcome to this file")
    parser.add_argument(
        "--minutes",
        type=float,
        default=28,
        help="start no mutant after this long (the rest are reported as not run)",
    )
    parser.add_argument(
        "--cap",
        type=float,
        default=10,
        help="seconds of tests (as last measured) run per mutant, cheapest first (default 10)",
    )
    parser.add_argument(
        "--retry",
        type=float,
        default=20,
        help="seconds of the next tests run for a mutant the first ones missed (default 20)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker)
        return
    names = args.modules or None
    if args.list:
        lines = _lines_wanted(names or [])
        modules = [n.partition(":")[0] for n in names] if names else None
        for name, path in iter_modules(str(ROOT / PACKAGE), modules):
            for m in (m for m in mutants(name, Path(path).read_text("utf-8")) if _wanted(m, lines)):
                mark = "  (equivalent)" if why_equivalent(m) else ""
                print(f"{m.module}.py:{m.line} [{m.kind}] {m.before}  ->  {m.after}{mark}")
        return
    start = time.perf_counter()
    results, broken = run(
        names, args.workers, args.sample, args.tests, args.minutes, args.cap, args.retry
    )
    print(report(results, time.perf_counter() - start, broken, args.cap, args.retry))
    if args.json:
        args.json.write_text(json.dumps([_record(r) for r in results], indent=1), "utf-8")


if __name__ == "__main__":
    main()
