"""Compare: two dates, or one date in two perspectives (Japan's maps | Russia's maps), side by
side (the maps panning and zooming together) or on one map with a divider to swipe; with the list
of islands that changed hands, or on which the two perspectives differ."""

from ui.compare import comparison_controls, comparison_list, comparison_maps, take_map_reports
from geo.model.i18n import translate
from ui.layout import hidden_title, page_setup

bundle, selection = page_setup("compare_title")
hidden_title(translate("compare_title", selection.lang))
selection = take_map_reports(bundle, selection)
chosen = comparison_controls(bundle, selection)
comparison_maps(bundle, chosen, selection.lang)
comparison_list(bundle, chosen, selection.lang)
