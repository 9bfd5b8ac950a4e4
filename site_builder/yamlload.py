"""The YAML loader term files get, and the guards that run before it builds anything.

It builds only what JSON can hold (mappings, lists, text, numbers, booleans, null), records
duplicate keys and escaped control characters, and refuses the rest with the node to blame.
The guards bound the cost of a hostile file: nesting is measured on the parser's flat event
stream before libyaml's recursive composer sees it, and aliases by what they expand to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

from site_builder.limits import DEFAULT_LIMITS, Limits

# The C parser is several times faster; fall back to the pure-Python one where it is missing.
BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML's line breaks: its marks count lines by these (NEL, LS and PS too).
LINE_BREAKS = "\n\r\x85\u2028\u2029"
_LINE_RE = re.compile(f"\r\n|[{LINE_BREAKS}]")
# libyaml composes recursively in C and crashes near 20,000 levels.
SAFE_COMPOSE_DEPTH = 5_000
# Every list or mapping opens with one of these, so a text with fewer cannot nest deeper.
# Counted in the UTF-8 bytes (no multi-byte character holds an ASCII byte): deleting them with
# bytes.translate and comparing lengths takes a third of the time of five str.count passes.
_NESTING_MARKS = b"[{-?:"
# C0 and C1 controls and DEL, but tab and line breaks. The reader refuses them raw; only a
# double-quoted string can hold them, escaped (`"\\e[2J"`).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


class Refused(yaml.MarkedYAMLError):
    """A node the loader will not turn into data; `code` is its finding code."""

    def __init__(self, code: str, problem: str, node: yaml.Node) -> None:
        super().__init__(problem=problem, problem_mark=node.start_mark)
        self.code = code


class _NotPlain(Exception):
    """A node the direct construction leaves to PyYAML's constructor."""


_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = f"{_TAG}str", f"{_TAG}seq", f"{_TAG}map"
_PLAIN_SCALAR_TAGS = frozenset(
    f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "value")
)
_MISSING = object()


def _tag_name(tag: str) -> str:
    return tag.replace(_TAG, "!!", 1)


