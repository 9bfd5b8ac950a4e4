"""Work done in a forked child process while this one does something else.

A forked child starts with this process's memory as it is (nothing is pickled on the way in),
so work on a large glossary can start at once; only its result comes back, pickled. Used by
the command line only: forking a process that runs other threads (a served site) is unsafe.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


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


class Spread(Generic[T, R]):
    """`[work(item) for item in items]`, the items shared out between this process and
    `processes - 1` forked children, each taking the next item whenever it is free: no process
    waits for a slower one (another program may hold a core for a while). The children start
    at once, so this process may do something else before it joins in (`results`). A child
    pickles each answer as it has it: what is left when the last item is done is to hand it
    over. An item whose process died without answering is worked on here."""

    def __init__(self, work: Callable[[T], R], items: Sequence[T], processes: int) -> None:
        self._work, self._items = work, items
        context = multiprocessing.get_context("fork")
        self._lock, self._taken = context.Lock(), context.RawValue("l", 0)
        self._children = [Forked(self._pickled) for _ in range(processes - 1)]

    def results(self) -> list[R]:
        """Every item's answer, in the items' order; this process works until none is left."""
        done = {i: self._work(self._items[i]) for i in self._take()}
        for child in self._children:
            done.update((i, pickle.loads(answer)) for i, answer in child.result())
        return [done[i] if i in done else self._work(item) for i, item in enumerate(self._items)]

    def _take(self) -> Iterator[int]:
        while True:
            with self._lock:
                index = self._taken.value
                self._taken.value = index + 1
            if index >= len(self._items):
                return
            yield index

    def _pickled(self) -> list[tuple[int, bytes]]:
        return [
            (i, pickle.dumps(self._work(self._items[i]), pickle.HIGHEST_PROTOCOL))
            for i in self._take()
        ]


def spread(work: Callable[[T], R], items: Sequence[T], processes: int) -> list[R]:
    """`Spread(work, items, processes).results()`: this process joins in at once."""
    return Spread(work, items, processes).results()
