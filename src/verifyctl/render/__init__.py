"""Renderers: results in, text out. The library never prints; the CLI picks one of these."""
