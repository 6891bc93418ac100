"""The app's own custom components: inline HTML, CSS and JavaScript drawn straight into the
page (no iframe, no library), each kept beside its Python as NAME.css and NAME.js."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent


def component(name: str, html: str) -> Callable[..., object]:
    """Register the component NAME with its markup and its NAME.css and NAME.js."""
    return st.components.v2.component(
        f"crampcare.{name}",
        html=html,
        css=(HERE / f"{name}.css").read_text(encoding="utf-8"),
        js=(HERE / f"{name}.js").read_text(encoding="utf-8"),
    )


def trigger_value(key: str, trigger: str) -> object:
    """What the component mounted with `key` just sent as `trigger` (None on other runs)."""
    result = st.session_state.get(key)
    if isinstance(result, Mapping):
        return result.get(trigger)
    return getattr(result, trigger, None)
