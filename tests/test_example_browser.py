"""The example council's own pages (compacts/greenfield/) in Chromium: things only its
data shows, such as Polish search results and Urdu numbers in running text. A council's
fork deletes the example, and these skip; tests/test_browser.py checks the fork's data."""
from __future__ import annotations

import re

import pytest

from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not (REPO / "compacts/greenfield").is_dir(), reason="the example council was replaced")]




# Search in each language (Pagefind) is tested in test_search.py.


# The horizontal centre of each visible character of the first text in <main> that reads
# `text` once its isolating marks are ignored, in the order the characters are stored.
CHARACTER_PLACES = """text => {
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const at = node.data.indexOf(text);
    if (at < 0) continue;
    const places = [];
    for (let i = at; i < at + text.length; i++) {
      if (node.data[i] === ' ') continue;
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect(); places.push(box.left + box.width / 2);
    }
    return places;
  }
  return null;
}"""


@pytest.mark.parametrize("path, text", [
    ("ur/greenfield/", "01632 960 400"),                  # a phone number
    ("ur/greenfield/estates/oak-court/", "2026-27"),      # a period
    ("ur/greenfield/estates/oak-court/", "£6,000"),       # an amount of money
    ("ur/greenfield/", "GF1 1AA"),                         # a postcode
    ("ur/greenfield/", "tenantinvolvement@example.gov.uk"),
    ("ur/northmoor/results/", "TP09"),                     # a measure's code
])
def test_urdu_pages_show_numbers_left_to_right(page, server, path, text):
    page.goto(server + path)
    places = page.evaluate(CHARACTER_PLACES, text)
    assert places, f"{text} is not on {path}"
    assert places == sorted(places), f"{text} is shown out of order on {path}: {places}"
