"""Work shared out between this process and forked children while it does something else.

A forked child starts with this process's memory as it is (nothing is pickled on the way in),
so work on a large glossary can start at once; only its answers come back, pickled. Used by
the command line only: forking a process that runs other threads (a served site) is unsafe.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.util import Finalize
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# What a child's last message holds instead of an item's index when its work raised.
_RAISED = -1


class Spread(Generic[T, R]):
    """`[work(item) for item in items]`, the items shared out between this process and
    `processes - 1` forked children, each taking the next item whenever it is free: no process
    waits for a slower one (another program may hold a core for a while). The children start
    at once, so this process may do something else before it joins in (`results`).

    A child pickles each answer as it has it, and hands them over at the end one message each:
    read and unpickled one at a time, they reuse the same memory, where one message of them all
    took several fresh copies of its size. An item whose process died without answering is
    worked on here; what the work raised in a child is raised here."""

    def __init__(self, work: Callable[[T], R], items: Sequence[T], processes: int) -> None:
        self._work, self._items = work, items
        context = multiprocessing.get_context("fork")
        self._lock, self._taken = context.Lock(), context.RawValue("l", 0)
        self._children: list[tuple[BaseProcess, Connection]] = []
        for _ in range(processes - 1):
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=self._answer, args=(send,), daemon=True)
            child.start()
            send.close()  # the child holds the only sending end: its exit ends the stream
            self._children.append((child, receive))
        # Left unfinished (an error before `results`, Ctrl-C), the children are killed when
        # this is collected or the program exits, before multiprocessing would wait for them:
        # its own SIGTERM does nothing in a program started with SIGTERM ignored.
        Finalize(self, _kill, args=([child for child, _ in self._children],), exitpriority=1)

    def results(self) -> list[R]:
        """Every item's answer, in the items' order; this process works until none is left."""
        done = {i: self._work(self._items[i]) for i in self._take()}
        raised: list[BaseException] = []
        for child, receive in self._children:
            for index, answer in _messages(receive):
                if index == _RAISED:
                    raised.append(answer)
                else:
                    done[index] = answer
            child.join()
        if raised:
            raise raised[0]
        return [done[i] if i in done else self._work(item) for i, item in enumerate(self._items)]

    def _take(self) -> Iterator[int]:
        while True:
            with self._lock:
                index = self._taken.value
                self._taken.value = index + 1
            if index >= len(self._items):
                return
            yield index

    def _answer(self, send: Connection) -> None:
        """A child's life: the next item's work, pickled, until none is left; then each answer
        sent, or what the work raised."""
        try:
            answers = [
                pickle.dumps((i, self._work(self._items[i])), pickle.HIGHEST_PROTOCOL)
                for i in self._take()
            ]
        except BaseException as error:  # the parent raises it, whatever it is
            answers = [pickle.dumps((_RAISED, error), pickle.HIGHEST_PROTOCOL)]
        for answer in answers:
            send.send_bytes(answer)
        send.close()


def _kill(children: list[BaseProcess]) -> None:
    for child in children:
        if child.is_alive():
            child.kill()  # reaped by multiprocessing, as any child that ended


def _messages(receive: Connection) -> Iterator[tuple[int, Any]]:
    """Each (index, answer) a child sent, until it closed its end (or died)."""
    with receive:
        while True:
            try:
                message = receive.recv_bytes()
            except (EOFError, OSError):  # closed; or died in the middle of a message
                return
            yield pickle.loads(message)


def spread(work: Callable[[T], R], items: Sequence[T], processes: int) -> list[R]:
    """`Spread(work, items, processes).results()`: this process joins in at once."""
    return Spread(work, items, processes).results()
