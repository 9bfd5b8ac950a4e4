"""Issue 14's reader-facing features in real Chromium: the explorer's mention-edge toggle."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import serve
from tests.helpers import term
from tests.sites import build, make_project, starter_terms

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    terms = {
        **starter_terms(),
        "loss": term("Loss", related=["end"], expert="## Detail\n\nSee [[graph]]."),
        "end": term("End", related=["probability", "loss"], eli5="Like a [[loss]]."),
    }
    root = make_project(tmp_path_factory.mktemp("features"), terms)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def page(site_url: str, chromium: Any) -> Iterator[Any]:
    # The session's browser: a second sync Playwright in one thread fails to start.
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    page.close()
    assert errors == []


def test_the_explorer_shows_mention_edges_only_when_asked(page: Any, site_url: str) -> None:
    page.goto(site_url + "explorer/")
    page.wait_for_function("() => window.glossaryExplorer")
    kinds = page.evaluate("() => window.glossaryExplorer.visibleLinkKinds()")
    assert "mention" not in kinds and kinds["prerequisite"] > 0
    box = page.get_by_label("Show text links", exact=False)
    box.focus()
    page.keyboard.press("Space")  # keyboard, as a reader without a mouse would
    assert box.is_checked()
    kinds = page.evaluate("() => window.glossaryExplorer.visibleLinkKinds()")
    assert kinds["mention"] == 4  # loss → graph, end → loss, subgraph → graph and click