class TermLoader(BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader that records duplicate keys instead of silently keeping the last one,
    and builds only what JSON can hold: mappings, lists, text, numbers, booleans and null."""

    def __init__(self, stream: str, limits: Limits = DEFAULT_LIMITS) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[yaml.Node, yaml.Node]] = []
        self.controls: list[tuple[yaml.Node, str]] = []
        self.limits = limits

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self._note_duplicates(node)
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]

    def _note_duplicates(self, node: yaml.MappingNode) -> None:
        """Each scalar key of `node` met again, with the first of its kind."""
        seen: dict[object, yaml.Node] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                first = seen.setdefault(key_node.value, key_node)
                if first is not key_node:
                    self.duplicates.append((key_node, first))

    def construct_plain_document(self, root: yaml.Node, aliased: bool) -> Any:
        """What `construct_document` builds from `root`, built directly when the tree is plain,
        as term files are: lists, mappings keyed by scalars, and scalars of a JSON type, no
        merge key (each node built once, as aliases share it). PyYAML's general
        constructor, with its deferred mappings and its guards for recursive nodes, takes 5x
        as long on such a tree. Anything else, or a node refused, is left to it, so that what
        is reported and in which order stays its own. Without `aliased` (a text with no `*`
        has no alias) no node is shared, and none is remembered."""
        try:
            return self._plain(root, {} if aliased else None)
        except (_NotPlain, Refused, RecursionError):
            del self.duplicates[:], self.controls[:]
        return self.construct_document(root)

    def _plain(self, node: yaml.Node, built: dict[int, Any] | None) -> Any:
        if built is not None and (data := built.get(id(node), _MISSING)) is not _MISSING:
            return data
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):  # most nodes: inlined
            data = self._checked_str(node, node.value)
        elif tag in _PLAIN_SCALAR_TAGS and isinstance(node, yaml.ScalarNode):
            data = self.yaml_constructors[tag](self, node)
        elif tag == _SEQ and isinstance(node, yaml.SequenceNode):
            data = [self._plain(item, built) for item in node.value]
        elif tag == _MAP and isinstance(node, yaml.MappingNode):
            # A merge key (<<) is no plain scalar.
            if not all(isinstance(key, yaml.ScalarNode) for key, _ in node.value):
                raise _NotPlain
            self._note_duplicates(node)
            data = {self._plain(key, built): self._plain(value, built) for key, value in node.value}
        else:
            raise _NotPlain
        if built is not None:
            built[id(node)] = data
        return data

    def construct_checked_str(self, node: yaml.ScalarNode) -> str:
        return self._checked_str(node, self.construct_scalar(node))

    def _checked_str(self, node: yaml.ScalarNode, value: str) -> str:
        """`value`, noting a control character that a double-quoted string holds escaped."""
        if node.style == '"' and (control := _CONTROL_RE.search(value)):
            self.controls.append((node, control.group()))
        return value

    def refuse_type(self, node: yaml.Node) -> None:
        raise Refused(
            "yaml-type",
            f"the YAML type {_tag_name(str(node.tag))} is not allowed: a term file holds only "
            "text, numbers, true/false, null, lists and mappings",
            node,
        )

    def construct_checked_int(self, node: yaml.ScalarNode) -> int:
        if len(node.value) > self.limits.number_chars:
            message = f"a number of {len(node.value):,} characters is too large for a term file"
            raise Refused("number-too-large", message, node)
        try:
            return super().construct_yaml_int(node)  # type: ignore[no-any-return]
        except ValueError:
            raise Refused("yaml-type", f"{node.value!r} is not a valid !!int", node) from None

    def construct_checked_float(self, node: yaml.ScalarNode) -> float:
        try:
            return super().construct_yaml_float(node)  # type: ignore[no-any-return]
        except ValueError:
            raise Refused("yaml-type", f"{node.value!r} is not a valid !!float", node) from None
        except OverflowError:  # sexagesimal (1:1:…:1.5): its base 60 ** parts outgrows a float
            message = f"a number of {len(node.value):,} characters is too large for a term file"
            raise Refused("number-too-large", message, node) from None

    def construct_checked_bool(self, node: yaml.ScalarNode) -> bool:
        try:
            return super().construct_yaml_bool(node)  # type: ignore[no-any-return]
        except KeyError:
            raise Refused("yaml-type", f"{node.value!r} is not a valid !!bool", node) from None


# Dates and YAML's "=" stay text: term files have neither, and a malformed date must not raise.
for _tag in ("timestamp", "value"):
    TermLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", TermLoader.construct_yaml_str)
for _tag in ("set", "omap", "pairs", "binary"):
    TermLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", TermLoader.refuse_type)
TermLoader.add_constructor(None, TermLoader.refuse_type)  # custom and python/* tags
TermLoader.add_constructor("tag:yaml.org,2002:str", TermLoader.construct_checked_str)
TermLoader.add_constructor("tag:yaml.org,2002:int", TermLoader.construct_checked_int)
TermLoader.add_constructor("tag:yaml.org,2002:float", TermLoader.construct_checked_float)
TermLoader.add_constructor("tag:yaml.org,2002:bool", TermLoader.construct_checked_bool)


def _children(node: yaml.Node) -> Iterable[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, yaml.SequenceNode):
        yield from node.value


def text_position(text: str) -> tuple[int, int]:
    """1-based line and column of the end of `text`, lines counted as YAML counts them."""
    lines = _LINE_RE.split(text)
    return len(lines), len(lines[-1]) + 1


def nesting_bound(text: str) -> int:
    """How deep `text` could nest at most: every list or mapping opens with a mark."""
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw) - len(raw.translate(None, _NESTING_MARKS))


def safe_to_compose(text: str) -> bool:
    """True when libyaml can compose `text` without overflowing the C stack."""
    return nesting_bound(text) <= SAFE_COMPOSE_DEPTH or too_deep(text, SAFE_COMPOSE_DEPTH) is None


def too_deep(text: str, limit: int) -> yaml.Event | None:
    """The first event that opens a list or mapping deeper than `limit` (the parser's own
    event stream, which is flat: no recursion, however deep the text)."""
    loader = BaseLoader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    return event
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # composing stops at the same error, no deeper than what was seen
    finally:
        loader.dispose()
    return None


def expanded(node: yaml.Node, limits: Limits, memo: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """How many nodes and bytes of text `node` holds once every alias is expanded.

    Memoised and iterative: linear in the document, whatever the aliases or the nesting.
    Values are capped just past the limits; an alias to its own ancestor expands forever.
    """
    cap = (limits.expanded_nodes + 1, limits.expanded_bytes + 1)
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        if children_done:
            nodes = 1 + sum(memo[id(child)][0] for child in _children(current))
            size = sum(memo[id(child)][1] for child in _children(current))
            if isinstance(current, yaml.ScalarNode):
                size += len(current.value.encode("utf-8", "surrogatepass"))
            memo[id(current)] = (min(nodes, cap[0]), min(size, cap[1]))
        elif id(current) not in memo:
            memo[id(current)] = cap  # still being measured: reached again means a cycle
            stack.append((current, True))
            stack.extend((child, False) for child in _children(current))
    return memo[id(node)]


def too_big(root: yaml.MappingNode, limits: Limits) -> yaml.Node | None:
    """The node to blame (a top-level key, else the root) when aliases expand `root` past
    the limits; None when they do not."""
    memo: dict[int, tuple[int, int]] = {}

    def over(part: yaml.Node) -> bool:
        nodes, size = expanded(part, limits, memo)
        return nodes > limits.expanded_nodes or size > limits.expanded_bytes

    if not over(root):
        return None
    return next((key for key, value in root.value if over(value)), root)
