"""The contract probes and the drift between a real API and a mock (``make contract``, run by
``tests/contract/``)."""
