"""The project's exceptions: one base, a few specific ones; faces map them to exit codes."""


class GlossaryError(Exception):
    """Base of every error this project raises on purpose."""


class TermsDirError(GlossaryError):
    """The terms directory is missing or unreadable."""


class SchemaFileError(GlossaryError):
    """The bundled term schema cannot be read (a broken installation)."""


class AssetMissingError(GlossaryError):
    """A front-end asset (Mermaid, KaTeX, …) has not been installed."""
