"""Rendering: the Folium map and its browser files (``web/``), the contract between Python and the
map, the offline export and the printable handouts."""
