"""``python:MODULE:FACTORY``: a Python object with the documented protocol is driven in-process."""

import pytest

from scenarios.connectors import parse_connector
from tests.conformance.support import LIBRARY, run

FACTORY = parse_connector("python:tests.conformance.reference_factory:make")


@pytest.mark.parametrize("name", ["deals/checkout_still_pending_at_23h59m", "resilience/crash_mid_import_converges",
                                  "resilience/bad_webhook_signature_is_rejected"])
def test_a_python_connector_runs_the_portable_scenarios(name, target):
    outcome = run(LIBRARY / f"{name}.yaml", target, FACTORY)
    assert outcome.status == "passed", outcome.describe()


def test_a_factory_object_without_sync_is_refused_by_name(target):
    outcome = run(LIBRARY / "contacts" / "checkout_person_becomes_contact.yaml", target,
                  parse_connector("python:tests.conformance.reference_factory:no_sync"))
    assert outcome.status == "failed" and "the object has no sync() method" in outcome.describe()


def test_an_unknown_module_is_named(target):
    outcome = run(LIBRARY / "contacts" / "checkout_person_becomes_contact.yaml", target,
                  parse_connector("python:no_such_module_here:make"))
    assert outcome.status == "failed" and "cannot import no_such_module_here" in outcome.describe()
