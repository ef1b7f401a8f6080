"""One lint model for the three data files (sources, rules, hash list): each validator turns
its problems into `Finding`s and declares its checks in a `Catalog`; `output` renders them
in one of four formats (text, json, github, sarif) and counts them for the summary line."""
