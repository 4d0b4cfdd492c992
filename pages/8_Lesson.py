"""A teacher's own lesson: a table of steps edited in place, every cell checked, the chosen step
previewed on the map, and the lesson downloaded as CSV or as one offline HTML file. The lesson
lives in this session only."""

from dataclasses import replace

from ui.layout import map_columns, page_setup
from ui.lesson import checked_lesson, table_rows
from ui.lesson_editor import lesson_downloads, lesson_preview, lesson_start, lesson_table, previewed_state
from ui.map import draw_map

bundle, selection = page_setup("lesson_title")
lang = selection.lang
rows = table_rows()
steps, problems = checked_lesson(bundle)
map_area, side = map_columns(ratio=1.15)
with side:
    lesson_start(bundle, rows, lang)
    lesson_table(rows, problems, lang)
    lesson_preview(steps, rows, lang)
    lesson_downloads(bundle, steps, rows, problems, lang)
with map_area:
    draw_map(bundle, "lesson_map", replace(previewed_state(selection.map_state()), lang=lang))
