"""Learner progress in real Chromium: "I know this term", learning paths with known terms done,
and the "Path to a goal" page (reading order, URL round trip, instant navigation, keyboard)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import (
    SITEMAP_PARSED,
    SITEMAP_SIGNAL,
    free_port,
    serve,
)
from tests.helpers import term
from tests.sites import build, make_project, starter_terms

pytestmark = pytest.mark.browser

# probability → machine-learning → click → graph → large-language-model, and a diamond:
# probability → loss → training ← machine-learning.
TERMS = {
    **starter_terms(),
    "loss": term("Loss", prerequisites=["probability"], overview=" ".join(["word"] * 450)),
    "training": term("Training", prerequisites=["loss", "machine-learning"]),
}
READY = ".glossary-progress[data-ready]"
GOAL_READY = ".glossary-goal[data-ready]"


def ready(page: Any, term_id: str) -> None:
    """Wait until `term_id`'s page (not the one before it) has its progress controls."""
    page.wait_for_selector(f'{READY} [data-term="{term_id}"]')


def built_site(root: Path, port: int, directory_urls: bool = True) -> Path:
    make_project(root, TERMS)
    config = root / "mkdocs.yml"
    # Instant navigation only follows links whose origin matches site_url (port included).
    text = re.sub(r"(?m)^site_url: .*$", f"site_url: http://127.0.0.1:{port}/", config.read_text())
    text += f"use_directory_urls: {str(directory_urls).lower()}\n"
    config.write_text(text, "utf-8")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    with serve(built_site(tmp_path_factory.mktemp("progress"), port), port) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Any:
    """The session's Chromium: a second sync Playwright in one thread fails to start."""
    return chromium


class Reader:
    """A fresh browser profile (empty localStorage) recording errors and every request."""

    def __init__(self, browser: Any, javascript: bool = True) -> None:
        self.context = browser.new_context(java_script_enabled=javascript)
        self.context.add_init_script(SITEMAP_SIGNAL)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))


@pytest.fixture
def reader(browser: Any) -> Iterator[Reader]:
    reader = Reader(browser)
    yield reader
    reader.context.close()
    assert reader.errors == []


# From the end of the learning path's list to the next heading: the progress line between them.
GAP_AFTER_PATH = """() => document.querySelector("#builds-on-this").getBoundingClientRect().top -
  document.querySelector("#learning-path ~ ol").getBoundingClientRect().bottom"""


def path_items(page: Any) -> list[str]:
    """The learning path of a term page: each item's text (link title and done mark)."""
    items = page.locator("#learning-path ~ ol").first.locator("li").all_inner_texts()
    return [" ".join(text.split()) for text in items]


def goal_list(page: Any) -> list[str]:
    return page.locator(".glossary-goal__list li a").all_inner_texts()  # type: ignore[no-any-return]


def instantly(page: Any, link: Any, url: str) -> None:
    """Follow `link` and assert Material's instant navigation took it (no page load)."""
    page.wait_for_function(SITEMAP_PARSED)
    page.evaluate("() => { window.__samePage = true; }")
    link.click()
    page.wait_for_url(re.compile(re.escape(url) + r"([?#].*)?$"))
    assert page.evaluate("() => window.__samePage === true"), "expected instant navigation"


