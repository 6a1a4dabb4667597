"""The reading grade: counted as textstat 0.7.3 counts it, remembered per file, never a crash."""
from __future__ import annotations

import pickle

import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from generator import cli, readability
from generator.readability import flesch_kincaid_grade, grade, grade_of
from generator.site import read_site

WORDS = ["tenants", "we", "will", "meet", "every", "quarter", "consultation", "accessibility",
         "don't", "residents'", "co-operative", "responsibility", "the", "a", "estate",
         "satisfaction", "Café", "naïve", "2026-27", "£1,500", "e.g.", "Dr.", "U.K."]
MARKS = ["", ".", "!", "?", ",", ";", ":", " -", "...", "'", '"', "(", ")"]


def test_the_grade_of_every_example_page_is_textstats(monkeypatch):
    site = read_site(REPO).site
    subjects = [s for landlord in site.landlords for s in [*landlord.compacts, *landlord.estates]]
    ours = [grade_of(subject) for subject in subjects]
    monkeypatch.setattr(readability, "flesch_kincaid_grade", textstat.flesch_kincaid_grade)
    assert ours == [grade_of(subject) for subject in subjects]  # whatever a council's data holds


@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(MARKS)), min_size=1, max_size=80))
@settings(max_examples=300, deadline=None)
def test_the_grade_of_any_prose_is_textstats(pieces):
    text = " ".join(word + mark for word, mark in pieces)
    assert flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_text_gets_textstats_grade_and_never_a_crash(text):
    assert flesch_kincaid_grade(text) == textstat.flesch_kincaid_grade(text)
    assert isinstance(grade(text), float)


def test_a_hard_text_is_found_in_the_file_that_changed_and_no_other(data_root, capsys):
    (data_root / "site_config.yml").write_text(
        "plugins:\n  - compacts:\n      readability:\n        max_grade: 8\n")
    assert cli.main(["check", "--root", str(data_root)]) == 0
    assert "reads at grade" not in capsys.readouterr().out
    estate = data_root / "compacts/testshire/estates/oak-court.yml"
    hard = ("summary: Notwithstanding the aforementioned considerations, the organisational "
            "responsibilities pertaining to intergenerational accommodation arrangements "
            "necessitate comprehensive administrative consultation procedures.\n")
    estate.write_text("\n".join(line for line in estate.read_text().splitlines()
                                if not line.startswith("summary:")) + "\n" + hard)
    assert cli.main(["check", "--root", str(data_root)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert out.count("reads at grade") == 1
    assert "compacts/testshire/estates/oak-court.yml:1:1: warning: The text reads at grade" in out


def test_a_max_grade_that_is_not_a_number_is_a_positioned_config_error(data_root, capsys):
    (data_root / "site_config.yml").write_text(
        "plugins:\n  - compacts:\n      readability:\n        max_grade: easy\n")
    assert cli.main(["check", "--root", str(data_root)]) == 1
    assert "site_config.yml:1:1: error: readability: max_grade is 'easy'" in capsys.readouterr().out


def test_kept_hyphenation_patterns_give_the_same_grades_and_a_damaged_copy_is_replaced(tmp_path,
                                                                                    monkeypatch):
    import pyphen

    text = " ".join(WORDS * 3) + "."
    expected = textstat.flesch_kincaid_grade(text)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    kept = tmp_path / "tenant-compacts" / f"hyphenation-en_US-{pyphen.__version__}.pickle"
    for state in ("none kept", "kept", "damaged"):
        if state == "damaged":
            kept.write_bytes(b"\x80\x05not patterns")
        monkeypatch.setattr(pyphen, "hdcache", {})
        readability._hyphenator.cache_clear()
        assert flesch_kincaid_grade(text) == expected, state
        assert isinstance(pickle.loads(kept.read_bytes()), pyphen.HyphDict), state
