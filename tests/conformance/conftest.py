"""One in-process pair of mocks per pytest worker for the conformance tests."""

import pytest

from scenarios.targets.inprocess import MocksTarget


@pytest.fixture(scope="session")
def target():
    with MocksTarget() as target:
        yield target
