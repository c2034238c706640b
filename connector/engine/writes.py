"""Writing to HubSpot: idempotent upserts by a unique key, with per-record fallback on a bad batch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from connector.clients.hubspot import BATCH, is_validation_refusal
from connector.engine.context import StoreContext, log
from connector.errors import HubSpotError


def refusal_reason(error: dict) -> str:
    """HubSpot's reason for a refused record, in one line: the broken rules' messages."""
    inner = [str(e.get("message")) for e in error.get("errors") or [] if isinstance(e, dict) and e.get("message")]
    return "; ".join(inner) or str(error.get("message") or "refused by the portal's validation rules")


def _refuse(ctx: StoreContext, object_type: str, key: str, error: dict, what: str) -> None:
    """Report one refused record (never counted as written; engine/pending.py keeps its Shopify record)."""
    reason = refusal_reason(error)
    ctx.summary.refuse(object_type, key, reason)
    ctx.refusals.append((object_type, key))
    log.warning("[S7] %s: %s %s refused by the portal's rules: %s", what, object_type, key, reason)


def _error_key(error: dict) -> str:
    """The input a batch error names (``context.id``, else ``objectWriteTraceId``/``inputIndex``)."""
    found = error.get("context")
    context: dict = found if isinstance(found, dict) else {}
    for name in ("id", "objectWriteTraceId", "inputIndex"):
        values = context.get(name)
        if isinstance(values, list) and values:
            return str(values[0])
    return "?"


def upsert(ctx: StoreContext, object_type: str, id_property: str, rows: Sequence[tuple[str, dict]],
           what: str) -> dict[str, str]:
    """Upsert rows ``(key, properties)``; returns key -> HubSpot id for those that succeeded.

    A batch rejected as a whole (4xx) is retried record by record, so one bad record costs only
    itself; failures are counted as sync errors (S7)."""
    if not rows:
        return {}
    errors: list = []
    try:
        records = ctx.hubspot.upsert(object_type, id_property, rows, errors=errors)
    except HubSpotError as exc:
        if len(rows) == 1 and exc.status == 400 and isinstance(exc.body, dict) and is_validation_refusal(exc.body):
            _refuse(ctx, object_type, rows[0][0], exc.body, what)
            return {}
        if len(rows) == 1 or exc.status is None or exc.status >= 500 or exc.partial or exc.status == 207:
            ctx.summary.error(f"{what}: {exc}", len(rows))
            log.error("[S7] %s: %d records failed: %s", what, len(rows), exc)
            return {}
        out: dict[str, str] = {}
        for row in rows:
            out.update(upsert(ctx, object_type, id_property, [row], what))
        return out
    _report(ctx, object_type, errors, what, _error_key)
    return {key: str(rec["id"]) for key, rec in records.items()}


def _report(ctx: StoreContext, object_type: str, errors: list, what: str, key_of: Callable[[dict], str]) -> None:
    """A batch's per-input errors: the portal's rule refusals (kept pending under ``key_of(error)``), the
    rest counted as sync errors (S7)."""
    for err in errors:
        if is_validation_refusal(err):
            _refuse(ctx, object_type, key_of(err), err, what)
            continue
        ctx.summary.error(f"{what}: {err.get('message')}")
        log.error("[S7] %s: %s", what, err.get("message"))


def create_new(ctx: StoreContext, object_type: str, key_property: str, rows: Sequence[tuple[str, dict]],
               what: str) -> dict[str, str] | None:
    """Batch create rows ``(key, properties)`` believed new, ``key`` being the value of the unique
    ``key_property``; returns key -> HubSpot id of those created.

    ``None`` when HubSpot refused a batch as a whole (a 409 because one exists, or another 4xx):
    nothing of that batch was written and the caller writes the rows its other way (read, then upsert);
    rows of batches sent before it were created and come back as existing. Per-input refusals of the
    portal's rules (2026-09) are reported as for an upsert, and so is a batch that got no answer
    (5xx or connection, after the retries): counted as failed, never taken as refused."""
    out: dict[str, str] = {}
    for start in range(0, len(rows), BATCH):
        chunk = rows[start:start + BATCH]
        errors: list = []
        inputs = [{"properties": {**props, key_property: key}} for key, props in chunk]
        try:
            records = ctx.hubspot.batch(object_type, "create", inputs, errors=errors)
        except HubSpotError as exc:
            if exc.status is None or exc.status >= 500:  # no answer: failed like any write (counted)
                ctx.summary.error(f"{what}: {exc}", len(chunk))
                log.error("[S7] %s: %d records failed: %s", what, len(chunk), exc)
                continue
            log.info("[S7] %s: HubSpot refused the batch (%s): writing it by key instead", what, exc)
            return None
        for record in records:
            key = (record.get("properties") or {}).get(key_property)
            if key is not None:
                out[str(key).lower() if key_property == "email" else str(key)] = str(record["id"])
        _report(ctx, object_type, errors, what, partial(_input_key, chunk))
    return out


def _input_key(rows: Sequence[tuple[str, dict]], error: dict) -> str:
    """The key of the row a batch create's error names by ``inputIndex`` (else the name it gives)."""
    index = _error_key(error)
    return rows[int(index)][0] if index.isdigit() and int(index) < len(rows) else index


def update(ctx: StoreContext, object_type: str, updates: dict[str, dict], what: str) -> bool:
    """Batch update by HubSpot id; False (and an error counted) if HubSpot refused."""
    if not updates:
        return True
    errors: list = []
    try:
        ctx.hubspot.batch(object_type, "update", [{"id": i, "properties": p} for i, p in updates.items()],
                          errors=errors)
    except HubSpotError as exc:
        ctx.summary.error(f"{what}: {exc}", len(updates))
        log.error("[S7] %s failed: %s", what, exc)
        return False
    for err in errors:
        if is_validation_refusal(err):
            key = _error_key(err)
            email = (updates.get(key) or {}).get("email") if object_type == "contacts" else None
            _refuse(ctx, object_type, str(email).strip().lower() if email else key, err, what)  # the record's key
        else:
            ctx.summary.error(f"{what}: {err.get('message')}")
    return not errors


def archive(ctx: StoreContext, object_type: str, ids: Sequence[str], what: str) -> bool:
    """Batch archive; ids already gone are fine."""
    if not ids:
        return True
    try:
        ctx.hubspot.archive(object_type, ids)
    except HubSpotError as exc:
        if exc.status == 404:
            return True
        ctx.summary.error(f"{what}: {exc}", len(ids))
        log.error("[S7] %s failed: %s", what, exc)
        return False
    return True


def associate(ctx: StoreContext, from_type: str, to_type: str, pairs: list[tuple[str, str]], type_id: int,
              what: str) -> None:
    if not pairs:
        return
    try:
        ctx.hubspot.associate(from_type, to_type, pairs, type_id)
    except HubSpotError as exc:
        ctx.summary.error(f"{what}: {exc}", len(pairs))
        log.error("[S7] %s failed: %s", what, exc)
