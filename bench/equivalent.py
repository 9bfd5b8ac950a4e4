"""Surviving mutants that behave exactly like the original code, each with the reason.

Keyed by `Mutant.key`: (module, enclosing function, code before, code after), so an entry
outlives edits that move lines; where one function has two equal mutations, by `precise_key`,
which adds the line's text, or `exact_key`, which adds the column too. `python3
bench/mutation.py --list MODULE` prints the mutants.
Equivalent mutants are not run and do not count towards the score.
"""

from __future__ import annotations

from bench.mutants import Mutant

# Findings are sorted by file, line, column, code, message, hint and related places before
# anyone sees them (Positions.locate_all), so the order in which a check emits them is not
# observable.
_EMIT_ORDER = "findings are fully sorted before they are reported"
# frozen=False on a dataclass nothing assigns to or hashes: only mutability changes.
_FROZEN = "no code assigns to or hashes its instances"
# The parallel reader gives the serial result by design (test_analysis compares them), so where
# the switch to it sits changes speed, not output.
_PARALLEL = "decides only whether files are read in parallel; the output is the same"
# Every caller passes this argument, so the default is never used.
_DEFAULT = "every caller passes this argument"
# Tags are validated (lowercase letters, digits, single hyphens) before any page is made, and
# nothing in such a tag is Markdown or HTML syntax, so escaping one changes nothing a reader sees.
_TAG = "a valid tag holds no Markdown or HTML syntax, so escaping it changes nothing"

# A finding or location is made with line and column 0 and both are filled in by the locate
# stage when the line is 0, so the column it starts with is never seen.
_LOCATED_LATER = "the locate stage overwrites the column whenever the line is 0"
# Two findings (or places) equal in every compared field never differ only in their document
# path or in-text position: both follow from the file, line and column.
_POSITION_DATA = "where/text_pos are fixed by file, line and column, which are compared first"

# The term schema uses only the keywords _translate names before its last branch (required,
# additionalProperties, type, minItems, pattern, enum), so that branch never runs.
_OTHER_KEYWORD = "the term schema uses no keyword that reaches this last branch"
# Markdown wraps all text in elements, so prose HTML never starts with bare text.
_BARE_TEXT = "prose HTML from Markdown never has text outside an element"

# Python-Markdown as prose configures it writes <strong> and <em>, never <b>, <i>, <kbd>,
# <sub>, <sup> or <del> (those need extensions we do not load), and raw HTML in a term is text,
# so none of them reaches the sanitizer or a heading: allowing them or not changes nothing.
_NOT_WRITTEN = (
    "no HTML made from term text holds this element: prose's Markdown never writes it and raw "
    "HTML is text"
)
# `text.find(needle, start)` returns at least `start`, so 0 means start is 0, and searching
# again from 0 finds the same place.
_FOUND_AT_START = "found at 0 from `start` means start is 0: the search from 0 gives 0 again"
# A cache key that holds more than it needs only makes the cached work run again more often,
# with the same result.
_WIDER_KEY = "a wider cache key only re-runs the text checks, which give the same findings"
# Python-Markdown's registries are looked up by name only by the code that registers them.
_REGISTRY_NAME = "nothing looks this processor up by its registry name"
# `convert` sets the link-scan budget before every conversion.
_BUDGET_SET = "`convert` sets the budget before every conversion"
# Whether the parse is skipped: a candidate that needs judging only makes the parse run, and
# the parse alone decides the findings.
_PARSE_SKIP = "only decides whether the parse may be skipped; the parse decides the findings"

