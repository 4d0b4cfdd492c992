"""A teacher's own lesson: a table of steps edited in place, every cell checked, the chosen step
previewed on the map, and the lesson downloaded as CSV or as one offline HTML file. Every change
is saved on the server at once (``ui/lesson_saving.py``), with a present link for the class and a
private edit link; the address opens a saved lesson (``?lesson=ID&key=KEY``)."""

from dataclasses import replace

from ui.layout import map_columns, page_setup
from ui.lesson import checked_lesson, table_rows
from ui.lesson_editor import (copy_lesson, lesson_downloads, lesson_heading, lesson_preview, lesson_start,
                              lesson_table, previewed_state)
from ui.lesson_saving import (autosave, lesson_history, lesson_links, open_from_address, read_only,
                              save_state)
from ui.lessonstore import lesson_store
from ui.map import draw_map

bundle, selection = page_setup("lesson_title")
lang = selection.lang
store = lesson_store()
address_warnings = open_from_address(store, lang)
saving = autosave(store)
rows = table_rows()
steps, problems = checked_lesson(bundle)
map_area, side = map_columns(ratio=1.15)
with side:
    lesson_heading(lang, address_warnings)
    save_state(store, saving, lang, copy=copy_lesson)
    lesson_start(bundle, rows, lang)
    lesson_table(rows, problems, lang, read_only=read_only())
    lesson_preview(steps, rows, lang)
    lesson_links(saving, lang)
    lesson_history(store, saving, lang)
    lesson_downloads(bundle, steps, rows, problems, lang)
with map_area:
    draw_map(bundle, "lesson_map", replace(previewed_state(selection.map_state()), lang=lang))
