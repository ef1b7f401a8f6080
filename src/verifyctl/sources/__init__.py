"""The official-source list: its model, loader, validator and lookup index."""
