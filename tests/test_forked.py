"""Work in a forked child: its value or its exception comes back; a child that dies without
an answer leaves the work to the parent. Work spread over processes comes back in order."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from site_builder.forked import Forked, spread


def test_the_child_does_the_work_and_its_value_comes_back() -> None:
    parent = os.getpid()
    assert Forked(lambda: (os.getpid() != parent, [1, "two", {"three": 3}])).result() == (
        True,
        [1, "two", {"three": 3}],
    )


def test_a_finished_child_is_reaped() -> None:
    child = Forked(os.getpid).result()
    with pytest.raises(ChildProcessError):  # already waited for: no zombie left behind
        os.waitpid(child, os.WNOHANG)


def test_an_exception_in_the_child_is_raised_in_the_parent() -> None:
    def work() -> None:
        raise ValueError("bad term")

    with pytest.raises(ValueError, match="bad term"):
        Forked(work).result()


def test_a_child_that_dies_without_an_answer_leaves_the_work_to_the_parent() -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            os._exit(3)  # killed, out of memory: no answer
        return "done here"

    assert Forked(work).result() == "done here"


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


def test_spread_over_one_process_is_a_plain_map() -> None:
    assert spread(str, [3, 1, 2], processes=1) == ["3", "1", "2"]
