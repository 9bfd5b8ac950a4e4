"""Plausible one-line bugs for a Python module, planted one at a time over its `ast`.

Each mutant changes one node: a comparison, a boolean operator, a `not`, a constant, an
arithmetic operator, a statement removed, two call arguments swapped, an escape or sort dropped,
or one function swapped for its near twin. The mutated module is the unparsed tree, so every
mutant compiles; docstrings, annotations and f-string text are left alone.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Calls whose result is their (last) argument or receiver, escaped, cleaned or ordered: dropping
# one is the "forgot to escape / sort / strip" bug.
DROPPABLE_FUNCTIONS = frozenset(
    {
        "escape",
        "quote",
        "plain",
        "label",
        "_meta",
        "_url",
        "_tooltip",
        "_escape_data",
        "_escape_property",
        "sorted",
        "reversed",
    }
)
DROPPABLE_METHODS = frozenset(
    {
        "replace",
        "strip",
        "lstrip",
        "rstrip",
        "lower",
        "upper",
        "casefold",
        "translate",
        "sub",
        "removesuffix",
        "removeprefix",
        "as_posix",
    }
)
# A function or method name and the near twin a hurried edit would call instead.
TWINS = {
    "lexicographical_topological_sort": "topological_sort",
    "min": "max",
    "max": "min",
    "any": "all",
    "all": "any",
    "startswith": "endswith",
    "endswith": "startswith",
}
_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
    ast.Div: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
    ast.LShift: ast.RShift,
}


@dataclass(frozen=True)
class Mutant:
    module: str  # e.g. "checks" or "render/pages"
    line: int
    function: str  # the enclosing function or class ("" at module level)
    kind: str
    before: str
    after: str
    index: int  # which mutation site of the module, in source order
    choice: int  # which of that site's mutations
    lines: tuple[int, ...]  # source lines whose execution runs the mutated code
    definition_time: bool  # module, class or decorator level: runs when the module is imported
    source_line: str  # the text of `line`, stripped
    column: int  # where the mutated node starts on `line`

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Stable across edits that move lines: where and what, not the line number."""
        return (self.module, self.function, self.before, self.after)

    @property
    def precise_key(self) -> tuple[str, str, str, str, str]:
        """`key` and the line's text, for two equal mutations in one function."""
        return (*self.key, self.source_line)

    @property
    def exact_key(self) -> tuple[str, str, str, str, str, int]:
        """`precise_key` and the column, for two equal mutations on one line."""
        return (*self.precise_key, self.column)


# A mutation: (kind, function that changes the node in place or returns its replacement).
Mutation = tuple[str, Callable[[ast.AST], ast.AST]]


def _swap_compare(position: int, new: type[ast.cmpop]) -> Callable[[ast.AST], ast.AST]:
    def apply(node: ast.AST) -> ast.AST:
        assert isinstance(node, ast.Compare)
        node.ops[position] = new()
        return node

    return apply


def _mutations(node: ast.AST) -> list[Mutation]:
    found: list[Mutation] = []
    if isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            new = _COMPARE_SWAPS.get(type(op))
            if new is not None:
                found.append(("comparison", _swap_compare(position, new)))
    elif isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And

        def swap_bool(n: ast.AST, other: type[ast.boolop] = other) -> ast.AST:
            assert isinstance(n, ast.BoolOp)
            n.op = other()
            return n

        found.append(("boolean", swap_bool))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        found.append(("not removed", lambda n: n.operand))  # type: ignore[attr-defined]
    elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP_SWAPS:

        def swap_binop(n: ast.AST) -> ast.AST:
            assert isinstance(n, ast.BinOp)
            n.op = _BINOP_SWAPS[type(n.op)]()
            return n

        found.append(("arithmetic", swap_binop))
    elif isinstance(node, ast.AugAssign) and type(node.op) in _BINOP_SWAPS:

        def swap_augop(n: ast.AST) -> ast.AST:
            assert isinstance(n, ast.AugAssign)
            n.op = _BINOP_SWAPS[type(n.op)]()
            return n

        found.append(("arithmetic", swap_augop))
    elif isinstance(node, ast.Constant):
        found.extend(_constant_mutations(node))
    elif isinstance(node, ast.Call):
        found.extend(_call_mutations(node))
    return found


