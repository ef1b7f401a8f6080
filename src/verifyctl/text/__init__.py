"""A post's text: normalisation, the rule file, one-pass matching, links, the post verdict."""
