"""About: what the app is, privacy, how evidence is graded, and every source the guide cites."""

from pathlib import Path

import streamlit as st

import ui

ABOUT = Path(__file__).resolve().parents[1] / "content" / "about.md"

ui.require_frame(__file__)
guide = ui.guide()

st.title("About, privacy and sources")
st.markdown(ABOUT.read_text(encoding="utf-8"))
st.caption("Your journal file:")
st.code(str(ui.user_journal().path), language=None)
for level in guide.levels.values():
    ui.level_badge(level.key)
    st.caption(level.meaning)

st.subheader("Sources")
# Titles and addresses come from content/sources.toml, not from users.
st.markdown(
    "\n".join(
        f"- **{s.id}** [{s.title}]({s.url})" if s.url else f"- **{s.id}** {s.title}"
        for s in guide.sources.values()
    )
)
