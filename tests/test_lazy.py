"""Modules a check may not need are imported on first use (site_builder/lazy.py)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys, types
import site_builder.cli
print(*(type(sys.modules[name]) is types.ModuleType for name in ("networkx", "lxml.html")))
"""

DOTTED = """
from site_builder.lazy import lazy
module = lazy("xml.dom.minidom")
import xml.dom.minidom
assert xml.dom.minidom is module, "the package's attribute is the lazy module"
print(xml.dom.minidom.parseString("<a/>").documentElement.tagName)
"""


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_command_line_loads_networkx_and_lxml_html_only_when_used() -> None:
    assert _python(PROBE) == "False False"


def test_a_lazy_submodule_is_its_package_attribute_and_loads_on_use() -> None:
    assert _python(DOTTED) == "a"


def test_a_missing_module_is_refused_as_import_refuses_it() -> None:
    code = (
        "from site_builder.lazy import lazy\n"
        "try:\n    lazy('no_such_module_for_glossary')\n"
        "except ModuleNotFoundError as error:\n    print(error.name)\n"
    )
    assert _python(code) == "no_such_module_for_glossary"
