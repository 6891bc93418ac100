"""Your data: where the journal lives, export, import, download everything, delete everything."""

from datetime import date, datetime

import pandas as pd
import streamlit as st

import ui
from crampcare import csvio
from crampcare.store import StoreError

UPLOAD = "data.upload"
UPLOADS = "data.uploads"
IMPORTED = "data.imported"
CONFIRM = "data.confirm"
EMPTIED = "data.emptied"

ui.require_frame(__file__)
state = st.session_state
labels = ui.labels()

st.title("Your data")
demo = ui.demo_switch()
book = ui.current_journal()
if demo:
    st.write(
        "This is the made-up demo journal. You can export it to see what an export holds; "
        "importing and deleting are off, and your own journal is not touched."
    )
else:
    st.write("Your journal is one file on this computer. Nothing is sent anywhere.")
    st.code(str(book.path), language=None)
    st.caption(
        "To back it up, copy that file while the app is closed (or export a CSV below). "
        "To keep it somewhere else, start the app with CRAMPCARE_DB=/path/to/journal.db."
    )

with ui.journal_reads():
    count = book.count()

st.subheader("Export")
if count == 0:
    st.info("Nothing to export yet: the journal is empty.")
else:
    # The files are built only when a button is pressed, not on every run of the page.
    st.download_button(
        f"Export {'the 1 cramp' if count == 1 else f'all {count} cramps'} (CSV)",
        data=lambda: csvio.export_csv(book.episodes()),
        file_name=f"cramp-journal-{date.today().isoformat()}.csv",
        mime="text/csv",
        key="data.export",
        on_click="ignore",
    )
    st.download_button(
        "Download all my data (JSON)",
        data=lambda: csvio.export_json(book.episodes(), book.all_days(), datetime.now()),
        file_name=f"cramp-care-all-data-{date.today().isoformat()}.json",
        mime="application/json",
        key="data.export_all",
        on_click="ignore",
    )
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
            try:
                with st.spinner("Saving, all or nothing…"):
                    added, skipped = book.add_many(result.episodes)
            except StoreError:
                st.error(ui.STORE_PROBLEM)
            else:
                already = f" {skipped} {'was' if skipped == 1 else 'were'} already in your journal."
                state[IMPORTED] = f"Added {ui.plural(added, 'cramp')}." + (
                    already if skipped else ""
                )
                state[UPLOADS] = state.get(UPLOADS, 0) + 1
                st.rerun()


def delete_everything() -> None:
    """Button callback: empty the journal, then clear the typed word and the undo list."""
    try:
        book.delete_all()
    except StoreError:
        ui.note_store_problem(CONFIRM)
        return
    state[CONFIRM] = ""
    state[ui.UNDO] = []
    state[EMPTIED] = True


st.subheader("Delete all my data")
if state.pop(EMPTIED, False):
    st.success("Your journal is empty. Every cramp and day note has been deleted.")
if count == 0:
    st.caption("There is nothing to delete: the journal is empty.")
else:
    st.caption(
        f"This removes all {ui.plural(count, 'cramp')} and every day note from the journal "
        "file. It can't be undone: export first if you may want them back."
    )
    typed = st.text_input("Type DELETE to confirm", key=CONFIRM)
    st.button(
        ":red[Delete everything]",
        disabled=typed.strip() != "DELETE",
        key="data.delete_all",
        on_click=delete_everything,
    )
    ui.store_problem(CONFIRM)
