"""The request journal: what each mock received and answered (WireMock's ``/__admin/requests``)."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import asdict, dataclass, field


@dataclass
class JournalEntry:
    id: int
    at: str
    method: str
    path: str
    query: str
    status: int | None = None
    fault: str | None = None
    token: str | None = None
    body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


class Journal:
    """A bounded, thread-safe log of requests; old entries fall off the front."""

    BODY_LIMIT = 2000

    def __init__(self, maxlen: int = 20000) -> None:
        self._entries: deque[JournalEntry] = deque(maxlen=maxlen)
        self._lock = threading.Lock()
        self._next_id = 1

    def record(self, *, at: str, method: str, path: str, query: str, token: str | None,
               body: bytes | None, headers: dict[str, str]) -> JournalEntry:
        text = None
        if body:
            text = body[: self.BODY_LIMIT].decode("utf-8", errors="replace")
        with self._lock:
            entry = JournalEntry(self._next_id, at, method, path, query, token=token, body=text,
                                 headers=headers)
            self._next_id += 1
            self._entries.append(entry)
        return entry

    def entries(self, method: str | None = None, path_contains: str | None = None) -> list[JournalEntry]:
        with self._lock:
            items = list(self._entries)
        if method:
            items = [e for e in items if e.method == method.upper()]
        if path_contains:
            items = [e for e in items if path_contains in e.path]
        return items

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
