"""``make demo``: start both mocks, seed a realistic store, run the connector, print the reports.

``python -m demo --help`` lists the flags; docs/demo.md walks through a run.
"""
