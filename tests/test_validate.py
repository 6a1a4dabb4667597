"""Each rule, broken on purpose: the right file, line, column and a plain-English message."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from ruamel.yaml import YAML

from conftest import line_of
from generator.site import read_site

DISTRICT = "compacts/testshire/compacts/district.yml"
LOCAL = "compacts/testshire/compacts/oak-court.yml"
ESTATE = "compacts/testshire/estates/oak-court.yml"


def edit(root: Path, relative: str, old: str, new: str) -> str:
    path = root / relative
    text = path.read_text()
    assert old in text, f"{old!r} not in {relative}"
    text = text.replace(old, new, 1)
    path.write_text(text)
    return text


def problems_of(root: Path):
    return [p for p in read_site(root).problems]


def only(root: Path, rule: str):
    found = [p for p in problems_of(root) if p.rule == rule]
    assert len(found) == 1, problems_of(root)
    return found[0]


def test_the_fixture_is_valid(data_root):
    checked = read_site(data_root)
    assert checked.problems == [] and checked.site is not None
    assert checked.files == 9  # four standards files, a landlord, two compacts, two estates


def test_unknown_key_suggests_the_near_miss(data_root):
    text = edit(data_root, ESTATE, "area: North", "aera: North")
    problem = only(data_root, "unknown-key")
    assert (problem.file, problem.line, problem.column) == (ESTATE, line_of(text, "aera"), 1)
    assert problem.message == "Unknown key 'aera'. Did you mean 'area' (the ward, town or neighbourhood)?"


def test_unknown_key_without_a_near_miss_lists_the_allowed_keys(data_root):
    edit(data_root, ESTATE, "  meetings:", "  colour: red\n  meetings:")
    problem = only(data_root, "unknown-key")
    assert (problem.line, problem.column) == (7, 3)
    assert "Unknown key 'colour' in 'tra'. The keys allowed here are: name, meetings" in problem.message


def test_misspelt_required_key_is_reported_once(data_root):
    edit(data_root, ESTATE, "name: Oak Court", "nmae: Oak Court")
    problems = problems_of(data_root)
    assert [p.rule for p in problems] == ["unknown-key"]
    assert "Did you mean 'name' (the estate's name, such as 'Oak Court')?" in problems[0].message


def test_missing_key_names_it_and_says_what_it_holds(data_root):
    edit(data_root, ESTATE, "summary: Flats near the park.\n", "")
    problem = only(data_root, "missing-key")
    assert (problem.file, problem.line, problem.column) == (ESTATE, 1, 1)
    assert problem.message.startswith("Missing 'summary'. Add it (a few sentences")


def test_missing_key_inside_a_list_item_points_at_the_item(data_root):
    text = edit(data_root, LOCAL, "    text: We will walk the estate with the TRA every three months.\n", "")
    problem = only(data_root, "missing-key")
    assert problem.line == line_of(text, "- id: walkabouts")
    assert "Missing 'text' in 'commitments' item 1" in problem.message


def test_wrong_type_is_explained(data_root):
    text = edit(data_root, ESTATE, "homes: 120", "homes: about 120")
    problem = only(data_root, "schema-type")
    assert (problem.line, problem.column) == (line_of(text, "homes:"), 8)
    assert problem.message.startswith("'homes' should be a whole number, but it is the text 'about 120'")


def test_impossible_date(data_root):
    text = edit(data_root, DISTRICT, "agreed: 2026-04-01", "agreed: 2026-13-45")
    problem = only(data_root, "schema-format")
    assert (problem.file, problem.line, problem.column) == (DISTRICT, line_of(text, "agreed:"), 9)
    assert "'agreed' should be a date as the document gives it: a day (2025-04-01), a month " \
           "(2008-08) or a year (2009), but it is the text '2026-13-45'" in problem.message


def test_date_in_another_format(data_root):
    edit(data_root, DISTRICT, "review_due: 2027-03-31", "review_due: 31/03/2027")
    problem = only(data_root, "schema-format")
    assert "but it is the text '31/03/2027'" in problem.message


def test_enum_suggests_the_near_miss(data_root):
    text = edit(data_root, LOCAL, "status: agreed", "status: agred")
    problem = only(data_root, "schema-enum")
    assert problem.line == line_of(text, "status: agred")
    assert "'status' is 'agred', which is not allowed. Did you mean 'agreed'?" in problem.message


def test_duplicate_commitment_id(data_root):
    text = edit(data_root, DISTRICT, "- id: promise-2\n", "- id: promise-1\n")
    problem = only(data_root, "duplicate-id")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "id: promise-1" in line]
    assert (problem.file, problem.line, problem.column) == (DISTRICT, lines[1], 9)
    assert f"The id 'promise-1' is used twice in commitments (first on line {lines[0]})" in problem.message


def test_duplicate_standard_item_id(data_root):
    edit(data_root, "standards/core-standards.yml", "- id: meetings.conduct", "- id: meetings.support")
    problem = only(data_root, "duplicate-id")
    assert problem.file == "standards/core-standards.yml"
    assert "The id 'meetings.support' is used twice" in problem.message


def test_two_files_with_the_same_id(data_root):
    (data_root / "compacts/testshire/estates/oak-court.yaml").write_text("name: X\nsummary: Y\n")
    problem = only(data_root, "duplicate-id")
    assert problem.file == "compacts/testshire/estates/oak-court.yml"
    assert "There are two estate files called 'oak-court'" in problem.message


def test_commitment_citing_an_unknown_standard_item(data_root):
    text = edit(data_root, LOCAL, "standards: [involvement.remedial]", "standards: [involvement.remedal]")
    problem = only(data_root, "unknown-standard")
    assert (problem.line, problem.column) == (line_of(text, "remedal"), 17)
    assert problem.message.startswith("'involvement.remedal' is not a Core Standard item. "
                                      "Did you mean 'involvement.remedial'?")


def test_local_compact_naming_an_unknown_estate(data_root):
    text = edit(data_root, LOCAL, "  - oak-court", "  - oak-cort")
    problem = only(data_root, "unknown-estate")
    assert (problem.file, problem.line, problem.column) == (LOCAL, line_of(text, "oak-cort"), 5)
    assert problem.message == ("There is no estate 'oak-cort' in compacts/testshire/estates/. "
                               "Did you mean 'oak-court'?")


def test_estate_in_a_folder_without_a_landlord(data_root):
    (data_root / "compacts/testshire/landlord.yml").unlink()
    found = [p for p in problems_of(data_root) if p.rule == "unknown-landlord"]
    assert {p.file for p in found} == {DISTRICT, LOCAL, ESTATE, "compacts/testshire/estates/elm-park.yml"}
    assert "which has no landlord.yml" in found[0].message


def test_local_compact_must_name_its_estates(data_root):
    edit(data_root, LOCAL, "estates:\n  - oak-court\n", "")
    problem = only(data_root, "missing-key")
    assert problem.message.startswith("Missing 'estates'.")


def test_district_compact_must_not_name_estates(data_root):
    text = edit(data_root, DISTRICT, "scope: district\n", "scope: district\nestates: [oak-court]\n")
    problem = only(data_root, "district-estates")
    assert (problem.line, problem.column) == (line_of(text, "estates:"), 1)


def test_agreed_must_come_before_review_due(data_root):
    text = edit(data_root, LOCAL, "review_due: 2027-03-31", "review_due: 2026-03-31")
    problem = only(data_root, "date-order")
    assert (problem.file, problem.line, problem.column) == (LOCAL, line_of(text, "review_due"), 13)
    assert "The review is due on 2026-03-31, which is not after the date the compact was " \
           "agreed (2026-04-01)" in problem.message


def test_review_more_than_a_year_away_is_a_warning(data_root):
    edit(data_root, LOCAL, "review_due: 2027-03-31", "review_due: 2028-03-31")
    problem = only(data_root, "review-yearly")
    assert problem.level == "warning"
    assert read_site(data_root).site is not None  # warnings do not stop the build


def test_next_review_before_the_review(data_root):
    text = edit(data_root, DISTRICT, "next_review: 2027-03-01", "next_review: 2025-03-01")
    problem = only(data_root, "date-order")
    assert problem.line == line_of(text, "next_review")


def test_uncovered_core_standard_items_are_a_warning_naming_them(data_root):
    text = edit(data_root, DISTRICT, "standards: [meetings.support]", "standards: [meetings.conduct]")
    edit(data_root, DISTRICT, "standards: [monitoring.value]", "standards: [monitoring.targets]")
    problem = only(data_root, "core-standards-coverage")
    assert (problem.file, problem.line, problem.column) == (DISTRICT, line_of(text, "commitments:"), 1)
    assert problem.level == "warning"
    assert "covers 21 of the 23 Core Standard items; no promise covers 2: meetings.support " \
           "(Allowances or transport for those who need it); monitoring.value (Evaluate value " \
           "for money of different involvement methods)." in problem.message
    assert read_site(data_root).site is not None  # a real compact that covers less still builds


def test_a_council_can_make_full_coverage_an_error_for_itself(data_root):
    edit(data_root, DISTRICT, "standards: [meetings.support]", "standards: [meetings.conduct]")
    landlord = data_root / "compacts/testshire/landlord.yml"
    landlord.write_text(landlord.read_text() + "require_full_coverage: true\n")
    problem = only(data_root, "core-standards-coverage")
    assert problem.level == "error" and "meetings.support" in problem.message


def test_superseded_district_compacts_are_not_held_to_coverage(data_root):
    edit(data_root, DISTRICT, "standards: [meetings.support]", "standards: [meetings.conduct]")
    edit(data_root, DISTRICT, "status: agreed", "status: superseded")
    assert problems_of(data_root) == []


def test_only_one_current_district_compact(data_root):
    base = data_root / "compacts/testshire/compacts"
    newer = (base / "district.yml").read_text().replace("agreed: 2026-04-01", "agreed: 2026-05-01")
    (base / "district-2027.yml").write_text(newer)
    problem = only(data_root, "one-district-compact")
    assert (problem.file, problem.line) == (DISTRICT, 3)
    assert "(compacts/testshire/compacts/district-2027.yml)" in problem.message
    assert "set its status to 'superseded'" in problem.message


def test_file_name_must_work_in_a_web_address(data_root):
    base = data_root / "compacts/testshire/estates"
    (base / "oak-court.yml").rename(base / "Oak Court.yml")
    edit(data_root, LOCAL, "  - oak-court", "  - elm-park")
    problem = only(data_root, "file-name")
    assert problem.file == "compacts/testshire/estates/Oak Court.yml"
    assert "such as 'oak-court'" in problem.message


def test_file_in_the_wrong_place(data_root):
    (data_root / "compacts/testshire/oak.yml").write_text("name: Oak\n")
    problem = only(data_root, "misplaced-file")
    assert "estates in compacts/<landlord>/estates/" in problem.message


def test_every_problem_is_reported_at_once(data_root):
    edit(data_root, ESTATE, "area: North", "aera: North")
    edit(data_root, LOCAL, "status: agreed", "status: agred")
    (data_root / "compacts/testshire/estates/elm-park.yml").write_text("name: a\nname: b\n")
    rules = sorted(p.rule for p in problems_of(data_root))
    assert rules == ["duplicate-key", "schema-enum", "unknown-key"]


def test_problems_are_sorted_by_file_and_position(data_root):
    edit(data_root, ESTATE, "area: North", "aera: North")
    edit(data_root, ESTATE, "homes: 120", "homes: many")
    problems = problems_of(data_root)
    assert problems == sorted(problems)


# Anything a volunteer can type must come back as problems, never as a crash.
KEYS = ["title", "scope", "status", "agreed", "review_due", "parties", "summary", "commitments",
        "estates", "id", "standards", "text", "name", "role", "action_plan", "reviews", "date",
        "tra", "budget", "amount", "period", "homes", "next_review", "kind", "x"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False),
                    st.sampled_from(["local", "district", "agreed", "2026-04-01", "2026-13-45",
                                     "oak-court", "meetings.support", "", "superseded"]),
                    st.text(max_size=8))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) |
                      st.dictionaries(st.sampled_from(KEYS), inner, max_size=4), max_leaves=12)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(compact=st.dictionaries(st.sampled_from(KEYS), VALUES, min_size=1, max_size=8),
       estate=st.dictionaries(st.sampled_from(KEYS), VALUES, min_size=1, max_size=6))
def test_any_structure_gives_problems_never_an_exception(data_root, compact, estate):
    yaml = YAML()
    with (data_root / LOCAL).open("w") as handle:
        yaml.dump(compact, handle)
    with (data_root / ESTATE).open("w") as handle:
        yaml.dump(estate, handle)
    checked = read_site(data_root)
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in checked.problems)
    assert (checked.site is None) == any(p.level == "error" for p in checked.problems)
