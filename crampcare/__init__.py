"""Cramp Care's domain: the guide's content, the hold timer, the prevention plan and the body map.

Plain Python; nothing here imports Streamlit, so all of it is testable with pytest alone.
"""
