"""`verifyctl screen --engine dask`: the same screening functions as the local engine
(`verifyctl.screen.post`, `verifyctl.screen.runner.screen_chunk`), run on a Dask cluster.

`positions` finds where the records of a JSON Lines or CSV file end, `blocks` are byte ranges
of whole records that workers read themselves, and `plan` turns the inputs into those blocks
(or into record chunks, for formats read on the client);
`worker` is what runs on the workers; `cluster` connects and keeps results in input order;
`engine` ties them into the chunk source `verifyctl.screen.run.run` writes from. Dask itself is
imported only by `cluster`, and only when `--engine dask` is asked for.
"""
