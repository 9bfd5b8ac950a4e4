"""Hostile term text through the real rendering path, judged by an allowlist (not a blocklist).

Every case is schema-valid and reaches the page through the same functions a build uses:
`term_page` → Markdown → Python-Markdown configured as mkdocs.yml configures it → HTML,
which lxml parses and `tests.allowlist` judges element by element.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder import markup, prose
from site_builder.analysis import analyse
from site_builder.graph import build_graph
from site_builder.model import Glossary, Source, Term, TermId
from site_builder.prose import MAX_PROSE_CHARS, Renderer, renderer, to_html
from site_builder.render.pages import PageOptions, term_page
from site_builder.sanitize import clean
from tests.allowlist import page_article, problems
from tests.helpers import term, write_terms

# One case per class of hole found by attacking the old regex-based escaping, and more.
ATTACKS = {
    "entity-encoded scheme": "[x](java&#115;cript:alert(1))",
    "named-entity colon": "[x](javascript&colon;alert(1))",
    "hex entity scheme": "[x](&#x6A;avascript:alert(1))",
    "reference definition": "[x][r]\n\n[r]: java&#115;cript:alert(1)",
    "definition in a quote": "> [r]: javascript:alert(1)\n> [r]",
    "definition in a list": "- [r]\n\n    [r]: javascript:alert(1)",
    "autolink scheme": "<javascript:alert(1)>",
    "data URL": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "protocol-relative": "[x](//evil.example/x)",
    "relative link": "[x](../../admin/)",
    "image request": "![t](https://evil.example/pixel.png)",
    "title breaks out": '[x](https://ok.example/ "t\\" onmouseover=alert(1) x=\\"")',
    "escaped backtick": "\\`<img src=x onerror=alert(1)>`",
    "span across paragraphs": "`a\n\n<img src=x onerror=alert(1)>`",
    "unclosed fence": "```\n<img src=x onerror=alert(1)>",
    "longer closing fence": "```\ncode\n`````\n<img src=x onerror=alert(1)>",
    "tilde fence": "~~~\n<b>code</b>\n~~~\n<img src=x onerror=alert(1)>",
    "math with html": "$<img src=x onerror=alert(1)>$ and $$<script>alert(1)</script>$$",
    "display math block": "$$\n<script>alert(1)</script>\n$$",
    "bogus code span then attr list": '## Head ``\n{: onclick="alert(1)" }',
    "heading attr list": "## Head {: onclick=alert(1) #__md_scope }",
    "paragraph attr list": 'Para\n{: onclick="alert(1)" style="display:none" }',
    "html block": '<div onclick="alert(1)">\n\n*x*\n\n</div>',
    "comment": "<!-- <script>alert(1)</script> -->",
    "svg": "<svg onload=alert(1)><circle r=5/></svg>",
    "style element": "<style>body{background:url(https://evil.example/)}</style>",
    "md_in_html attribute": '<div markdown="1" onclick="alert(1)">*x*</div>',
    "mermaid fence": '```mermaid\ngraph LR\n  a --> b\n  click a "javascript:alert(1)"\n```',
    "wikilink label html": "[[alpha|<img src=x onerror=alert(1)>]]",
    "wikilink to nowhere": "[[javascript:alert(1)]]",
    "table with style": "| a |\n|:-:|\n| <b onclick=x>1</b> |",
}


def _term(term_id: str, **fields: object) -> Term:
    base: dict[str, object] = {
        "id": TermId(term_id),
        "file": f"terms/{term_id}.yaml",
        "title": term_id.title(),
        "summary": "A summary.",
        "eli5": "Simple.",
        "expert": "## Detail\n\nText.",
        "sources": (Source("S", "https://example.org/"),),
    }
    base.update(fields)
    return Term(**base)  # type: ignore[arg-type]


def article_of(*terms: Term, of: str = "hostile") -> str:
    """The article HTML of term `of`'s page, through the build's own rendering path."""
    glossary = Glossary({t.id: t for t in terms}, frozenset(t.id for t in terms))
    graph = build_graph(glossary)
    return page_article(term_page(glossary, graph, glossary.terms[TermId(of)], PageOptions()))


def hostile(**fields: object) -> str:
    return article_of(
        _term("hostile", related=(TermId("alpha"),), **fields),
        _term("alpha", related=(TermId("hostile"),)),
    )


@pytest.mark.parametrize("text", ATTACKS.values(), ids=ATTACKS.keys())
@pytest.mark.parametrize("field", ["overview", "eli5", "expert"])
def test_attack_reaches_the_page_only_as_allowlisted_markup(field: str, text: str) -> None:
    assert problems(hostile(**{field: text})) == []


@pytest.mark.parametrize("field", ["title", "summary"])
@pytest.mark.parametrize(
    "text",
    [
        '<script>alert(1)</script> "a < b" & c',
        '%%{init: {"themeCSS": "body{background:url(https://evil.example/)}"}}%%',
        '"]:::main\n  click t_alpha "javascript:alert(1)"',
        "*x* [l](javascript:alert(1)) {: onclick=alert(1) } $5 `c`",
    ],
)
def test_plain_fields_are_text_everywhere(field: str, text: str) -> None:
    article = hostile(**{field: text})
    assert problems(article) == []
    tree = lxml.html.fragment_fromstring(article, create_parent="div")
    visible = " ".join(tree.text_content().split())
    assert " ".join(text.split()) in visible


@pytest.mark.parametrize(
    "title",
    [
        '%%{init: {"theme": "dark", "themeCSS": ".node{fill:red}"}}%%',
        'A"]\n  click t_alpha "javascript:alert(1)',
        "x%%{init}%%y {curly} <b>#35; `tick` \\ back",
    ],
)
def test_mermaid_source_carries_no_directive_click_or_style_from_titles(title: str) -> None:
    article = article_of(
        _term("hostile", title="Centre", related=(TermId("alpha"),)),
        _term("alpha", title=title, summary=title, related=(TermId("hostile"),)),
    )
    tree = lxml.html.fragment_fromstring(article, create_parent="div")
    (source,) = [p.text_content() for p in tree.iter("pre") if "mermaid" in p.get("class", "")]
    assert "%%" not in source  # a directive needs two ASCII percent signs
    for line in source.strip().split("\n"):
        assert re.fullmatch(
            r"graph (LR|RL|TB|BT)"
            r'|  t_\w+\["[^"%{}<>`]*"\]:::main'
            r'|  (t_\w+\["[^"%{}<>`]*"\]:::(pre|child|related)|more_\w+\["\+\d+ more"\]:::more)'
            r" (-->|-\.->|-\.-) t_\w+"
            r'|  t_\w+ (-->|-\.->) (t_\w+\["[^"%{}<>`]*"\]:::\w+|more_\w+\["\+\d+ more"\]:::more)'
            r'|  click t_\w+ "[./a-z0-9-]+" "[^"\\%]*"'
            r"|  classDef \w+ [\w:#.,\- ]+",
            line,
        ), f"unexpected Mermaid line {line!r}"


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("    if (a < b) {\n        return a & b;\n    }", "if (a < b) {\n    return a & b;\n}"),
        ("```\nx = [[0]] <b> {: x }\n```", "x = [[0]] <b> {: x }"),
        ("~~~~\n```\n~~~~", "```"),
        ("Use `<div>` and `a < b`.", "<div>"),
    ],
)
def test_code_is_shown_exactly_as_written(markdown: str, shown: str) -> None:
    article = hostile(expert=markdown)
    tree = lxml.html.fragment_fromstring(article, create_parent="div")
    codes = [code.text_content().rstrip("\n") for code in tree.iter("code")]
    assert shown in codes


def test_legitimate_prose_keeps_working() -> None:
    article = hostile(
        expert=(
            "## Part one\n\nWhere $a < b$ and [[alpha]] and [[alpha|the first]], see "
            "[docs](https://example.org/a?b=1&c=2).\n\n| x | y |\n|---|--:|\n| 1 | 2 |\n\n"
            "A list:\n- one\n- two\n\n### Deeper\n\n$$\nx = y\n+ z\n$$\n\na < b in prose."
        )
    )
    assert problems(article) == []
    tree = lxml.html.fragment_fromstring(article, create_parent="div")
    prose = tree.find_class("glossary-prose")
    links = {a.text_content(): a.get("href") for div in prose for a in div.iter("a")}
    assert links["Alpha"] == links["the first"] == "../alpha/"
    assert links["docs"] == "https://example.org/a?b=1&c=2"
    headings = [h.text_content().rstrip("¶") for h in tree.iter("h3", "h4")]
    assert headings[:2] == ["Part one", "Deeper"]
    maths = [m.text_content() for m in tree.find_class("arithmatex")]
    assert "\\(a < b\\)" in maths and any("+ z" in m for m in maths)
    assert [li.text_content() for li in tree.iter("li")][:2] == ["one", "two"]
    assert "a < b in prose." in tree.text_content()
    assert len(list(tree.iter("table"))) == 1


@pytest.mark.parametrize(
    ("markdown", "blocks"),
    [
        (
            "Before\n$$\nx^2\n$$\nAfter",
            [("p", None, "Before"), ("div", "arithmatex", "\\[\nx^2\n\\]"), ("p", None, "After")],
        ),
        ("$$x^2$$\nAfter", [("div", "arithmatex", "\\[x^2\\]"), ("p", None, "After")]),
        (
            "Before\n$$x^2$$\nAfter",
            [("p", None, "Before"), ("div", "arithmatex", "\\[x^2\\]"), ("p", None, "After")],
        ),
    ],
)
def test_display_math_against_a_line_of_text_is_a_block_of_its_own(
    markdown: str, blocks: list[tuple[str, str | None, str]]
) -> None:
    """As GitHub shows it: typeset math between two paragraphs, not TeX inside one."""
    html = to_html(markdown, lambda _: None)
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [(e.tag, e.get("class"), e.text_content()) for e in tree] == blocks


# Property-based: term text from a grammar of Markdown syntax mixed with payloads.
SYNTAX = [
    "`",
    "``",
    "```",
    "````",
    "~~~",
    "\\`",
    "$",
    "$$",
    "\\$",
    "[",
    "]",
    "(",
    ")",
    "[[",
    "]]",
    "|",
    "]: ",
    "> ",
    "- ",
    "1. ",
    "    ",
    "\n",
    "\n\n",
    "#",
    "## ",
    "{: ",
    " }",
    "<",
    ">",
    "&",
    "&#",
    ";",
    "&colon;",
    "&#115;",
    "&#x6A;",
    "*",
    "_",
    "!",
    "\\",
    '"',
    "'",
    "%%{",
    "}%%",
    "=",
    "/",
]
PAYLOADS = [
    "javascript:alert(1)",
    "java&#115;cript:",
    "JAVASCRIPT:",
    "data:text/html,x",
    "vbscript:x",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    " onclick=alert(1) ",
    'style="x"',
    "<a href=javascript:x>",
    "<svg onload=x>",
    "https://ok.example/",
    "//evil.example",
    "[[alpha]]",
    "[[alpha|a]]",
    "[x](",
    "![i](",
    "[r]: ",
    "{: #id .c onclick=x }",
    "<!--",
    "-->",
    "<iframe src=x>",
    "%%{init: {}}%%",
    'markdown="1"',
    "<div markdown>",
    "</div>",
    "word",
]
prose_text = st.lists(st.sampled_from(SYNTAX + PAYLOADS), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(overview=prose_text, eli5=prose_text, expert=prose_text)
def test_generated_hostile_prose_stays_on_the_allowlist(
    overview: str, eli5: str, expert: str
) -> None:
    assert problems(hostile(overview=overview, eli5=eli5, expert=expert)) == []


@settings(max_examples=100, deadline=None)
@given(
    title=st.lists(st.sampled_from(SYNTAX + PAYLOADS + ["a", " "]), min_size=1).map(
        lambda parts: " ".join("".join(parts).split()) or "x"
    )
)
def test_generated_hostile_titles_stay_text(title: str) -> None:
    article = article_of(
        _term("hostile", title=title, summary=title, aliases=(title,), related=(TermId("alpha"),)),
        _term("alpha", related=(TermId("hostile"),)),
    )
    assert problems(article) == []


# The checker reports what the page neutralises, where it is.
@pytest.mark.parametrize(
    ("expert", "code", "line", "column"),
    [
        ("## H\n\nSee [x](java&#115;cript:alert(1)).", "unsafe-link", 3, 9),
        ("## H\n\n> [r]: javascript:alert(1)\n> [r]", "unsafe-link", 3, 8),
        ("## H\n\n![t](https://evil.example/p.png)", "unsafe-link", 3, 6),
        ("## H\n\nSee [x](http://[oops).", "unsafe-link", 3, 9),
        ("## H\n\ntext <img src=x onerror=alert(1)> more", "raw-html", 3, 6),
        ("## H\n\n`<b>` then <i>", "raw-html", 3, 12),
    ],
)
def test_checker_reports_what_the_page_neutralises(
    tmp_path: Path, expert: str, code: str, line: int, column: int
) -> None:
    write_terms(
        tmp_path,
        {
            "alpha": term("Alpha", expert=expert, related=["beta"]),
            "beta": term("Beta", related=["alpha"]),
        },
    )
    found = [f for f in analyse(tmp_path / "terms").findings if f.code == code]
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.column) for f in found] == [
        ("alpha.yaml", line + 4, column + 2)  # `expert: |` is on line 4, indented by two
    ]


@pytest.mark.parametrize(
    "expert",
    [
        "## H\n\n`<b>` and ``[x](javascript:y)``",
        "## H\n\n```\n<b> [x](javascript:y)\n```",
        "## H\n\n    <b> [x](javascript:y) [[nowhere]]",
        "## H\n\n$a<b$ and $$<c>$$",
    ],
)
def test_checker_is_quiet_about_code_and_math(tmp_path: Path, expert: str) -> None:
    write_terms(
        tmp_path,
        {
            "alpha": term("Alpha", expert=expert, related=["beta"]),
            "beta": term("Beta", related=["alpha"]),
        },
    )
    codes = {f.code for f in analyse(tmp_path / "terms").findings}
    assert codes.isdisjoint({"raw-html", "unsafe-link", "unknown-term"})


@pytest.mark.parametrize(
    "fragment",
    [
        '<p onclick="x">a</p>',
        '<img src="https://ok.example/i.png">',
        '<a href="javascript:x">a</a>',
        '<a href="java&#115;cript:x">a</a>',
        '<a href="//evil.example/">a</a>',
        "<script>x</script>",
        '<p style="color:red">a</p>',
        "<svg></svg>",
        "<!-- c -->",
    ],
)
def test_the_allowlist_judge_rejects_what_it_must(fragment: str) -> None:
    assert problems(fragment) != []


# Bounded cost: pathological Markdown renders in time linear in its size (the old pipeline
# took 96 s for 30 KB of `[`). The ratio against a plain paragraph of the same size, measured
# in the same run, keeps this independent of the machine's speed.
@pytest.mark.parametrize(
    "unit",
    [
        *("[", "[[a|", "[a](", "![", "[a][", "[]"),
        *("[a](b) ", "[a](b'c) ", "[a](b\"c' ) ", '[a](b "c") '),
        *("$$\n", "> ", "  - "),
    ],
)
def test_pathological_markdown_renders_in_linear_time(unit: str) -> None:
    import time

    from site_builder import prose

    def costs(*texts: str) -> list[float]:
        """CPU time of each, the best of five rounds; the texts take turns within a round, so
        a busy spell on the shared machine slows them alike instead of one of them."""
        best = [float("inf")] * len(texts)
        for _ in range(5):
            for i, text in enumerate(texts):
                start = time.process_time()
                prose.to_html(text, lambda _: None)
                best[i] = min(best[i], time.process_time() - start)
        return best

    small, large = unit * (4_000 // len(unit)), unit * (16_000 // len(unit))
    plain, small_cost, large_cost = costs("word " * 3_200, small, large)
    baseline = max(plain, 0.005)
    assert large_cost < max(8 * small_cost, 40 * baseline), "superlinear rendering"


def test_too_deep_nesting_is_plain_text_and_a_finding(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            "alpha": term("Alpha", expert="  - " * 3000, related=["beta"]),
            "beta": term("Beta", related=["alpha"]),
        },
    )
    found = [(f.code, f.line) for f in analyse(tmp_path / "terms").findings]
    assert ("prose-too-complex", 4) in found
    article = hostile(expert="  - " * 3000)
    assert problems(article) == [] and "-   -   -" in article


def test_texts_after_one_too_deep_for_the_parser_render_as_they_would_alone() -> None:
    """The parser gives up on the deep list halfway, in a state nothing can trust; the
    renderer starts afresh, so the next terms' pages are not garbled."""
    texts = ["*a* [x](https://e.org) `c`\n\n- one\n- two\n\n$$\ny\n$$\n", "# H\n\n> [[mdp]]"]
    alone = [Renderer().convert(text)[0] for text in texts]
    shared = Renderer()
    assert shared.convert("- " * 5_000 + "x")[1].too_complex  # past any recursion limit
    assert [shared.convert(text)[0] for text in texts] == alone


