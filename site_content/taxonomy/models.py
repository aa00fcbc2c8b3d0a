"""Page types and snippets of this zone."""
