"""Reading a data file: every way it can be unreadable gives one clear problem, no crash."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from generator.loader import load_file


def load(tmp_path: Path, content: bytes | str):
    path = tmp_path / "estate.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return load_file(path, "compacts/x/estates/estate.yml")


def only_problem(tmp_path, content):
    doc, problems = load(tmp_path, content)
    assert doc is None and len(problems) == 1
    return problems[0]


def test_duplicate_key_points_at_the_second_and_names_the_first(tmp_path):
    problem = only_problem(tmp_path, "name: Oak\nhomes: 2\nname: Elm\n")
    assert (problem.file, problem.line, problem.column) == ("compacts/x/estates/estate.yml", 3, 1)
    assert "The key 'name' appears twice" in problem.message
    assert "first on line 1" in problem.message


def test_tab_indentation_is_reported_at_the_tab(tmp_path):
    problem = only_problem(tmp_path, "tra:\n  name: x\n\tmeetings: y\n")
    assert (problem.line, problem.column, problem.rule) == (3, 1, "tab")
    assert "indented with a tab" in problem.message


def test_invalid_utf8_is_reported_at_the_bad_byte(tmp_path):
    problem = only_problem(tmp_path, b"name: Oak\nsummary: caf\xe9 here\n")
    assert (problem.line, problem.column, problem.rule) == (2, 13, "encoding")
    assert "not saved as UTF-8" in problem.message


@pytest.mark.parametrize("content", ["", "   \n\n", "# only a comment\n"])
def test_empty_file(tmp_path, content):
    problem = only_problem(tmp_path, content)
    assert (problem.line, problem.column, problem.rule) == (1, 1, "empty-file")
    assert "The file is empty" in problem.message


@pytest.mark.parametrize("content, what", [("- a\n- b\n", "a list"), ("just text\n", "a single value")])
def test_file_that_is_not_a_mapping(tmp_path, content, what):
    problem = only_problem(tmp_path, content)
    assert problem.rule == "not-a-mapping"
    assert f"The file holds {what}" in problem.message


def test_colon_inside_text_explains_quoting(tmp_path):
    problem = only_problem(tmp_path, "name: Oak\nsummary: Note: meetings moved\n")
    assert (problem.line, problem.column, problem.rule) == (2, 14, "yaml-syntax")
    assert "put the whole text in quotes" in problem.message


def test_unclosed_quote_points_at_the_opening_quote(tmp_path):
    problem = only_problem(tmp_path, 'name: Oak\nsummary: "Flats near\nhomes: 3\n')
    assert (problem.line, problem.column) == (2, 10)
    assert "every opening quote has a closing quote" in problem.message


@pytest.mark.parametrize("content, position, words", [
    # A list opened and never closed: the '[' is where the mistake is, not where it shows.
    ("name: Oak\nareas: [north, south\nsummary: Homes\n", (2, 8), "never closed with ']'"),
    ("name: {Oak\nsummary: x\n", (1, 7), "never closed with '}'"),
    ("name: Oak\nnote: [see > below\n", (2, 7), "never closed with ']'"),
    ("name: Oak\nnote: [\n", (3, 1), "never closed"),
    ("name: Oak\nnote: ]x\n", (2, 7), "cannot start with ']'"),
    ("name: %Oak\n", (1, 7), "cannot start with '%'"),
    ("name: `Oak`\n", (1, 7), "cannot start with '`'"),
    ("name: |x\n  text\n", (1, 8), "If the text itself starts with '|' or '>'"),
    ("name: 'Oak' Court\n", (1, 13), "more text after the closing quote"),
    ('name: "Oak" Court\nhomes: 2\n', (1, 13), "more text after the closing quote"),
    # YAML would read these as a tag or an anchor and quietly change the text.
    ("name: !Oak Court\n", (1, 7), "cannot start with '!'"),
    ("name: !!python/object:os.system x\n", (1, 7), "'!!python/object:os.system' as a tag"),
    ("name: !!set {a, b}\n", (1, 7), "'!!set' as a tag"),
    ("name: &Oak Court\n", (1, 7), "cannot start with '&'"),
])
def test_each_slip_in_yaml_is_explained_where_it_was_made(tmp_path, content, position, words):
    problem = only_problem(tmp_path, content)
    assert (problem.line, problem.column) == position, problem
    assert words in problem.message, problem.message
    assert "could not be read (" not in problem.message  # no parser jargon


def test_a_quoted_anchor_or_tag_is_text_and_a_used_anchor_is_allowed(tmp_path):
    doc, problems = load(tmp_path, 'name: "&Oak Court"\nsummary: "!Homes"\n')
    assert problems == [] and (doc.data["name"], doc.data["summary"]) == ("&Oak Court", "!Homes")
    doc, problems = load(tmp_path, "name: &n Oak Court\nsummary: *n\n")
    assert problems == [] and doc.data["summary"] == "Oak Court"


def test_bad_indentation(tmp_path):
    problem = only_problem(tmp_path, "tra:\n  name: x\n meetings: y\n")
    assert (problem.line, problem.rule) == (3, "yaml-syntax")
    assert "does not line up" in problem.message


def test_dates_stay_as_written_so_bad_dates_can_be_explained(tmp_path):
    doc, problems = load(tmp_path, "agreed: 2025-13-45\nreview_due: 2026-04-01\n")
    assert problems == []
    assert doc.data["agreed"] == "2025-13-45" and doc.data["review_due"] == "2026-04-01"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_document_or_problems_never_an_exception(tmp_path_factory, content):
    doc, problems = load(tmp_path_factory.mktemp("fuzz"), content)
    assert (doc is None) == bool(problems)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -\n\t\"'[]{}#&*!|>%@`,?0")), max_size=80))
def test_yaml_like_text_never_raises(tmp_path_factory, content):
    doc, problems = load(tmp_path_factory.mktemp("fuzz"), content)
    assert (doc is None) == bool(problems)
