"""The real site in real headless Chromium: graphs, clicks, instant navigation, search."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect

from tests.browser import ARTIFACTS, SIGNAL_TIMEOUT_MS, SITEMAP_PARSED, WatchedTab

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser

GRAPH = "document.querySelector('div.glossary-mermaid')"
GRAPH_SVG = f"() => {GRAPH}?.shadowRoot?.querySelector('svg') != null"


@pytest.fixture(scope="module")
def base_url(real_site_url: str) -> str:
    return real_site_url


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Any:
    return chromium


def arrive(page: Any, url: str) -> None:
    """Wait for `url`; Material's navigation.tracking may add the visible section's #anchor."""
    page.wait_for_url(re.compile(re.escape(url) + r"(#.*)?$"))


def instantly_to_machine_learning(page: Any, base_url: str) -> None:
    """From the RL page to Machine Learning by a list link, asserting instant navigation."""
    page.goto(base_url + "terms/reinforcement-learning/")
    page.wait_for_function(SITEMAP_PARSED)
    page.evaluate("() => { window.__samePage = true; }")
    page.locator("#prerequisites + ul a", has_text="Machine Learning").click()
    arrive(page, base_url + "terms/machine-learning/")
    assert page.evaluate("() => window.__samePage === true"), "expected instant navigation"


