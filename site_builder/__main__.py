"""`python -m site_builder` runs the `glossary` command."""

from site_builder.cli import run

run()
