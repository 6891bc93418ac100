"""The journal store: one interface (base.Journal) and its backends, each opened for one owner."""

from crampcare.store import postgres
from crampcare.store.base import (
    LOCAL_OWNER,
    EpisodeNotFound,
    Filter,
    Journal,
    StoreBusy,
    StoreError,
    StoreUnavailable,
)
from crampcare.store.postgres import PostgresJournal
from crampcare.store.sqlite import SQLiteJournal

__all__ = [
    "LOCAL_OWNER",
    "EpisodeNotFound",
    "Filter",
    "Journal",
    "PostgresJournal",
    "SQLiteJournal",
    "StoreBusy",
    "StoreError",
    "StoreUnavailable",
    "postgres",
]