class Watched(WatchedTab):
    """A page whose console errors and non-loopback requests are recorded."""

    def __init__(self, browser: Any, color_scheme: str = "light") -> None:
        super().__init__(browser, color_scheme=color_scheme)
        self.context.set_default_timeout(SIGNAL_TIMEOUT_MS)

    def graph_link(self, href: str) -> Any:
        """The anchor of a Mermaid node, inside the (opened) shadow root."""
        self.page.wait_for_function(GRAPH_SVG)
        handle = self.page.evaluate_handle(
            f"""href => [...{GRAPH}.shadowRoot.querySelectorAll('a')]
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
    labels = watched.page.evaluate(f"() => {GRAPH}.shadowRoot.querySelector('svg').textContent")
    for title in (
        "Reinforcement Learning",
        "Machine Learning",
        "Deep Learning",
        "Game Theory",
        "Logistic Regression",
    ):
        assert title in labels


def test_clicking_a_graph_node_opens_its_page(watched: Watched, base_url: str) -> None:
    watched.page.goto(base_url + "terms/reinforcement-learning/")
    watched.graph_link("../machine-learning/").click()
    arrive(watched.page, base_url + "terms/machine-learning/")
    assert watched.page.title().startswith("Machine Learning - ")


def test_graph_links_work_after_instant_navigation(watched: Watched, base_url: str) -> None:
    page = watched.page
    instantly_to_machine_learning(page, base_url)
    watched.graph_link("../statistics/").click()
    arrive(page, base_url + "terms/statistics/")
    assert page.title().startswith("Statistics - ")


def test_searching_an_alias_finds_its_term(watched: Watched, base_url: str) -> None:
    page = watched.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    # The index is fetched on first use of the search box, not by every first view.
    assert not any(u.endswith("search_index.json") for u in fetched)
    page.locator("input.md-search__input").click()
    page.keyboard.type("SGD", delay=50)
    # The count replaces "Initializing search" once the search worker has built its index and
    # answered the query: the signal to wait for, however long a busy machine takes to get there.
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile(r"\d+ matching documents?"), timeout=SIGNAL_TIMEOUT_MS)
    result = page.locator(".md-search-result__item", has_text="Stochastic Gradient Descent")
    expect(result.first).to_be_visible(timeout=SIGNAL_TIMEOUT_MS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_term_page(browser: Any, base_url: str, scheme: str) -> None:
    """Saved for a person to look at (test-artifacts/); asserts the page is clean too."""
    watched = Watched(browser, color_scheme=scheme)
    watched.page.goto(base_url + "terms/reinforcement-learning/")
    watched.page.wait_for_function(GRAPH_SVG)
    watched.page.wait_for_function("() => document.querySelector('.katex') != null")
    ARTIFACTS.mkdir(exist_ok=True)
    watched.page.screenshot(
        path=str(ARTIFACTS / f"reinforcement-learning-{scheme}.png"), full_page=True
    )
    watched.context.close()
    assert watched.errors == [] and watched.outside == []


EXPLORER_DRAWN = "() => document.querySelector('.glossary-explorer')?.dataset.firstDrawMs"
# Data attributes the explorer sets: the force layout has stopped, the view has finished
# gliding to the chosen term, and which term is under the pointer.
EXPLORER_SETTLED = (
    "() => document.querySelector('.glossary-explorer')?.dataset.layout === 'settled'"
)
EXPLORER_STILL = "() => document.querySelector('.glossary-explorer').dataset.view === 'still'"
EXPLORER_HOVERED = "id => document.querySelector('.glossary-explorer').dataset.hovered === id"


def test_explorer_draws_the_whole_glossary(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "explorer/")
    page.wait_for_function(EXPLORER_DRAWN)
    nodes = len(json.loads(urlopen(base_url + "graph.json").read())["nodes"])
    assert nodes >= 120
    assert page.evaluate("() => window.glossaryExplorer.visibleCount()") == nodes
    assert page.locator(".glossary-explorer__canvas canvas").count() >= 1


def test_explorer_filters_hide_nodes(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "explorer/")
    page.wait_for_function(EXPLORER_DRAWN)
    everything = page.evaluate("() => window.glossaryExplorer.visibleCount()")
    page.locator(".glossary-explorer__tag").select_option("reinforcement-learning")
    tagged = page.evaluate("() => window.glossaryExplorer.visibleCount()")
    assert 0 < tagged < everything
    page.locator(".glossary-explorer__tag").select_option("")
    # Keyboard only: find a term by its alias, then narrow to its neighbourhood.
    page.locator(".glossary-explorer__search").focus()
    page.keyboard.type("RL")
    page.keyboard.press("Enter")
    page.locator(".glossary-explorer__hops").select_option("1")
    around = page.evaluate("() => window.glossaryExplorer.visibleCount()")
    assert 1 < around < everything
    assert (
        "chosen: Reinforcement Learning" in page.locator(".glossary-explorer__status").inner_text()
    )
    page.locator(".glossary-explorer__open").focus()
    page.keyboard.press("Enter")
    arrive(page, base_url + "terms/reinforcement-learning/")


def test_clicking_an_explorer_node_opens_its_page(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "explorer/")
    page.wait_for_function(EXPLORER_SETTLED)  # nodes no longer move
    page.evaluate("() => window.glossaryExplorer.choose('machine-learning')")
    page.wait_for_function(EXPLORER_STILL)  # the view has glided to the chosen node
    point = page.evaluate("() => window.glossaryExplorer.screenPosition('machine-learning')")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(EXPLORER_HOVERED, arg="machine-learning")
    page.mouse.click(point["x"], point["y"])
    arrive(page, base_url + "terms/machine-learning/")


def test_hover_and_focus_show_a_preview_after_instant_navigation(
    watched: Watched, base_url: str
) -> None:
    page = watched.page
    instantly_to_machine_learning(page, base_url)
    link = page.locator("#builds-on-this + ul a", has_text="Supervised Learning").first
    link.hover()
    preview = page.locator(".glossary-preview")
    preview.wait_for(state="visible")
    assert preview.inner_text().startswith("Supervised Learning\n")
    page.mouse.move(0, 0)
    preview.wait_for(state="hidden")
    link.focus()
    preview.wait_for(state="visible")
    assert link.get_attribute("aria-describedby") == "glossary-preview"


def test_reading_level_is_remembered_across_pages(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "terms/reinforcement-learning/")
    page.wait_for_function(SITEMAP_PARSED)  # the link below is followed by instant navigation
    page.locator(".glossary-level-switch button[data-level='expert-only']").click()
    assert not page.locator("#eli5").is_visible()
    page.locator("#prerequisites + ul a", has_text="Machine Learning").click()  # instant
    arrive(page, base_url + "terms/machine-learning/")
    page.locator("#expert").wait_for(state="visible")
    assert not page.locator("#eli5").is_visible()
    assert page.locator("button[data-level='expert-only']").get_attribute("aria-pressed") == "true"
    page.reload()
    assert not page.locator("#eli5").is_visible()
    page.locator(".glossary-level-switch button[data-level='expert-first']").click()
    eli5_y = page.locator("#eli5").bounding_box()["y"]
    expert_y = page.locator("#expert").bounding_box()["y"]
    assert expert_y < eli5_y


def test_concept_graph_follows_the_palette_switch(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "terms/reinforcement-learning/")
    page.wait_for_function(GRAPH_SVG)
    # Node fills are a translucent accent over the page; labels and edges switch colour.
    label_colour = f"() => getComputedStyle({GRAPH}.shadowRoot.querySelector('.nodeLabel')).color"
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    before, light = page.evaluate(label_colour), page.evaluate(scheme)
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function(f"() => ({scheme})() !== {light!r}")
    page.wait_for_function(f"before => ({label_colour})() !== before", arg=before)


def test_libraries_load_only_on_the_pages_that_use_them(watched: Watched, base_url: str) -> None:
    page = watched.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    libraries = ("katex.min.js", "katex.min.css", "explorer.js", "search_index.json")
    assert [u for u in fetched if u.endswith(libraries) or "/vendor/" in u] == []
    # Instant navigation to a term page: its graph is drawn and its math typeset on arrival.
    page.evaluate("() => { window.__samePage = true; }")
    page.locator("article a", has_text="Large Language Model").first.click()
    arrive(page, base_url + "terms/large-language-model/")
    assert page.evaluate("() => window.__samePage === true"), "expected instant navigation"
    page.wait_for_function(GRAPH_SVG)
    page.wait_for_function("() => document.querySelector('.arithmatex .katex') != null")
    mermaid = [u for u in fetched if "/vendor/mermaid/" in u]
    assert any(u.endswith("mermaid.esm.min.mjs") for u in mermaid)
    assert any("/flowDiagram-" in u for u in mermaid)
    assert not any(
        "force-graph" in u or u.endswith(("explorer.js", "search_index.json")) for u in fetched
    )
