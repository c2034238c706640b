"""The two-way sync's configuration file (O9, O10): JSON or YAML with ``mappings`` (object -> list of
``{hubspot, shopify, direction}``) and ``conflicts`` (object -> policy). Errors are one-line ConfigErrors."""

from __future__ import annotations

import json
from typing import Any

import yaml

from connector.errors import ConfigError


def load(path: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(field mappings, conflict policies) from ``path``; ConfigError naming the file otherwise."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise ConfigError(f"--mappings {path}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"--mappings {path}: not valid {'JSON' if path.endswith('.json') else 'YAML'}: {first}") \
            from None
    if data is None:
        return None, None
    if not isinstance(data, dict) or set(data) - {"mappings", "conflicts"}:
        raise ConfigError(f"--mappings {path}: expected a mapping with 'mappings' and/or 'conflicts'")
    mappings, conflicts = data.get("mappings"), data.get("conflicts")
    if mappings is not None and not isinstance(mappings, dict):
        raise ConfigError(f"--mappings {path}: 'mappings' must map objects to lists")
    if conflicts is not None and not isinstance(conflicts, dict):
        raise ConfigError(f"--mappings {path}: 'conflicts' must map objects to policies")
    return mappings, conflicts
