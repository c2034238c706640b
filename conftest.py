"""Root conftest: registers the YAML scenario collector (scenarios/plugin.py)."""

pytest_plugins = ["scenarios.plugin"]
