"""Term files watched through the operating system's file events under `mkdocs serve`.

mkdocs polls what it watches every half second, so a saved term waits 0.25 s on average (up to
0.5 s) before its rebuild starts, and each poll reads the state of every file again. The terms
folder is watched instead with watchdog's native observer (inotify, FSEvents, kqueue or
ReadDirectoryChangesW), which wakes the server's rebuild as soon as a file is written. Where
that observer cannot start (no native backend, the system's watch limit reached) or the server
is not the `LiveReloadServer` of mkdocs 1.6 this was written for, the folder is polled by mkdocs
as before.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.glossary")

# What changes a file. Opening or reading one (as every build does) is not a change.
CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})


class _Wake(FileSystemEventHandler):
    """Asks the server for a rebuild, as mkdocs' own watch callback does."""

    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
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
