"""Root conftest: the YAML scenario collector (scenarios/plugin.py) and the harness fixtures
(mocks/harness/pytest_plugin.py: mock_pair, advance, deliver, shopify, hubspot)."""

pytest_plugins = ["scenarios.plugin", "mocks.harness.pytest_plugin"]
