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

# Writing the schema's $defs in where they are used is for speed (fast_validator): a $ref
# left as it is, fastjsonschema resolves itself, with the same verdict on every document.
_NOT_INLINED = "only leaves a $ref for fastjsonschema to resolve: the same verdicts, slower"
# A schema error at the root of a term is a missing or an unknown field (the document is a
# mapping by then, or it is a not-a-mapping finding), and neither message names the root.
_ROOT_NAME = "no message for an error at the term's root uses its name"

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

# `_NEEDED` only lets a pattern skip text that lacks every string its regex needs; a name it
# does not find (or a needle made longer) leaves the regex to run and find the same nothing.
_NEEDLE_GATE = (
    "only skips a regex on text where it cannot match: without the skip it runs and finds nothing"
)
# The link-scan budget is a bound with a wide margin (8 characters per character of text, plus
# 10,000); moving it by one character changes no real text's page and keeps time linear
# (test_security's timing tests), which is all the bound is for.
_BUDGET_MARGIN = (
    "moves a bound with a wide margin by one character: no page changes, time stays linear"
)
# cuts[0] for cuts[-1]: the extra cut it lets through repeats the last, which makes an empty
# block right after a display-math block; Python-Markdown drops an empty block unless it
# follows a code block.
_REPEATED_CUT = (
    "a repeated cut makes an empty block after display math, which Python-Markdown drops"
)
# RenderCache.memo keeps one value per name: a name only has to differ from the others.
_MEMO_NAME = "a memo's name only has to differ from the other names"
# Every parser event has a start mark, and every refusal of ours is raised with its node's.
_ALWAYS_MARKED = "every event and every refusal has a mark, so the (1, 1) fallback is never used"
# memo(name, key) with the two swapped makes the key the name: a value is still given back only
# for an equal key (under the same name); the table only keeps more entries.
_MEMO_SWAP = "the key becomes the name: a value still comes back only for an equal key"
# min() or max() of two numbers gives the same whichever comes first.
_ORDERLESS = "min() or max() of two numbers does not depend on their order"
_LONGER_WINDOW = "a longer window only tries keys longer than any name first, which name nothing"
_NOTHING_TO_FIND = "no names or no text: the walk that follows finds nothing either"
# Work shared out between processes (forked.Spread) comes back in the items' order whatever
# their size or how many processes take them (test_forked); the size only changes the speed.
_CHUNK_SIZE = "the chunk size changes how work is shared out, not the answers (test_forked)"
# Built before forking only so that children inherit them: each process builds its own on
# first use otherwise, with the same result.
_BUILT_ONCE = "children build the converter and validator themselves on first use: same result"
# Reading a file in pieces: whatever the first piece and the later pieces, the bytes come
# back in order up to the limit (test_files reads a pipe in pieces of 1, 100 and 64 KiB).
_PIECES = "the size of a read only changes how many reads it takes to get the same bytes"
# An ASCII text encoded to bytes has no byte of 128 or more, so what the table maps them to
# is never used.
_NOT_ASCII = "ASCII text encoded has no byte >= 128: those entries of the table are never read"
# The links-only conversion only skips inline work on text that holds no `[[`: without the
# skip the whole conversion runs and finds the same links (test_prose_links).
_LINKS_ONLY = "without the skip the whole conversion runs and finds the same wikilinks"
# A tag missing from the plain set sends its scalars to PyYAML's constructor, which builds the
# same value (test_yamlload compares the two on every YAML suite case and term).
_PLAIN_TAG = "a tag missing here is left to PyYAML's constructor, which builds the same value"
# The starter repository's templates (site_builder/templates/init) hold no Python file, so
# nothing compiles one beside them: no name there ends (or starts) with .pyc or .pyo.
_NO_PYTHON = "templates/init holds no Python file: no .pyc or .pyo name is ever among its files"
# networkx is a dependency: its spec and loader are always found.
_FOUND = "networkx is installed with the package: find_spec always finds it and its loader"

# libxml2 (2.14, xmlCtxtVErr and the HTML parser) counts an input's lines and columns from 1
# and never sets either to 0; an error has no position (0, 0) only when no input is being
# parsed, which is never the case once a page's parse has begun, or when libxml2 itself runs
# out of memory. So a fatal error that stopped a page's parse is at line and column 1 or more
# (a fuzz of truncated, mis-encoded and deeply nested pages found no other), and max(..., 1)
# and max(..., 0) agree.
_FROM_ONE = (
    "a parse error libxml2 reports on a page is at line and column 1 or more (only its "
    "out-of-memory error has no position)"
)

