"""Term files watched through the operating system's file events.

mkdocs polls what it watches every half second, so under `mkdocs serve` a saved term waited
0.25 s on average (up to 0.5 s) before its rebuild started, and each poll read the state of
every file again. The terms folder is watched instead with watchdog's native observer (inotify,
FSEvents, kqueue or ReadDirectoryChangesW), which wakes the server's rebuild as soon as a file
is written. Where that observer cannot start (no native backend, the system's watch limit
reached) or the server is not the `LiveReloadServer` of mkdocs 1.6 this was written for, the
folder is polled by mkdocs as before. `glossary render --watch` waits on the same events
(`file_changes`).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.glossary")

# What changes a file. Opening or reading one (as every build does) is not a change.
CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})
# An editor's save is several events (a temporary file written, renamed over the old one):
# one batch of changes ends when none came for this long.
SETTLE_SECONDS = 0.1


def is_change(event: FileSystemEvent) -> bool:
    return not event.is_directory and event.event_type in CHANGES


class _Wake(FileSystemEventHandler):
    """Asks the server for a rebuild, as mkdocs' own watch callback does."""

    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not is_change(event):
            return
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def watch_terms(server: Any, folder: Path) -> BaseObserver | None:
    """Watch `folder` for the server: with native file events when possible (the observer
    returned, to be stopped at shutdown), else with mkdocs' polling (None)."""
    if not (hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")):
        server.watch(str(folder))
        return None
    observer = Observer()
    if isinstance(observer, PollingObserver):  # no native backend here: mkdocs polls faster
        server.watch(str(folder))
        return None
    try:
        observer.schedule(_Wake(server), str(folder), recursive=True)
        observer.start()
    except OSError as error:
        log.info(f"glossary: polling {folder} for changes (no file events: {error})")
        server.watch(str(folder))
        return None
    log.info(f"glossary: watching {folder} with file events")
    return observer


class _Signal(FileSystemEventHandler):
    """Sets `changed` when a file among `paths` (files, or folders and all below) changes."""

    def __init__(self, paths: list[Path], changed: threading.Event) -> None:
        self.files = {str(p) for p in paths if not p.is_dir()}
        self.folders = tuple(f"{p}{os.sep}" for p in paths if p.is_dir())
        self.changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not is_change(event):
            return
        for where in (event.src_path, getattr(event, "dest_path", "")):
            where = str(where)
            if where in self.files or where.startswith(self.folders):
                self.changed.set()
                return


@contextmanager
def file_changes(paths: list[Path]) -> Iterator[Callable[[], None]]:
    """Watches `paths` (files or folders) while the block runs; it gets a function that
    returns once files changed since the last call and then stayed still for a moment."""
    paths = [p.resolve() for p in paths]
    changed = threading.Event()
    handler = _Signal(paths, changed)
    observer = Observer()
    for folder in sorted({p if p.is_dir() else p.parent for p in paths}):
        observer.schedule(handler, str(folder), recursive=folder in paths)
    observer.start()

    def next_change() -> None:
        changed.wait()
        changed.clear()
        while changed.wait(SETTLE_SECONDS):
            changed.clear()

    try:
        yield next_change
    finally:
        observer.stop()
        observer.join()