def _constant_mutations(node: ast.Constant) -> list[Mutation]:
    value = node.value
    if isinstance(value, bool):
        return [("constant", lambda n: ast.Constant(not value))]
    if isinstance(value, int):
        new = 1 if value == 0 else 0 if value == 1 else value + 1
        return [("constant", lambda n: ast.Constant(new))]
    if isinstance(value, float):
        return [("constant", lambda n: ast.Constant(value + 1.0))]
    if isinstance(value, str):
        new_text = "XX" + value + "XX" if value else "XX"
        return [("constant", lambda n: ast.Constant(new_text))]
    return []


def _call_name(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def _call_mutations(node: ast.Call) -> list[Mutation]:
    found: list[Mutation] = []
    name = _call_name(node)
    positional = [a for a in node.args if not isinstance(a, ast.Starred)]
    is_method = isinstance(node.func, ast.Attribute)
    if name in DROPPABLE_METHODS and is_method and not _is_module_call(node):
        found.append(("dropped call", lambda n: n.func.value))  # type: ignore[attr-defined]
    elif name in DROPPABLE_FUNCTIONS and positional and len(node.args) == len(positional):
        found.append(("dropped call", lambda n: n.args[-1]))  # type: ignore[attr-defined]
    if name == "sub" and is_method and len(positional) >= 2:
        found.append(("dropped call", lambda n: n.args[-1]))  # type: ignore[attr-defined]
    twin = TWINS.get(name)
    if twin and twin != name:

        def call_twin(n: ast.AST, twin: str = twin) -> ast.AST:
            assert isinstance(n, ast.Call)
            if isinstance(n.func, ast.Name):
                n.func.id = twin
            elif isinstance(n.func, ast.Attribute):
                n.func.attr = twin
            return n

        found.append(("twin function", call_twin))
    swappable = len(positional) >= 2 and len(node.args) == len(positional)
    if swappable and ast.dump(positional[0]) != ast.dump(positional[1]):

        def swap_args(n: ast.AST) -> ast.AST:
            assert isinstance(n, ast.Call)
            n.args[0], n.args[1] = n.args[1], n.args[0]
            return n

        found.append(("swapped arguments", swap_args))
    return found


def _is_module_call(node: ast.Call) -> bool:
    """`re.sub(...)`-style calls on a module name: dropping them is not `text.sub()`."""
    return (
        isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and (node.func.value.id in {"re", "os", "html", "json", "shutil"})
    )


_STATEMENTS = (ast.Expr, ast.AugAssign, ast.Continue, ast.Break, ast.Raise)


def _removable(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Expr):
        # Docstrings are not code; a bare `...` neither.
        return not isinstance(statement.value, ast.Constant)
    if isinstance(statement, ast.Assign):
        # Side effects into a container or an attribute; plain names would only be NameErrors.
        return all(isinstance(t, ast.Subscript | ast.Attribute) for t in statement.targets)
    return isinstance(statement, _STATEMENTS)


@dataclass
class _Site:
    node: ast.AST
    parent: ast.AST
    field: str
    position: int | None  # index in a list field
    function: str
    mutations: list[Mutation]
    statement_line: int  # first line of the innermost statement holding the node
    definition_time: bool
    # For a parameter's default: the function's body, which is where the default takes effect.
    body: tuple[int, int] | None = None


def _skipped_fields(node: ast.AST) -> set[str]:
    """Fields that hold types or decorators' plumbing, not behaviour."""
    if isinstance(node, ast.arg):
        return {"annotation"}
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return {"returns"}
    if isinstance(node, ast.AnnAssign):
        return {"annotation"}
    if isinstance(node, ast.JoinedStr):
        return {"values"}  # f-string text: messages are mutated through their parts' calls
    return set()


def _sites(tree: ast.Module) -> list[_Site]:
    """Every mutable node in source order, with where it hangs in its parent."""
    sites: list[_Site] = []

    def visit(
        node: ast.AST,
        function: str,
        statement: int,
        definition: bool,
        body: tuple[int, int] | None = None,
    ) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            function = f"{function}.{node.name}" if function else node.name
        skipped = _skipped_fields(node)
        for field, value in ast.iter_fields(node):
            if field in skipped:
                continue
            # A function's body runs when it is called; its decorators and a class body run when
            # the module is imported. Defaults are made at import but matter in the body.
            runs_later = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            child_definition = definition and not (runs_later and field == "body")
            child_body = body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and field == "args":
                child_definition = False
                child_body = (node.body[0].lineno, node.body[-1].end_lineno or node.lineno)
            children = value if isinstance(value, list) else [value]
            for position, child in enumerate(children):
                if not isinstance(child, ast.AST):
                    continue
                if _is_docstring(node, field, position) or _is_bare_string(child):
                    continue
                if _is_type_only(child):
                    continue
                at = position if isinstance(value, list) else None
                line = child.lineno if isinstance(child, ast.stmt) else statement
                mutations = _mutations(child)
                if isinstance(child, ast.stmt) and _removable(child):
                    mutations.append(("removed statement", lambda n: ast.Pass()))
                if mutations:
                    sites.append(
                        _Site(
                            child,
                            node,
                            field,
                            at,
                            function,
                            mutations,
                            line,
                            child_definition,
                            child_body,
                        )
                    )
                visit(child, function, line, child_definition, child_body)

    visit(tree, "", 1, True)
    return sites


def _is_docstring(parent: ast.AST, field: str, position: int) -> bool:
    body_owner = ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
    if not isinstance(parent, body_owner) or field != "body" or position != 0:
        return False
    first = parent.body[0]
    return isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)


