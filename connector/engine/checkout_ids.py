"""One key per checkout, whichever API a record came from.

Deals and timers are keyed by the checkout ``token`` (D5). Webhook payloads (REST-shaped) carry it —
a checkout its ``id`` and ``token``, an order its ``checkout_id`` and ``checkout_token`` — but the
GraphQL Admin API has no token: an ``AbandonedCheckout`` has only its id. So the connector keeps,
per store, checkout id -> the key first used for it: the token when a webhook or REST read came
first, else the id itself (a token is never all digits, so the two cannot collide). Every checkout and order record is given that key before the engine uses it.
An order read through GraphQL names no checkout at all; its deal key is then the one it already has
(engine/deals.py), or its own id for an order never seen before (docs/connector-shopify-graphql.md).
"""

from __future__ import annotations

from connector.engine.context import StoreContext

KIND = "checkout_key"  # id map kind: checkout id -> token (the key first used)


def canonical(ctx: StoreContext, resource: str, records: list[dict]) -> list[dict]:
    """``records`` (checkouts or orders) with ``token``/``checkout_token`` set to the checkout's key."""
    if resource not in ("checkouts", "orders"):
        return records
    id_field, token_field = ("id", "token") if resource == "checkouts" else ("checkout_id", "checkout_token")
    ids = sorted({str(r[id_field]) for r in records if r.get(id_field) is not None})
    known = ctx.state.hs_ids(ctx.store_id, KIND, ids) if ids else {}
    out: list[dict] = []
    learnt: dict[str, str] = {}
    for record in records:
        ident = record.get(id_field)
        if ident is None:
            out.append(record)
            continue
        key = known.get(str(ident)) or learnt.get(str(ident)) or record.get(token_field) or (
            str(ident) if resource == "checkouts" else None)
        if key is None:
            out.append(record)
            continue
        if str(ident) not in known:
            learnt[str(ident)] = key
        out.append(record if record.get(token_field) == key else {**record, token_field: key})
    if learnt:
        with ctx.state.transaction():
            for ident, key in learnt.items():
                ctx.state.map_id(ctx.store_id, KIND, ident, key)
    return out
