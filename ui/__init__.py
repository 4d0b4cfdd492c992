"""Streamlit side of the atlas: cached data, the shared view state, and panels used by pages."""
