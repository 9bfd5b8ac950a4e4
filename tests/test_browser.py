"""The real site in real headless Chromium: graphs, clicks, instant navigation, search."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    OPEN_SHADOW_ROOTS,
    ensure_chromium,
    free_port,
    serve,
)

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser

GRAPH_SVG = "() => document.querySelector('div.mermaid')?.shadowRoot?.querySelector('svg') != null"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("built") / "site"
    # Instant navigation only follows links whose origin matches site_url (port included).
    port = free_port()
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/"}
    result = subprocess.run(["mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    with serve(site, port) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Watched:
    """A page whose console errors and non-loopback requests are recorded."""

    def __init__(self, browser: Any, color_scheme: str = "light") -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900},
                                           color_scheme=color_scheme)
        self.context.add_init_script(OPEN_SHADOW_ROOTS)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)

    def _request(self, request: Any) -> None:
        if not request.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            self.outside.append(request.url)

    def graph_link(self, href: str) -> Any:
        """The anchor of a Mermaid node, inside the (opened) shadow root."""
        self.page.wait_for_function(GRAPH_SVG)
        handle = self.page.evaluate_handle(
            """href => [...document.querySelector('div.mermaid').shadowRoot.querySelectorAll('a')]
                 .find(a => (a.getAttribute('xlink:href') || a.getAttribute('href')) === href)""",
            href,
        )
        assert handle.as_element() is not None, f"no graph node links to {href}"
        return handle.as_element()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.context.close()
    assert page.errors == [], "console errors"
    assert page.outside == [], "requests left 127.0.0.1"


def test_concept_graph_renders_as_svg(watched: Watched, base_url: str) -> None:
    watched.page.goto(base_url + "terms/reinforcement-learning/")
    watched.page.wait_for_function(GRAPH_SVG)
    labels = watched.page.evaluate(
        "() => document.querySelector('div.mermaid').shadowRoot.querySelector('svg').textContent"
    )
    for title in ("Reinforcement Learning", "Machine Learning", "Deep Learning", "Game Theory",
                  "Logistic Regression"):
        assert title in labels


def test_clicking_a_graph_node_opens_its_page(watched: Watched, base_url: str) -> None:
    watched.page.goto(base_url + "terms/reinforcement-learning/")
    watched.graph_link("../machine-learning/").click()
    watched.page.wait_for_url(base_url + "terms/machine-learning/")
    assert watched.page.title().startswith("Machine Learning - ")


def test_graph_links_work_after_instant_navigation(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "terms/reinforcement-learning/")
    # Material enables instant navigation once its sitemap has arrived.
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__samePage = true; }")
    page.locator("#prerequisites + ul a", has_text="Machine Learning").click()
    page.wait_for_url(base_url + "terms/machine-learning/")
    assert page.evaluate("() => window.__samePage === true"), "expected instant navigation"
    watched.graph_link("../deep-learning/").click()
    page.wait_for_url(base_url + "terms/deep-learning/")
    assert page.title().startswith("Deep Learning - ")


def test_searching_an_alias_finds_its_term(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("SGD", delay=50)
    result = page.locator(".md-search-result__item", has_text="Stochastic Gradient Descent")
    result.first.wait_for(timeout=10_000)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_term_page(browser: Any, base_url: str, scheme: str) -> None:
    """Saved for a person to look at (test-artifacts/); asserts the page is clean too."""
    watched = Watched(browser, color_scheme=scheme)
    watched.page.goto(base_url + "terms/reinforcement-learning/")
    watched.page.wait_for_function(GRAPH_SVG)
    watched.page.wait_for_function("() => document.querySelector('.katex') != null")
    ARTIFACTS.mkdir(exist_ok=True)
    watched.page.screenshot(path=str(ARTIFACTS / f"reinforcement-learning-{scheme}.png"),
                            full_page=True)
    watched.context.close()
    assert watched.errors == [] and watched.outside == []
