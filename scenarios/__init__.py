"""YAML scenarios that drive both mocks and the connector end to end."""
