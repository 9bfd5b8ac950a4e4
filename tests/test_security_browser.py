"""A site built from a hostile glossary, in real Chromium: no dialog, no request off
127.0.0.1, no console error — with hover previews, graphs and the explorer exercised."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import (
    OPEN_SHADOW_ROOTS,
    SIGNAL_TIMEOUT_MS,
    free_port,
    serve,
)
from tests.helpers import term
from tests.sites import make_project, starter_terms
from tests.test_security import ATTACKS

pytestmark = pytest.mark.browser

TITLES = [
    '%%{init: {"themeCSS": "body{background:url(https://evil.example/css)}"}}%%',
    '<img src=x onerror=alert("title")>',
    'A"]\n  click t_end "javascript:alert(1)',
]


def hostile_terms() -> dict[str, Any]:
    terms: dict[str, Any] = dict(starter_terms())
    # Unknown [[ids]] are errors that stop any build; the rest are warnings at most.
    kept = [text for name, text in ATTACKS.items() if name != "wikilink to nowhere"]
    texts = [text.replace("[[alpha", "[[end") for text in kept]
    ids = [f"attack-{n}" for n in range(len(texts))]
    for n, (term_id, text) in enumerate(zip(ids, texts, strict=True)):
        title = TITLES[n % len(TITLES)].replace("\n", " ") + f" {n}"
        neighbours = [ids[n - 1]] if n else ["end"]
        terms[term_id] = term(
            title,
            summary=title,
            prerequisites=neighbours,
            overview=text,
            eli5=text,
            expert="## Part\n\n" + text,
        )
    return terms


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    root = make_project(tmp_path_factory.mktemp("hostile"), hostile_terms())
    port = free_port()
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        ["mkdocs", "build", "-d", "site"], cwd=root, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    pages = sorted(p.parent.name for p in (root / "site" / "terms").glob("*/index.html"))
    with serve(root / "site", port) as url:
        yield url, pages


def test_hostile_pages_fire_nothing(hostile_site: tuple[str, list[str]], chromium: Any) -> None:
    base_url, pages = hostile_site
    dialogs: list[str] = []
    outside: list[str] = []
    errors: list[str] = []
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(SIGNAL_TIMEOUT_MS)
    try:
        context.add_init_script(OPEN_SHADOW_ROOTS)
        page = context.new_page()

        def dialog(d: Any) -> None:
            dialogs.append(d.message)
            d.dismiss()

        def request(r: Any) -> None:
            if not r.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
                outside.append(r.url)

        def console(m: Any) -> None:
            if m.type == "error":
                errors.append(m.text)

        page.on("dialog", dialog)
        page.on("request", request)
        page.on("console", console)
        page.on("pageerror", lambda e: errors.append(str(e)))
        for name in pages:
            page.goto(f"{base_url}terms/{name}/")
            page.wait_for_load_state("networkidle")
            for link in page.locator("article a").all()[:12]:  # previews fetch graph.json
                if link.is_visible():
                    link.hover()
                    link.focus()
            page.mouse.click(5, 5)
        page.goto(base_url + "explorer/")
        page.wait_for_selector(".glossary-explorer__canvas canvas")
        page.locator(".glossary-explorer__search").fill("attack")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert dialogs == [], "a dialog fired"
    assert outside == [], "a request left 127.0.0.1"
    assert errors == [], "console errors"
