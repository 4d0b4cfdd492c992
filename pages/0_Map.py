"""The map page: islands coloured by who held them on the chosen date, with the event panel.
The sidebar (language, pickers, uploads) is added once the map has drawn: see ui.map.map_has_drawn."""

from ui.layout import page_setup
from ui.livemap import live_map
from ui.upload import upload_controls
from ui.map import map_has_drawn

with_sidebar = map_has_drawn()
bundle, selection = page_setup("map_page", sidebar=with_sidebar)
live_map()
if with_sidebar:
    upload_controls(selection.lang)
