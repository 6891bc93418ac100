"""Your data: where the journal lives, export, import, download everything, delete everything."""

from datetime import datetime

import pandas as pd
import streamlit as st

from crampcare import csvio
from crampcare.store import StoreError
from crampcare_ui import auth, cache, journals, session
from crampcare_ui.widgets import journal as journal_widgets

UPLOAD = "data.upload"
UPLOADS = "data.uploads"
IMPORTED = "data.imported"

session.require_frame(__file__)
state = st.session_state
labels = cache.labels()

st.title("Your data")
demo = journals.demo_switch()
book = journals.current_journal()
if demo:
    st.write(
        "This is the made-up demo journal. You can export it to see what an export holds; "
        "importing and deleting are off, and your own journal is not touched."
    )
elif auth.login_configured():
    st.write(
        "Your journal is kept on this server, under your account, and only you can see it. "
        "Export it below at any time; delete it, and it is gone from the server."
    )
else:
    st.write("Your journal is one file on this computer. Nothing is sent anywhere.")
    st.text(journals.journal_location())
    st.caption(
        "To back it up, copy that file while the app is closed (or export a CSV below). "
        "To keep it somewhere else, start the app with CRAMPCARE_DB=/path/to/journal.db."
    )

with journals.journal_reads():
    count = book.count()

st.subheader("Export")
journal_widgets.export_buttons(book, count, "data")
if demo:
    st.stop()

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
        result = csvio.parse_csv(upload.getvalue(), cache.vocabulary(), datetime.now())
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
            f"Import {journal_widgets.plural(len(result.episodes), 'cramp')}",
            type="primary",
            key="data.import",
        ):
            try:
                with st.spinner("Saving, all or nothing…"):
                    added, skipped = book.add_many(result.episodes)
            except StoreError:
                st.error(journals.STORE_PROBLEM)
            else:
                already = f" {skipped} {'was' if skipped == 1 else 'were'} already in your journal."
                state[IMPORTED] = f"Added {journal_widgets.plural(added, 'cramp')}." + (
                    already if skipped else ""
                )
                state[UPLOADS] = state.get(UPLOADS, 0) + 1
                st.rerun()


st.subheader("Delete all my data")
journal_widgets.delete_everything(book, count, "data")
