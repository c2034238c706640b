"""``python -m bench``: speed, API-call efficiency and scaling of the mocks and the connector.

Not part of ``make test``: the numbers come from a benchmark anyone can rerun (``make bench``), which
prints one table and writes ``bench/results.json``. See ``docs/bench.md``.
"""
