"""The imperative shell: read ecommerce deals, their contacts and associations through the HubSpot API.

``client`` is anything with ``search``, ``batch_read``, ``associations`` and ``pipelines`` as in
docs/ARCHITECTURE.md (``connector.clients.hubspot.HubSpotClient`` or ``reporting.api.ApiReader``).
Only the public API is used, so this runs against a real account as well as the mock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from connector.reporting.config import DEFAULT_CURRENCY
from connector.reporting.model import (
    CONTACT_PROPERTIES,
    DEAL_PROPERTIES,
    Dataset,
    build_dataset,
    find_ecommerce_pipeline,
)

SEARCH_CAP = 10_000  # HubSpot answers 400 past this many results of one search


def search_all(client: Any, object_type: str, filters: Sequence[dict], properties: Sequence[str],
               cap: int = SEARCH_CAP) -> Iterator[dict]:
    """Every match of ``filters``, beyond the search cap: results come in ``hs_object_id`` order and
    a new search starts above the last id each time ``cap`` results have been read."""
    last_id: str | None = None
    while True:
        above = [{"propertyName": "hs_object_id", "operator": "GT", "value": last_id}] if last_id else []
        seen = 0
        results = client.search(object_type, filter_groups=[{"filters": [*filters, *above]}],
                                properties=properties,
                                sorts=[{"propertyName": "hs_object_id", "direction": "ASCENDING"}])
        for record in results:
            yield record
            seen += 1
            last_id = str(record["id"])
            if seen >= cap:
                break  # asking for the next page would be refused: restart above last_id
        if seen < cap:
            return


def load(client: Any, now: datetime | None = None, *, default_currency: str = DEFAULT_CURRENCY,
         search_cap: int = SEARCH_CAP) -> Dataset:
    """Read the Ecommerce pipeline's deals, their deal->contact associations and those contacts.

    ``now`` is accepted for symmetry with the report functions; HubSpot's current state is read.
    With no Ecommerce pipeline in the account the dataset is empty (``pipeline_id == ""``).
    ``search_cap`` is HubSpot's result cap per search (a stand-in server may use a smaller one).
    """
    pipelines = list(client.pipelines("deals"))
    pipeline = find_ecommerce_pipeline(pipelines)
    if pipeline is None:
        return build_dataset([], [], {}, pipelines, default_currency)
    deal_filter = [{"propertyName": "pipeline", "operator": "EQ", "value": str(pipeline["id"])}]
    deals = list(search_all(client, "deals", deal_filter, DEAL_PROPERTIES, search_cap))
    # Offset paging over a changing account can repeat a record: keep the first copy of each deal.
    by_id: dict[str, dict] = {}
    for deal in deals:
        by_id.setdefault(str(deal["id"]), deal)
    unique = list(by_id.values())
    links = client.associations("deals", [str(d["id"]) for d in unique], "contacts") if unique else {}
    contact_ids = sorted({str(c) for ids in links.values() for c in ids}, key=lambda c: (len(c), c))
    contacts = client.batch_read("contacts", contact_ids, CONTACT_PROPERTIES) if contact_ids else []
    return build_dataset(unique, contacts, links, pipelines, default_currency)