def test_external_links_in_prose_are_marked_and_term_links_are_not() -> None:
    """An outside address gets rel="nofollow noopener noreferrer" (no ranking credit, no
    window.opener); a link to another term stays a plain, followable link."""
    html = to_html(
        "[paper](https://example.org/p), <https://example.org/q> and [[mdp]].",
        lambda target: ("../mdp/", "MDP") if target == "mdp" else None,
    )
    anchors = lxml.html.fragment_fromstring(html, create_parent="div").findall(".//a")
    assert [(a.get("href"), a.get("rel")) for a in anchors] == [
        ("https://example.org/p", "nofollow noopener noreferrer"),
        ("https://example.org/q", "nofollow noopener noreferrer"),
        ("../mdp/", None),
    ]


def test_text_too_long_for_the_parser_is_shown_escaped() -> None:
    """Past the parser's size limit the text is shown as plain paragraphs: markup in it is
    still only text."""
    payload = '<script>alert(1)</script> <img src=x onerror="alert(2)">'
    text = f"{payload}\n\n  \n\n" + "word " * (MAX_PROSE_CHARS // 5)  # a blank part: no <p>
    html, events = renderer().convert(text)
    assert events.too_complex
    assert "<script" not in html and "<img" not in html
    assert html == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(2)&quot;&gt;"
        "</p><p>" + ("word " * (MAX_PROSE_CHARS // 5)).strip() + "</p>"
    )


def test_a_markdown_table_keeps_its_header_cells_and_alignment() -> None:
    html = to_html("| Term | Value |\n|:-----|------:|\n| a | 1 |\n", lambda target: None)
    table = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [(th.text, th.get("align")) for th in table.iter("th")] == [
        ("Term", "left"),
        ("Value", "right"),
    ]
    assert [(td.text, td.get("align")) for td in table.iter("td")] == [
        ("a", "left"),
        ("1", "right"),
    ]


@pytest.mark.parametrize("titled", [False, True])
def test_a_paragraph_of_many_links_keeps_every_link(titled: bool) -> None:
    """A reading list of 200 links in one paragraph, with titles or without: each one is a
    link (the link scans' budget is charged what a scan reads, not its whole window, so real
    prose never runs out; a link's title once used up the rest of the paragraph's share)."""
    urls = [f"https://example.org/papers/{i}" for i in range(200)]
    title = ' "Paper {}"' if titled else ""
    text = "Further reading: " + ", ".join(
        f"[paper {i}]({u}{title.format(i)})" for i, u in enumerate(urls)
    )
    anchors = lxml.html.fragment_fromstring(to_html(text, lambda _: None), "div").findall(".//a")
    assert [(a.text, a.get("href"), a.get("title")) for a in anchors] == [
        (f"paper {i}", u, f"Paper {i}" if titled else None) for i, u in enumerate(urls)
    ]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("One  \nTwo", "<p>One<br>\nTwo</p>"),  # a hard line break
        ("One\n\n---\n\nTwo", "<p>One</p>\n<hr>\n<p>Two</p>"),  # a thematic break
    ],
)
def test_breaks_an_author_writes_stay_breaks(text: str, html: str) -> None:
    assert to_html(text, lambda _: None) == html


