"""`verifyctl screen`: exported posts in, one judged record per post out, in input order.

Readers turn each export format into plain record dicts (`record.py`); `post.py` judges one
record with a pure module-level function that local workers and Dask workers share; `runner.py`
fans chunks out to worker processes and keeps the order; `journal.py`, `csvout.py` and `html.py`
write the outputs; `summary.py` counts.
"""
