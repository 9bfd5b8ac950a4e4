"""Work in a forked child: its value or its exception comes back; a child that dies without
an answer leaves the work to the parent."""

from __future__ import annotations

import os

import pytest

from site_builder.forked import Forked


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
