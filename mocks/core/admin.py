"""The ``/__admin`` surface every mock exposes (WireMock's convention; never clashes with a real path).

- ``POST /__admin/reset``: empty the store, journal, faults and outbox; ``{"now": ISO}`` also sets the clock
- ``GET|POST /__admin/clock``: read it (``{"now", "mode", "simulated"}``), or jump it with
  ``{"now": ISO}`` / ``{"advance": seconds}`` and/or switch it with ``{"mode": "frozen"|"running"}``
- ``GET /__admin/state``: every record, as JSON
- ``GET|DELETE /__admin/requests``: the journal (``?method=``, ``?path=`` to filter)
- ``GET|POST|DELETE /__admin/faults``: fault rules (see :mod:`mocks.core.faults`)
- ``POST /__admin/webhooks/deliver``: send every webhook due now; returns what was sent
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from flask import Blueprint, jsonify, request

from mocks.core.clock import MODES, parse_iso
from mocks.core.faults import FaultRuleError

if TYPE_CHECKING:
    from mocks.core.context import MockContext


def _bad(message: str, status: int = 400):  # noqa: ANN202
    response = jsonify({"error": message})
    response.status_code = status
    return response


MAX_ADVANCE = 10 * 366 * 86400.0  # seconds: ten years in one call is plenty for any scenario


def _moment(value: object) -> datetime:
    """A ``now`` value: an ISO 8601 string between 1970 and 9000 (ClockInputError otherwise)."""
    if not isinstance(value, str):
        raise ClockInputError("now must be an ISO 8601 timestamp string")
    try:
        moment = parse_iso(value)
        in_range = datetime(1970, 1, 1, tzinfo=UTC) <= moment < datetime(9000, 1, 1, tzinfo=UTC)
    except (ValueError, OverflowError, TypeError):
        raise ClockInputError("now must be an ISO 8601 timestamp") from None
    if not in_range:
        raise ClockInputError("now must be between 1970 and 9000")
    return moment


def _seconds(value: object) -> float:
    """An ``advance`` value: a finite, non-negative number of seconds (at most ten years)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ClockInputError("advance must be a number of seconds")
    try:
        seconds = float(value)
    except (ValueError, OverflowError):
        raise ClockInputError("advance must be a number of seconds") from None
    if not math.isfinite(seconds):
        raise ClockInputError("advance must be a finite number of seconds")
    if seconds < 0:
        raise ClockInputError("advance must not be negative: the clock never goes back by advancing")
    if seconds > MAX_ADVANCE:
        raise ClockInputError(f"advance must be at most {MAX_ADVANCE:g} seconds")
    return seconds


class ClockInputError(ValueError):
    """A clock request that is refused before the clock is touched."""


def admin_blueprint(ctx: MockContext) -> Blueprint:
    bp = Blueprint(f"{ctx.name}_admin", __name__)

    @bp.post("/reset")
    def reset():  # noqa: ANN202
        body = request.get_json(silent=True) or {}
        moment = None
        if isinstance(body, dict) and body.get("now"):
            try:
                moment = _moment(body["now"])  # validated before anything is reset
            except ClockInputError as error:
                return _bad(str(error))
        ctx.reset()
        ctx.journal.clear()
        ctx.faults.clear()
        if moment is not None:
            ctx.clock.set(moment)
        return jsonify({"status": "ok", "clock": ctx.clock.to_dict()})

    @bp.get("/clock")
    def get_clock():  # noqa: ANN202
        return jsonify(ctx.clock.to_dict())

    @bp.post("/clock")
    def set_clock():  # noqa: ANN202
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not {"now", "advance", "mode"} & set(body):
            return _bad('send {"now": ISO}, {"advance": seconds} and/or {"mode": "frozen"|"running"}')
        if "mode" in body and body["mode"] not in MODES:
            return _bad(f"mode must be one of {', '.join(MODES)}")
        try:  # every value is checked before the clock is touched: a refused call changes nothing
            moment = _moment(body["now"]) if "now" in body else None
            seconds = _seconds(body["advance"]) if "advance" in body else None
        except ClockInputError as error:
            return _bad(str(error))
        if moment is not None:
            ctx.clock.set(moment)
        if seconds is not None:
            ctx.clock.advance(seconds)
        if "mode" in body:
            ctx.clock.set_mode(body["mode"])
        return jsonify(ctx.clock.to_dict())

    @bp.get("/state")
    def state():  # noqa: ANN202
        return jsonify(ctx.state())

    @bp.get("/requests")
    def requests_():  # noqa: ANN202
        entries = ctx.journal.entries(request.args.get("method"), request.args.get("path"))
        return jsonify({"requests": [e.to_dict() for e in entries], "total": len(entries)})

    @bp.delete("/requests")
    def clear_requests():  # noqa: ANN202
        ctx.journal.clear()
        return jsonify({"status": "ok"})

    @bp.get("/faults")
    def list_faults():  # noqa: ANN202
        return jsonify({"rules": [r.to_dict() for r in ctx.faults.rules()], "counts": ctx.faults.counts})

    @bp.post("/faults")
    def add_faults():  # noqa: ANN202
        body = request.get_json(silent=True)
        if body is None:
            return _bad("send a fault rule, a list of rules or {\"rules\": [...]} as JSON")
        try:
            added = ctx.faults.add(body)
        except FaultRuleError as error:
            return _bad(str(error))
        except (TypeError, ValueError, OverflowError) as error:  # whatever a rule's checks missed: still a 400
            return _bad(f"invalid fault rule: {type(error).__name__}")
        return jsonify({"rules": [r.to_dict() for r in added]}), 201

    @bp.delete("/faults")
    def clear_faults():  # noqa: ANN202
        ctx.faults.clear()
        return jsonify({"status": "ok"})

    @bp.post("/webhooks/deliver")
    def deliver():  # noqa: ANN202
        sent = ctx.deliver()
        return jsonify({"delivered": sent, "count": len(sent)})

    return bp
