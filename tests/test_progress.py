"""Learner progress as the plugin renders it: the controls on term pages, the "Path to a goal"
page and the reading order and word counts in graph.json that the browser computes from."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from site_builder.render.pages import PageOptions, served_url
from tests.helpers import term
from tests.pages import Rendered, render

GLOSSARY = {
    "b-start": term("Start", summary="One two three.", eli5="Four five.", expert="Six"),
    "a-next": term("Next", prerequisites=["b-start"], overview="Seven eight nine ten."),
    "c-last": term("Last", prerequisites=["a-next", "b-start"]),
    "z-alone": term("Alone"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(tmp_path_factory.mktemp("progress"), GLOSSARY)


def test_graph_json_gives_each_term_its_reading_order_and_words(site: Rendered) -> None:
    nodes = {n["id"]: n for n in json.loads(site.files["graph.json"])["nodes"]}
    order = sorted(nodes, key=lambda i: nodes[i]["order"])
    assert order == ["b-start", "a-next", "c-last", "z-alone"]  # prerequisites first, ties by id
    assert nodes["b-start"]["words"] == 6  # summary, ELI5 and expert deep dive
    assert nodes["a-next"]["words"] == len("Next is a thing used in tests.".split()) + 4 + 5 + 2


def test_each_term_page_has_a_known_button_and_a_path_link(site: Rendered) -> None:
    page = site.html("terms/c-last.md")
    (button,) = page.xpath("//button[@class='glossary-known']")
    assert (button.get("data-term"), button.get("aria-pressed")) == ("c-last", "false")
    assert button.text_content() == "I know this term"
    (box,) = page.xpath("//*[@class='glossary-progress']")
    assert box.get("data-graph") == "../../graph.json"
    (link,) = box.xpath(".//a")
    assert link.get("href") == "../../path/?goal=c-last"
    (status,) = site.section("terms/c-last.md", "learning-path").xpath(
        ".//ol/following-sibling::p[@class='glossary-path-progress']"
    )
    assert status.get("role") == "status"


def test_a_starting_point_has_no_path_progress_line(site: Rendered) -> None:
    assert not site.html("terms/b-start.md").xpath("//*[@class='glossary-path-progress']")


def test_the_goal_page_offers_every_term_by_title(site: Rendered) -> None:
    page = site.html("path.md")
    (select,) = page.xpath("//select[@id='glossary-goal-term']")
    options = [(o.get("value"), o.text_content()) for o in select.xpath("option")][1:]
    assert options == [("z-alone", "Alone"), ("c-last", "Last"), ("a-next", "Next"),
                       ("b-start", "Start")]  # fmt: skip
    (label,) = page.xpath("//label[@for='glossary-goal-term']")
    assert label.text_content() == "Goal"
    (root,) = page.xpath("//*[@class='glossary-goal']")
    assert root.get("data-graph") == "../graph.json"


def test_titles_on_the_goal_page_are_text(tmp_path: Path) -> None:
    site = render(tmp_path, {"x": term("<img src=x onerror=alert(1)> & co")})
    page = lxml.html.fragment_fromstring(site.files["path.md"], create_parent="div")
    assert not page.xpath("//img")
    assert (
        page.xpath("//option[@value='x']")[0].text_content() == "<img src=x onerror=alert(1)> & co"
    )


def test_without_directory_urls_the_links_name_html_files(tmp_path: Path) -> None:
    site = render(tmp_path, GLOSSARY, config={"use_directory_urls": False})
    (box,) = site.html("terms/c-last.md").xpath("//*[@class='glossary-progress']")
    assert box.get("data-graph") == "../graph.json"
    assert box.xpath(".//a")[0].get("href") == "../path.html?goal=c-last"
    assert site.html("path.md").xpath("//*[@class='glossary-goal']")[0].get("data-graph") == (
        "graph.json"
    )


@pytest.mark.parametrize(
    ("page", "directory_urls", "url"),
    [
        ("path.md", True, "path/"),
        ("path.md", False, "path.html"),
        ("learn/path.md", True, "learn/path/"),
        ("learn/index.md", True, "learn/"),
        ("index.md", True, ""),
        ("learn/index.md", False, "learn/index.html"),
    ],
)
def test_served_url(page: str, directory_urls: bool, url: str) -> None:
    assert served_url(PageOptions(use_directory_urls=directory_urls), page) == url


def test_the_goal_page_can_live_elsewhere(tmp_path: Path) -> None:
    site = render(tmp_path, GLOSSARY, path_page="learn/goal.md")
    assert "learn/goal.md" in site.files
    link = site.html("terms/a-next.md").xpath("//*[@class='glossary-progress']//a")[0]
    assert link.get("href") == "../../learn/goal/?goal=a-next"
    assert (
        site.html("learn/goal.md").xpath("//*[@class='glossary-goal']")[0].get("data-graph")
        == "../../graph.json"
    )