def test_known_terms_show_as_done_on_learning_paths_after_instant_navigation(
    reader: Reader, site_url: str
) -> None:
    page = reader.page
    page.goto(site_url + "terms/large-language-model/")
    page.wait_for_selector(READY)
    status = page.locator(".glossary-path-progress")
    assert status.inner_text() == "4 terms of 4 still to read first, about 1 minute."
    page.goto(site_url + "terms/machine-learning/")
    button = page.get_by_role("button", name="I know this term")
    page.wait_for_selector(READY)
    assert button.get_attribute("aria-pressed") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    # On to Click, then Large Language Model, by links: the page is never reloaded.
    instantly(
        page, page.locator("#builds-on-this + ul a", has_text="Click"), site_url + "terms/click/"
    )
    ready(page, "click")
    assert path_items(page) == ["Probability ✓ covered by a known term", "Machine Learning ✓ known"]
    assert page.locator(".glossary-path-progress").inner_text() == (
        "You know everything this term builds on."
    )
    instantly(
        page, page.locator("#builds-on-this + ul a", has_text="Graph"), site_url + "terms/graph/"
    )
    ready(page, "graph")
    assert page.locator(".glossary-path-progress").inner_text() == (
        "1 term of 3 still to read first, about 1 minute."
    )
    assert page.locator("#learning-path ~ ol li.glossary-done").count() == 2


def test_the_reading_time_counts_the_words_still_to_read(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url + "terms/training/")
    page.wait_for_selector(READY)
    # Loss has 450 words of overview: with the short terms beside it, three minutes at 200 a minute.
    assert page.locator(".glossary-path-progress").inner_text() == (
        "3 terms of 3 still to read first, about 3 minutes."
    )


def test_the_goal_page_lists_what_remains_in_reading_order(reader: Reader, site_url: str) -> None:
    page = reader.page
    # The term page's own learning path and the goal page agree on the order.
    page.goto(site_url + "terms/training/")
    page.wait_for_selector(READY)
    on_term_page = page.locator("#learning-path ~ ol").first.locator("a").all_inner_texts()
    page.goto(site_url + "path/?goal=training")
    page.wait_for_selector(GOAL_READY)
    assert goal_list(page) == [*on_term_page, "Training"]
    assert goal_list(page) == ["Probability", "Loss", "Machine Learning", "Training"]
    # A known term stands for what only it needs: Machine Learning known, Probability stays
    # (Loss needs it); Loss known too, only Training is left.
    page.goto(site_url + "path/?goal=training&known=machine-learning")
    page.wait_for_selector(GOAL_READY)
    assert goal_list(page) == ["Probability", "Loss", "Training"]
    page.goto(site_url + "path/?goal=training&known=loss,machine-learning")
    page.wait_for_selector(GOAL_READY)
    assert goal_list(page) == ["Training"]
    assert (
        page.locator(".glossary-goal__summary")
        .inner_text()
        .startswith("1 term to read, Training last: about 1 minute; 2 known terms set aside.")
    )


def test_a_path_goes_round_trip_through_its_url(browser: Any, site_url: str) -> None:
    sender = Reader(browser)
    page = sender.page
    page.goto(site_url + "terms/loss/")
    page.wait_for_selector(READY)
    page.get_by_role("button", name="I know this term").click()
    page.goto(site_url + "path/")
    page.wait_for_selector(GOAL_READY)
    page.get_by_label("Goal").select_option("training")
    assert goal_list(page) == ["Probability", "Machine Learning", "Training"]
    shared = page.url
    assert shared == site_url + "path/?goal=training&known=loss"
    assert page.locator(".glossary-goal__link").get_attribute("href") == shared
    sender.context.close()
    # Loss known: Probability stays, as Machine Learning needs it too.
    # Someone else, with nothing marked: the link alone gives the same path.
    friend = Reader(browser)
    friend.page.goto(shared)
    friend.page.wait_for_selector(GOAL_READY)
    assert goal_list(friend.page) == ["Probability", "Machine Learning", "Training"]
    assert friend.page.get_by_label("Goal").input_value() == "training"
    # Opening it stored nothing: the friend's own term pages are unmarked.
    friend.page.goto(site_url + "terms/loss/")
    friend.page.wait_for_selector(READY)
    assert (
        friend.page.get_by_role("button", name="I know this term").get_attribute("aria-pressed")
        == "false"
    )
    assert sender.errors == friend.errors == []
    friend.context.close()


