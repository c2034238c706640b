"""Which HubSpot path a call takes, per API version: the one place that builds a versioned CRM path.

HubSpot moved its CRM APIs to date-versioned paths on 2026-03-30 (``/crm/objects/2026-09/contacts``);
the legacy ones (``/crm/v3/...`` objects, pipelines, properties; ``/crm/v4/...`` associations) stop
being supported in 2027 (v4 from 2027-03, v3 from 2027-09). A client picks its version once
(``--hubspot-api-version``) and asks this module for every path. Pure functions, no I/O.

What else differs by version, as far as the connector cares (docs/connector-hubspot-dated.md):
- a batch with per-input errors answers 207 on v3/v4 and 2026-03, but keeps its success status (200, or
  201 for object batch create) with ``errors``/``numErrors`` from 2026-09 (``multi_status``);
- association record ids are integers on v4 and strings on the dated paths (the client reads both);
- the portal's write-validation rules (``VALIDATION_ERROR``) apply from 2026-09 (``validates_writes``).
"""

from __future__ import annotations

from dataclasses import dataclass

LEGACY = "v3"
DATED = ("2026-03", "2026-09")
VERSIONS = (*DATED, LEGACY)
DEFAULT_VERSION = "2026-09"
# Legacy path prefix of each family (objects, pipelines, properties on v3; associations on v4).
_LEGACY_PREFIX = {"objects": "/crm/v3/objects", "associations": "/crm/v4/associations",
                  "pipelines": "/crm/v3/pipelines", "properties": "/crm/v3/properties"}
FAMILIES = tuple(_LEGACY_PREFIX)


def check_version(version: str) -> str:
    """``version`` if the connector speaks it; ValueError naming the choices otherwise."""
    if version not in VERSIONS:
        raise ValueError(f"HubSpot API version must be one of {', '.join(VERSIONS)}, not {version!r}")
    return version


def path(family: str, version: str, *parts: str) -> str:
    """The path of ``family`` (objects, associations, pipelines, properties) on ``version``, followed by
    ``parts`` (each one path segment or more, joined by ``/``).

    >>> path("objects", "2026-09", "contacts", "batch/upsert")
    '/crm/objects/2026-09/contacts/batch/upsert'
    >>> path("associations", "v3", "deals", "contacts", "batch/create")
    '/crm/v4/associations/deals/contacts/batch/create'
    """
    if family not in _LEGACY_PREFIX:
        raise ValueError(f"unknown HubSpot API family {family!r}")
    check_version(version)
    prefix = _LEGACY_PREFIX[family] if version == LEGACY else f"/crm/{family}/{version}"
    tail = "/".join(str(p).strip("/") for p in parts if str(p).strip("/"))
    return f"{prefix}/{tail}" if tail else prefix


@dataclass(frozen=True)
class HubSpotPaths:
    """The paths of one API version: what every call site asks for (never an f-string of its own)."""

    version: str = DEFAULT_VERSION

    def __post_init__(self) -> None:
        check_version(self.version)

    @property
    def dated(self) -> bool:
        return self.version != LEGACY

    @property
    def multi_status(self) -> bool:
        """Whether a batch with per-input errors answers 207 (v3/v4, 2026-03) rather than 200/201."""
        return self.version in (LEGACY, "2026-03")

    @property
    def validates_writes(self) -> bool:
        """Whether the portal's write-validation rules are enforced on this version (2026-09 and later)."""
        return self.version not in (LEGACY, "2026-03")

    def objects(self, object_type: str, *parts: str) -> str:
        return path("objects", self.version, object_type, *parts)

    def object_batch(self, object_type: str, action: str) -> str:
        return path("objects", self.version, object_type, "batch", action)

    def search(self, object_type: str) -> str:
        return path("objects", self.version, object_type, "search")

    def association_batch(self, from_type: str, to_type: str, action: str) -> str:
        return path("associations", self.version, from_type, to_type, "batch", action)

    def association_labels(self, from_type: str, to_type: str) -> str:
        return path("associations", self.version, from_type, to_type, "labels")

    def pipelines(self, object_type: str, *parts: str) -> str:
        return path("pipelines", self.version, object_type, *parts)

    def properties(self, object_type: str, *parts: str) -> str:
        return path("properties", self.version, object_type, *parts)

    def property_groups(self, object_type: str) -> str:
        return path("properties", self.version, object_type, "groups")


# The Webhooks Journal (pull-model webhooks) and the OAuth token endpoint. HubSpot published the journal on
# 2026-03 only (no 2026-09 journal spec), so it keeps that version whatever the CRM calls use.
JOURNAL_VERSION = "2026-03"
TOKEN_PATH = "/oauth/v1/token"


def journal(*parts: str) -> str:
    """A (global) journal read path, e.g. ``journal("batch", offset, "next", "100")``."""
    tail = "/".join(str(p).strip("/") for p in parts if str(p).strip("/"))
    return f"/webhooks-journal/journal/{JOURNAL_VERSION}/{tail}"


def journal_subscriptions() -> str:
    return f"/webhooks-journal/subscriptions/{JOURNAL_VERSION}"
