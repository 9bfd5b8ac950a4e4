"""Check a glossary of YAML term files and build a concept-graph website from it."""
