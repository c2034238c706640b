"""One small account, as HubSpot API records, with figures worked out by hand in the tests.

Clock: 2024-05-15T12:00:00Z. Contacts 101 (ORGANIC_SEARCH), 102 (OFFLINE), 103 (PAID_SOCIAL, no email).
"""

from __future__ import annotations

from connector import names

NOW = "2024-05-15T12:00:00Z"
ECOM_PIPELINE = "1234"
PIPELINES = [
    {"id": "default", "label": "Sales Pipeline", "archived": False,
     "stages": [{"id": "closedwon", "label": "Closed Won"}, {"id": "closedlost", "label": "Closed Lost"}]},
    {"id": ECOM_PIPELINE, "label": names.ECOMMERCE_PIPELINE_LABEL, "archived": False,
     "stages": [{"id": s, "label": label, "metadata": {"probability": p}} for s, label, p in names.ECOMMERCE_STAGES]},
]
CONTACTS = [
    {"id": "101", "properties": {"email": "ann@example.com", names.SOURCE: "ORGANIC_SEARCH"}},
    {"id": "102", "properties": {"email": "bob@example.com", names.SOURCE: "OFFLINE"}},
    {"id": "103", "properties": {"email": None, names.SOURCE: "PAID_SOCIAL"}},
]


def _deal(deal_id: str, stage: str, amount: str, currency: str, created: str, *, closed: str | None = None,
          entered: dict[str, str] | None = None, synced: bool = True, pipeline: str = ECOM_PIPELINE) -> dict:
    props = {"dealname": f"#{deal_id}", "dealstage": stage, "pipeline": pipeline, "amount": amount,
             names.DEAL_CURRENCY_CODE: currency, "createdate": created, "closedate": closed,
             names.ECOMM_SYNCED: "true" if synced else None}
    for stage_id, moment in (entered or {}).items():
        props[f"{names.DATE_ENTERED_PREFIX}{stage_id}"] = moment
        props[f"{names.V2_DATE_ENTERED_PREFIX}{stage_id}"] = moment
    return {"id": deal_id, "properties": props}


DEALS = [
    _deal("1", "processed", "30.00", "USD", "2024-05-01T00:00:00Z", closed="2024-05-02T00:00:00Z",
          entered={"processed": "2024-05-02T00:00:00Z"}),
    _deal("2", "shipped", "20.00", "USD", "2024-04-10T00:00:00Z", closed="2024-04-11T00:00:00Z",
          entered={"shipped": "2024-04-11T00:00:00Z"}),
    _deal("3", "checkout_abandoned", "15.00", "EUR", "2024-05-03T00:00:00Z",
          entered={"checkout_pending": "2024-05-03T00:00:00Z", "checkout_abandoned": "2024-05-04T00:00:00Z"}),
    _deal("4", "processed", "40.00", "EUR", "2024-05-05T00:00:00Z", closed="2024-05-07T00:00:00Z",
          entered={"checkout_abandoned": "2024-05-06T00:00:00Z", "processed": "2024-05-07T00:00:00Z"}),
    _deal("5", "cancelled", "50.00", "USD", "2024-05-08T00:00:00Z",
          entered={"checkout_abandoned": "2024-05-09T00:00:00Z", "cancelled": "2024-05-10T00:00:00Z"}),
    _deal("6", "processed", "10.00", "USD", "2024-05-09T00:00:00Z", closed="2024-05-09T00:00:00Z"),
    _deal("7", "processed", "999.00", "USD", "2024-05-09T00:00:00Z", closed="2024-05-09T00:00:00Z", synced=False),
    _deal("8", "closedwon", "999.00", "USD", "2024-05-09T00:00:00Z", closed="2024-05-09T00:00:00Z",
          pipeline="default"),
    _deal("9", "checkout_pending", "5.00", "USD", "2024-05-14T00:00:00Z"),
    _deal("11", "shipped", "12.00", "USD", "2024-01-05T00:00:00Z", closed="2024-01-05T00:00:00Z"),
]
DEAL_CONTACTS = {"1": ["101"], "2": ["101"], "3": ["102"], "4": ["102"], "5": ["103"], "9": ["101"],
                 "11": ["103"], "7": ["102"], "8": ["101"]}
