"""Watching term files: a write wakes the watcher at once; reading a file (as every build
does) or writing beside the watched paths does not."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirModifiedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)
from watchdog.observers.polling import PollingObserver

from site_builder import watch
from site_builder.watch import _Signal, _Wake, file_changes, watch_terms


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
        FileDeletedEvent(inside),
        FileClosedEvent(inside),
        FileModifiedEvent(str(config)),
        FileMovedEvent(beside, inside),  # renamed into the folder, as editors save
    ]:
        changed.clear()
        signal.on_any_event(event)
        assert changed.is_set(), event


def _returned(next_change: Callable[[], None]) -> threading.Event:
    """An event set once `next_change()`, called in a thread of its own, returns."""
    returned = threading.Event()

    def wait() -> None:
        next_change()
        returned.set()

    threading.Thread(target=wait, daemon=True).start()
    return returned


def test_a_write_under_a_watched_folder_is_seen(tmp_path: Path) -> None:
    terms = tmp_path / "terms"
    (terms / "deeper").mkdir(parents=True)
    with file_changes([terms]) as next_change:
        seen = _returned(next_change)
        (terms / "deeper" / "term.yaml").write_text("title: T\n", "utf-8")
        assert seen.wait(timeout=30)


def test_a_burst_of_writes_is_one_change_once_the_writes_stop(tmp_path: Path) -> None:
    """An editor's save can be several writes in a row, some of them while the watcher settles
    (they are closer together than its settling time here): it still returns once they stop."""
    term = tmp_path / "a.yaml"
    with file_changes([tmp_path]) as next_change:
        returned = _returned(next_change)
        for n in range(10):
            term.write_text(f"title: T{n}\n", "utf-8")
            time.sleep(watch.SETTLE_SECONDS / 4)
        assert returned.wait(timeout=10)


def test_the_watch_stops_with_its_block(tmp_path: Path) -> None:
    """`glossary render --watch` leaves no watching thread behind when it ends."""
    before = set(threading.enumerate())
    with file_changes([tmp_path]):
        started = set(threading.enumerate()) - before
    assert started
    assert [t for t in started if t.is_alive()] == []


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveReloadServer]:
    """mkdocs' own live-reload server, not started: what `mkdocs serve` hands the plugin."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    yield server
    server.server_close()


def test_a_term_write_wakes_the_server_at_once(
    tmp_path: Path, server: LiveReloadServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.glossary")
    observer = watch_terms(server, tmp_path)
    assert observer is not None
    try:
        (tmp_path / "a.yaml").write_text("title: A\n", "utf-8")
        with server._rebuild_cond:
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=30)
    finally:
        observer.stop()
        observer.join()
    assert server._watched_paths == {}  # mkdocs does not poll the folder as well
    ours = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.glossary"]
    assert ours == [f"glossary: watching {tmp_path} with file events"]


def test_reading_a_term_file_does_not_wake_the_server(
    tmp_path: Path, server: LiveReloadServer
) -> None:
    """Every build opens and reads the term files: were that a change, serve would rebuild
    forever."""
    wake = _Wake(server)
    path = str(tmp_path / "a.yaml")
    for event in [
        FileOpenedEvent(path),
        FileClosedNoWriteEvent(path),
        DirModifiedEvent(str(tmp_path)),
    ]:
        wake.on_any_event(event)
        assert not server._want_rebuild, event
    wake.on_any_event(FileClosedEvent(path))  # closed after writing
    assert server._want_rebuild


def test_a_write_in_a_subfolder_wakes_the_server_too(
    tmp_path: Path, server: LiveReloadServer
) -> None:
    """A term file may be a link to a file in a folder below the terms."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "a.yaml").write_text("title: A\n", "utf-8")
    (tmp_path / "a.yaml").symlink_to(Path("shared") / "a.yaml")
    observer = watch_terms(server, tmp_path)
    assert observer is not None
    try:
        (tmp_path / "shared" / "a.yaml").write_text("title: B\n", "utf-8")
        with server._rebuild_cond:
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=10)
    finally:
        observer.stop()
        observer.join()


def test_a_folder_file_events_cannot_watch_is_polled_by_mkdocs(
    tmp_path: Path, server: LiveReloadServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.glossary")
    missing = tmp_path / "missing"
    assert watch_terms(server, missing) is None
    assert server._watched_paths == {str(missing): 1}
    assert [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.glossary"] == [
        f"glossary: polling {missing} for changes (no file events: [Errno 2] No such file or "
        "directory)"
    ]


def test_without_native_file_events_mkdocs_polls_the_folder(
    tmp_path: Path, server: LiveReloadServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch, "Observer", PollingObserver)  # as on a system without inotify
    assert watch_terms(server, tmp_path) is None
    assert server._watched_paths == {str(tmp_path): 1}


class _OtherServer:
    """A server that is not mkdocs 1.6's LiveReloadServer: it only offers `watch`."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


class _HalfServer(_OtherServer):
    """One that has a rebuild condition but no rebuild flag to set."""

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_cond = threading.Condition()


@pytest.mark.parametrize("other", [_OtherServer, _HalfServer])
def test_another_server_is_asked_to_poll_the_folder(
    tmp_path: Path, other: type[_OtherServer]
) -> None:
    server = other()
    assert watch_terms(server, tmp_path) is None
    assert server.watched == [str(tmp_path)]
