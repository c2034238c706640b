"""Report and workflow support: the pure data model, periods, money, loading and rendering.

``connector/reports.py`` (R1-R8) and ``connector/workflows.py`` (W1-W3) build on these modules.
"""