@pytest.mark.parametrize("level", range(1, 7))
def test_every_heading_level_an_author_writes_stays_a_heading(level: int) -> None:
    """The allowlist keeps h1 to h6 (the page demotes them under its own section headings)."""
    assert to_html("#" * level + " Part\n\nText.", lambda _: None) == (
        f"<h{level}>Part</h{level}>\n<p>Text.</p>"
    )


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("See [[nowhere]].", "<p>See nowhere.</p>"),
        ("See [[nowhere|these words]].", "<p>See these words.</p>"),
    ],
)
def test_a_wikilink_to_no_term_shows_its_words_as_text(text: str, html: str) -> None:
    assert to_html(text, lambda _: None) == html


def test_a_fence_cannot_give_its_code_block_the_themes_classes() -> None:
    """Classes written in a fence's braces are dropped unless our extensions write them:
    `md-nav` would let a term borrow the theme's navigation styles."""
    html = to_html("```{.python .md-nav .highlight}\nx = 1\n```", lambda _: None)
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    classes = {c for e in tree.iter() for c in e.get("class", "").split()}
    assert classes == {"highlight", "n", "o", "mi"}  # the block and Pygments' tokens


def test_text_past_the_size_limit_is_a_finding(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            "alpha": term("Alpha", expert="word " * (MAX_PROSE_CHARS // 5 + 1), related=["beta"]),
            "beta": term("Beta", related=["alpha"]),
        },
    )
    found = [(f.code, f.line) for f in analyse(tmp_path / "terms").findings]
    assert found == [("prose-too-complex", 4)]


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("[" + "a" * 1999 + "](https://example.org/)", True),
        ("[" + "a" * 2000 + "](https://example.org/)", False),
        ("[a](https://example.org/" + "a" * 1978 + ")", True),
        ("[a](https://example.org/" + "a" * 1979 + ")", False),
    ],
)
def test_a_link_is_looked_for_within_its_scan_window(text: str, linked: bool) -> None:
    """A link's text and address each end within 2,000 characters of where they start (its
    `]` among the first 2,000 after the `[`, the `)` among the first 2,000 from the `(`), or
    the page shows what was written: a `[` never makes the parser read the whole field."""
    html, _ = Renderer().convert(text)  # a new one: the window is set when it is built
    assert ("<a " in html) is linked
    assert ("[a" in html) is not linked


