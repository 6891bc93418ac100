"""About: what the app is, privacy, how evidence is graded, and every source the guide cites."""

from pathlib import Path

import streamlit as st

from crampcare_ui import cache, journals, session
from crampcare_ui.widgets import guide as guide_widgets

ABOUT = Path(__file__).resolve().parents[1] / "content" / "about.md"

session.require_frame(__file__)
guide = cache.guide()

st.title("About, privacy and sources")
# about.md, the levels, and source titles and addresses all come from content/, never from
# users, so markdown is safe here.
st.markdown(
    ABOUT.read_text(encoding="utf-8")
    + "\n\n"
    + "\n".join(
        f"- {guide_widgets.level_badge(key)} {v.meaning}" for key, v in guide.levels.items()
    )
)
st.caption("Where journals are kept:")
st.text(journals.journal_location())  # plain text: st.code would load a syntax highlighter
st.markdown(
    "### Sources\n\n"
    + "\n".join(
        f"- **{s.id}** [{s.title}]({s.url})" if s.url else f"- **{s.id}** {s.title}"
        for s in guide.sources.values()
    )
)
