"""Applies the due checkout timers (connector/timers.py decides) on every pass and tick (D4, D6)."""

from __future__ import annotations

from connector import names
from connector.engine import writes
from connector.engine.context import StoreContext, log
from connector.timers import ABANDON, CLEAR, decide


def apply_due_timers(contexts: dict[str, StoreContext]) -> int:
    """Move every due pending deal: abandoned at 24 h (D4), stage cleared at 48 h (D6). Returns moves."""
    moved = 0
    for ctx in contexts.values():
        if ctx.mode != "ecommerce-deals" or not ctx.enabled("carts"):
            continue
        now = ctx.clock.now()
        updates: dict[str, dict] = {}
        plan: list[tuple[str, str, str, str]] = []
        for timer in ctx.state.open_timers():
            if timer.store != ctx.store_id:
                continue
            action = decide(timer.state, timer.created_at, timer.promoted, now, ctx.timer_rules)
            hs_id = ctx.state.hs_id(ctx.store_id, "deal", timer.deal_key)
            if action is None or hs_id is None:
                continue
            stage = ctx.schema.deal_stage(names.STAGE_ABANDONED) if action == ABANDON else ""
            updates[hs_id] = {"dealstage": stage}
            plan.append((timer.token, hs_id, "abandoned" if action == ABANDON else "cleared",
                         "[D4]" if action == ABANDON else "[D6]"))
        if not updates or not writes.update(ctx, "deals", updates, "timer stage update"):
            continue
        with ctx.state.transaction():
            for token, hs_id, state, rule in plan:
                ctx.state.set_timer_state(ctx.store_id, token, state)
                log.info("%s deal %s checkout_pending -> %s", rule, hs_id,
                         names.STAGE_ABANDONED if state == "abandoned" else "(no stage: cleared after 48 h)")
        moved += len(plan)
    return moved


__all__ = ["apply_due_timers", "ABANDON", "CLEAR"]
