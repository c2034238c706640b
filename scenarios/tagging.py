"""The sandbox run tag: one mapping from a scenario's readable values to the values a sandbox holds.

A scenario says ``ada@example.com``, ``Tee``, ``+16135550101`` and ``#1001``. On a sandbox every
record the run creates must be unique to this scenario run, so the values go out tagged, and every
expectation key and expected value goes through the *same* mapping before it is compared:

=================  =========================================  =========================================
readable           in the sandbox                             how
=================  =========================================  =========================================
``ada@x.com``      ``ada+<tag>@x.com``                        every email, anywhere in a string
``Tee``            ``Tee <tag>``                              product titles and company names (also
                                                              ``Tee - Red``, a line item of a variant)
``linen-shirt``    ``linen-shirt-<tag>``                      the handle Shopify makes from a title
                                                              (of two words or more)
``+16135550101``   ``+1613555NNNN``                           a phone (whole value): the last four
                                                              digits made unique for the tag
``#1001``, 1001    the real name / number of the scenario's   a fresh store numbers its orders 1001,
                   first order (``#1002``: its second …)      1002 … in creation order
=================  =========================================  =========================================

With no tag (the mock targets) every value is itself.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

EMAIL = re.compile(r"([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
PHONE = re.compile(r"\+\d{8,15}")
FIRST_ORDER_NUMBER = 1001
VARIANT_SEPARATOR = " - "


def slug(text: str) -> str:
    """A handle as Shopify makes it from a title (lower case, runs of other characters → ``-``)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Tagging:
    """Readable value → sandbox value for one scenario run (``tag`` empty: the identity)."""

    def __init__(self, tag: str = "") -> None:
        self.tag = tag
        self.names: dict[str, str] = {}      # product title / company name -> tagged
        self.handles: dict[str, str] = {}    # readable handle -> tagged handle
        self.phones: dict[str, str] = {}     # readable phone -> unique phone
        self.emails: set[str] = set()        # every tagged email handed out (lower case)
        self.order_names: dict[str, str] = {}   # "#1001" -> the real name
        self.order_numbers: dict[int, int] = {}  # 1001 -> the real number

    def __bool__(self) -> bool:
        return bool(self.tag)

    # --- registering what the run creates -----------------------------------------------------
    def name(self, readable: str) -> str:
        """A product title or company name as the sandbox holds it (registered for lookups)."""
        if not self.tag or readable.endswith(" " + self.tag):
            return readable
        tagged = self.names.setdefault(readable, f"{readable} {self.tag}")
        self.handles.setdefault(slug(readable), slug(tagged))
        return tagged

    def order_created(self, order: dict) -> None:
        """The scenario's next Shopify order: its readable number is 1001, 1002 … in creation order."""
        if not self.tag or not order.get("order_number"):
            return
        readable = FIRST_ORDER_NUMBER + len(self.order_numbers)
        self.order_numbers[readable] = int(order["order_number"])
        self.order_names[f"#{readable}"] = str(order.get("name") or f"#{order['order_number']}")

    # --- applying the mapping -----------------------------------------------------------------
    def text(self, text: str) -> str:
        """One string: a whole known value, else every email in it tagged."""
        if not self.tag:
            return text
        if text in self.order_names:
            return self.order_names[text]
        if "-" in text and text in self.handles:   # one-word handles read like reference names: left alone
            return self.handles[text]
        if PHONE.fullmatch(text):
            return self.phone(text)
        named = self._named(text)
        if named is not None:
            return named
        return EMAIL.sub(self._email, text)

    def value(self, value: Any) -> Any:
        """Any scenario value (strings, order numbers, nested lists and mappings)."""
        if not self.tag:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return self.order_numbers.get(value, value)
        if isinstance(value, dict):
            return {self.value(k): self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value

    def phone(self, readable: str) -> str:
        """The same number with its last four digits unique to this tag (Shopify refuses a repeated
        phone among customers, so a rerun must not reuse one)."""
        if readable in self.phones:
            return self.phones[readable]
        if readable in self.phones.values():
            return readable
        used = set(self.phones.values())
        seed = int(hashlib.sha256(f"{self.tag}:{readable}".encode()).hexdigest(), 16)
        for step in range(10_000):
            candidate = f"{readable[:-4]}{(seed + step) % 10_000:04d}"
            if candidate not in used and candidate != readable:
                break
        self.phones[readable] = candidate
        return candidate

    def _named(self, text: str) -> str | None:
        if text in self.names:
            return self.names[text]
        for readable in sorted(self.names, key=len, reverse=True):   # "Tee - Red": a variant's line item
            if text.startswith(readable + VARIANT_SEPARATOR):
                return self.names[readable] + text[len(readable):]
        return None

    def _email(self, match: re.Match) -> str:
        local, domain = match.group(1), match.group(2)
        tagged = match.group(0) if local.endswith("+" + self.tag) else f"{local}+{self.tag}@{domain}"
        self.emails.add(tagged.lower())
        return tagged
