"""Data text on the pages as HTML (ui.htmltext, ui.islandtable) and the page's accessibility
script (ui.pagescript): every text escaped, each name marked with its language, blanks for
missing values, headers translated, and a script Streamlit's sanitizer keeps."""

from __future__ import annotations

import html
import json
import math

import pandas as pd
import pytest

from geo.model.i18n import LANGUAGES, translate
from ui.htmltext import cell, html_link, html_table, in_lang, in_own_lang, names_line, script_lang
from ui.islandtable import COLUMNS, islands_html, state_label
from ui.pagescript import script_html, script_source

HOSTILE = '<img src=x onerror="alert(1)">'


@pytest.mark.parametrize(("text", "lang"), [("国後島", "ja"), ("北方領土問題について", "ja"), ("Кунашир", "ru"),
                                            ("Kunashir", ""), ("Kunashiri-tō", ""), ("1945", "")])
def test_a_texts_language_is_told_by_its_script(text, lang):
    assert script_lang(text) == lang


def test_every_text_is_escaped_and_marked_with_its_language():
    assert (in_lang(HOSTILE, "en"), in_own_lang("Кунашир & <b>"), in_own_lang("Atlas")) == (
        '<span lang="en">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</span>',
        '<span lang="ru">Кунашир &amp; &lt;b&gt;</span>', "<span>Atlas</span>")


def test_a_link_is_made_only_for_a_web_address_and_its_title_says_its_language():
    assert (html_link("北方領土", "https://example.org/a?b=1&c=2"), html_link(HOSTILE, "javascript:alert(1)")) == (
        '<a href="https://example.org/a?b=1&amp;c=2" lang="ja">北方領土</a>',
        "<span>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</span> (javascript:alert(1))")


def test_an_islands_names_are_each_marked_with_their_language():
    island = {"name_en": "Kunashir", "name_ja": "国後島", "name_ru": "Кунашир", "name_ja_latn": "Kunashiri-tō"}
    assert names_line(island, LANGUAGES) == ('<p><span lang="en">Kunashir</span> · <span lang="ja">国後島</span> · '
                                             '<span lang="ru">Кунашир</span> (<span lang="ja-Latn">Kunashiri-tō</span>)</p>')


@pytest.mark.parametrize(("value", "decimals", "shown"), [(None, None, ""), (math.nan, 1, ""), ("", None, ""),
                                                           (3166.62, 1, "3,166.6"), ("a<b", None, "a&lt;b")])
def test_a_cell_is_blank_for_a_missing_value(value, decimals, shown):
    assert cell(value, decimals) == shown


def test_a_table_has_a_caption_column_headers_and_a_region_to_scroll():
    table = html_table("Islands <today>", ["Name", "Area, km²"], [["<span>A</span>", "1.0"]], numeric=[1])
    assert table == ('<div class="atlas-table-scroll" role="region" tabindex="0" aria-label="Islands &lt;today&gt;">'
                     '<table class="atlas-table"><caption>Islands &lt;today&gt;</caption><thead><tr>'
                     '<th scope="col">Name</th><th scope="col" class="atlas-number">Area, km²</th></tr></thead>'
                     '<tbody><tr><td><span>A</span></td><td class="atlas-number">1.0</td></tr></tbody></table></div>')


def islands(**changes) -> pd.DataFrame:
    row = {"name_en": "Kunashir", "name_ja": "国後島", "name_ru": "Кунашир", "name_ja_latn": "Kunashiri-tō",
           "group": "southern", "subgroup": "", "area_km2": 1499.0, "area_km2_published": 1490.0,
           "area_km2_gsi": math.nan, "held_by_today": "Russian Federation", "claimed_by_today": "Japan, Russian Federation",
           "disputed_today": True}
    return pd.DataFrame([{**row, **changes}], index=["kunashir"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_islands_table_is_in_the_readers_language_with_blanks_for_missing_values(lang):
    table = islands_html(islands(), lang, "north", "2026-01-01")
    for column in COLUMNS:
        assert f">{html.escape(translate(f'column_{column}', lang))}</th>" in table
    assert (f"<td>{translate('state_Russian Federation', lang)}</td>" in table,
            f"<td>{translate('state_Japan', lang)}, {translate('state_Russian Federation', lang)}</td>" in table,
            '<td class="atlas-number"></td>' in table, "None" in table, "nan" in table) == (True, True, True, False, False)


def test_an_island_held_by_no_state_says_so_in_the_readers_language():
    assert state_label(translate("state_none", "en"), "ja") == translate("state_none", "ja")
    assert f"<td>{translate('state_none', 'ru')}</td>" in islands_html(
        islands(held_by_today=translate("state_none", "en")), "ru", "north", "2026-01-01")


def test_the_page_script_holds_no_tag_its_sanitizer_would_drop_and_its_options_cannot_end_it():
    script = script_html("ja")
    options = json.loads(script[script.rindex("configure(") + len("configure("):script.rindex(");")])
    assert ("<" in script_source(), script.count("</script>"), options["lang"], options["skipToMap"]) == (
        False, 1, "ja", translate("skip_to_map", "ja"))


def test_the_sources_lists_escape_every_text_they_are_given():
    from geo.model.records import load_history
    from ui.htmltext import gazetteer_list
    from ui.panels import sources_list

    sources = load_history().sources.head(2).copy()
    sources["title"], sources["publisher"] = HOSTILE, HOSTILE
    listed = sources_list(sources, "en") + gazetteer_list([{"name_en": HOSTILE, "source_title": HOSTILE,
                                                             "source_url": "javascript:alert(1)"}])
    assert "<img" not in listed and "href=\"javascript" not in listed
    assert listed.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") >= 5  # titles, publishers, gazetteer
