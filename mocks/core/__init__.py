"""Pieces shared by both mocks: clock, admin surface, faults, journal, limiters, paging, outbox, server."""

from mocks.core.clock import Clock, format_iso, parse_iso
from mocks.core.context import MockContext, install
from mocks.core.server import ServerHandle, serve

__all__ = ["Clock", "MockContext", "ServerHandle", "format_iso", "install", "parse_iso", "serve"]
