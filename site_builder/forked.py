"""Work done in a forked child process while this one does something else.

A forked child starts with this process's memory as it is (nothing is pickled on the way in),
so work on a large glossary can start at once; only its result comes back, pickled. Used by
the command line only: forking a process that runs other threads (a served site) is unsafe.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


class Forked(Generic[T]):
    """`work()` running in a child process; `result()` waits for its value."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send), daemon=True)
        self._process.start()
        send.close()  # the child holds the only sending end: its exit ends the stream

    def result(self) -> T:
        """The child's value, or its exception raised here. A child that died without an
        answer (killed, out of memory) leaves the work to be done here."""
        try:
            ok, value = self._receive.recv()
        except EOFError:
            ok, value = True, self._work()
        finally:
            self._receive.close()
            self._process.join()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]


def _run(work: Callable[[], object], send: Connection) -> None:
    try:
        answer: tuple[bool, object] = (True, work())
    except BaseException as error:  # the parent raises it, whatever it is
        answer = (False, error)
    send.send(answer)
    send.close()
