"""Real HubSpot endpoints a connector may probe that this mock does not serve: one 501 body for all.

(Merge, pipeline audits, the association usage report and v3 per-record associations answer 501 from their
own families' modules; these are families the mock has no model for.)
"""

from __future__ import annotations

from flask import Flask, request

from mocks.hubspot import errors
from mocks.hubspot.web import DATED, add_routes

PATHS = ["/crm/owners/v3", "/crm/owners/v3/<owner_id>", f"/crm/owners/{DATED}", f"/crm/owners/{DATED}/<owner_id>",
         f"/crm/limits/{DATED}/<path:rest>"]


def not_implemented(**_kwargs):
    raise errors.not_implemented(request.method, request.path)


def register(app: Flask) -> None:
    add_routes(app, [(PATHS, "unimplemented_families", ["GET"], not_implemented)])
