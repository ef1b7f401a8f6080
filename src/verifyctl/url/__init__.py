"""Links: parse like a browser, judge against the official-source list, expand short links."""
