"""The fixtures from a project that is not this repository: a conftest line and a test file."""

from __future__ import annotations

pytest_plugins = ["pytester"]

USER_TEST = '''
import requests


def test_contact_lookup(mock_pair, hubspot):
    requests.post(mock_pair.hubspot_url + "/crm/v3/objects/contacts", timeout=10,
                  headers={"Authorization": "Bearer " + mock_pair.credentials.hubspot_token},
                  json={"properties": {"email": "ada@example.com"}}).raise_for_status()
    assert hubspot.one("contacts", email="ada@example.com")["properties"]["email"] == "ada@example.com"


def test_starts_empty_on_a_frozen_clock(mock_pair, hubspot, advance):
    assert hubspot.contacts() == []
    assert mock_pair.admin.clock() == {"now": "2025-06-01T00:00:00.000Z", "mode": "frozen", "simulated": True}
    assert advance(hours=24).isoformat() == "2025-06-02T00:00:00+00:00"
'''

CONFTEST = '''
import pytest

pytest_plugins = ["mocks.harness.pytest_plugin"]


@pytest.fixture(scope="session")
def shophub_start():
    return "2025-06-01T00:00:00Z"


@pytest.fixture(scope="session")
def shophub_clock_mode():
    return "frozen"
'''


def test_a_users_project_gets_the_fixtures_with_one_conftest_line(pytester, monkeypatch):
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")   # only what the conftest names
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_mine=USER_TEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=2)
