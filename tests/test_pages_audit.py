"""Every page of the real glossary as a reader's Chromium shows it, and as axe-core judges it.

The audit walks every page of the built site in one tab by instant navigation (the way readers
move through it, and fast enough for the whole site): on each, zero KaTeX errors, no TeX left
in the visible text, the concept graph drawn with as many nodes as the page's lists name (up
to the cap) with links that crawlers can follow (`href`, not only `xlink:href`), no console
error and no request off 127.0.0.1.
"""

from __future__ import annotations

import os
import time
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from site_builder.config import GlossaryConfig
from tests.browser import ARTIFACTS, SITEMAP_PARSED, WatchedTab
from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

# `graph_max_neighbours`: mkdocs.yml keeps the default.
CAP = dict(GlossaryConfig._schema)["graph_max_neighbours"].default
AUDIT_SECONDS = 120

READY = "article[data-glossary-ready]:not([data-audit-seen])"

# What one page shows; `problems` is empty when it is right.
PROBE = """cap => {
  const problems = [];
  const article = document.querySelector("article");
  const errors = [...article.querySelectorAll(".katex-error")];
  if (errors.length) problems.push("KaTeX error: " + errors.map(e => e.title || e.textContent));
  const text = article.cloneNode(true);
  text.querySelectorAll("pre, code, .katex, .glossary-mermaid").forEach(e => e.remove());
  const tex = text.textContent.match(/.{0,30}(\\$|\\\\[a-zA-Z]+|\\\\[()\\[\\]{}]|[_^]\\{).{0,30}/g);
  if (tex) problems.push("TeX left as text: " + tex.slice(0, 3).join(" | "));
  if (article.querySelector("pre.glossary-mermaid")) problems.push("graph not drawn");
  const lists = ["prerequisites", "builds-on-this", "related-terms"]
    .map(id => [...article.querySelectorAll(`h2[id="${id}"] + ul > li > a:first-child`)]);
  if (lists.some(l => l.length) || article.querySelector(".glossary-mermaid")) {
    const shown = new Set(lists.flatMap(l => l.slice(0, cap).map(a => a.getAttribute("href"))));
    const more = lists.filter(l => l.length > cap).length;
    const svg = article.querySelector("div.glossary-mermaid")?.shadowRoot?.querySelector("svg");
    const nodes = svg ? svg.querySelectorAll("g.node").length : 0;
    if (nodes !== 1 + shown.size + more)
      problems.push(`graph has ${nodes} nodes, the lists name ${1 + shown.size + more}`);
    if (svg && svg.querySelector("a:not([href])")) problems.push("a graph link has no href");
  }
  return problems;
}"""

# Instant navigation as a click on a link does it; the old article is marked, so the wait
# below can only end on the new page.
GO = """url => {
  document.querySelector("article")?.setAttribute("data-audit-seen", "");
  const link = Object.assign(document.createElement("a"), {href: url});
  document.body.append(link);
  link.click();
  link.remove();
}"""


def site_pages(folder: Path) -> list[str]:
    """Every page of the site, as URL paths relative to its root."""
    paths = sorted(p.relative_to(folder).parent.as_posix() for p in folder.rglob("index.html"))
    return ["" if p == "." else p + "/" for p in paths]


class Tab(WatchedTab):
    """A tab whose console errors and requests off 127.0.0.1 are recorded."""

    def open(self, url: str) -> None:
        """Load `url` afresh and wait until its graphs and math are done."""
        self.page.goto(url)
        self.page.wait_for_selector("article[data-glossary-ready]", state="attached")


