"""Modules imported when first used: a `glossary check` pays for none it does not need."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any


def lazy(name: str) -> Any:
    """Module `name`, imported when one of its attributes is first used (the standard
    library's LazyLoader); already imported, as it is."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)  # as `import` says
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    importlib.util.LazyLoader(spec.loader).exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:  # as an import would: `import lxml.html` then `lxml.html.…` finds it
        setattr(sys.modules[parent], child, module)
    return module
