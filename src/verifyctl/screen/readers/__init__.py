"""One reader per export format: a file in, record dicts out (see `record.py`)."""
