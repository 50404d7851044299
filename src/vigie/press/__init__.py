"""French news articles → located, dated events (the schema of ../shared/press/README.md)."""