@pytest.mark.parametrize("quote", ["'", '"'])
def test_titles_left_open_spend_the_scan_budget(quote: str) -> None:
    """A title left open makes the parser read to the end of the window: each such link is
    charged the whole window, so a paragraph of them spends the budget and the link at its
    end is shown as written, while the same link after closed titles stays a link."""
    last = "[end](https://example.org/end)"
    open_titles = f"[a](b{quote}c) " * 300 + last
    closed_titles = f"[a](b {quote}c{quote}) " * 300 + last
    assert 'href="https://example.org/end"' not in to_html(open_titles, lambda _: None)
    assert 'href="https://example.org/end"' in to_html(closed_titles, lambda _: None)


def test_a_link_cut_short_by_the_scan_budget_is_not_an_empty_link() -> None:
    """Nine unclosed `[` spend the budget so that it runs out right after the last link's
    text: that link is shown as written, never as a link to "" (an unsafe-link finding)."""
    text = "[" * 9 + " [" + "b" * 886 + "](https://example.org/)\n\n" + "x" * 111
    assert markup.unsafe_links(text) == []
    assert to_html(text, lambda _: None).startswith("<p>[[[[[[[[[ [bbb")


_ROW = "<table><tbody><tr><td{}>1</td></tr></tbody></table>"


