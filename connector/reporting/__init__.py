"""The reports R1-R8 and their support, in one package; pure functions apart from I/O.

- ``model``, ``config``, ``periods``, ``money``, ``times``, ``won``: the data model and the rules
  every report shares (``connector/workflows.py``, W1-W3, builds on them too).
- ``figures``: the eight reports as pure functions (``compute_all``).
- ``api`` and ``loader``: reading a ``Dataset`` from the HubSpot CRM API (the only I/O).
- ``render`` and ``text``: JSON-ready values and the plain-text tables.
- ``cli``: the ``python -m connector report|workflows`` commands.
"""
