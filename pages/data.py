"""Your data: where the journal lives, export, import, download everything, delete everything."""

import json
from datetime import date, datetime

import pandas as pd
import streamlit as st

import ui
from crampcare import csvio

UPLOAD = "data.upload"
UPLOADS = "data.uploads"
IMPORTED = "data.imported"
CONFIRM = "data.confirm"

ui.require_frame(__file__)
state = st.session_state
labels = ui.labels()

st.title("Your data")
if state[ui.DEMO]:
    st.info(
        "Demo mode is on. This page works on your own journal only: switch off *Demo data* "
        "on the Journal or Insights page first."
    )
    st.stop()

book = ui.user_journal()
st.write("Your journal is one file on this computer. Nothing is sent anywhere.")
st.code(str(book.path), language=None)
st.caption(
    "To back it up, copy that file while the app is closed (or export a CSV below). "
    "To keep it somewhere else, start the app with CRAMPCARE_DB=/path/to/journal.db."
)

st.subheader("Export")
count = book.count()


def all_csv() -> bytes:
    return csvio.export_csv(book.episodes())


def all_json() -> str:
    """Every episode and every day note, as JSON."""
    return json.dumps(
        {
            "exported": datetime.now().isoformat(timespec="seconds"),
            "episodes": [
                {
                    "entry_id": e.submission_id,
                    "started_at": e.started_at.isoformat(),
                    "region": e.region,
                    "side": e.side,
                    "severity": e.severity,
                    "duration_seconds": e.duration_seconds,
                    "triggers": list(e.triggers),
                    "relief": list(e.relief),
                    "helped": e.helped,
                    "notes": e.notes,
                }
                for e in book.episodes()
            ],
            "days": book.all_days(),
        },
        ensure_ascii=False,
        indent=1,
    )


# The files are built only when a button is pressed, not on every run of the page.
st.download_button(
    f"Export all {ui.plural(count, 'cramp')} (CSV)",
    data=all_csv,
    file_name=f"cramp-journal-{date.today().isoformat()}.csv",
    mime="text/csv",
    key="data.export",
    on_click="ignore",
)
st.download_button(
    "Download all my data (JSON)",
    data=all_json,
    file_name=f"cramp-care-all-data-{date.today().isoformat()}.json",
    mime="application/json",
    key="data.export_all",
    on_click="ignore",
)

st.subheader("Import a CSV")
st.caption(
    "Use the same columns as the export. You will see what will be added, and every problem "
    "by row and column, before anything is saved."
)
if state.get(IMPORTED):
    st.success(state.pop(IMPORTED))
# A new key after each import gives an empty uploader, so a file is never imported twice.
upload = st.file_uploader("CSV file", type=["csv"], key=f"{UPLOAD}.{state.get(UPLOADS, 0)}")
if upload is not None:
    with st.spinner("Checking every row…"):
        result = csvio.parse_csv(upload.getvalue(), ui.vocabulary(), datetime.now())
    if result.errors:
        st.error(
            f"{len(result.errors)} problem{'s' if len(result.errors) != 1 else ''} found."
            + (" The file can't be imported." if result.refused else " Those rows will be skipped.")
        )
        # Plain text, never markdown: a reason can quote a column name from the file.
        with st.container(key="import-errors"):
            st.text(
                "\n".join(
                    f"Row {e.row}, {e.column}: {e.reason}" if e.row else f"File: {e.reason}"
                    for e in result.errors[:200]
                )
            )
    if result.episodes:
        shown = min(20, len(result.episodes))
        st.write(
            f"Ready to add {len(result.episodes)} of {result.rows} rows"
            + (f" (the first {shown} below):" if len(result.episodes) > shown else ":")
        )
        preview = pd.DataFrame(
            [
                (e.started_at, labels.region(e.region), e.severity, e.notes)
                for e in result.episodes[:20]
            ],
            columns=["When", "Where", "Severity", "Notes"],
        )
        st.dataframe(preview, hide_index=True, key="data.preview")
        if st.button(
            f"Import {ui.plural(len(result.episodes), 'cramp')}", type="primary", key="data.import"
        ):
            with st.spinner("Saving, all or nothing…"):
                added, skipped = book.add_many(result.episodes)
            already = f" {skipped} {'was' if skipped == 1 else 'were'} already in your journal."
            state[IMPORTED] = f"Added {ui.plural(added, 'cramp')}." + (already if skipped else "")
            state[UPLOADS] = state.get(UPLOADS, 0) + 1
            st.rerun()

st.subheader("Delete all my data")
st.caption("This removes every cramp and day note from the journal file. It can't be undone.")
typed = st.text_input("Type DELETE to confirm", key=CONFIRM)
if st.button(
    "Delete everything", type="primary", disabled=typed.strip() != "DELETE", key="data.delete_all"
):
    book.delete_all()
    state[ui.UNDO] = []
    st.success("Your journal is empty.")
