"""The scripts the app is measured against: a hello-world page, and the smallest page with a
clickable plotly chart, the floor for any page drawn with st.plotly_chart (in the browser,
Streamlit fetches and starts its plotly.js bundle only when a chart arrives)."""

HELLO = 'import streamlit as st\nst.write("Hello world")\n'

PLOTLY_ALONE = """import plotly.graph_objects as go
import streamlit as st

if "figure" not in st.session_state:  # built once, like the app's cached map
    st.session_state.figure = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))
st.plotly_chart(st.session_state.figure, key="chart", on_select="rerun")
"""
