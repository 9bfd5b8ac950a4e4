"""Work spread over forked children: their answers or their exceptions come back, in order; a
child that dies without answering leaves its items to the parent."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import struct
import subprocess
import sys
import time

import pytest

from site_builder import forked
from site_builder.forked import spread
from tests.helpers import forks


def test_a_childs_answers_come_back_whole() -> None:
    parent, child_did_one = os.getpid(), multiprocessing.get_context("fork").Event()

    def work(item: int) -> tuple[bool, list[object]]:
        if os.getpid() == parent:  # this process answers nothing before a child has
            assert child_did_one.wait(timeout=30)
        else:
            child_did_one.set()
        return os.getpid() != parent, [item, "two", {"three": 3}]

    done = spread(work, range(20), processes=2)
    assert [answer for _, answer in done] == [[i, "two", {"three": 3}] for i in range(20)]
    assert any(by_child for by_child, _ in done)


def test_finished_children_are_reaped() -> None:
    parent, child_did_one = os.getpid(), multiprocessing.get_context("fork").Event()

    def work(item: int) -> int:
        if os.getpid() == parent:
            assert child_did_one.wait(timeout=30)
        else:
            child_did_one.set()
        return os.getpid()

    pids = set(spread(work, range(40), processes=3)) - {parent}
    assert pids  # a child did some of it
    for pid in pids:
        with pytest.raises(ChildProcessError):  # already waited for: no zombie left behind
            os.waitpid(pid, os.WNOHANG)


def test_spread_work_comes_back_in_order_from_every_process() -> None:
    context = multiprocessing.get_context("fork")
    other_did_one, calls = context.Event(), context.Value("i", 0)

    def work(item: int) -> tuple[int, int]:
        with calls.get_lock():
            calls.value += 1
        if item == 0:  # whoever takes the first item waits for another process to do one
            assert other_did_one.wait(timeout=30)
        else:
            other_did_one.set()
        return item * item, os.getpid()

    done = spread(work, range(200), processes=2)
    assert [square for square, _ in done] == [i * i for i in range(200)]
    assert len({pid for _, pid in done}) == 2
    assert calls.value == 200  # each item once


def test_spread_work_of_a_child_that_dies_is_done_here() -> None:
    parent = os.getpid()

    def work(item: int) -> int:
        if os.getpid() != parent:
            os._exit(3)
        return -item

    assert spread(work, range(50), processes=3) == [-i for i in range(50)]


def test_spread_raises_what_the_work_raises() -> None:
    def work(item: int) -> int:
        if item == 7:
            raise ValueError(f"bad item {item}")
        return item

    with pytest.raises(ValueError, match="bad item 7"):
        spread(work, range(20), processes=2)


def test_what_the_work_raises_in_a_child_is_raised_here() -> None:
    parent, child_took_one = os.getpid(), multiprocessing.get_context("fork").Event()

    def work(item: int) -> int:
        if os.getpid() == parent:
            assert child_took_one.wait(timeout=30)
            return item
        child_took_one.set()
        raise KeyError(f"child's item {item}")

    with pytest.raises(KeyError, match="child's item"):
        spread(work, range(20), processes=2)


def test_spread_over_one_process_is_a_plain_map() -> None:
    assert spread(str, [3, 1, 2], processes=1) == ["3", "1", "2"]


def test_a_message_cut_short_ends_a_childs_answers_after_its_whole_ones() -> None:
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    send.send_bytes(pickle.dumps((0, "zero")))
    os.write(send.fileno(), struct.pack("!i", 100) + b"ten bytes.")  # then the child died
    send.close()
    assert list(forked._messages(receive)) == [(0, "zero")]
    assert receive.closed


def test_spread_over_three_processes_forks_two_children() -> None:
    before = forks()
    assert spread(str, range(10), processes=3) == [str(i) for i in range(10)]
    assert forks() - before == 2


@pytest.mark.parametrize("sigterm", [signal.SIG_DFL, signal.SIG_IGN])
@pytest.mark.parametrize("spread", ["left = Spread", "Spread"])  # kept to the end, or dropped
def test_a_spread_left_unfinished_never_holds_the_program_at_exit(
    sigterm: int, spread: str
) -> None:
    """An error between starting the children and joining in (or Ctrl-C) ends the program at
    once: the children are stopped with it, not waited for, also where the program was
    started with SIGTERM ignored (a child inherits that)."""
    code = f"import time\nfrom site_builder.forked import Spread\n{spread}(time.sleep, [60], 2)\n"
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        timeout=30,
        preexec_fn=lambda: signal.signal(signal.SIGTERM, sigterm),
    )
    assert time.monotonic() - started < 20
