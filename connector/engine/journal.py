"""C5 through the Webhooks Journal: contact deletions read by offset, as well as pushed (v3 webhooks).

Each pass reads the journal from the stored offset, applies every contact deletion (the rule of the push
webhook, ``events.apply_hubspot``: tombstone the customers that mapped to the contact) and only then
stores the offset of the last entry applied, so a crash between reading and applying re-reads those entries
(applying a deletion twice changes nothing) and never skips one. An offset HubSpot no longer has (entries
are kept 3 days) restarts from the earliest entry with a warning; deletions older than that are still
learnt from the missing contact on the next write (engine/contacts.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from connector.clients.hubspot_journal import PAGE, HubSpotJournal
from connector.errors import HubSpotError
from connector.events import apply_hubspot
from connector.state import State

log = logging.getLogger("connector")
OFFSET = "journal:offset"
SUBSCRIPTION = "journal:subscription"
DELETIONS = ("DELETE", "GDPR_DELETE")
CONTACT_TYPE = "0-1"


@dataclass
class JournalResult:
    """What one read did: entries read, contact deletions applied, and whether the offset was lost."""

    read: int = 0
    deletions: int = 0
    restarted: bool = False


def read_deletions(journal: HubSpotJournal, state: State, portal_id: str, now_iso: str,
                   max_pages: int = 1000) -> JournalResult:
    """Subscribe once, then apply every new contact deletion in the journal; the offset moves after each
    page is applied (``max_pages`` bounds one pass; the rest waits for the next)."""
    if state.get_meta(SUBSCRIPTION) is None:
        state.set_meta(SUBSCRIPTION, journal.subscribe_contact_deletions(int(portal_id)))
        log.info("[C5] subscribed to contact deletions in the Webhooks Journal")
    result = JournalResult()
    offset = state.get_meta(OFFSET)
    for _ in range(max_pages):
        try:
            page = journal.read(offset, PAGE)
        except HubSpotError as exc:
            if exc.status != 404:
                raise
            if offset is None:
                return result  # nothing in the journal yet
            log.warning("[C5] journal offset %s is gone (entries are kept 3 days): reading from the earliest",
                        offset)
            result.restarted = True
            offset = None
            continue
        if not page:
            return result
        for item in page:
            event = journal.entry(str(item.get("url")))
            result.read += 1
            if _is_contact_deletion(event, portal_id):
                text = apply_hubspot(state, {"subscriptionType": "contact.deletion",
                                             "objectId": event.get("objectId")}, now_iso)
                result.deletions += 1
                log.info("[C5] journal: contact %s deleted (%s)", event.get("objectId"), text)
        offset = str(page[-1].get("currentOffset"))
        state.set_meta(OFFSET, offset)  # only after the page is applied: a crash re-reads, never skips
    return result


def _is_contact_deletion(event: dict, portal_id: str) -> bool:
    if event.get("action") not in DELETIONS or str(event.get("objectTypeId")) != CONTACT_TYPE:
        return False
    portal = event.get("portalId")
    return portal is None or str(portal) == str(portal_id)
