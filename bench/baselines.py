"""The scripts the app is measured against: a hello-world page, the smallest page with a
clickable plotly chart (the floor for any page drawn with st.plotly_chart: in the browser,
Streamlit fetches and starts its plotly.js bundle only when a chart arrives), and for the
browser one small app with a hello-world page, a plotly page and a data-grid page."""

HELLO = 'import streamlit as st\nst.write("Hello world")\n'

PLOTLY_ALONE = """import plotly.graph_objects as go
import streamlit as st

if "figure" not in st.session_state:  # built once, like the app's cached map
    st.session_state.figure = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))
st.plotly_chart(st.session_state.figure, key="chart", on_select="rerun")
"""

SMALLEST = """import pandas as pd
import plotly.graph_objects as go
import streamlit as st


def hello():
    st.write("Hello world")
    if st.button("Click"):
        st.session_state.clicks = st.session_state.get("clicks", 0) + 1
    st.write(f"Clicked {st.session_state.get('clicks', 0)}")


def chart():
    st.plotly_chart(go.Figure(go.Scatter(x=[1, 2], y=[1, 2])), key="chart")


def grid():
    st.dataframe(pd.DataFrame({c: range(100) for c in "abcdef"}))


st.navigation(
    [
        st.Page(hello, title="Hello", default=True),
        st.Page(chart, title="Chart", url_path="chart"),
        st.Page(grid, title="Grid", url_path="grid"),
    ],
    position="top",
).run()
"""