def _is_bare_string(node: ast.AST) -> bool:
    """A string on its own as a statement: an attribute's docstring, which does nothing."""
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def _is_type_only(node: ast.AST) -> bool:
    """`from __future__`, `TypeVar`/`NewType` names and `if TYPE_CHECKING:` blocks."""
    if isinstance(node, ast.ImportFrom | ast.Import):
        return True
    if isinstance(node, ast.If) and isinstance(node.test, ast.Name):
        return node.test.id == "TYPE_CHECKING"
    return isinstance(node, ast.Call) and _call_name(node) in {"NewType", "TypeVar", "cast"}


def _source(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 120 else text[:117] + "..."


def mutants(module: str, source: str) -> list[Mutant]:
    """Every mutant of one module (`module` names it in reports), in source order."""
    tree = ast.parse(source)
    source_lines = source.splitlines()
    found = []
    for index, site in enumerate(_sites(tree)):
        for choice, (kind, apply) in enumerate(site.mutations):
            before = _source(site.node)
            after = _source(apply(copy.deepcopy(site.node)))
            if before == after:
                continue
            line = getattr(site.node, "lineno", site.statement_line)
            end = getattr(site.node, "end_lineno", None) or line
            lines = tuple(sorted({site.statement_line, *range(line, end + 1)}))
            if site.body:
                lines = tuple(range(site.body[0], site.body[1] + 1))
            found.append(
                Mutant(
                    module,
                    line,
                    site.function,
                    kind,
                    before,
                    after,
                    index,
                    choice,
                    lines,
                    site.definition_time,
                    source_lines[line - 1].strip(),
                    getattr(site.node, "col_offset", 0),
                )
            )
    return found


def mutated_source(source: str, mutant: Mutant) -> str:
    """The module's source with `mutant` planted."""
    tree = ast.parse(source)
    site = _sites(tree)[mutant.index]
    _kind, apply = site.mutations[mutant.choice]
    replacement = apply(site.node)
    if site.position is None:
        setattr(site.parent, site.field, replacement)
    else:
        getattr(site.parent, site.field)[site.position] = replacement
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def iter_modules(package: str, names: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """(name, path) of the package's modules, `render/pages` style, in name order."""
    from pathlib import Path

    root = Path(package)
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).with_suffix("").as_posix()
        if path.name in ("__init__.py", "__main__.py"):
            continue
        if names is None or name in names:
            yield name, path.as_posix()
