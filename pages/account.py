"""Your account (hosted servers with login): who you are, log out, your data, delete it all."""

import streamlit as st

from crampcare_ui import auth, journals, session
from crampcare_ui.widgets import journal as journal_widgets

session.require_frame(__file__)

st.title("Your account")
if not auth.login_configured():
    st.info(
        "This server has no accounts: the journal belongs to whoever uses this computer. "
        "See *Your data* for where it is kept."
    )
    st.page_link(session.DATA_PAGE, label="Your data")
    st.stop()
book = journals.user_journal()
if book is None:
    auth.journal_gate()
    st.stop()

user = st.user
who = user.get("name") or user.get("email") or "you"
# Names and addresses come from the provider, not from this app: shown as plain text.
st.text(f"Logged in as {who}" + (f" ({user.get('email')})" if user.get("email") else ""))
st.caption(
    "Your journal is kept under this account (your provider's account id, not your e-mail "
    "address), and only you can see it. Logging out clears this browser's session."
)
st.button("Log out", key="account.logout", on_click=auth.log_out)

with journals.journal_reads():
    count = book.count()
st.subheader("Download all my data")
journal_widgets.export_buttons(book, count, "account")
st.subheader("Delete all my data")
journal_widgets.delete_everything(book, count, "account")
