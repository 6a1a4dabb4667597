"""The example council's own pages (compacts/greenfield/) in Chromium: things only its
data shows, such as Polish search results and Urdu numbers in running text. A council's
fork deletes the example, and these skip; tests/test_browser.py checks the fork's data."""
from __future__ import annotations


import pytest

from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not (REPO / "compacts/greenfield").is_dir(), reason="the example council was replaced")]




# Search in each language (Pagefind) is tested in test_search.py.


# The horizontal centre of each visible character of the first place in the article whose
# text reads `text`, even across elements (a <bdi> round part of it), in stored order.
CHARACTER_PLACES = """text => {
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  const characters = [];  // [node, offset] of every character of the article's text
  let node;
  while ((node = walker.nextNode())) {
    for (let i = 0; i < node.data.length; i++) characters.push([node, i]);
  }
  const whole = characters.map(([n, i]) => n.data[i]).join('');
  const at = whole.indexOf(text);
  if (at < 0) return null;
  const places = [];
  for (const [n, i] of characters.slice(at, at + text.length)) {
    if (n.data[i] === ' ') continue;
    const range = document.createRange(); range.setStart(n, i); range.setEnd(n, i + 1);
    const box = range.getBoundingClientRect(); places.push(box.left + box.width / 2);
  }
  return places;
}"""


@pytest.mark.parametrize("path, text", [
    ("ur/greenfield/", "01632 960 400"),                  # a phone number
    ("ur/greenfield/estates/oak-court/", "2026-27"),      # a period
    ("ur/greenfield/estates/oak-court/", "£6,000"),       # an amount of money
    ("ur/greenfield/", "GF1 1AA"),                         # a postcode
    ("ur/greenfield/", "tenantinvolvement@example.gov.uk"),
    ("ur/northmoor/results/", "TP09"),                     # a measure's code
    ("ur/greenfield/", "Room 2"),                          # a number inside English words
])
def test_urdu_pages_show_numbers_left_to_right(page, server, path, text):
    page.goto(server + path)
    places = page.evaluate(CHARACTER_PLACES, text)
    assert places, f"{text} is not on {path}"
    assert places == sorted(places), f"{text} is shown out of order on {path}: {places}"
