"""The Streamlit glue: the only package besides pages/ that imports streamlit.

Decisions live in crampcare/; this package only shows them and keeps the session.
"""
