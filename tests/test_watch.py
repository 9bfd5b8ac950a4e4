"""Watching term files: a write wakes the watcher at once; reading a file (as every build
does) or writing beside the watched paths does not."""

from __future__ import annotations

import threading
from pathlib import Path

from watchdog.events import (
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from site_builder.watch import _Signal, file_changes


def test_only_changes_to_watched_files_count(tmp_path: Path) -> None:
    terms = tmp_path / "terms"
    terms.mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", "utf-8")
    changed = threading.Event()
    signal = _Signal([terms, config], changed)
    inside, beside = str(terms / "a.yaml"), str(tmp_path / "notes.txt")
    quiet = [
        FileOpenedEvent(inside),
        FileClosedNoWriteEvent(inside),
        FileModifiedEvent(beside),
        FileModifiedEvent(str(tmp_path / "terms-old" / "a.yaml")),  # a name that only starts so
    ]
    for event in quiet:
        signal.on_any_event(event)
        assert not changed.is_set(), event
    for event in [
        FileModifiedEvent(inside),
        FileCreatedEvent(inside),
        FileClosedEvent(inside),
        FileModifiedEvent(str(config)),
        FileMovedEvent(beside, inside),  # renamed into the folder, as editors save
    ]:
        changed.clear()
        signal.on_any_event(event)
        assert changed.is_set(), event


def test_a_write_under_a_watched_folder_is_seen(tmp_path: Path) -> None:
    terms = tmp_path / "terms"
    (terms / "deeper").mkdir(parents=True)
    seen = threading.Event()
    with file_changes([terms]) as next_change:

        def wait() -> None:
            next_change()
            seen.set()

        waiter = threading.Thread(target=wait, daemon=True)
        waiter.start()
        (terms / "deeper" / "term.yaml").write_text("title: T\n", "utf-8")
        waiter.join(timeout=30)
    assert seen.is_set()
