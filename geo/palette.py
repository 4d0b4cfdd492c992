"""The colour of each state, from the Okabe–Ito palette (safe for colour-blind readers), for
everything drawn in Python: the Timeline chart and the handouts. The browser's map keeps the
same colours in geo/web/atlas-map.js."""

STATE_COLORS = {"Japan": "#D55E00", "Russian Empire": "#009E73", "Soviet Union": "#0072B2",
                "Russian Federation": "#56B4E9", "": "#c8c8c8"}  # "": no state
