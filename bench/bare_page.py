"""The floor under `make bench`'s first-map time: a Streamlit page with one title and nothing else."""

import streamlit as st

st.title("Kuril Islands atlas")
