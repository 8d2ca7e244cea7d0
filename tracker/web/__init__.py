"""The web page: a relationship's state, timeline and sources, as of any date, read-only.

``tracker serve`` runs :func:`tracker.web.app.create_app` under uvicorn. Only
:mod:`tracker.web.app`, :mod:`tracker.web.pages`, :mod:`tracker.web.api` and
:mod:`tracker.web.security` import FastAPI and Jinja2; the rest of the package (the read-only
database, the page data, the chart geometry, the SQL views) is plain Python, so the CLI can
use it without loading a web framework.
"""