class Walker:
    """One tab that walks its share of the pages by instant navigation."""

    def __init__(self, tab: Tab, base: str, paths: list[str]) -> None:
        self.tab, self.base, self.todo = tab, base, list(paths)
        self.current: str | None = None
        tab.open(base)
        tab.page.wait_for_function(SITEMAP_PARSED)  # instant navigation starts with the sitemap
        tab.page.evaluate("() => { window.auditSameDocument = true; }")

    def start_next(self) -> bool:
        """Ask the tab for its next page; False once it has none left."""
        if not self.todo:
            self.current = None
            return False
        self.current = self.todo.pop(0)
        self.tab.page.evaluate(GO, self.base + self.current)
        return True

    def finish(self) -> list[str]:
        """Wait for the page asked for, and what is wrong with it."""
        url = self.base + str(self.current)
        self.tab.page.wait_for_function(
            f"url => location.href.split('#')[0] === url && document.querySelector({READY!r})",
            arg=url,
        )
        problems: list[str] = self.tab.page.evaluate(PROBE, CAP)
        problems += self.tab.errors + self.tab.outside
        self.tab.errors.clear()
        self.tab.outside.clear()
        return problems


# Each tab has its own renderer process, so two tabs draw graphs on both cores.
TABS = 2


def cpu_seconds() -> float:
    """CPU time used so far by this process and everything it started (Chromium's browser,
    zygote and renderers; processes that have ended count in their parent's children time)."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended while we looked
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        used[pid] = sum(int(f) for f in fields[11:15]) / ticks  # utime stime cutime cstime
    ours = {os.getpid()}
    grew = True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in ours} - ours
        ours |= more
        grew = bool(more)
    return sum(used.get(pid, 0.0) for pid in ours)


def test_every_page_renders_its_math_and_graphs(
    chromium: Any, real_site: BuiltSite, real_site_url: str
) -> None:
    pages = site_pages(real_site.folder)
    assert len(pages) > 300
    started, cpu_started = time.monotonic(), cpu_seconds()
    tabs = [Tab(chromium) for _ in range(TABS)]
    try:
        walkers = [Walker(tab, real_site_url, pages[n::TABS]) for n, tab in enumerate(tabs)]
        failures: dict[str, list[str]] = {}
        busy = [w for w in walkers if w.start_next()]
        while busy:
            for walker in list(busy):
                path = str(walker.current)
                problems = walker.finish()
                if problems:
                    failures[path] = problems
                if not walker.start_next():
                    busy.remove(walker)
        same = [w.tab.page.evaluate("() => window.auditSameDocument") for w in walkers]
    finally:
        for tab in tabs:
            tab.close()
    seconds, cpu = time.monotonic() - started, cpu_seconds() - cpu_started
    assert same == [True] * TABS, "expected instant navigation"
    assert failures == {}
    cores = min(TABS, os.cpu_count() or 1)
    print(f"audited {len(pages)} pages in {seconds:.0f} s, {cpu:.0f} CPU s on {cores} cores")
    # The audit's own work, spread over the cores it can use, is what it costs on a machine
    # of its own; the wall clock says the same only when nothing else competes for the cores.
    assert cpu / cores < AUDIT_SECONDS
    if os.getloadavg()[0] <= (os.cpu_count() or 1):
        assert seconds < AUDIT_SECONDS


# -- axe-core, in both palettes ----------------------------------------------------------------

# axe-core's own build, as the axe-playwright-python package carries it (MPL-2.0, licence
# header kept in the file); injected into the page under test.
AXE = (resources.files("axe_playwright_python") / "axe.min.js").read_text("utf-8")
AXE_PAGES = {
    "home": "",
    "term-with-math": "terms/bayes-theorem/",
    "term-with-code": "terms/entropy/",
    "a-z": "a-z/",
    "tag": "tags/reinforcement-learning/",
    "explorer": "explorer/",
}


def axe_violations(page: Any, **options: Any) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(AXE_PAGES))
def test_axe_finds_no_violation(chromium: Any, real_site_url: str, name: str, scheme: str) -> None:
    tab = Tab(chromium, color_scheme=scheme)
    try:
        tab.open(real_site_url + AXE_PAGES[name])
        if name == "explorer":
            tab.page.wait_for_function(
                "() => document.querySelector('.glossary-explorer')?.dataset.firstDrawMs"
            )
        assert axe_violations(tab.page) == []
        assert tab.errors == [] and tab.outside == []
    finally:
        tab.close()


# -- phones ------------------------------------------------------------------------------------

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
LABEL_PX = """() => {
  const svg = document.querySelector("div.glossary-mermaid").shadowRoot.querySelector("svg");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll(".nodeLabel")].map(
    label => parseFloat(getComputedStyle(label).fontSize) * scale);
}"""


def test_graph_labels_stay_readable_on_a_phone(chromium: Any, real_site_url: str) -> None:
    """Machine Learning has the widest graph (ten of each kind, "+N more")."""
    tab = Tab(chromium, **PHONE)
    try:
        tab.open(real_site_url + "terms/machine-learning/")
        sizes = tab.page.evaluate(LABEL_PX)
        assert len(sizes) > 10
        assert min(sizes) >= 12
        # The graph scrolls inside its own box; the page itself does not scroll sideways.
        assert tab.page.evaluate("() => document.documentElement.scrollWidth") <= 390
    finally:
        tab.close()


def test_term_pages_have_a_table_of_contents_on_a_phone(chromium: Any, real_site_url: str) -> None:
    tab = Tab(chromium, **PHONE)
    try:
        tab.open(real_site_url + "terms/bayes-theorem/")
        page = tab.page
        page.locator("label.md-header__button[for='__drawer']").click()
        page.locator(".md-nav--primary label.md-nav__link[for='__toc']").click()
        contents = page.locator(".md-nav--primary .md-nav--secondary a[href$='#expert']")
        contents.wait_for(state="visible")
        contents.click()
        page.wait_for_url("**#expert")
        assert tab.errors == [] and tab.outside == []
    finally:
        tab.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path", ["terms/bayes-theorem/", "terms/entropy/", "terms/machine-learning/"]
)
def test_axe_finds_no_violation_on_a_phone(
    chromium: Any, real_site_url: str, path: str, scheme: str
) -> None:
    """At 390 px graphs, formulas and code scroll sideways in their own boxes: each one that
    does must take keyboard focus (scrollable-region-focusable), on a touch screen too."""
    tab = Tab(chromium, **PHONE, color_scheme=scheme)
    try:
        tab.open(real_site_url + path)
        assert axe_violations(tab.page) == []
    finally:
        tab.close()


@pytest.mark.parametrize("path", ["terms/bayes-theorem/", "a-z/", ""])
def test_tap_targets_are_at_least_24_px(chromium: Any, real_site_url: str, path: str) -> None:
    """axe's target-size rule (WCAG 2.2 AA: 24 by 24 CSS px, or spaced as far apart)."""
    tab = Tab(chromium, **PHONE)
    try:
        tab.open(real_site_url + path)
        assert axe_violations(tab.page, runOnly=["target-size"]) == []
    finally:
        tab.close()


# -- screenshots for a person to look at -------------------------------------------------------

SHOTS = {"term": "terms/bayes-theorem/", "a-z": "a-z/", "explorer": "explorer/"}
SHOT_CONTEXTS: dict[str, dict[str, Any]] = {
    "light": {"color_scheme": "light"},
    "dark": {"color_scheme": "dark"},
    "390px": {**PHONE, "color_scheme": "light"},
}


@pytest.mark.parametrize("context", sorted(SHOT_CONTEXTS))
def test_screenshots(chromium: Any, real_site_url: str, context: str) -> None:
    tab = Tab(chromium, **SHOT_CONTEXTS[context])
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        for name, path in SHOTS.items():
            tab.open(real_site_url + path)
            if name == "explorer":
                tab.page.wait_for_function(
                    "() => document.querySelector('.glossary-explorer')?.dataset.layout"
                    " === 'settled'",
                    timeout=60_000,
                )
            tab.page.screenshot(
                path=str(ARTIFACTS / f"{name}-{context}.png"),
                full_page=name != "explorer",
                timeout=120_000,
            )
        assert tab.errors == [] and tab.outside == []
    finally:
        tab.close()
