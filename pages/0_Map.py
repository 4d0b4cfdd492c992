"""The map page: islands coloured by who held them on the chosen date, with the event panel."""

from ui.layout import page_setup
from ui.livemap import live_map
from ui.upload import upload_controls

bundle, view = page_setup("map_page")
live_map()
upload_controls(view.lang)
