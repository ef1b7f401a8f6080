"""Network access, only behind `--online`, only through the guarded fetcher (`net.fetch`)."""
