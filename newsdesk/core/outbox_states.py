"""The states of an outbox entry, named once: plain strings, so that the window can
read them without loading the store (SQLAlchemy costs half a second at start-up)."""

from __future__ import annotations

QUEUED = "queued"
SENDING = "sending"
DONE = "done"
FAILED = "failed"
CONFLICT = "conflict"
NEEDS_PASSWORD = "needs_password"
WAITING_NETWORK = "waiting_network"
#: Every state. ``done`` entries are history; all others are "live".
STATES = (QUEUED, SENDING, DONE, FAILED, CONFLICT, NEEDS_PASSWORD, WAITING_NETWORK)
#: States the worker picks up by itself (when due): what waits to be sent.
RUNNABLE = (QUEUED, SENDING, WAITING_NETWORK)
