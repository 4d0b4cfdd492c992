"""The atlas as Streamlit's own ASGI app (``st.App``), with Streamlit's front end sent lean
(``ui.static_assets``: scripts gzipped, the icon font cut down).

``python -m ui.serve`` runs ``streamlit run`` on this file; Streamlit finds the ``st.App`` below
and serves it with its own uvicorn runner, options and settings as for a plain script. The
script it runs is app.py, or the one ``python -m ui.serve SCRIPT.py`` names (in ``SCRIPT_VARIABLE``).
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from ui.static_assets import LeanStaticAssets

SCRIPT_VARIABLE = "KURIL_ATLAS_SCRIPT"
APP = Path(__file__).resolve().parent.parent / "app.py"

app = st.App(Path(os.environ.get(SCRIPT_VARIABLE) or APP).resolve(),
             middleware=[Middleware(LeanStaticAssets)])
