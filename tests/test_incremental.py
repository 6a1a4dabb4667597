"""What a rebuild redoes: the pages that show a changed data file, and no others it needs.

The serve rebuild trusts `PageSpec.sources` to skip pages. These tests change the texts of
one data file in the example's model, render every page before and after (no MkDocs), and
check that every page whose body changed is one the rebuild would redo.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import REPO
from generator.history import read_history
from generator.i18n import Language, Translations
from generator.incremental import Previous, Tracker, depends_on
from generator.pages import STATUS_PAGE, Renderer, plan
from generator.site import read_site

TEXT_FIELDS = ("name", "title", "summary", "text", "meetings")


@pytest.fixture(scope="module")
def example():
    site = read_site(REPO).site
    history = read_history(REPO, [c for l in site.landlords for c in l.compacts])
    t = Translations.load(Language.of("en"), REPO / "translations")
    return site, history, Renderer(site, t, [Language.of("en")]), t


def bodies(example) -> dict[str, str]:
    site, history, renderer, t = example
    return {spec.path: renderer.render(spec).html for spec in plan(site, t, history)
            if spec.path != STATUS_PAGE}  # made from every other page; always rebuilt


def owned_by(value, path: str, seen: set[int], inside: bool = False):
    """Every model object read from the file at `path` (and the parts inside them)."""
    if id(value) in seen or not (dataclasses.is_dataclass(value) or isinstance(value, (list, dict))):
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value):
        own = getattr(value, "path", None)
        inside = own == path if isinstance(own, str) else inside
        if inside:
            yield value
        children = [getattr(value, f.name) for f in dataclasses.fields(value)]
    else:
        children = value.values() if isinstance(value, dict) else value
    for child in children:
        yield from owned_by(child, path, seen, inside)


def edit_texts(site, path: str) -> list:
    """Appends a word to every text of the objects read from one file; returns undo steps."""
    undo = []
    for thing in owned_by(site, path, set()):
        for name in TEXT_FIELDS:
            value = getattr(thing, name, None)
            if isinstance(value, str) and value:
                undo.append((thing, name, value))
                setattr(thing, name, value + " Zebrafinch")
    return undo


# One of each kind whose pages are narrowed: estates (with and without a local compact),
# a local and a district compact, and a shared file that every page of its landlord shows.
EDITED = ["compacts/greenfield/estates/oak-court.yml", "compacts/greenfield/estates/church-lane.yml",
          "compacts/greenfield/compacts/riverside.yml", "compacts/greenfield/compacts/district.yml",
          "compacts/northmoor/estates/castle-row.yml", "compacts/greenfield/landlord.yml"]


@pytest.mark.parametrize("path", EDITED)
def test_every_page_that_changes_with_a_file_is_rebuilt(example, path):
    site, history, _, t = example
    if not (REPO / path).exists():
        pytest.skip(f"{path} is not in this council's data")
    before = bodies(example)
    previous = Previous({s.path: (s.sources, s.landlord_id) for s in plan(site, t, history)})
    undo = edit_texts(site, path)
    try:
        after = bodies(example)
        redone = {s.path for s in plan(site, t, history)
                  if previous.to_render(s.path, s.sources, s.landlord_id, {path})}
    finally:
        for thing, name, value in undo:
            setattr(thing, name, value)
    changed = {page for page in after if after[page] != before.get(page)}
    assert undo and changed, "the edit shows somewhere"
    assert changed <= redone, f"pages that show {path} but would not be rebuilt"
    if "/estates/" in path:  # and the point of it: the other estates' pages are not redone
        estates = {s.path for s in plan(site, t, history) if s.template == "estate.html"}
        assert redone & estates == {f"{path.split('/')[1]}/estates/{Path(path).stem}/index.md"}


def test_a_standards_file_or_another_landlords_file_reaches_the_right_pages():
    assert depends_on(frozenset(["compacts/a/estates/x.yml"]), "a", "standards/core-standards.yml")
    assert depends_on(frozenset(["compacts/a/estates/x.yml"]), "a", "compacts/a/landlord.yml")
    assert not depends_on(frozenset(["compacts/a/estates/x.yml"]), "a", "compacts/a/estates/y.yml")
    assert not depends_on(None, "a", "compacts/b/estates/y.yml")
    assert depends_on(None, None, "compacts/b/estates/y.yml")  # a site-wide page


def test_the_tracker_names_changed_data_files_and_asks_for_a_full_build_otherwise(data_root: Path):
    (data_root / "site_config.yml").write_text("site_name: x\n")
    tracker = Tracker(data_root, others=("site_config.yml",))
    assert tracker.changes() is None  # the first build is a full one
    estate = data_root / "compacts/testshire/estates/oak-court.yml"
    estate.write_text(estate.read_text() + "\n")
    (data_root / "compacts/testshire/estates/new.yml").write_text("name: New\n")
    assert tracker.changes() == {"compacts/testshire/estates/oak-court.yml",
                                 "compacts/testshire/estates/new.yml"}
    assert tracker.changes() == set()
    (data_root / "site_config.yml").write_text("site_name: y\n")
    assert tracker.changes() is None
