"""Tools run beside the test suite, not by it: the fault campaign (``tools.chaos``) and the
contract probes against real sandboxes (``tools.contract``). Their tests live in ``tests/``."""
