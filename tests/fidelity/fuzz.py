"""Schemathesis plumbing shared by the per-mock fuzz tests: settings, auth and the error-shape check.

In-process (``schemathesis.openapi.from_wsgi``): no server, no port, one fresh app per test module.
Deterministic (``derandomize``, no example database) so ``make test`` is stable; the budget is
``SHOPHUB_FUZZ_EXAMPLES`` examples per operation.
"""

from __future__ import annotations

from collections.abc import Callable

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, settings

from tests.fidelity.targets import fuzz_examples


def hypothesis_settings(examples: int | None = None, **extra: object) -> settings:
    """Fixed-seed Hypothesis settings with the fuzz budget."""
    return settings(
        max_examples=examples or fuzz_examples(), derandomize=True, database=None, deadline=None,
        suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate], print_blob=True,
        **extra,
    )


def load_schema(app: Flask, modes: tuple[str, ...] = ("positive", "negative")) -> schemathesis.BaseSchema:
    """The app's own ``/openapi.json``, configured for a deterministic, budgeted run."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    # Both real APIs ignore unknown query parameters and headers, so a request is not "negative" for
    # carrying one: extra parameters are not generated.
    schema.config.generation.update(modes=list(modes), max_examples=fuzz_examples(), deterministic=True,
                                    allow_x00=False, allow_extra_parameters=False)
    return schema


def shopify_error_shape(body: object) -> bool:
    """Shopify's REST errors: ``{"errors": "text" | {field: [msg]} | [msg]}``."""
    return isinstance(body, dict) and "errors" in body


def hubspot_error_shape(body: object) -> bool:
    """HubSpot's errors: ``status: error``, a message, a category and a correlation id."""
    return (isinstance(body, dict) and body.get("status") == "error" and isinstance(body.get("message"), str)
            and isinstance(body.get("category"), str) and "correlationId" in body)


def oauth_error_shape(body: object) -> bool:
    """HubSpot's OAuth token endpoint: ``{"status": "BAD_CLIENT_ID", "message": ...}``."""
    return isinstance(body, dict) and isinstance(body.get("status"), str) and isinstance(body.get("message"), str)


# Paths whose errors are not the API's JSON error body: HubSpot's OAuth errors, and the pre-signed
# journal file URLs (an object store answers those, with its XML errors: not checked here).
OTHER_SHAPES: dict[str, Callable[[object], bool] | None] = {"/oauth/": oauth_error_shape,
                                                           "/webhooks-journal-files/": None}


def error_shape_check(name: str, shape: Callable[[object], bool]) -> Callable:
    """A schemathesis check: a 4xx answer from a real route carries the real service's error body."""

    def check(ctx, response, case) -> bool | None:  # noqa: ANN001 - schemathesis check signature
        if not 400 <= response.status_code < 500 or response.status_code in (404, 405, 406):
            return None          # routing answers (unknown id, method) may be empty or plain on the real API
        expected = next((other for prefix, other in OTHER_SHAPES.items() if case.path.startswith(prefix)), shape)
        if expected is None:
            return None
        try:
            body = response.json()
        except ValueError as error:
            raise AssertionError(f"{name}: {response.status_code} answer is not JSON") from error
        if not expected(body):
            raise AssertionError(f"{name}: {response.status_code} answer is not the real error shape: {body!r}"[:400])
        return True

    check.__name__ = f"{name}_error_shape"
    return check
