"""Episodes to store, and random runs of changes to a journal, shared by the contract suite
and the SQLite backend's own tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from hypothesis import strategies as st

from crampcare.episodes import Episode
from crampcare.store import Journal


def ep(day: int = 1, hour: int = 3, region: str = "calf", **kw) -> Episode:
    return Episode(started_at=datetime(2026, 3, day, hour, 15), region=region, **kw)


def change_lists(max_size: int) -> st.SearchStrategy:
    """Lists of (operation, day, region, severity, triggers, helped)."""
    return st.lists(
        st.tuples(
            st.sampled_from(["add", "update", "delete", "add_many"]),
            st.integers(1, 5),  # day
            st.sampled_from(["calf", "foot", "neck"]),
            st.one_of(st.none(), st.integers(0, 10)),
            st.sampled_from([(), ("cold",), ("cold", "alcohol")]),
            st.sampled_from([None, "yes", "no"]),
        ),
        max_size=max_size,
    )


def apply(journal: Journal, change: tuple) -> None:
    """One change from `change_lists`; an update or a delete acts on the newest episode."""
    op, day, region, severity, triggers, helped = change
    e = ep(day=day, region=region, severity=severity, triggers=triggers,
           relief=("stretch",) if helped else (), helped=helped)  # fmt: skip
    existing = journal.episodes(limit=1)
    if op == "add":
        journal.add(e)
    elif op == "add_many":
        journal.add_many([e, ep(day=day + 1, region=region)])
    elif op == "update" and existing:
        journal.update(replace(e, id=existing[0].id))
    elif op == "delete" and existing:
        journal.delete(existing[0].id)
