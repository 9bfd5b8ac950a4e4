"""Pure renderers: Terms and the concept graph → Markdown, Mermaid and JSON strings."""
