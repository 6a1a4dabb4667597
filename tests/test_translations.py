"""The gettext workflow: extract, translate, and see stale translations fall back honestly."""
from __future__ import annotations

import re

from babel.messages.pofile import read_po

from build import mkdocs_build
from conftest import copy_project
from test_cli import compacts

COMMITMENT = "We will walk round each estate with the TRA twice a year"


def catalog(project, code="cy"):
    with (project / f"translations/{code}.po").open("rb") as handle:
        return read_po(handle, locale=code)


def test_update_extracts_templates_and_data_with_references(tmp_path):
    project = copy_project(tmp_path)
    assert compacts("translations", "update", cwd=project).returncode == 0
    template = (project / "translations/messages.pot").read_text()
    assert "#: generator/templates/estate.html:" in template
    assert re.search(r"#: compacts/greenfield/compacts/district.yml:\d+", template)
    assert "#: standards/core-standards.yml:" in template


def test_changed_english_makes_the_translation_stale_not_lost(tmp_path):
    project = copy_project(tmp_path)
    district = project / "compacts/greenfield/compacts/district.yml"
    before = catalog(project)
    old = next(m for m in before if m.id and str(m.id).startswith("Every autumn we will meet the Federation"))
    assert old.string and not old.fuzzy
    district.write_text(district.read_text().replace("Every autumn we will meet", "Each autumn we will meet"))
    assert compacts("translations", "update", cwd=project).returncode == 0
    after = catalog(project)
    new = next(m for m in after if m.id and str(m.id).startswith("Each autumn we will meet the Federation"))
    assert new.fuzzy and new.string == old.string  # kept for the translator, marked stale

    assert mkdocs_build(project).returncode == 0
    html = (project / "site/cy/greenfield/district/index.html").read_text()
    assert "Each autumn we will meet the Federation" in html
    assert re.search(r'<div class="tc-fallback" lang="en"><p>Each autumn we will meet the Federation', html)
    assert "mae&#39;r cyfieithiad yn cael ei ddiweddaru" in html  # the stale label, in Welsh
    assert old.string.split("\n")[0][:30] not in html  # the stale Welsh is not shown as current
