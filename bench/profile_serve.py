"""Where a `mkdocs serve` rebuild after a term edit spends its time (issue 15), from cProfile.

The real `mkdocs serve` runs in this process on a synthetic glossary; another thread edits one
term's text `EDITS` times, waiting for each rebuild, and only the rebuilds are profiled (not the
first full build). Prints the functions with the most cumulative time, per rebuild.

Run: python3 bench/profile_serve.py [N] [edit|title] [--time]  (default 1,000 terms, a text
edit; with --time the rebuilds are only timed, not profiled)
"""

from __future__ import annotations

import contextlib
import cProfile
import os
import pstats
import re
import signal
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_site import project  # noqa: E402
from tests.browser import free_port  # noqa: E402

EDITS = int(os.environ.get("EDITS", "5"))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 1_000
    kind = args[1] if len(args) > 1 else "edit"
    profiling = "--time" not in sys.argv
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands import serve

    from site_builder import livebuild

    profile = cProfile.Profile()
    done = threading.Semaphore(0)
    real_call = livebuild.LiveBuilder.__call__
    seconds: list[float] = []

    def profiled(self: livebuild.LiveBuilder) -> None:
        site = self.site()
        if site is None or not site.complete:  # the first build: not what is profiled
            real_call(self)
            return
        start = time.perf_counter()
        if profiling:
            profile.enable()
        try:
            real_call(self)
        finally:
            if profiling:
                profile.disable()
            seconds.append(time.perf_counter() - start)
            done.release()

    livebuild.LiveBuilder.__call__ = profiled  # type: ignore[method-assign]

    with tempfile.TemporaryDirectory() as tmp:
        folder = project(Path(tmp), count)
        os.chdir(folder)
        target = folder / "terms" / "term-7.yaml"
        original = target.read_text("utf-8")

        port = free_port()

        def edit() -> None:
            while True:  # the first build is done when the server listens
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            for n in range(EDITS):
                if kind == "title":
                    renamed = f'title: "Renamed {n}"'
                    text = re.sub(r'^title: ".*"$', renamed, original, count=1, flags=re.M)
                else:
                    text = original.replace("overview: |\n  ", f"overview: |\n  Edit {n} ")
                target.write_text(text, "utf-8")
                done.acquire()
                time.sleep(0.3)
            os.kill(os.getpid(), signal.SIGINT)

        threading.Thread(target=edit, daemon=True).start()
        with contextlib.suppress(KeyboardInterrupt):
            serve.serve("mkdocs.yml", open_in_browser=False, dev_addr=f"127.0.0.1:{port}")
    under = " (under cProfile)" if profiling else ""
    print(f"{count} terms, {kind}: {len(seconds)} rebuilds, "
          f"{', '.join(f'{s:.2f}' for s in seconds)} s{under}")  # fmt: skip
    if profiling:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
