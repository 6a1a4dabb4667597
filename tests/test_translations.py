"""The gettext workflow: extract, translate, and see stale translations fall back honestly."""
from __future__ import annotations

import re

from babel.messages.pofile import read_po

from build import mkdocs_build
from conftest import copy_project, set_translation
from test_cli import compacts


def catalog(project, code="cy"):
    with (project / f"translations/{code}.po").open("rb") as handle:
        return read_po(handle, locale=code)


def test_update_extracts_templates_and_data_with_references(tmp_path):
    project = copy_project(tmp_path)
    result = compacts("translations", "update", cwd=project)
    assert result.returncode == 0
    assert "translations/so.po:" in result.stdout
    template = (project / "translations/messages.pot").read_text()
    assert "#: generator/templates/estate.html:" in template
    assert re.search(r"#: compacts/greenfield/compacts/district.yml:\d+", template)
    assert "#: standards/core-standards.yml:" in template


def test_an_edited_english_commitment_goes_stale_falls_back_and_is_counted(tmp_path):
    project = copy_project(tmp_path, ["en", "cy"])
    district = project / "compacts/greenfield/compacts/district.yml"
    old = next(m for m in catalog(project) if m.id and str(m.id).startswith("Every autumn we will meet"))
    assert old.string and not old.fuzzy
    district.write_text(district.read_text().replace("Every autumn we will meet", "Each autumn we will meet"))
    assert compacts("translations", "update", cwd=project).returncode == 0
    new = next(m for m in catalog(project) if m.id and str(m.id).startswith("Each autumn we will meet"))
    assert new.fuzzy and new.string == old.string  # kept for the translator, marked stale

    assert mkdocs_build(project).returncode == 0
    html = (project / "site/cy/greenfield/district/index.html").read_text()
    assert re.search(r'<div class="tc-fallback" lang="en" dir="ltr"><p>Each autumn we will meet', html)
    assert "mae&#39;r cyfieithiad yn cael ei ddiweddaru" in html  # the stale label, in Welsh
    assert old.string.split("\n")[0][:30] not in html  # the stale Welsh is not shown as current
    status = (project / "site/translation-status/index.html").read_text()
    row = re.search(r'<a href="\.\./cy/greenfield/district/">[^<]*</a></th><td>([^<]*)</td><td>(\d+)</td>', status)
    assert row and row.group(2) == "1"  # one stale string on the district compact page
    assert re.search(r'Cymraeg</a></th>\s*<td>[^<]*</td><td>0</td><td>1</td>', status)


def test_check_translations_reports_and_enforces_the_minimum(tmp_path):
    project = copy_project(tmp_path, ["en", "cy"])
    complete = compacts("check", "--translations", cwd=project)
    assert complete.returncode == 0, complete.stdout
    assert "cy  Cymraeg: 100.0% translated" in complete.stdout
    set_translation(project, "cy", "Every autumn we will meet", "")
    result = compacts("check", "--translations", cwd=project)
    assert result.returncode == 1
    assert "greenfield/district/index.md: " in result.stdout
    assert re.search(r"error: cy is 9\d\.\d% translated, below the 100% that site_config.yml "
                     "requires", result.stdout)


def test_after_replacing_the_example_update_and_check_count_alike_and_old_entries_go(tmp_path):
    project = copy_project(tmp_path, ["en", "pl"])
    config = (project / "site_config.yml").read_text().replace("      minimum_translated:\n        cy: 100\n", "")
    config = config.replace("site_name: Greenfield", "site_name: Testshire")
    (project / "site_config.yml").write_text(config)
    from test_fork import delete_examples, start_council_data

    delete_examples(project)
    start_council_data(project)
    before = (project / "translations/pl.po").read_text()
    assert "Greenfield" in before
    update = compacts("translations", "update", cwd=project)
    assert update.returncode == 0, update.stdout + update.stderr
    check = compacts("check", "--translations", cwd=project)
    assert check.returncode == 0, check.stdout
    updated = re.search(r"pl\.po: (\d+) of (\d+) texts", update.stdout).groups()
    checked = re.search(r"pl  Polski: [\d.]+% translated \((\d+) of (\d+) strings", check.stdout).groups()
    assert updated == checked
    after = (project / "translations/pl.po").read_text()
    assert "Greenfield" not in after and "Northmoor" not in after and "#~" not in after
    assert "removed (git history keeps them)" in update.stdout
    # Translations the new data still uses are kept.
    assert catalog(project, "pl").get("Core Standards").string
