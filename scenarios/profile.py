"""The data model profile: how expectations find and read the HubSpot records a connector writes.

Scenarios are written in HubSpot's native names — what the reference connector writes (stage ids
``checkout_pending``…, properties ``ip__ecomm_bridge__source_store_id``…). Another connector keeps
its data under its own names; a profile (``--profile FILE.yaml``) says which:

```yaml
name: shopsync
deal:
  store: shopsync_store              # the property holding the store (SHOPIFY_STORE)
  order: shopsync_order_id           # the property holding the order …
  order_field: id                    # … as this Shopify order field: id, order_number or name
  checkout_token: [shopsync_checkout] # the property (or properties) holding a checkout's token
  pipeline: default                  # the deal pipeline, by id or label
  stages:                            # abstract stage -> the connector's stage id or label
    checkout_pending: Pending
    checkout_abandoned: Abandoned
properties:                          # any other name a scenario uses -> the connector's name
  ip__shopify__note: shopsync_note
```

Every key is optional; what is left out keeps the native name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

STAGES = ("checkout_abandoned", "checkout_pending", "checkout_completed", "processed", "shipped", "cancelled")
ORDER_FIELDS = ("id", "order_number", "name")
STAGE_PROPERTIES = ("dealstage",)


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Profile:
    """Names of one connector's HubSpot data model (defaults: HubSpot's native names)."""

    name: str = "native"
    store: str = "ip__ecomm_bridge__source_store_id"
    order: str = "ip__ecomm_bridge__order_number"
    order_field: str = "order_number"
    checkout_token: tuple[str, ...] = ("ip__shopify__token", "ip__shopify__checkout_token")
    pipeline: str = "Ecommerce Pipeline"
    stages: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({s: s for s in STAGES}))
    properties: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def native(self) -> bool:
        return self.name == "native"

    def prop(self, name: str) -> str:
        """The connector's name for a property a scenario names."""
        return {"ip__ecomm_bridge__source_store_id": self.store}.get(name) or self.properties.get(name, name)

    def stage(self, abstract: Any) -> Any:
        """The connector's stage id or label for an abstract stage (other values unchanged)."""
        return self.stages.get(abstract, abstract) if isinstance(abstract, str) else abstract

    def order_value(self, order: Mapping[str, Any]) -> str:
        """What the connector stores in ``order`` for a Shopify order."""
        return str(order.get(self.order_field))


def load_profile(path: str | Path | None) -> Profile:
    """The profile in ``path`` (None: the native names)."""
    if path is None:
        return Profile()
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ProfileError(f"{path}: cannot read the profile: {error}") from None
    return profile_from_dict(data, str(path))


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        raise ProfileError(f"{where}: a property name or id (text)")
    return str(value).strip()


def profile_from_dict(data: Any, source: str = "profile") -> Profile:
    """Check a parsed profile and build it; unknown keys are errors (a typo must not pass silently)."""
    if not isinstance(data, dict):
        raise ProfileError(f"{source}: a profile is a mapping with name, deal and properties")
    unknown = set(data) - {"name", "deal", "properties"}
    if unknown:
        raise ProfileError(f"{source}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
                           "a profile has name, deal, properties")
    base = Profile()
    deal = data.get("deal") or {}
    if not isinstance(deal, dict):
        raise ProfileError(f"{source}: deal: a mapping")
    allowed = {"store", "order", "order_field", "checkout_token", "pipeline", "stages"}
    if set(deal) - allowed:
        raise ProfileError(f"{source}: deal: unknown key(s) {', '.join(sorted(map(str, set(deal) - allowed)))}; "
                           f"known: {', '.join(sorted(allowed))}")
    order_field = str(deal.get("order_field", base.order_field))
    if order_field not in ORDER_FIELDS:
        raise ProfileError(f"{source}: deal.order_field: one of {', '.join(ORDER_FIELDS)}, not {order_field!r}")
    tokens = deal.get("checkout_token", list(base.checkout_token))
    tokens = [tokens] if isinstance(tokens, str) else tokens
    if not isinstance(tokens, list) or not tokens:
        raise ProfileError(f"{source}: deal.checkout_token: a property name or a list of them")
    stages = deal.get("stages") or {}
    if not isinstance(stages, dict) or set(stages) - set(STAGES):
        raise ProfileError(f"{source}: deal.stages: a mapping from {', '.join(STAGES)} to stage ids or labels")
    props = data.get("properties") or {}
    if not isinstance(props, dict):
        raise ProfileError(f"{source}: properties: a mapping from the scenario's name to yours")
    return Profile(
        name=_text(data.get("name", Path(source).stem), f"{source}: name"),
        store=_text(deal.get("store", base.store), f"{source}: deal.store"),
        order=_text(deal.get("order", base.order), f"{source}: deal.order"),
        order_field=order_field,
        checkout_token=tuple(_text(t, f"{source}: deal.checkout_token") for t in tokens),
        pipeline=_text(deal.get("pipeline", base.pipeline), f"{source}: deal.pipeline"),
        stages=MappingProxyType({**base.stages, **{k: _text(v, f"{source}: deal.stages.{k}") for k, v in stages.items()}}),
        properties=MappingProxyType({str(k): _text(v, f"{source}: properties.{k}") for k, v in props.items()}),
    )
