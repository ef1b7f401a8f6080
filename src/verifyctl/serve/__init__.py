"""`verifyctl serve`: `check`'s verdicts as a web page for members' phones and an HTTP API.

Needs the optional extra `verifyctl[serve]` (uvicorn, Starlette, python-multipart); nothing
here is imported by the other commands.
"""