@pytest.mark.parametrize(
    ("fragment", "kept"),
    [
        ('<ol start="3"><li>c</li></ol>', '<ol start="3"><li>c</li></ol>'),
        (
            "<table><thead><tr><th>T</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
            "<table><thead><tr><th>T</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
        ),
        (_ROW.format(' align="right"'), _ROW.format(' align="right"')),
        (_ROW.format(' align="javascript:x"'), _ROW.format("")),
        (_ROW.format(' align="left;color:red"'), _ROW.format("")),
        ("a<script>alert(1)</script>b", "ab"),
        ("a<style>p{color:red}</style>b", "ab"),
    ],
)
def test_the_allowlist_keeps_lists_and_tables_and_drops_script_text(
    fragment: str, kept: str
) -> None:
    """A numbered list and a table's header survive; an alignment outside left/center/right
    and the text inside a script or style element do not."""
    assert clean(fragment) == kept


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://x.org/a!", True),
        (" \x01https://x.org ", True),
        ("ht\ttps://x.org", True),
        ("!https://x.org", False),
        ("Xhttps://x.org", False),
        ("https://x.org!", True),
        ("javascript:alert(1)", False),
        ("https:///path-only", False),
    ],
)
def test_a_url_is_judged_as_a_browser_reads_it(url: str, safe: bool) -> None:
    """Controls and spaces at the ends go, as in a browser; a `!` is kept, so `!https://…`
    is a relative path and no external link."""
    assert prose.safe_url(url) is safe


def test_an_image_by_reference_shows_its_alt_text_and_no_image() -> None:
    """`![alt][r]` is an image (its words kept, nothing fetched), not `!` and a link."""
    html = to_html("See ![alt][r] and [r].\n\n[r]: https://x.org/i.png", lambda target: None)
    assert html == (
        '<p>See <span>alt</span> and <a href="https://x.org/i.png" '
        'rel="nofollow noopener noreferrer">r</a>.</p>'
    )
