"""`compacts new` writes files a volunteer can fill in, valid from the first save."""
from __future__ import annotations

import json

import jsonschema
from ruamel.yaml import YAML

from generator.site import read_site
from generator.validate import schema
from test_cli import compacts


def test_each_kind_of_new_file_passes_the_check(data_root):
    assert compacts("new", "estate", "testshire", "St Anne's Court", cwd=data_root).returncode == 0
    made = compacts("new", "compact", "testshire", "St Anne's Compact", "--estates",
                    "st-annes-court", cwd=data_root)
    assert made.returncode == 0, made.stderr
    assert "Created compacts/testshire/compacts/st-annes-compact.yml. Next:" in made.stdout
    district = compacts("new", "compact", "testshire", "Testshire Compact 2027", "--scope",
                        "district", cwd=data_root)
    assert district.returncode == 0
    assert compacts("new", "results", "testshire", "2026-27", cwd=data_root).returncode == 0
    assert compacts("new", "group", "testshire", "Testshire Scrutiny Panel", "--kind",
                    "scrutiny-panel", cwd=data_root).returncode == 0
    assert compacts("new", "landlord", "Northshire Homes", cwd=data_root).returncode == 0
    # Until the example text is replaced, the check says so, at its line, and nothing else.
    result = compacts("check", cwd=data_root)
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert errors and all("still the example text" in line for line in errors), result.stdout
    for path in (data_root / "compacts").rglob("*.yml"):
        path.write_text(path.read_text().replace("Replace this: ", "Filled in: "))
    # A second current district compact would be an error, but a new one starts as a draft.
    result = compacts("check", cwd=data_root)
    assert result.returncode == 0, result.stdout
    assert read_site(data_root).files == 15  # 4 standards, 2 landlords, 4 + 3 new, results, group


def test_new_files_invent_no_dates_or_numbers(data_root):
    compacts("new", "compact", "testshire", "Testshire Compact 2027", "--scope", "district",
             cwd=data_root)
    compacts("new", "results", "testshire", "2026-27", cwd=data_root)
    compact = YAML(typ="safe", pure=True).load(
        (data_root / "compacts/testshire/compacts/testshire-compact-2027.yml").read_text())
    results = YAML(typ="safe", pure=True).load(
        (data_root / "compacts/testshire/results/2026-27.yml").read_text())
    assert "review_due" not in compact and "agreed" not in compact
    assert "measures" not in results


def test_new_results_needs_a_period(data_root):
    result = compacts("new", "results", "testshire", "2026", cwd=data_root)
    assert result.returncode == 1 and "'2026' is not a period" in result.stderr


def test_a_new_file_is_valid_against_its_published_schema(data_root):
    compacts("new", "estate", "testshire", "Birch Walk", cwd=data_root)
    path = data_root / "compacts/testshire/estates/birch-walk.yml"
    first = path.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../generator/schemas/estate.json"
    document = json.loads(json.dumps(YAML(typ="safe", pure=True).load(path.read_text()), default=str))
    jsonschema.validate(document, schema("estate"))


def test_new_files_carry_the_models_descriptions(data_root):
    compacts("new", "estate", "testshire", "Birch Walk", cwd=data_root)
    text = (data_root / "compacts/testshire/estates/birch-walk.yml").read_text()
    assert f"# {schema('estate')['properties']['name']['description']}\nname: 'Birch Walk'" in text


def test_it_refuses_to_overwrite(data_root):
    path = data_root / "compacts/testshire/estates/oak-court.yml"
    before = path.read_text()
    result = compacts("new", "estate", "testshire", "Oak Court", cwd=data_root)
    assert result.returncode == 1
    assert "compacts/testshire/estates/oak-court.yml already exists; it was not changed" in result.stderr
    assert path.read_text() == before


def test_it_explains_an_unknown_landlord_or_estate(data_root):
    result = compacts("new", "estate", "nowhere", "Oak Court", cwd=data_root)
    assert result.returncode == 1 and "There is no landlord 'nowhere'" in result.stderr
    result = compacts("new", "compact", "testshire", "X", "--estates", "elm-parc", cwd=data_root)
    assert result.returncode == 1 and "There is no estate elm-parc" in result.stderr
    result = compacts("new", "compact", "testshire", "X", cwd=data_root)
    assert result.returncode == 1 and "name them with --estates" in result.stderr


def test_the_published_schemas_are_made_from_the_model(tmp_path):
    from conftest import REPO
    from generator.validate import write_schemas

    for path in write_schemas(tmp_path):
        assert path.read_text() == (REPO / "generator/schemas" / path.name).read_text(), \
            f"{path.name} is out of date: run 'compacts schemas'"


def test_a_wrong_key_shows_the_schemas_description(data_root):
    estate = data_root / "compacts/testshire/estates/oak-court.yml"
    estate.write_text(estate.read_text().replace("homes:", "hommes:"))
    result = compacts("check", cwd=data_root)
    description = schema("estate")["properties"]["homes"]["description"]
    assert f"Did you mean 'homes' ({description[0].lower()}{description[1:-1]})?" in result.stdout


def test_the_councils_guide_commands_and_worked_landlord_make_valid_data(data_root):
    from test_fork import delete_examples, start_council_data

    delete_examples(data_root)
    start_council_data(data_root)
    site = read_site(data_root)
    assert [p for p in site.problems if p.level == "error"] == []
    landlord = site.site.landlords[0]
    assert landlord.contact.phone == "01632 960 400" and landlord.homes == 4200
    assert {c.scope for c in landlord.compacts} == {"district", "local"}
