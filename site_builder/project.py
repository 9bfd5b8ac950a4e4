"""A glossary repository as its users lay it out: where its terms are, the editor schema beside
them, and the files `glossary init` starts one with. Pure functions: the CLI writes.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from site_builder.schema import SCHEMA_FILE

DEFAULT_TERMS_DIR = "terms"
CONFIG_FILE = "mkdocs.yml"
SCHEMA_LINE_RE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` and `!!python/name:` tags; none matters for terms_dir."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, node: None)


def terms_dir_of(config_file: Path) -> Path | None:
    """The glossary plugin's terms_dir in `config_file` (relative to it), or None when the file
    does not exist, does not parse, or has no glossary plugin."""
    try:
        config = yaml.load(config_file.read_text("utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    plugins = config.get("plugins") if isinstance(config, dict) else None
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if entry == "glossary":
            return config_file.parent / DEFAULT_TERMS_DIR
        if isinstance(entry, dict) and "glossary" in entry:
            options = entry["glossary"] if isinstance(entry["glossary"], dict) else {}
            return config_file.parent / str(options.get("terms_dir", DEFAULT_TERMS_DIR))
    return None


def default_terms_dir(cwd: Path = Path()) -> Path:
    """What the commands read when given no folder: mkdocs.yml's terms_dir, else terms/."""
    found = terms_dir_of(cwd / CONFIG_FILE)
    return found if found is not None else cwd / DEFAULT_TERMS_DIR


# The editor schema: a copy of the installed term schema beside the term files, so that the
# `$schema` line of every term file resolves wherever the terms live.


def schema_text() -> str:
    """The installed term schema, byte for byte."""
    return resources.files("site_builder").joinpath(SCHEMA_FILE).read_text("utf-8")


def schema_comment(target: str = SCHEMA_FILE) -> str:
    """The first line of a term file: yaml-language-server validates it against `target`."""
    return f"# yaml-language-server: $schema={target}"


def schema_target(terms_dir: Path) -> str:
    """The `$schema` target new term files in `terms_dir` use: the one their neighbours use,
    when it resolves, else the copy `glossary schema` keeps beside them."""
    for path in sorted(terms_dir.glob("*.yaml"))[:1]:
        try:
            with path.open(encoding="utf-8") as file:
                match = SCHEMA_LINE_RE.match(file.readline())
        except (OSError, UnicodeDecodeError):
            break
        if match and (match.group(1).startswith("http") or (terms_dir / match.group(1)).is_file()):
            return match.group(1)
    return SCHEMA_FILE


def schema_copy_state(terms_dir: Path) -> str:
    """'current', 'outdated' or 'missing': the editor schema copy beside the terms."""
    path = terms_dir / SCHEMA_FILE
    try:
        return "current" if path.read_text("utf-8") == schema_text() else "outdated"
    except FileNotFoundError:
        return "missing"
    except (OSError, UnicodeDecodeError):
        return "outdated"


# `glossary init`: the starter repository, from templates/init/ ("dot-" names become ".").


def _walk(folder: Traversable, prefix: str = "") -> dict[str, Traversable]:
    found: dict[str, Traversable] = {}
    for entry in folder.iterdir():
        name = entry.name.removeprefix("dot-")
        name = f".{name}" if name != entry.name else name
        if entry.is_dir():
            found.update(_walk(entry, f"{prefix}{name}/"))
        elif not entry.name.endswith((".pyc", ".pyo")):
            found[f"{prefix}{name}"] = entry
    return found


def starter_files(site_name: str, version: str) -> dict[str, str]:
    """Relative path → text of every file `glossary init` writes, in path order."""
    values: dict[str, Any] = {
        "site_name": json.dumps(site_name, ensure_ascii=False),
        "site_title": site_name,
        "version": version,
        "schema_comment": schema_comment(),
    }
    templates = _walk(resources.files("site_builder").joinpath("templates/init"))
    files = {path: entry.read_text("utf-8") for path, entry in templates.items()}
    files = {path: _fill(text, values) for path, text in files.items()}
    files[f"{DEFAULT_TERMS_DIR}/{SCHEMA_FILE}"] = schema_text()
    return dict(sorted(files.items()))


def _fill(text: str, values: dict[str, Any]) -> str:
    """`@@name@@` placeholders: braces, `${{ }}` (GitHub expressions) and [[links]] stay."""
    return re.sub(r"@@(\w+)@@", lambda m: str(values.get(m.group(1), m.group(0))), text)