EQUIVALENT: dict[tuple[str | int, ...], str] = {
    (
        "incremental",
        "IncrementalAnalysis._result",
        "read.mentions & known_ids",
        "read.mentions | known_ids",
    ): _WIDER_KEY,
    ("prose", "_Converter.extendMarkdown", "'glossary-urls'", "'XXglossary-urlsXX'"): (
        _REGISTRY_NAME
    ),
    ("prose", "_Converter.extendMarkdown", "'glossary-math-left'", "'XXglossary-math-leftXX'"): (
        _REGISTRY_NAME
    ),
    (
        "prose",
        "_Converter.extendMarkdown",
        "'glossary-blocks-after-paragraph'",
        "'XXglossary-blocks-after-paragraphXX'",
    ): _REGISTRY_NAME,
    ("prose", "_Converter.__init__", "self.budget = 0", "pass"): _BUDGET_SET,
    ("prose", "_Converter.__init__", "0", "1"): _BUDGET_SET,
    ("markup", "wikilinks", "1", "0"): _PARSE_SKIP,
    ("markup", "wikilinks", "m.group(1).strip()", "m.group(1)"): _PARSE_SKIP,
    (
        "sitecheck",
        "css_urls",
        "url and (not url.startswith('#'))",
        "url or not url.startswith('#')",
    ): (
        "an empty or '#id' URL in a stylesheet resolves to the stylesheet itself, which exists "
        "(test_stylesheets_link_elements_srcset_and_style_urls_are_checked has url(#gradient))"
    ),
    ("export", "_wanted", "sorted(docs.rglob('*'))", "docs.rglob('*')"): (
        "the manifest is sorted; only the order in which files are written changes"
    ),
    (
        "findings",
        "finding",
        "0",
        "1",
        "return Finding(file, 0, 0, code, message, hint, where, text_pos, tuple(related))",
        28,
    ): _LOCATED_LATER,
    ("findings", "location", "0", "1", "return Location(file, 0, 0, message, where)", 29): (
        _LOCATED_LATER
    ),
    ("findings", "Location", "False", "True"): _POSITION_DATA,
    ("findings", "Finding", "False", "True"): _POSITION_DATA,
    ("findings", "Location", "True", "False"): (
        "frozen: nothing assigns to a Location or hashes a finding that has them; order: two "
        "findings never tie on everything before their related places"
    ),
    ("render/pages", "PageOptions", "'a-z.md'", "'XXa-z.mdXX'"): _DEFAULT,
    ("render/pages", "PageOptions", "'tags'", "'XXtagsXX'"): _DEFAULT,
    ("render/pages", "PageOptions", "'LR'", "'XXLRXX'"): _DEFAULT,
    ("render/pages", "PageOptions", "10", "11"): _DEFAULT,
    ("render/pages", "PageOptions", "'explorer.md'", "'XXexplorer.mdXX'"): _DEFAULT,
    ("render/pages", "PageOptions", "'Glossary'", "'XXGlossaryXX'"): _DEFAULT,
    ("render/pages", "PageOptions", "True", "False"): (
        "use_directory_urls: " + _DEFAULT + " (plugin.page_options); frozen: " + _FROZEN
    ),
    ("render/pages", "_templates", "True", "False"): (
        "keep_trailing_newline: a page's last line break means nothing to Markdown"
    ),
    ("render/pages", "_meta", "False", "True"): (
        "ensure_ascii: front matter is YAML, whose double-quoted strings read \\u escapes back to "
        "the same characters"
    ),
    ("render/pages", "_url", '":/?#[]@!$&\'*+,;=%~-._"', '"XX:/?#[]@!$&\'*+,;=%~-._XX"'): (
        "adds X to the characters quote() leaves alone; letters are never quoted anyway"
    ),
    ("render/pages", "term_page", "plain(t)", "t"): _TAG,
    ("render/pages", "tag_pages", "plain(tag)", "tag"): _TAG,
    ("render/pages", "explorer_page", "html.escape(t)", "t"): _TAG,
    (
        "render/pages",
        "tag_pages",
        "_meta(f'Glossary terms tagged {tag}.')",
        "f'Glossary terms tagged {tag}.'",
    ): ("with a valid tag the description is a plain YAML string either way: same value"),
    (
        "render/pages",
        "tag_pages",
        "sorted(by_tag.items())",
        "by_tag.items()",
        "for tag, ids in sorted(by_tag.items()):",
    ): (
        "the order in which tag pages are generated is not observable: the plugin puts files in "
        "mkdocs' walk order, and each page has its own path"
    ),
    ("render/pages", "tag_pages", "sorted(set(term.tags))", "set(term.tags)"): (
        "per-term tag order only decides insertion order into by_tag, which is sorted afterwards"
    ),
    ("minify", "MinifyPlugin.on_post_page", "True", "False"): (
        "keep_closing_tags / keep_html_and_head_opening_tags / minify_css: the browser builds the "
        "same document and styles from either output; only the bytes differ"
    ),
    ("minify", "MinifyPlugin.on_post_page", "False", "True"): (
        "minify_js: Material's inline scripts behave the same minified; only the bytes differ"
    ),
    ("export", "Export", "True", "False"): _FROZEN,
    ("assets", "asset_files", "sorted(fonts.glob('*.woff2'))", "fonts.glob('*.woff2')"): (
        "the order of asset files is not observable: the plugin puts every file in mkdocs' walk "
        "order, and render writes each to its own path"
    ),
    ("analysis", "Analysis", "True", "False"): _FROZEN,
    ("analysis", "FileResult", "True", "False"): _FROZEN,
    ("graph", "ConceptGraph", "True", "False"): _FROZEN,
    ("model", "Source", "True", "False"): _FROZEN,
    ("model", "Term", "True", "False"): _FROZEN,
    ("model", "Glossary", "True", "False"): _FROZEN,
    ("analysis", "", "2000", "2001"): _PARALLEL,
    ("analysis", "_read_all", "jobs < 2", "jobs <= 2"): _PARALLEL,
    ("analysis", "_read_all", "2", "3"): _PARALLEL,
    (
        "analysis",
        "_read_all",
        "len(paths) < PARALLEL_MIN_FILES",
        "len(paths) <= PARALLEL_MIN_FILES",
    ): _PARALLEL,
    ("analysis", "analyse", "1", "0"): _PARALLEL + " (jobs=0 reads serially, as jobs=1 does)",
    ("analysis", "_read_all", "len(slices) - 1", "len(slices) + 1"): (
        "a pool with more workers than slices leaves the extra ones idle"
    ),
    (
        "analysis",
        "_read_all",
        "1",
        "0",
        "with ProcessPoolExecutor(max_workers=len(slices) - 1, mp_context=context) as pool:",
    ): "a pool with more workers than slices leaves the extra one idle",
    ("analysis", "Analysis.fails", "False", "True"): _DEFAULT,
    ("analysis", "read_term", "True", "False"): _DEFAULT + " (through functools.partial)",
    ("model", "term_url", "True", "False"): _DEFAULT,
    ("model", "Term", "''", "'XX'"): _DEFAULT + ": validate.to_term sets every field",
    ("model", "Term", "'draft'", "'XXdraftXX'"): _DEFAULT + ": validate.to_term sets every field",
    ("analysis", "read_term", "''", "'XX'"): (
        "with_text=False empties the Markdown sections after they are checked, for callers that "
        "only report; no later stage reads them, so what they are emptied to is never seen"
    ),
    (
        "graph",
        "dependants_of",
        "sorted(graph.prerequisites.successors(term_id))",
        "graph.prerequisites.successors(term_id)",
    ): (
        "build_graph adds edges term by term in id order, so a node's successors already come "
        "in id order"
    ),
    ("graph", "learning_path", "order is not None", "order is None"): (
        "every caller passes the reading order, and recomputing it gives the same order"
    ),
    (
        "checks",
        "check_cycles",
        "sorted(nx.strongly_connected_components(graph.prerequisites), key=min)",
        "nx.strongly_connected_components(graph.prerequisites)",
    ): _EMIT_ORDER,
    ("checks", "check_cycles", "sorted(cycles)", "cycles"): _EMIT_ORDER,
    ("checks", "check_redundant_prerequisites", "sorted(dag)", "dag"): _EMIT_ORDER,
    (
        "checks",
        "check_orphans",
        "sorted(nx.isolates(graph.related))",
        "nx.isolates(graph.related)",
    ): _EMIT_ORDER,
    ("checks", "check_cycles", "continue", "pass"): (
        "a one-term component has no cycle: build_graph never adds a self-loop, so "
        "simple_cycles finds nothing in it; the guard only saves the call"
    ),
    ("checks", "_cycle_finding", "True", "False"): (
        "zip(cycle, rotated cycle, strict=...): both sequences always have the same length"
    ),
    ("checks", "check_redundant_prerequisites", "len(needed_list) > 1", "len(needed_list) >= 1"): (
        "with one prerequisite the only candidate is the prerequisite itself, and in a DAG no "
        "node is its own ancestor; the guard only saves work"
    ),
    ("checks", "check_redundant_prerequisites", "1", "0"): (
        "`len(needed_list) > 0` differs from `> 1` only for one prerequisite: see the entry above"
    ),
    (
        "analysis",
        "unread_yml_files",
        "sorted(terms_dir.glob('*.yml'))",
        "terms_dir.glob('*.yml')",
    ): ("locate_all sorts every finding by file, line and column before anyone sees it"),
    (
        "schema",
        "_translate",
        "yield finding(file, 'invalid-value', f\"'{name}': {error.message}\", where=path)",
        "pass",
    ): _OTHER_KEYWORD,
    (
        "schema",
        "_translate",
        "finding(file, 'invalid-value', f\"'{name}': {error.message}\", where=path)",
        "finding('invalid-value', file, f\"'{name}': {error.message}\", where=path)",
    ): _OTHER_KEYWORD,
    (
        "schema",
        "_translate",
        "'invalid-value'",
        "'XXinvalid-valueXX'",
        'yield finding(file, "invalid-value", f"\'{name}\': {error.message}", where=path)',
    ): _OTHER_KEYWORD,
    ("render/text", "", "'b'", "'XXbXX'"): _NOT_WRITTEN,
    ("render/text", "", "'i'", "'XXiXX'"): _NOT_WRITTEN,
    ("render/text", "", "'kbd'", "'XXkbdXX'"): _NOT_WRITTEN,
    ("render/text", "", "'sub'", "'XXsubXX'"): _NOT_WRITTEN,
    ("render/text", "", "'sup'", "'XXsupXX'"): _NOT_WRITTEN,
    ("render/text", "", "'del'", "'XXdelXX'"): _NOT_WRITTEN,
    ("sanitize", "", "'b'", "'XXbXX'"): _NOT_WRITTEN,
    ("sanitize", "", "'i'", "'XXiXX'"): _NOT_WRITTEN,
    ("sanitize", "", "'kbd'", "'XXkbdXX'"): _NOT_WRITTEN,
    ("sanitize", "", "'sub'", "'XXsubXX'"): _NOT_WRITTEN,
    ("sanitize", "", "'sup'", "'XXsupXX'"): _NOT_WRITTEN,
    ("sanitize", "", "'del'", "'XXdelXX'"): _NOT_WRITTEN,
    (
        "prose",
        "_JudgeUrls.run",
        "''",
        "'XX'",
        'self.converter.events.unsafe_links.append(element.get("src", ""))',
    ): (
        "Python-Markdown sets src on every image it makes (ImageInlineProcessor.handleMatch, "
        "ImageReferenceInlineProcessor.makeTag), and raw <img> stays text, so the default is "
        "never used"
    ),
    ("prose", "_bound_link_scans.bounded_link", "''", "'XX'"): (
        "Python-Markdown's link and image processors read getLink's href only when it says "
        "handled, and this return says not handled"
    ),
    ("prose", "_MathLeft._visit", "''", "'XX'"): (
        "the default class of an element without one: 'arithmatex' is in neither '' nor 'XX'"
    ),
    ("prose", "_find", "at < 0", "at <= 0"): _FOUND_AT_START,
    ("prose", "_find", "0", "1", "if at < 0:"): _FOUND_AT_START,
    ("render/text", "prose_markdown", "pending.append(plain(element))", "pass"): _BARE_TEXT,
    ("render/text", "prose_markdown", "plain(element)", "element"): _BARE_TEXT,
    (
        "render/text",
        "prose_markdown",
        "min(level + heading_shift, 6)",
        "min(6, level + heading_shift)",
    ): ("min() of two numbers does not depend on their order"),
}


def why_equivalent(mutant: Mutant) -> str | None:
    """The reason `mutant` is equivalent, or None."""
    return (
        EQUIVALENT.get(mutant.exact_key)
        or EQUIVALENT.get(mutant.precise_key)
        or EQUIVALENT.get(mutant.key)
    )
