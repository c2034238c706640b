"""Journal offsets never skip or repeat an entry while writes happen concurrently (threads, real server)."""

from __future__ import annotations

import threading

import requests

from mocks.core.server import serve
from mocks.hubspot.journal import WebhooksJournal
from mocks.hubspot.objecttypes import OBJECT_TYPES
from tests.hubspot.journal_helpers import GLOBAL, PAT, make_app, subscribe, token

WRITERS = 4
PER_WRITER = 40


def test_model_readers_following_offsets_see_every_entry_once_under_concurrent_writes():
    app, web, _ = make_app()
    auth = token(web)
    subscribe(web, auth, actions=["CREATE", "UPDATE"], properties=["email"])
    journal: WebhooksJournal = app.extensions["webhooks_journal"]
    store, contacts = app.extensions["store"], OBJECT_TYPES["contacts"]
    created: list[int] = []
    lock = threading.Lock()
    done = threading.Event()

    def writer(n: int) -> None:
        for i in range(200):
            record = store.create(contacts, {"email": f"w{n}-{i}@example.com"})
            with lock:
                created.append(record.id)

    seen: list[list[int]] = [[] for _ in range(3)]

    def reader(k: int) -> None:
        offset = None
        while True:
            finished = done.is_set()  # read once more after the writers stop
            batch = (journal.earliest(7, None) if offset is None else journal.after(offset, 7, None))
            for entry in batch:
                seen[k].append(entry.seq)
                offset = entry.offset
            if finished and not batch:
                return

    writers = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    readers = [threading.Thread(target=reader, args=(k,)) for k in range(3)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    done.set()
    for t in readers:
        t.join(30)
    total = len(created) * 2  # one CREATE and one UPDATE (email) per contact
    for walked in seen:
        assert walked == list(range(total))


def test_http_readers_following_offsets_see_every_create_once_under_concurrent_writes():
    app, web, _ = make_app()
    auth = token(web)
    subscribe(web, auth, actions=["CREATE"])
    journal: WebhooksJournal = app.extensions["webhooks_journal"]
    with serve(app) as server:
        created: list[int] = []
        lock = threading.Lock()
        done = threading.Event()
        errors: list[str] = []

        def writer(n: int) -> None:
            with requests.Session() as http:
                for i in range(PER_WRITER):
                    answer = http.post(f"{server.url}/crm/v3/objects/contacts", headers=PAT,
                                       json={"properties": {"email": f"h{n}-{i}@example.com"}})
                    if answer.status_code != 201:
                        errors.append(answer.text)
                        return
                    with lock:
                        created.append(int(answer.json()["id"]))

        offsets: list[str] = []

        def reader() -> None:
            with requests.Session() as http:
                offset = None
                while True:
                    finished = done.is_set()
                    path = "/batch/earliest/5" if offset is None else f"/batch/{offset}/next/5"
                    answer = http.get(f"{server.url}{GLOBAL}{path}", headers=auth)
                    if answer.status_code != 200:
                        errors.append(answer.text)
                        return
                    results = answer.json()["results"]
                    for fetched in results:
                        offsets.append(fetched["currentOffset"])
                        offset = fetched["currentOffset"]
                    if finished and not results:
                        return

        writers = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        follower = threading.Thread(target=reader)
        follower.start()
        for t in writers:
            t.start()
        for t in writers:
            t.join()
        done.set()
        follower.join(60)
    assert errors == []
    assert len(offsets) == len(set(offsets)) == WRITERS * PER_WRITER
    walked = [journal.entry(o).event["objectId"] for o in offsets]
    assert sorted(walked) == sorted(created)
    assert walked == sorted(walked)  # ids are handed out in commit order, so the journal is in id order
