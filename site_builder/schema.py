"""The single term schema: `site_builder/term.schema.json`, used for every validation.

Valid files take the fast path (fastjsonschema, compiled once); only files that fail are
validated again with jsonschema, which lists every error with its path.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema

from site_builder.errors import SchemaFileError
from site_builder.findings import DocPath, Finding, finding
from site_builder.model import slugify

SCHEMA_FILE = "term.schema.json"


@cache
def term_schema() -> dict[str, Any]:
    """The term schema as a dict (shipped as package data beside this module)."""
    try:
        text = resources.files("site_builder").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
        schema: dict[str, Any] = json.loads(text)
    except (OSError, ValueError) as error:
        raise SchemaFileError(f"cannot read the term schema: {error}") from error
    return schema


@cache
def fast_validator() -> Callable[[object], object]:
    """The term schema compiled to Python (fastjsonschema): raises at the first violation.
    Its `$defs` are written in where they are used: compiled, each `$ref` is a call that
    formats its item's path for an error message, even for a valid item."""
    return fastjsonschema.compile(_with_defs_inlined(term_schema()))


def _with_defs_inlined(schema: dict[str, Any]) -> dict[str, Any]:
    defs = schema.get("$defs", {})

    def inlined(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/") and ref[8:] in defs and len(node) == 1:
                return inlined(defs[ref[8:]])
            return {key: inlined(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inlined(item) for item in node]
        return node

    return {key: inlined(value) for key, value in schema.items() if key != "$defs"}


@cache
def _full_validator() -> Any:
    # Imported on first use: only files that fail the fast path need it (saves ~0.1 s a run).
    import jsonschema

    return jsonschema.Draft202012Validator(term_schema())


def validate_data(data: Mapping[str, Any], file: str) -> list[Finding]:
    """Every schema violation of one term document, as findings with document paths."""
    try:
        fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        return []
    findings: list[Finding] = []
    for error in _full_validator().iter_errors(data):
        findings.extend(_translate(error, file))
    return sorted(set(findings), key=lambda f: (_path_key(f.where), f.code))


def _path_key(path: DocPath) -> tuple[str, ...]:
    return tuple(f"{p:08d}" if isinstance(p, int) else p for p in path)


def dotted(path: DocPath) -> str:
    """`sources[0].url` for ("sources", 0, "url")."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


def _translate(error: Any, file: str) -> Iterator[Finding]:
    path: DocPath = tuple(error.absolute_path)
    name = dotted(path) or "the term"
    kind = error.validator
    instance = error.instance
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in sorted((k for k in instance if k not in allowed), key=str):
            yield _unknown_field(file, path, key, allowed)
    elif kind == "required":
        for key in error.validator_value:
            if key not in instance:
                what = f"'{key}' in {name}" if path else f"'{key}'"
                yield finding(file, "missing-field", f"missing required field {what}", where=path)
    elif instance is None or (kind == "pattern" and not str(instance).strip()):
        yield finding(file, "empty-field", f"'{name}' is empty", where=path, hint="write it")
    elif kind == "type":
        yield _wrong_type(file, path, name, error.validator_value, instance)
    elif kind == "minItems":
        yield finding(file, "empty-field", f"'{name}' needs at least one entry", where=path)
    elif kind == "pattern":
        yield _pattern_mismatch(file, path, name, instance)
    elif kind == "enum":
        choices = ", ".join(map(str, error.validator_value))
        message = f"'{name}' expected one of: {choices} but received: {instance!r}"
        yield finding(file, "invalid-value", message, where=path)
    else:
        yield finding(file, "invalid-value", f"'{name}': {error.message}", where=path)


def _unknown_field(file: str, path: DocPath, key: object, allowed: list[str]) -> Finding:
    near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
    hint = f"did you mean '{near[0]}'?" if near else f"known fields: {', '.join(allowed)}"
    return finding(
        file, "unknown-field", f"unknown field '{key}'", where=(*path, str(key)), hint=hint
    )


_JSON_TYPES = {"array": "a list", "object": "a mapping", "string": "text"}
_PY_TYPES = {
    list: "a list",
    dict: "a mapping",
    str: "text",
    bool: "true/false",
    int: "a number",
    float: "a number",
}


def _wrong_type(file: str, path: DocPath, name: str, expected: object, instance: object) -> Finding:
    want = _JSON_TYPES.get(str(expected), str(expected))
    got = _PY_TYPES.get(type(instance), type(instance).__name__)
    hint = ""
    if expected == "array" and isinstance(instance, str):
        hint = f"write it as a list: `- {instance}`"
    return finding(file, "wrong-type", f"'{name}' must be {want}, not {got}", where=path, hint=hint)


def _pattern_mismatch(file: str, path: DocPath, name: str, instance: str) -> Finding:
    if path and path[-1] == "url":
        scheme = instance.split(":", 1)[0] if ":" in instance else ""
        reason = f"'{scheme}:' is not allowed" if scheme else "it is not an absolute address"
        message = f"source URL {instance!r} is not http(s): {reason}"
        return finding(file, "unsafe-url", message, where=path, hint="use an http(s):// link")
    if path and path[0] == "tags":
        message = f"tag {instance!r} must be lowercase letters, digits and single hyphens"
        return finding(
            file, "invalid-value", message, where=path, hint=f"write '{slugify(instance)}'"
        )
    message = f"{instance!r} in '{dotted(path[:-1])}' is not a valid term id"
    return finding(
        file, "invalid-id", message, where=path, hint=f"did you mean '{slugify(instance)}'?"
    )
