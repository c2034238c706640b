"""The fault campaign (``make chaos``, ``python -m tools.chaos``): a seeded store synced cleanly and
under faults, and the two HubSpot end states compared. ``tests/chaos/`` runs a short one."""