def test_the_goal_page_by_keyboard_only(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url + "path/")
    page.wait_for_selector(GOAL_READY)
    for _ in range(80):  # Tab from the top of the page to the goal
        if page.evaluate("() => document.activeElement.id") == "glossary-goal-term":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "glossary-goal-term"
    page.keyboard.type("Large")  # type-ahead picks "Large Language Model"
    page.wait_for_function("() => document.querySelectorAll('.glossary-goal__list li').length")
    assert goal_list(page)[-1] == "Large Language Model" and len(goal_list(page)) == 5
    focused = "() => document.activeElement.getAttribute('aria-label')"
    for _ in range(10):
        if page.evaluate(focused) == "I know Probability":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert goal_list(page) == ["Machine Learning", "Click", "Graph", "Large Language Model"]
    # Focus moves to the next term's button, so the reader can keep going.
    assert page.evaluate(focused) == "I know Machine Learning"
    page.keyboard.press("Space")
    assert goal_list(page) == ["Click", "Graph", "Large Language Model"]
    assert "known=machine-learning,probability" in page.url


def test_the_goal_page_after_instant_navigation_from_a_term(reader: Reader, site_url: str) -> None:
    page = reader.page
    page.goto(site_url + "terms/graph/")
    page.wait_for_selector(READY)
    page.get_by_role("button", name="I know this term").click()
    link = page.get_by_role("link", name="Plan a path to it")
    instantly(page, link, site_url + "path/")
    page.wait_for_selector(GOAL_READY)
    assert page.url == site_url + "path/?goal=graph&known=graph"
    assert page.locator(".glossary-goal__summary").inner_text() == (
        "You have marked Graph as known: nothing left to read."
    )
    instantly(page, page.get_by_role("link", name="A–Z index").first, site_url + "a-z/")
    instantly(page, page.get_by_role("link", name="Path to a goal").first, site_url + "path/")
    page.wait_for_selector(GOAL_READY)
    assert page.url == site_url + "path/?known=graph"  # the stored mark, from storage


def test_progress_controls_move_nothing_and_fetch_only_from_the_site(
    browser: Any, reader: Reader, site_url: str
) -> None:
    plain = Reader(browser, javascript=False)
    plain.page.goto(site_url + "terms/training/")
    without = plain.page.locator("#concept-graph").bounding_box()
    gap_without = plain.page.evaluate(GAP_AFTER_PATH)
    assert not plain.page.locator(".glossary-progress").is_visible()  # no dead button
    plain.context.close()
    page = reader.page
    page.goto(site_url + "terms/training/")
    page.wait_for_selector(READY)
    assert page.locator(".glossary-known").is_visible()
    assert page.locator("#concept-graph").bounding_box() == without
    # The path's progress line has its space before it has its text.
    assert page.locator(".glossary-path-progress").inner_text().startswith("3 terms of 3")
    assert page.evaluate(GAP_AFTER_PATH) == gap_without
    assert all(url.startswith(site_url) for url in reader.requests), reader.requests


def test_without_directory_urls(browser: Any, tmp_path: Path) -> None:
    port = free_port()
    site = built_site(tmp_path, port, directory_urls=False)
    assert (site / "path.html").is_file()
    with serve(site, port) as url:
        reader = Reader(browser)
        page = reader.page
        page.goto(url + "terms/training.html")
        page.wait_for_selector(READY)
        page.get_by_role("button", name="I know this term").click()
        page.get_by_role("link", name="Plan a path to it").click()
        page.wait_for_selector(GOAL_READY)
        assert page.url == url + "path.html?goal=training&known=training"
        page.goto(url + "path.html?goal=large-language-model&known=click")
        page.wait_for_selector(GOAL_READY)
        assert goal_list(page) == ["Graph", "Large Language Model"]
        page.get_by_role("link", name="Graph", exact=True).click()
        page.wait_for_url(url + "terms/graph.html")
        assert reader.errors == []
        reader.context.close()
