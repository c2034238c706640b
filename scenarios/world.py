"""What a running scenario can reach: both APIs, the connector, the clock, and the named records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scenarios.errors import StepFailed
from scenarios.model import Scenario, Step
from scenarios.profile import Profile
from scenarios.tagging import Tagging

if TYPE_CHECKING:
    from scenarios.targets.base import Session

REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z0-9_]+)*)\}")


def tag_emails(text: str, tag: str) -> str:
    """Sandbox run tag in every email (``ada@x.com`` -> ``ada+tag@x.com``) so runs never collide."""
    return Tagging(tag).text(text)


@dataclass
class Record:
    """A record a step named with ``as:``; ``data`` is what the API answered (kept up to date)."""

    name: str
    kind: str
    store: str | None
    data: dict


@dataclass
class World:
    """The state of one scenario run; steps read and change it."""

    scenario: Scenario
    session: Session
    refs: dict[str, Record] = field(default_factory=dict)
    crash_armed: bool = False
    crashed: bool = False
    last_summary: Any = None
    notes: list[str] = field(default_factory=list)
    last_search: str = ""   # the HubSpot search the last finder ran, for a "0 found" message
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def profile(self) -> Profile:
        """The data model profile expectations read HubSpot through (native names by default)."""
        return getattr(self.session, "profile", None) or Profile()

    @property
    def tagging(self) -> Tagging:
        """Readable values -> the values this target holds (identity off a sandbox)."""
        tagging = getattr(self.session, "tagging", None)
        if tagging is None:
            tagging = Tagging(getattr(self.session, "run_tag", ""))
            self.session.tagging = tagging
        return tagging

    def store(self, step: Step) -> str:
        """The store a step acts on: its ``store:`` option, else the scenario's first store."""
        store = self.resolve(step.options.get("store", self.scenario.stores[0]))
        if store not in self.scenario.stores:
            raise StepFailed(f"store {store!r} is not in this scenario's stores: {', '.join(self.scenario.stores)}")
        return store

    def record(self, name: str, *kinds: str) -> Record:
        """The record named ``name`` (of one of ``kinds``, if given)."""
        record = self.refs.get(name)
        if record is None:
            raise StepFailed(f"unknown reference {name!r}: no earlier step named it with `as:`")
        if kinds and record.kind not in kinds:
            raise StepFailed(f"reference {name!r} is a {record.kind}, not a {' or '.join(kinds)}")
        return record

    def remember(self, step: Step, kind: str, store: str | None, data: dict) -> None:
        """Keep ``data`` under the step's ``as:`` name, if it has one."""
        name = step.options.get("as")
        if name:
            self.refs[name] = Record(name, kind, store, data)

    def lookup(self, name: str, path: str) -> Any:
        """``${name.a.b}``: a field of a named record (``${ada}`` alone is its id)."""
        value: Any = self.record(name).data
        for part in [p for p in path.split(".") if p] or ["id"]:
            if isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            elif isinstance(value, dict) and part in value:
                value = value[part]
            else:
                raise StepFailed(f"${{{name}{path}}}: the record has no field {part!r}")
        return value

    def resolve(self, value: Any) -> Any:
        """``value`` with every ``${name.field}`` replaced (a whole-string reference keeps its type)."""
        if isinstance(value, str):
            whole = REFERENCE.fullmatch(value)
            if whole:
                return self.lookup(whole.group(1), whole.group(2))
            if value in self.refs:
                return value   # a reference by name (`product: tee`), not a value to map
            text = REFERENCE.sub(lambda m: str(self.lookup(m.group(1), m.group(2))), value)
            return self.tagging.text(text)
        if isinstance(value, dict):
            return {self.resolve(k): self.resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        return self.tagging.value(value)

    def title(self, text: str) -> str:
        """A product title or company name as created on this target (a sandbox tags it)."""
        return self.tagging.name(text)

    def created(self, kind: str, store: str | None, data: dict) -> None:
        """Note a record a step created (named or not): a sandbox run deletes it at the end."""
        ledger = getattr(self.session, "ledger", None)
        if ledger is not None:
            ledger.created(kind, store, data)
            if kind == "order":
                self.tagging.order_created(data)

    def note(self, text: str) -> None:
        self.notes.append(text)
