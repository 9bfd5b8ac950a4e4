"""The mutation benchmark's coverage pass: which test runs which lines of the package.

Inside pytest the current test (or the module- or session-scoped fixture being set up) is the
context; a process that a test starts (`glossary …`, `mkdocs build`) inherits it through the
`MUTATION_TEST_ID` variable and writes its own lines to `MUTATION_TRACE_DIR` when it exits
(a `sitecustomize.py` in the benchmark's copy of the repository calls `start_subprocess`).
coverage.py's C tracer records the lines; a pure `sys.settrace` tracer made `mkdocs serve`
too slow to start within its test's limit. A child that a traced process forks
(`site_builder.forked`) keeps its parent's tracer and context, and saves what it ran as it
ends: multiprocessing ends such children with `os._exit`, past every `atexit` handler.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

IMPORT = "<import>"  # lines run outside any test: collection, imports
ENV_TEST = "MUTATION_TEST_ID"
ENV_DIR = "MUTATION_TRACE_DIR"
ENV_PACKAGE = "MUTATION_PACKAGE_DIR"


def _coverage(package_dir: str, data_file: str, context: str | None, auto: bool = False) -> Any:
    import coverage

    cov = coverage.Coverage(
        data_file=data_file,
        auto_data=auto,  # save when the process exits
        data_suffix=True,
        include=[f"{package_dir}*"],
        context=context,
        config_file=False,
    )
    cov.set_option("run:sigterm", True)  # `mkdocs serve` is stopped with SIGTERM
    return cov


class Recorder:
    """Lines of files under `package_dir` run per context (coverage.py's C tracer)."""

    def __init__(self, package_dir: str, folder: str) -> None:
        self.package_dir = package_dir
        self.folder = folder
        self.cov = _coverage(package_dir, f"{folder}/main", None)  # contexts are switched

    def switch(self, context: str) -> None:
        self.cov.switch_context(context)
        os.environ[ENV_TEST] = context

    def start(self) -> None:
        self.cov.start()
        _saved_in_forked_children(self.cov)
        self.switch(IMPORT)

    def stop(self) -> None:
        self.cov.stop()
        self.cov.save()

    def as_json(self) -> dict[str, dict[str, list[int]]]:
        """context → package-relative file → sorted lines, from every process's data file."""
        from coverage import CoverageData

        root = Path(self.package_dir).parent
        out: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for path in sorted(Path(self.folder).iterdir()):
            data = CoverageData(str(path))
            data.read()
            for file in data.measured_files():
                name = Path(file).relative_to(root).as_posix()
                for line, contexts in data.contexts_by_lineno(file).items():
                    for context in contexts or [IMPORT]:
                        out[context or IMPORT][name].add(line)
        return {c: {f: sorted(ls) for f, ls in sorted(fs.items())} for c, fs in out.items()}


def start_subprocess() -> None:
    """Trace this whole process under the context its parent test set (see SITECUSTOMIZE)."""
    folder, package = os.environ.get(ENV_DIR), os.environ.get(ENV_PACKAGE)
    if folder and package:
        cov = _coverage(package, f"{folder}/sub", os.environ.get(ENV_TEST, IMPORT), auto=True)
        cov.start()
        _saved_in_forked_children(cov)


def _saved_in_forked_children(cov: Any) -> None:
    """Every multiprocessing child forked from now on saves `cov`'s lines (its parent's up to
    the fork, and its own) in a file of its own as it ends."""
    from multiprocessing.util import register_after_fork

    register_after_fork(cov, _save_at_exit)
    # A child stopped with SIGTERM (a daemon child at its parent's exit) just ends: the
    # handler it inherited from `run:sigterm` hangs in a forked child (its parent's exit then
    # waits for it forever). Reset at the fork itself: a parent that exits at once can stop
    # the child before multiprocessing's own after-fork hooks run.
    os.register_at_fork(after_in_child=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL))


def _save_at_exit(cov: Any) -> None:
    from multiprocessing.util import Finalize

    Finalize(None, _save, args=(cov,), exitpriority=0)


def _save(cov: Any) -> None:
    cov.stop()
    cov.save()


def coverage_plugin(recorder: Recorder) -> Any:
    """A pytest plugin: switches the recorder's context per test and per wide fixture."""
    import pytest

    class CoveragePlugin:
        def __init__(self) -> None:
            self.context = IMPORT
            self.fixtures: dict[str, list[str]] = {}  # test → wide fixtures it uses
            self.seconds: dict[str, float] = defaultdict(float)
            self.failed: list[str] = []

        def _enter(self, context: str) -> str:
            previous, self.context = self.context, context
            recorder.switch(context)
            return previous

        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_protocol(self, item: Any) -> Any:
            _clear_caches(Path(recorder.package_dir).name)
            info = getattr(item, "_fixtureinfo", None)
            defs = info.name2fixturedefs if info else {}
            self.fixtures[item.nodeid] = [
                fixture_key(d[-1]) for d in defs.values() if d and d[-1].scope != "function"
            ]
            previous = self._enter(item.nodeid)
            yield
            self._enter(previous)

        @pytest.hookimpl(hookwrapper=True)
        def pytest_fixture_setup(self, fixturedef: Any, request: Any) -> Any:
            if fixturedef.scope == "function":
                yield
                return
            key = fixture_key(fixturedef)
            previous = self._enter(key)
            start = time.perf_counter()
            yield
            # Its own cost, once: not part of the test that happened to set it up first.
            spent = time.perf_counter() - start
            self.seconds[key] += spent
            self.seconds[previous] -= spent
            self._enter(previous)

        def pytest_runtest_logreport(self, report: Any) -> None:
            self.seconds[report.nodeid] += report.duration
            if report.failed:
                self.failed.append(report.nodeid)

    return CoveragePlugin()


def _clear_caches(package: str) -> None:
    """Empty the package's function caches (`functools.cache` and kin), so that each test runs,
    and is recorded as running, the lines of every cached function it calls: otherwise only
    the first test to ask a question would be seen computing the answer."""
    for name, module in list(sys.modules.items()):
        if name == package or name.startswith(package + "."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def fixture_key(fixturedef: Any) -> str:
    return f"fixture:{fixturedef.baseid}::{fixturedef.argname}"


SITECUSTOMIZE = """\
import os
if os.environ.get("MUTATION_TRACE_DIR"):
    from bench.mutation_trace import start_subprocess

    start_subprocess()
"""