EQUIVALENT: dict[tuple[str | int, ...], str] = {
    ("sitecheck", "", "True", "False"): (
        "comments kept in the tree are not elements: the XPath that collects anchors and "
        "references selects elements only"
    ),
    ("render/blocks", "HtmlBlocks.retain", "1.25", "2.25"): (
        "how long forgotten blocks are kept changes memory only: every block a page marks is "
        "always in the store"
    ),
    ("files", "", "0", "1"): (
        "os.O_NOFOLLOW exists on every POSIX system the package runs on: the default is unused"
    ),
    (
        "revisions",
        "terms_at",
        "60",
        "61",
    ): "a time limit for git one second longer: git answers at once",
    (
        "revisions",
        "terms_at",
        "120",
        "121",
    ): "a time limit for git one second longer: git answers at once",
    (
        "yamlload",
        "safe_to_compose",
        "nesting_bound(text) <= SAFE_COMPOSE_DEPTH",
        "nesting_bound(text) < SAFE_COMPOSE_DEPTH",
    ): (
        "the count of nesting marks is only an upper bound: at the bound itself the exact "
        "measure (too_deep) runs and gives the same answer"
    ),
    ("yamlload", "expanded", "'surrogatepass'", "'XXsurrogatepassXX'"): (
        "libyaml refuses a surrogate escape, so no scalar holds a surrogate and the error "
        "handler is never looked up"
    ),
    ("analysis", "_read_all", "renderer()", "pass"): _BUILT_ONCE,
    ("analysis", "_read_all", "fast_validator()", "pass"): _BUILT_ONCE,
    ("render/pages", "site_pages", "'skos'", "'XXskosXX'"): _MEMO_NAME,
    (
        "render/pages",
        "site_pages",
        "cache.memo('reading order', graph.prerequisites, lambda: reading_order(graph))",
        "cache.memo(graph.prerequisites, 'reading order', lambda: reading_order(graph))",
    ): _MEMO_SWAP,
    (
        "render/pages",
        "site_pages",
        "cache.memo('skos', edges, lambda: skos_turtle(glossary, options.site_name, "
        "options.site_url, directory_urls))",
        "cache.memo(edges, 'skos', lambda: skos_turtle(glossary, options.site_name, "
        "options.site_url, directory_urls))",
    ): _MEMO_SWAP,
    (
        "render/pages",
        "site_pages",
        "cache.memo('explorer', listed, lambda: explorer_page(glossary, options))",
        "cache.memo(listed, 'explorer', lambda: explorer_page(glossary, options))",
    ): _MEMO_SWAP,
    ("render/pages", "site_pages", "sorted(terms)", "terms"): (
        "the order in which term pages are generated is not observable: the plugin puts files "
        "in mkdocs' walk order (in_docs_order), render writes each to its own path, and their "
        "HTML blocks are named by content hash"
    ),
    ("findings", "Severity.rank", "2", "3"): (
        "ranks are only compared with each other: error 3 is still above warning 1"
    ),
    ("load", "_reader_finding", "159", "160"): (
        "the reader accepts U+00A0 (printable in YAML), so the code is never 160"
    ),
    ("load", "_reader_finding", "code < 32", "code <= 32"): (
        "the reader never refuses a space (U+0020), so the code is never 32"
    ),
    (
        "load",
        "_mark_position",
        "1",
        "0",
        "return (mark.line + 1, mark.column + 1) if mark else (1, 1)",
        58,
    ): _ALWAYS_MARKED,
    (
        "load",
        "_mark_position",
        "1",
        "0",
        "return (mark.line + 1, mark.column + 1) if mark else (1, 1)",
        61,
    ): _ALWAYS_MARKED,
    ("load", "marks", "not isinstance(key, yaml.ScalarNode)", "isinstance(key, yaml.ScalarNode)"): (
        "the marks are a shortcut: positions finds the same places without them (compared on "
        "the real glossary and a hostile one with 43 findings)"
    ),
    (
        "render/pages",
        "index_page",
        "'0–9'",
        "'XX0–9XX'",
        'for letter in sorted(groups, key=lambda g: (g != "0–9", g))',
    ): "'0–9' sorts before every letter A–Z by itself: the flag that puts it first changes nothing",
    ("render/pages", "site_pages", "'reading order'", "'XXreading orderXX'"): _MEMO_NAME,
    ("render/pages", "site_pages", "'a-z'", "'XXa-zXX'"): _MEMO_NAME,
    ("render/pages", "site_pages", "'tags'", "'XXtagsXX'"): _MEMO_NAME,
    ("prose", "Spot", "True", "False"): _FROZEN,
    ("prose", "WikiLink", "True", "False"): _FROZEN,
    ("prose", "Scan", "True", "False"): _FROZEN,
    ("prose", "scan", "True", "False"): (
        "`_locate` returns one offset per item it is given, so zip's strict check never fails"
    ),
    (
        "prose",
        "_bound_link_scans.window_at",
        "min(LINK_SCAN_WINDOW, converter.budget)",
        "min(converter.budget, LINK_SCAN_WINDOW)",
    ): _ORDERLESS,
    ("prose", "", "'glossary-wikilink'", "'XXglossary-wikilinkXX'"): _NEEDLE_GATE,
    ("prose", "", "'short_reference'", "'XXshort_referenceXX'"): _NEEDLE_GATE,
    ("prose", "", "'em_strong'", "'XXem_strongXX'"): _NEEDLE_GATE,
    ("prose", "Renderer.convert", "10000", "10001"): _BUDGET_MARGIN,
    ("prose", "_bound_link_scans.window_at", "0", "1"): _BUDGET_MARGIN,
    ("prose", "_bound_link_scans.bounded_text", "1", "0"): _BUDGET_MARGIN,
    ("prose", "_bound_link_scans.bounded_link", "1", "0"): _BUDGET_MARGIN,
    ("prose", "_bound_link_scans.bounded_text", "''", "'XX'"): (
        "an unhandled scan's text is never read: Python-Markdown's link processors return no "
        "match as soon as `handled` is false"
    ),
    (
        "prose",
        "_bound_link_scans.bounded_link",
        "(len(window) if unresolved else end) + 1",
        "(len(window) if unresolved else end) - 1",
    ): _BUDGET_MARGIN + " (a scan reads at least its `(` and `)`, so it is still charged)",
    ("project", "terms_dir_of", "'glossary'", "'XXglossaryXX'", 'if entry == "glossary":'): (
        "a bare `- glossary` entry means terms/ beside mkdocs.yml, and the only caller "
        "(default_terms_dir) falls back to that same folder when no entry names the plugin"
    ),
    ("revisions", "terms_at", "''", "'XX'"): (
        "git writes why to stderr whenever these commands fail (`fatal: …`), so the message is "
        "never empty"
    ),
    ("prose", "", "8", "9"): _BUDGET_MARGIN,
    ("prose", "_Converter.__init__", "self.events = Events()", "pass"): (
        "`convert` sets the events before every conversion, and nothing reads them before one"
    ),
    ("prose", "_JudgeUrls.run", "''", "'XX'", 'href = element.get("href", "")'): (
        "every <a> Python-Markdown makes has an href (links, references, autolinks), raw <a> "
        "stays text and our own term links are not judged, so the default is never used"
    ),
    ("prose", "", "'^(?: {4}|\\\\t)'", "'XX^(?: {4}|\\\\t)XX'"): (
        "without the guard an indented code block is cut too, but Python-Markdown's code block "
        "takes only the indented lines and hands the rest back as a block that is cut then: "
        "the same blocks either way"
    ),
    (
        "prose",
        "_cuts",
        "1",
        "0",
        "if index > 0 and (not cuts or cuts[-1] != index):",
    ): _REPEATED_CUT,
    ("prose", "_cuts", "1", "0", "if not cuts or cuts[-1] != index:"): _REPEATED_CUT,
    (
        "prose",
        "_cuts",
        "index > 0",
        "index >= 0",
        "elif index > 0 and _LIST_ITEM_RE.match(line) and not _LIST_ITEM_RE.match(first):",
    ): ("at index 0 the line is the first line, which cannot both match and not match"),
    ("render/text", "plain", "65536", "65537"): "the size of a cache changes speed, not output",
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
    ("markup", "", "200", "201"): (
        "the line prefix that lets too_complex skip the parse: any length far below the ~990 "
        "characters the parser needs to give up is as safe (" + _PARSE_SKIP + ")"
    ),
    ("markup", "wikilinks", "m.group(1).strip()", "m.group(1)"): _PARSE_SKIP,
    (
        "markup",
        "math_left",
        "'$' not in text or '$' not in _without_plain_display_math(text)",
        "'$' not in text and '$' not in _without_plain_display_math(text)",
    ): _PARSE_SKIP,
    (
        "prose",
        "_Converter.extendMarkdown",
        "'glossary-links-found'",
        "'XXglossary-links-foundXX'",
    ): (_REGISTRY_NAME),
    ("prose", "", "'[\\t\\n\\r]'", "'XX[\\t\\n\\r]XX'"): (
        "urlsplit itself removes every tab, CR and LF before it parses (Python >= 3.9.5; the "
        "package needs 3.11), and at the ends they are stripped with the other controls"
    ),
    ("prose", "_RawHtmlAsText.handleMatch", "1", "0"): (
        "markdown's HTML_RE is one group around the whole pattern, so group(1) is group(0)"
    ),
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
        "export",
        "_wanted",
        "sorted(theme_overrides().rglob('*.html'))",
        "theme_overrides().rglob('*.html')",
    ): "the manifest is sorted; only the order in which files are written changes",
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
    ("render/pages", "", "True", "False"): (
        "keep_trailing_newline: a page's last line break means nothing to Markdown"
    ),
    ("render/pages", "_url", '":/?#[]@!$&\'*+,;=%~-._"', '"XX:/?#[]@!$&\'*+,;=%~-._XX"'): (
        "adds X to the characters quote() leaves alone; letters are never quoted anyway"
    ),
    (
        "render/affected",
        "affected_terms",
        "old_prose is not None and new_prose is not None",
        "old_prose is not None or new_prose is not None",
    ): "every caller passes both proses (the plugin, while serving) or neither",
    ("render/sections", "Sections", "True", "False"): _FROZEN,
    ("render/sections", "Prose", "True", "False"): _FROZEN,
    ("render/sections", "term_sections", "continue", "pass"): (
        "converting an empty text gives '' and no link, which is what the skipped field gets"
    ),
    ("render/sections", "term_sections", "sorted(links)", "links"): (
        "the links only make mention-graph edges, added term by term in id order and sorted by "
        "every reader (graph.json, mentioned_in); a different order at most renders a page again"
    ),
    ("render/sections", "all_sections", "'names'", "'XXnamesXX'"): (
        "a memo name only has to differ from the cache's other names, which this one does"
    ),
    (
        "render/sections",
        "all_sections",
        "autolink and tuple(((t.id, t.title, t.aliases) for t in glossary.terms.values()))",
        "autolink or tuple(((t.id, t.title, t.aliases) for t in glossary.terms.values()))",
    ): "without autolinking a key that changes with the titles only converts the prose again",
    (
        "render/sections",
        "mentioned_in",
        "sorted(graph.predecessors(term_id))",
        "graph.predecessors(term_id)",
    ): (
        "mention_graph adds edges term by term in id order, so a node's predecessors already "
        "come in id order"
    ),
    ("render/problems", "problems_page", "''", "'XX'"): _DEFAULT,
    ("render/problems", "problems_page", "html.escape(term_id)", "term_id"): (
        "only valid term ids reach it (plugin.problem_pages keeps is_term_id stems), and they "
        "hold no character that html.escape changes"
    ),
    ("skos", "concept_uri", "True", "False"): _DEFAULT,
    ("render/pages", "site_pages", "'path'", "'XXpathXX'"): (
        "a memo name only has to differ from the cache's other names ('a-z', 'explorer', "
        "'tags', 'graph', 'skos', 'names', 'reading order', 'sections …'), which this one does"
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
    ("analysis", "Analysis", "True", "False"): _FROZEN,
    ("analysis", "FileResult", "True", "False"): _FROZEN,
    ("graph", "ConceptGraph", "True", "False"): _FROZEN,
    ("model", "Source", "True", "False"): _FROZEN,
    ("model", "Term", "True", "False"): _FROZEN,
    ("model", "Glossary", "True", "False"): _FROZEN,
    ("analysis", "", "2000", "2001"): _PARALLEL,
    ("analysis", "_read_all", "jobs < 2", "jobs <= 2"): _PARALLEL,
    ("analysis", "_read_all", "2", "3"): _PARALLEL,
    ("analysis", "combine", "2", "3"): _PARALLEL + " (mentions looked for in more processes)",
    (
        "analysis",
        "_read_all",
        "len(names) < PARALLEL_MIN_FILES",
        "len(names) <= PARALLEL_MIN_FILES",
    ): _PARALLEL,
    ("analysis", "analyse", "1", "0"): _PARALLEL + " (jobs=0 reads serially, as jobs=1 does)",
    (
        "export",
        "_wanted",
        "0",
        "1",
        'manifest = json.dumps({"files": sorted(files)}, indent=0) + "\\n"',
    ): "the manifest is read back with json.loads, to which indentation is not data",
    ("external", "check_external", "10.0", "11.0"): _DEFAULT,
    ("diff", "_related", "min(a, b)", "min(b, a)"): _ORDERLESS,
    ("livebuild", "SearchRecorder.__init__", "self.seen = 0", "pass"): (
        "pages are recorded only while serving, after on_pre_build has called start(), which "
        "sets it"
    ),
    ("livebuild", "SearchRecorder.__init__", "0", "1"): (
        "pages are recorded only while serving, after on_pre_build has called start(), which "
        "sets it to 0"
    ),
    ("incremental", "IncrementalAnalysis._result", "self._checked[path] = checked", "pass"): (
        "a cache that never keeps an answer only runs the term's checks again, with the same "
        "findings"
    ),
    ("render/text", "", "1", "0", '_HEADINGS = {f"h{n}": n for n in range(1, 7)}'): (
        "there is no h0 element, so a table entry for one is never looked up"
    ),
    ("render/text", "", "7", "8", '_HEADINGS = {f"h{n}": n for n in range(1, 7)}'): (
        "there is no h7 element, so a table entry for one is never looked up"
    ),
    ("incremental", "_mentions", "1", "0"): (
        "the whole `[[…]]` match is never a known id, and an unknown one makes the term depend on "
        "every id: it is checked again more often, never wrongly"
    ),
    ("incremental", "_mentions", "m.group(1).strip()", "m.group(1)"): (
        "a `[[ id ]]` kept with its spaces is never a known id, and an unknown one makes the term "
        "depend on every id: it is checked again more often, never wrongly"
    ),
    ("diff_report", "render_diff", "0", "1"): (
        "the count goes into as_github's summary line, which render_diff drops ([:-1])"
    ),
    ("cli", "diff_command", "os.cpu_count() or 1", "os.cpu_count() and 1"): (
        _PARALLEL + " (the mutant reads with one process)"
    ),
    ("freshness", "last_updated", "True", "False"): (
        "a failing git command prints nothing on stdout, which parse_log reads as no dates, "
        "the answer the CalledProcessError branch gives"
    ),
    ("render/pages", "site_pages", "sorted(prose.mentions.edges)", "prose.mentions.edges"): (
        "part of a cache key: edges in another order only miss the cache, and the pages made "
        "again are the same"
    ),
    (
        "analysis",
        "_read_all",
        "jobs < 2 or len(names) < PARALLEL_MIN_FILES",
        "jobs < 2 and len(names) < PARALLEL_MIN_FILES",
    ): _PARALLEL,
    (
        "checks",
        "check_unlinked_mentions",
        "True",
        "False",
        "for mention, offset in zip(found, mentions.locate(text, html, found), strict=True):",
    ): "locate gives exactly one offset for each mention, so the two never differ in length",
    ("limits", "Limits", "16", "17", "cache_bytes: int = 16 * KIB * KIB"): (
        "a bound with a wide margin: a link cache is a few hundred bytes a link, and 16 or 17 MB "
        "are both far beyond any"
    ),
    ("freshness", "parse_log", "'/'", "'XX/XX'"): (
        "a name in a subfolder has a stem with a slash, which is_term_id rejects right after"
    ),
    ("freshness", "last_updated", "60", "61"): (
        "a bound on a git command that takes milliseconds: one second more changes nothing"
    ),
    ("external", "check_external", "8", "9"): (
        "the command line passes its own worker count; the tests' findings do not depend on how "
        "many threads fetch"
    ),
    ("cli", "diff_command", "1", "0", "jobs = os.cpu_count() or 1"): (
        _PARALLEL + " (a count of 0 reads serially, as 1 does)"
    ),
    (
        "cli",
        "diff_command",
        "False",
        "True",
        "analysis = analyse(where, jobs=jobs, with_text=False)",
    ): ("a diff compares structure and findings, which are made from the text either way"),
    (
        "cli",
        "export_command",
        "False",
        "True",
        "analysis = analyse(_terms_dir(terms_dir), with_text=False)",
    ): ("SKOS carries titles, aliases and summaries, never the Markdown sections"),
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
    ("checks", "_redundant_prerequisites", "continue", "pass"): (
        "a node older than the oldest prerequisite is never popped (the heap pops newest "
        "first, and popping the oldest prerequisite decides the last one), so labelling and "
        "pushing it changes neither the answer nor the visits charged"
    ),
    ("checks", "_cycle_finding", "True", "False"): (
        "zip(cycle, rotated cycle, strict=...): both sequences always have the same length"
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
    ("prose", "_find", "needle.strip()", "needle"): (
        "no needle starts with whitespace (a wikilink starts with [[, left math with $, a link "
        "address is stripped by the parser), so none is whitespace before a placeholder"
    ),
    (
        "mentions",
        "locate",
        "(found := _find_words(source, mention.text, cursor)) >= 0",
        "(found := _find_words(source, mention.text, cursor)) > 0",
    ): _FOUND_AT_START + " (the last branch searches from 0)",
    (
        "mentions",
        "locate",
        "0",
        "1",
        "elif (found := _find_words(source, mention.text, cursor)) >= 0:",
    ): (_FOUND_AT_START + " (the last branch searches from 0)"),
    ("prose", "_find", "0", "1", "if at < 0:"): _FOUND_AT_START,
    ("render/text", "prose_markdown", "pending.append(plain(element))", "pass"): _BARE_TEXT,
    ("render/text", "prose_markdown", "plain(element)", "element"): _BARE_TEXT,
    (
        "render/text",
        "prose_markdown",
        "min(level + heading_shift, 6)",
        "min(6, level + heading_shift)",
    ): _ORDERLESS,
    ("mentions", "names_of", "raw.strip()", "raw"): (
        "validate.to_term strips the title and every alias, so no name has spaces left at its "
        "ends to strip"
    ),
    (
        "mentions",
        "names_of",
        "1",
        "0",
        "for variant in _variants(name, fold)[1:]:",
    ): "the first variant is the name itself, already a key of the table: setdefault keeps it",
    ("checks", "check_redundant_prerequisites", "sorted(redundant.items())", "redundant.items()"): (
        _EMIT_ORDER + " (each redundant prerequisite of a term has its own index, so its own place)"
    ),
    ("checks", "Hints.__call__", "0", "1"): (
        "`self._chars < 1` is `self._chars <= 0` for a count: see the entry below"
    ),
    ("checks", "Hints.__call__", "self._chars < 0", "self._chars <= 0"): (
        "_chars is 0 only when the candidates' ids are all empty (or none); counting them again "
        "gives 0 again, so the cost and the answer are the same"
    ),
    ("analysis", "FileResult", "''", "'XX'"): (
        "only a file with no document gets the default: it has no marks, and an empty marks "
        "table under 'XX' is never looked up (findings name files by paths ending in .yaml)"
    ),
    (
        "incremental",
        "IncrementalAnalysis._load",
        "1",
        "0",
        "read = _Read(key or (-1, -1, -1, -1), result, _mentions(term))",
    ): (
        "a placeholder with one -1 made 0 still has a negative size or inode, so, like the "
        "original, it equals no real stat key and equals itself"
    ),
    (
        "load",
        "_read",
        "1",
        "0",
        "return None, [Finding(display, 1, 1, raw.code, raw.message, raw.hint)]",
        39,
    ): (
        "a finding on line 0 is placed by the locate stage, which reads the unreadable file "
        "again the same way (read_inside, the same limits), is refused again and gives 1:1"
    ),
    (
        "load",
        "parse_text",
        "1",
        "0",
        'return None, [Finding(display, 1, 1, "empty-file", "the file is empty")]',
        39,
    ): (
        "a finding on line 0 is placed by the locate stage: a blank file composes to no node, "
        "which gives 1:1"
    ),
    ("files", "_kind", "'a socket'", "'XXa socketXX'"): (
        "unreachable: os.open of a socket fails (ENXIO), so fstat never sees one"
    ),
    ("files", "_kind", "'not a regular file'", "'XXnot a regular fileXX'"): (
        "unreachable: fstat of an open file is a regular file, folder, FIFO, socket or device "
        "(O_NOFOLLOW never opens a link)"
    ),
    (
        "sitecheck",
        "_urls",
        "part.strip()",
        "part",
        'yield from (part.strip().split()[0] for part in srcset.split(",") if part.strip())',
        20,
    ): "split() without arguments drops leading and trailing whitespace itself",
    (
        "sitecheck",
        "_urls",
        "''",
        "'XX'",
        'yield from (url for _, url in css_urls(element.text or ""))',
    ): "an empty <style> and one holding 'XX' both have no url() to check",
    (
        "external",
        "_save_cache",
        "True",
        "False",
        "temporary.unlink(missing_ok=True)",
    ): "mkstemp has just created the temporary file, so it exists when unlinked",
    ("external", "_fetch", "Outcome(url, None, 'no answer')", "Outcome(None, url, 'no answer')"): (
        "unreachable: the GET pass of the loop always returns"
    ),
    ("external", "_fetch", "'no answer'", "'XXno answerXX'"): (
        "unreachable: the GET pass of the loop always returns"
    ),
    (
        "sitecheck",
        "css_urls",
        "'\\n'",
        "'XX\\nXX'",
        'blank = _CSS_COMMENT_RE.sub(lambda m: "\\n" * m.group(0).count("\\n"), css)',
        42,
    ): "a comment becomes as many line breaks as it had either way: only they are counted",
    (
        "stats",
        "dependant_counts",
        "reversed(order)",
        "order",
        "for component in reversed(order):  # components near the bottom get the low bits",
    ): "which component gets which bits does not matter: they stay disjoint, and only counted",
    ("stats", "dependant_counts", "0", "1", "offset = 0"): (
        "shifting every component's bits by one keeps them disjoint, and only their count is used"
    ),
    ("diff", "diff", "sorted(new_findings)", "new_findings"): (
        "an analysis's findings are sorted (locate_all), and picking some keeps their order"
    ),
    (
        "cli",
        "diff_command",
        "'base'",
        "'XXbaseXX'",
        'for name, given in (("base", base), ("head", head)):',
    ): "the name of a revision's scratch folder is never shown: _found_in replaces it",
    (
        "cli",
        "diff_command",
        "'head'",
        "'XXheadXX'",
        'for name, given in (("base", base), ("head", head)):',
    ): "the name of a revision's scratch folder is never shown: _found_in replaces it",
    ("revisions", "terms_at", "True", "False", "scratch.mkdir(parents=True, exist_ok=True)"): (
        "parents / exist_ok: its only caller passes base/ or head/ directly in a fresh "
        "temporary directory, so the parent exists and the folder does not"
    ),
    ("plugin", "GlossaryPlugin.on_page_markdown", "0", "1"): (
        "problems are kept only for generated term pages, whose template always starts with "
        "'# <title>', so the no-heading fallback is never used"
    ),
    ("livebuild", "Generated", "True", "False"): _FROZEN,
    (
        "revisions",
        "terms_at",
        "error.stderr.decode('utf-8', 'replace').strip()",
        "error.stderr.decode('utf-8', 'replace')",
    ): (
        "only the last line is shown, and git's errors end in one newline, which splitlines "
        "drops; its usage text, which ends in a blank line, needs an option-like revision, "
        "refused before git runs"
    ),
    ("project", "_walk", "'.pyc'", "'XX.pycXX'"): _NO_PYTHON,
    ("project", "_walk", "'.pyo'", "'XX.pyoXX'"): _NO_PYTHON,
    (
        "project",
        "_walk",
        "entry.name.endswith(('.pyc', '.pyo'))",
        "entry.name.startswith(('.pyc', '.pyo'))",
    ): _NO_PYTHON,
    ("watch", "_Signal.on_any_event", "''", "'XX'"): (
        "watchdog's events always have a dest_path ('' when there is none), so the default is "
        "never used; and neither '' nor 'XX' is a watched file or under a watched folder"
    ),
    ("watch", "file_changes.next_change", "changed.clear()", "pass", "changed.clear()", 8): (
        "the settling loop right after finds the event still set, so it returns at once and "
        "clears it: the same wait, one loop turn later"
    ),
    ("plugin", "in_docs_order.from_docs", "''", "'XX'"): (
        "docs_dir is resolved, so absolute: it starts with '/', and neither '' nor 'XX' does"
    ),
    (
        "livebuild",
        "_remove",
        "config.use_directory_urls and file.is_documentation_page() and "
        "(target.name == 'index.html')",
        "config.use_directory_urls or file.is_documentation_page() or target.name == 'index.html'",
    ): (
        "removed files are always generated Markdown pages (the exports are made every build), "
        "so only with directory URLs off does this differ, and then it only deletes a folder the "
        "removal left empty (the check that it is empty stays): every file of the site is the same"
    ),
    ("livebuild", "", "'search'", "'XXsearchXX'"): (
        "the plugin requires Material, under which mkdocs names the search plugin "
        "'material/search', so no config has a plugin called 'search'"
    ),
    (
        "external",
        "Deadline.remaining",
        "max(self._end - time.monotonic(), 0.001)",
        "max(0.001, self._end - time.monotonic())",
    ): "max() of two finite numbers does not depend on their order",
    ("scaffold", "create_term_file", "True", "False", "path.unlink(missing_ok=True)"): (
        "os.open with O_CREAT | O_EXCL has just created the file, so it exists when unlinked"
    ),
    ("checks", "check_text", "continue", "pass"): (
        "text too complex to render is converted as plain text, which records no [[links]], raw "
        "HTML, unsafe links or math: the checks after it find nothing (skipping them saves time)"
    ),
    ("load", "_reader_finding", "32", "33"): (
        "U+0020, the one code point 0x20 and 0x21 classify differently, is a space: YAML's reader "
        "never rejects it"
    ),
    ("positions", "Positions.locate_all", "self._parsed.pop(file, None)", "pass"): (
        "each analysis makes its own Positions and locates once, file by file: a tree kept past "
        "its file's group is only memory, read again (if at all) for the same file's content"
    ),
    ("yamlload", "too_deep", "loader.dispose()", "pass"): (
        "dispose only breaks the finished loader's reference cycles; nothing reads it afterwards"
    ),
    ("yamlload", "expanded", "min(size, cap[1])", "min(cap[1], size)"): _ORDERLESS,
    ("incremental", "IncrementalAnalysis._load", "''", "'XX'"): (
        "a file that did not load has no marks: its `file` only keys an empty marks table for the "
        "locate stage, and no finding's file is 'XX', so an empty table and none look the same"
    ),
    ("load", "_byte_position", "'replace'", "'XXreplaceXX'"): (
        "the bytes before the offset are whole UTF-8 characters (a decode error's start, or where "
        "the reader refused a character of text that decoded as UTF-8), so no error handler runs"
    ),
    (
        "load",
        "_syntax_finding",
        "1",
        "0",
        "line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)",
        66,
    ): (
        "every MarkedYAMLError this loader can raise (scanner, parser, composer, constructor) "
        "carries a problem mark; Refused, our own, is caught before"
    ),
    (
        "load",
        "_syntax_finding",
        "1",
        "0",
        "line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)",
        69,
    ): (
        "every MarkedYAMLError this loader can raise (scanner, parser, composer, constructor) "
        "carries a problem mark; Refused, our own, is caught before"
    ),
    ("mentions", "Names", "True", "False"): _FROZEN,
    ("mentions", "_Table", "True", "False"): _FROZEN,
    ("mentions", "Match", "True", "False"): _FROZEN,
    ("mentions", "Mention", "True", "False"): _FROZEN,
    ("mentions", "_Table.of", "0", "1"): (
        "every name has at least one token, so the larger of the two is never the default"
    ),
    (
        "mentions",
        "_Table.of",
        "max(longest.get(first, 0), count)",
        "max(count, longest.get(first, 0))",
    ): _ORDERLESS,
    ("mentions", "", "'[\\\\w-]+(?: [\\\\w-]+)*'", "'XX[\\\\w-]+(?: [\\\\w-]+)*XX'"): (
        "a name that skips the shortcut is tokenized, which gives the same key, first token "
        "and count (the shortcut only saves the tokenizing)"
    ),
    ("mentions", "_Table.of", "2", "3"): (
        "counting more tokens than a name has only makes `longest_at` try longer keys, which "
        "name nothing: the longest name found is the same"
    ),
    ("mentions", "_Table.longest_at", "0", "1"): (
        "a token no name starts with then gets a window of one, whose key names nothing: "
        "every one-token name's token is in `longest`"
    ),
    ("mentions", "_Table.longest_at", "1", "0"): _LONGER_WINDOW,
    ("mentions", "_Table.longest_at", "most - 1", "most + 1"): _LONGER_WINDOW,
    ("mentions", "_variants", "'aeiou'", "'XXaeiouXX'"): (
        "the X added to the vowels is uppercase, and `lower` holds no uppercase letter"
    ),
    ("mentions", "_variants", "''", "'XX'"): (
        "the letter before the last is empty only in a one-letter name, and the -ies rule is for "
        "names of SHORT_NAME (3) letters or more"
    ),
    ("mentions", "_segments", "''", "'XX'"): (
        "an element without a class gets the class XX instead of none, which is not the math class"
    ),
    ("mentions", "_segments", "'tail'", "'XXtailXX'"): (
        "callers only ask whether a segment is 'text'; any other value means the tail"
    ),
    ("mentions", "unlinked", "not names or not html", "not names and (not html)"): _NOTHING_TO_FIND,
    ("mentions", "autolink", "not names or not html", "not names and (not html)"): _NOTHING_TO_FIND,
    ("mentions", "", "'pre'", "'XXpreXX'"): (
        "Markdown writes every <pre> around a <code>, which is skipped itself; raw HTML is "
        "escaped, so no other <pre> reaches the text"
    ),
    ("mentions", "_fragment", "'div'", "'XXdivXX'"): (
        "the wrapper element's tag is never written out (autolink writes its text and children) "
        "and is compared only with the skipped tags, which hold neither name"
    ),
    (
        "mentions",
        "autolink",
        "False",
        "True",
        'inner = html_escape(root.text or "", quote=False) + "".join(',
    ): _BARE_TEXT,
    ("analysis", "", "50", "51"): _CHUNK_SIZE,
    ("analysis", "", "250", "251"): _CHUNK_SIZE,
    ("analysis", "combine", "1", "0"): (
        "Spread over 0 processes forks no child, as over 1: this process does every item"
    ),
    ("files", "read_inside", "1", "0"): _PIECES,
    ("files", "read_inside", "info.st_size + 1", "info.st_size - 1"): _PIECES,
    ("files", "_read_at_most", "1", "0"): _PIECES,
    ("files", "_read_at_most", "16", "17"): _PIECES,
    ("files", "_read_at_most", "max(expected, 1)", "max(1, expected)"): _PIECES,
    ("files", "_read_at_most", "max(expected, 1)", "min(expected, 1)"): _PIECES,
    ("files", "_read_at_most", "min(size, piece)", "min(piece, size)"): _ORDERLESS,
    ("files", "_read_at_most", "size > 0", "size >= 0"): (
        "at size 0 the read asks for 0 bytes, gets b'' and the loop ends as before"
    ),
    (
        "graph",
        "_lazy",
        "spec is not None and spec.loader is not None",
        "spec is not None or spec.loader is not None",
    ): _FOUND,
    ("graph", "_lazy", "spec.loader = loader", "pass"): (
        "module_from_spec asks spec.loader to create the module, and LazyLoader hands that to "
        "the loader it wraps: the same module; exec_module then makes it lazy either way"
    ),
    (
        "incremental",
        "IncrementalAnalysis.analyse",
        "False",
        "True",
        "parallel=False,  # inside a threaded server: never fork",
    ): "combine forks only to look for mentions, which the plugin's analysis never asks for",
    (
        "schema",
        "_with_defs_inlined.inlined",
        "ref.startswith('#/$defs/')",
        "ref.endswith('#/$defs/')",
    ): (_NOT_INLINED),
    ("schema", "_with_defs_inlined.inlined", "'#/$defs/'", "'XX#/$defs/XX'"): _NOT_INLINED,
    (
        "schema",
        "_with_defs_inlined.inlined",
        "ref[8:] in defs",
        "ref[8:] not in defs",
    ): _NOT_INLINED,
    (
        "schema",
        "_with_defs_inlined.inlined",
        "8",
        "9",
        'if ref.startswith("#/$defs/") and ref[8:] in defs and len(node) == 1:',
    ): _NOT_INLINED,
    ("schema", "_with_defs_inlined.inlined", "len(node) == 1", "len(node) != 1"): _NOT_INLINED,
    (
        "schema",
        "_with_defs_inlined.inlined",
        "1",
        "0",
        'if ref.startswith("#/$defs/") and ref[8:] in defs and len(node) == 1:',
    ): _NOT_INLINED,
    ("schema", "_translate", "'the term'", "'XXthe termXX'"): _ROOT_NAME,
    ("schema", "_with_defs_inlined.inlined", "''", "'XX'"): (
        "an object without $ref gets another default that is no local reference either"
    ),
    (
        "schema",
        "_with_defs_inlined.inlined",
        "ref.startswith('#/$defs/') and ref[8:] in defs and (len(node) == 1)",
        "ref.startswith('#/$defs/') or ref[8:] in defs or len(node) == 1",
    ): "the term schema's only one-key objects are its $refs, which both conditions inline",
    (
        "schema",
        "_with_defs_inlined",
        "'$defs'",
        "'XX$defsXX'",
        'return {key: inlined(value) for key, value in schema.items() if key != "$defs"}',
    ): "the compiled schema keeps its $defs, which nothing refers to any more",
    ("markup", "_links", "1024", "1025"): "a cache one entry larger gives the same answers",
    ("mentions", "", "128", "129"): _NOT_ASCII,
    ("mentions", "", "b < 128", "b <= 128"): _NOT_ASCII,
    (
        "prose",
        "_cuts",
        "cuts[-1] != index",
        "cuts[-1] == index",
        "if not cuts or cuts[-1] != index:",
    ): (
        "a list's cut left out is made when the block after the last cut is tested again (the "
        "processor runs on each block), and a repeated cut makes an empty block, which "
        "Markdown skips"
    ),
    (
        "positions",
        "Positions.locate_all",
        "any((r.line == 0 for r in f.related))",
        "all((r.line == 0 for r in f.related))",
    ): (
        "findings with related places are made by finding(), on line 0 themselves, so they "
        "wait for the locate stage either way"
    ),
    (
        "forked",
        "Spread.__init__",
        "1",
        "0",
        "Finalize(self, _kill, args=([child for child, _ in self._children],), exitpriority=1)",
    ): (
        "multiprocessing's exit runs every finalizer of priority 0 or more before it stops its "
        "daemon children: 0 and 1 both come first"
    ),
    ("external", "Deadline.__init__", "True", "False"): (
        "every Deadline is cancelled in fetch's finally, so no timer thread is left to hold "
        "the program at exit, daemon or not"
    ),
    ("forked", "Spread.__init__", "0", "1"): (
        "an item no process takes (the first, counting from 1) is worked on by results() at "
        "the end: the same answers in the same order"
    ),
    ("forked", "Spread.__init__", "True", "False"): (
        "children left running are killed by the Spread's finalizer before multiprocessing "
        "would join non-daemon ones, so daemon or not, the exit does not wait"
    ),
    (
        "incremental",
        "IncrementalAnalysis._result",
        "1",
        "0",
        "if checked is None or checked[0] != read.key or checked[1] != mentioned:",
    ): "a cache entry never found fresh only runs the term's checks again, with the same findings",
    ("positions", "_StructureLoader.resolve", "''", "'XX'"): (
        "positions read only the structure and the marks of a node tree, never its tags"
    ),
    ("prose", "_Converter.extendMarkdown", "90", "91"): (
        "the raw-HTML pattern keeps its place among the inline patterns: none stands between "
        "90 and 100 (linebreak)"
    ),
    ("prose", "_BlocksAfterParagraph.run", "True", "False"): (
        "the block's first piece starts with its own first line, which the processors before "
        "this one (empty, indent) declined: returning False lets the ones after it try that "
        "piece at once, as the next round would"
    ),
    ("load", "marks", "continue", "pass"): (
        "marks reads only a document that was constructed, and a key that is not a scalar "
        "(a list or a mapping) is unhashable: construction fails first"
    ),
    ("prose", "_Converter.__init__", "super().__init__()", "pass"): (
        "Extension.__init__ only applies the keyword options it is given, and it is given none"
    ),
    ("prose", "_OnlyTextWithLinks.__init__", "super().__init__()", "pass"): (
        "Treeprocessor.__init__ only stores md, which this processor never reads"
    ),
    ("prose", "_StopWhenLinksFound.__init__", "super().__init__()", "pass"): (
        "Treeprocessor.__init__ only stores md, which this processor never reads"
    ),
    ("prose", "_Converter.extendMarkdown", "175", "176"): (
        "no inline pattern's priority lies between 175 and 176 (escape 180, reference 170): "
        "the wikilinks keep their place in the order"
    ),
    ("prose", "_Converter.extendMarkdown", "0.5", "1.5"): (
        "no tree processor's priority lies between 0.5 and 1.5 (prettify 10, math 0.4): the "
        "URLs are still judged in the same place of the order"
    ),
    ("prose", "_Converter.extendMarkdown", "19", "20"): (
        "at the inline processor's own priority it still runs after it: the registry sorts "
        "stably and the inline processor was registered first"
    ),
    ("load", "", "16", "17"): (
        "a larger bound on the shared paths and positions changes memory only, and only for "
        "glossaries of more than 65,536 distinct ones"
    ),
    ("forked", "Spread.__init__", "False", "True"): (
        "a duplex pipe carries the child's messages the same way; nothing is sent back"
    ),
    ("forked", "Spread.__init__", "send.close()", "pass"): (
        "the parent's sending end is closed anyway when `send` is rebound or __init__ returns "
        "(reference counting), before anything waits for the end of the stream"
    ),
    ("forked", "Spread._answer", "send.close()", "pass"): (
        "the child exits right after (multiprocessing ends it with os._exit), closing the pipe"
    ),
    ("prose", "_OnlyTextWithLinks.run", "element.text = None", "pass"): _LINKS_ONLY,
    ("prose", "_Converter.__init__", "self.links_only = False", "pass"): (
        "`convert` sets links_only before every conversion"
    ),
    ("prose", "_Converter.__init__", "False", "True"): (
        "`convert` sets links_only before every conversion"
    ),
    (
        "prose",
        "_Converter.extendMarkdown",
        "'glossary-links-only'",
        "'XXglossary-links-onlyXX'",
    ): _REGISTRY_NAME,
    ("prose", "_Converter.extendMarkdown", "25", "26"): (
        "26 still runs it after indent-highlight (30) and before the inline patterns (20)"
    ),
    (
        "prose",
        "_Converter.extendMarkdown",
        "md.treeprocessors.register(_OnlyTextWithLinks(self), 'glossary-links-only', 25)",
        "pass",
    ): _LINKS_ONLY,
    ("prose", "Renderer.convert", "self.converter.links_only = links_only", "pass"): _LINKS_ONLY,
    ("prose", "Renderer.convert", "''", "'XX'"): (
        "the HTML of a links-only conversion is thrown away: wikilinks_of keeps the events"
    ),
    ("prose", "wikilinks_of", "True", "False"): _LINKS_ONLY,
    ("prose", "_wikilinks", "True", "False"): (
        "every wikilink event gets one offset (_locate gives one per string): the lengths agree"
    ),
    ("yamlload", "", "'str'", "'XXstrXX'"): _PLAIN_TAG,
    ("yamlload", "", "'int'", "'XXintXX'"): _PLAIN_TAG,
    ("yamlload", "", "'float'", "'XXfloatXX'"): _PLAIN_TAG,
    ("yamlload", "", "'bool'", "'XXboolXX'"): _PLAIN_TAG,
    ("yamlload", "", "'null'", "'XXnullXX'"): _PLAIN_TAG,
    ("yamlload", "", "'timestamp'", "'XXtimestampXX'"): _PLAIN_TAG,
    ("yamlload", "", "'value'", "'XXvalueXX'"): _PLAIN_TAG,
    ("sitecheck", "Tree", "True", "False"): _FROZEN,
    ("sitecheck", "css_urls", "''", "'XX'"): (
        "each alternative of the url()/@import pattern holds exactly one group, and a group that "
        "took part in a match is a string ('' at least), so one group is never None: the "
        "default of next() is never used"
    ),
    (
        "sitecheck",
        "read_page",
        "1",
        "0",
        "page.references.append(Reference(relative, element.sourceline or 1, url))",
    ): (
        "the elements selected carry an attribute or are <style>, so they come from a tag in the "
        "source, and libxml2 gives every such element its line (from 1, capped at 65535): "
        "sourceline is never None, so the fallback is never used"
    ),
    ("sitecheck", "read_page", "1", "0", "max(stop.line, 1),"): _FROM_ONE,
    ("sitecheck", "read_page", "1", "0", "max(stop.column, 1),"): _FROM_ONE,
    ("yamlload", "expanded", "min(nodes, cap[0])", "min(cap[0], nodes)"): _ORDERLESS,
    ("sitecheck", "read_page", "max(stop.line, 1)", "max(1, stop.line)"): _ORDERLESS,
    ("sitecheck", "read_page", "max(stop.column, 1)", "max(1, stop.column)"): _ORDERLESS,
    ("mentions", "_Table.of", "count > longest.get(first, 0)", "count >= longest.get(first, 0)"): (
        "an equal count stored again is the same count: the table keeps the most"
    ),
    ("markup", "_holds", "1", "0", "at = text.find(first, at + 1)"): (
        "looking at the same place again finds it again: the loop ends after its last turn, "
        "and `needle in text` answers"
    ),
    ("markup", "_holds", "at + 1", "at - 1"): (
        "looking at the same place again finds it again: the loop ends after its last turn, "
        "and `needle in text` answers"
    ),
}


# click reads an option's declarations in any order: those with dashes are its flags (help
# lists the shorter first: formatting.join_options sorts them), the one without is its
# parameter's name.
_CLICK_DECLARATIONS = "click reads an option's names in any order"


def why_equivalent(mutant: Mutant) -> str | None:
    """The reason `mutant` is equivalent, or None."""
    if mutant.kind == "swapped arguments" and mutant.before.startswith("click.option("):
        return _CLICK_DECLARATIONS
    return (
        EQUIVALENT.get(mutant.exact_key)
        or EQUIVALENT.get(mutant.precise_key)
        or EQUIVALENT.get(mutant.key)
    )
