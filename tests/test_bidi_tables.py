"""Left-to-right islands in right-to-left pages, and table cells labelled for phones."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from generator.bidi import isolate_ltr
from generator.tables import label_cells


def islands(html: str) -> list[str]:
    return re.findall(r'<bdi dir="ltr">(.*?)</bdi>', html)


def test_phone_numbers_periods_money_emails_and_postcodes_are_isolated_whole():
    html = isolate_ltr("<p>فون 07700 900 664، سال 2026-27 میں £8,000.50 اور 50%، "
                       "tenants@example.gov.uk، GF1 1AA</p>")
    assert islands(html) == ["07700 900 664", "2026-27", "£8,000.50", "50%",
                             "tenants@example.gov.uk", "GF1 1AA"]


def test_dates_keep_their_words_and_sentences_keep_their_full_stops():
    html = isolate_ltr("<p>8 دسمبر، 2026, 19:00 تک۔ سال 2026.</p>")
    assert islands(html) == ["8", "2026", "19:00", "2026"]
    assert "</bdi>." in html


def test_a_number_inside_english_words_stays_with_them():
    # Isolated alone, the 2 would be laid out before "Civic" in a right-to-left line.
    assert islands(isolate_ltr("<p>10:00, Civic Centre, Room 2</p>")) == ["10:00"]
    assert islands(isolate_ltr("<p>Phone 01632 960 400 یا</p>")) == []
    assert islands(isolate_ltr("<p>Oak Court, 19:00</p>")) == ["19:00"]


def test_codes_of_letters_and_digits_stay_whole():
    # Isolating the 09 of TP09 would show it as 09TP in an Urdu heading.
    assert islands(isolate_ltr("<h2>TP09 کرایہ دار</h2>")) == []


def test_markup_attributes_charts_and_isolated_text_are_left_alone():
    html = ('<a href="tel:07700900664" aria-label="2026-27">x</a><svg><text>2026</text></svg>'
            '<bdi dir="ltr">2026-27</bdi><td data-label="2026">y</td>')
    assert isolate_ltr(html) == html


@given(st.text())
def test_isolating_never_changes_the_text(text):
    html = f"<p>{escape(text)}</p>"
    assert re.sub(r"</?bdi[^>]*>", "", isolate_ltr(html)) == html


def test_every_body_cell_carries_its_column_heading():
    html = label_cells('<table><caption>C</caption><thead><tr><th scope="col">Year</th>'
                       '<th scope="col">Result <em>(2026)</em></th></tr></thead><tbody>'
                       '<tr><th scope="row">2025-26</th><td>Met</td></tr></tbody></table>')
    assert '<th data-label="Year" scope="row">2025-26</th>' in html
    assert '<td data-label="Result (2026)">Met</td>' in html


def test_a_heading_with_quotes_cannot_break_out_of_the_label():
    html = label_cells('<table><thead><tr><th>a&quot; onmouseover=&quot;x</th></tr></thead>'
                       '<tbody><tr><td>1</td></tr></tbody></table>')
    assert 'data-label="a&quot; onmouseover=&quot;x"' in html


def test_tables_without_headings_are_unchanged():
    html = "<table><tbody><tr><td>1</td></tr></tbody></table>"
    assert label_cells(html) == html
