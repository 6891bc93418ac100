"""Widgets of the journal pages: the date range that follows the journal, the exports, and
'Delete all my data'.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import streamlit as st

from crampcare import csvio, store
from crampcare_ui import journals, session


def _touched(key: str) -> None:
    st.session_state[key + ".touched"] = True


def export_buttons(book: store.Journal, count: int, key: str) -> None:
    """CSV and JSON downloads of the whole journal, built only when pressed; or why not."""
    if count == 0:
        st.info("Nothing to export yet: the journal is empty.")
        return
    today = date.today().isoformat()
    st.download_button(
        f"Export {'the 1 cramp' if count == 1 else f'all {count} cramps'} (CSV)",
        data=lambda: csvio.export_csv(book.episodes()),
        file_name=f"cramp-journal-{today}.csv",
        mime="text/csv",
        key=f"{key}.export",
        on_click="ignore",
    )
    st.download_button(
        "Download all my data (JSON)",
        data=lambda: csvio.export_json(book.episodes(), book.all_days(), datetime.now()),
        file_name=f"cramp-care-all-data-{today}.json",
        mime="application/json",
        key=f"{key}.export_all",
        on_click="ignore",
    )


def _delete_everything(book: store.Journal, key: str) -> None:
    """Button callback: empty the journal, then clear the typed word and the undo list."""
    state = st.session_state
    try:
        book.delete_all()
    except store.StoreError:
        journals.note_store_problem(f"{key}.confirm")
        return
    state[f"{key}.confirm"] = ""
    state[session.UNDO] = []
    state[f"{key}.emptied"] = True


def delete_everything(book: store.Journal, count: int, key: str) -> None:
    """'Delete all my data', behind a typed DELETE; drawn red; nothing left live after it."""
    if st.session_state.pop(f"{key}.emptied", False):
        st.success("Your journal is empty. Every cramp and day note has been deleted.")
    if count == 0:
        st.caption("There is nothing to delete: the journal is empty.")
        return
    st.caption(
        f"This removes all {plural(count, 'cramp')} and every day note from your journal. "
        "It can't be undone: export first if you may want them back."
    )
    typed = st.text_input("Type DELETE to confirm", key=f"{key}.confirm")
    st.button(
        ":red[Delete everything]",
        disabled=typed.strip() != "DELETE",
        key=f"{key}.delete_all",
        on_click=_delete_everything,
        args=(book, key),
    )
    journals.store_problem(f"{key}.confirm")


def date_range_picker(key: str, span: tuple[date, date], days: int) -> tuple[date, date]:
    """A 'Dates' range picker over the journal's span, starting `days` before its last entry.

    Until the person changes it, the range follows the journal, so a cramp logged after the
    last day shows up at once. While only one end has been picked, the range is that day.
    """
    first, last = span
    if not st.session_state.get(key + ".touched"):
        st.session_state[key] = (max(first, last - timedelta(days=days)), last)
    chosen = st.date_input("Dates", key=key, format="YYYY-MM-DD", on_change=_touched, args=(key,))
    if len(chosen) == 2:
        return chosen[0], chosen[1]
    if len(chosen) == 1:
        return chosen[0], chosen[0]
    return first, last


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
