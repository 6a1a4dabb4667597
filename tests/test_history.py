"""Agreed versions from git history, what changed, due dates, feeds and calendars."""
from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from icalendar import Calendar

from build import mkdocs_build
from conftest import copy_project
from generator.compare import word_diff

DISTRICT = "compacts/greenfield/compacts/district.yml"


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], check=True, text=True,
                          capture_output=True, env={"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
                                                    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org",
                                                    "PATH": "/usr/bin:/bin"}).stdout


def commit_version(project: Path, text: str, message: str) -> None:
    (project / DISTRICT).write_text(text)
    git(project, "add", "-A")
    git(project, "commit", "-qm", message)


def versions_of_district(current: str) -> list[str]:
    """Three agreed versions: v2 adds, removes and rewords a promise; v3 does it again."""
    v3 = current
    v2 = current.replace("agreed: 2026-04-01", "agreed: 2025-04-01").replace(
        "review_due: 2027-03-31", "review_due: 2026-03-31")
    v2 = v2.replace("at least 2 weeks before it happens", "at least 10 days before it happens")
    v2 = re.sub(r"  - id: value-for-money\n    standards: .*\n    text: >\n(      .*\n)+?(?=action_plan:)",
                "", v2)
    v2 = v2.replace("commitments:\n", "commitments:\n  - id: old-newsletter\n    standards: "
                    "[information.options]\n    text: We will post a paper newsletter four times a year.\n", 1)
    v1 = v2.replace("agreed: 2025-04-01", "agreed: 2024-04-01").replace(
        "review_due: 2026-03-31", "review_due: 2025-03-31")
    v1 = v1.replace("at least 10 days before it happens", "at least 5 days before it happens")
    v1 = v1.replace("  - id: old-newsletter\n", "  - id: first-newsletter\n    standards: [information.views]\n"
                    "    text: We will send a survey with the rent letter.\n  - id: old-newsletter\n", 1)
    v1 = re.sub(r"  - id: you-said-we-did\n    standards: .*\n    text: >\n(      .*\n)+", "", v1)
    v1 = v1.replace("    due: 2026-06-30\n    status: done", "    due: 2025-06-30\n    status: in-progress", 1)
    return [v1, v2, v3]


@pytest.fixture(scope="module")
def history_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("history"), ["en", "cy"])
    current = (project / DISTRICT).read_text()
    git(project, "init", "-q", "-b", "main")
    for number, text in enumerate(versions_of_district(current), start=1):
        commit_version(project, text, f"version {number}")
        if number == 2:  # a later fix to the same agreed version belongs to it
            commit_version(project, text.replace("four times a year", "four times each year"), "typo")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text()


def test_every_agreed_version_has_a_permanent_page(history_site):
    for day in ("2024-04-01", "2025-04-01", "2026-04-01"):
        assert (history_site / f"greenfield/district/{day}/index.html").exists()
    assert (history_site / "cy/greenfield/district/2025-04-01/index.html").exists()


def test_a_version_is_the_last_commit_with_its_agreed_date(history_site):
    assert "four times each year" in page(history_site, "greenfield/district/2025-04-01")


def test_old_versions_carry_a_banner_to_the_current_one(history_site):
    old = page(history_site, "greenfield/district/2024-04-01")
    assert re.search(r'<p class="tc-banner" role="note"><strong>This is an earlier version, agreed on '
                     r'1 April 2024\. It has been replaced\.</strong>\s*<a href="\.\./">Read the current compact</a>', old)
    assert "tc-status--superseded" in old and "(overdue)" not in old
    current = page(history_site, "greenfield/district/2026-04-01")
    assert "which is the current version" in current


def test_the_current_page_links_every_version_and_comparison(history_site):
    html = page(history_site, "greenfield/district")
    for day in ("2024-04-01", "2025-04-01", "2026-04-01"):
        assert f'href="{day}/"' in html
    assert 'href="2025-04-01/changes/"' in html and 'href="2026-04-01/changes/"' in html
    assert 'href="2024-04-01/changes/"' not in html


def test_comparison_shows_added_removed_and_reworded_promises(history_site):
    first = page(history_site, "greenfield/district/2025-04-01/changes")
    assert re.search(r"New promises</strong></p>\s*<ul><li><p>We will post a paper newsletter", first) is None
    assert "Promises taken out</strong></p>\n<ul><li><p>We will send a survey with the rent letter." in first
    assert "New promises</strong></p>\n<ul><li><p>Every time we ask for your views, we will tell you" in first
    assert re.search(r"<del><span class=\"tc-visually-hidden\">\[removed: </span>5<", first)
    assert re.search(r"<ins><span class=\"tc-visually-hidden\">\[added: </span>10<", first)
    assert "<h3 id=\"standard-3\">3. Information</h3>" in first  # grouped by Core Standard

    second = page(history_site, "greenfield/district/2026-04-01/changes")
    assert "New promises</strong></p>\n<ul><li><p>Each year we will work out what each way" in second
    assert "Promises taken out</strong></p>\n<ul><li><p>We will post a paper newsletter four times each year." in second
    assert re.search(r"<del><span class=\"tc-visually-hidden\">\[removed: </span>10 days", second)
    assert re.search(r"<ins><span class=\"tc-visually-hidden\">\[added: </span>2 weeks", second)
    assert "Next review due</strong>" not in second and "31 March 2027 (was 31 March 2026)" in second


def test_a_changed_action_reads_as_words_with_what_it_was(history_site):
    html = page(history_site, "greenfield/district/2025-04-01/changes")
    words = " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    assert ("Action changed: Agree and publish the new rules for recognising tenants' groups. "
            "(due by 30 June 2026; Done, was In progress, was due by 30 June 2025)") in words


def test_word_diff_marks_only_the_changed_words():
    assert word_diff("meet every month in the hall", "meet every two months in the hall") == [
        ("equal", "meet every"), ("removed", "month"), ("added", "two months"), ("equal", "in the hall")]


def test_a_copy_without_git_history_builds_and_says_so_once(tmp_path):
    project = copy_project(tmp_path, ["en", "cy"])
    result = mkdocs_build(project)
    assert result.returncode == 0
    assert result.stderr.count("not a git repository, so earlier agreed versions") == 1
    assert (project / "site/greenfield/district/index.html").exists()


def test_a_shallow_clone_builds_and_says_so_once(tmp_path):
    source = copy_project(tmp_path / "source", ["en", "cy"])
    git(source, "init", "-q", "-b", "main")
    commit_version(source, (source / DISTRICT).read_text(), "one")
    commit_version(source, (source / DISTRICT).read_text().replace("2026-04-01", "2026-04-02"), "two")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source}", str(clone))
    result = mkdocs_build(clone)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("This is a shallow clone") == 1


def test_three_agreed_versions_in_history_give_three_pages_and_comparisons(history_site):
    # Its own git repository (history_site), so it runs in a shallow clone and in CI too.
    html = (history_site / "greenfield/district/index.html").read_text()
    assert html.count('class="tc-versions"') == 1
    for day in ("2024-04-01", "2025-04-01", "2026-04-01"):
        assert (history_site / f"greenfield/district/{day}/index.html").exists()
    changes = (history_site / "greenfield/district/2026-04-01/changes/index.html").read_text()
    assert "Promises reworded" in changes and "New promises" in changes


def test_the_landlord_page_lists_what_is_overdue(built_site):
    html = (built_site / "greenfield/index.html").read_text()
    overdue = html.split('id="overdue"')[1].split('id="subscribe"')[0]
    assert "The review of Kingsway Local Compact was due by 15 September 2026." in overdue


def test_feeds_are_valid_atom(built_site):
    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    for path in ("feed.xml", "greenfield/feed.xml", "cy/greenfield/feed.xml"):
        root = ElementTree.parse(built_site / path).getroot()
        assert root.tag == f"{atom}feed"
        assert root.find(f"{atom}id").text and root.find(f"{atom}updated").text
        entries = root.findall(f"{atom}entry")
        assert entries
        for entry in entries:
            for child in ("id", "title", "updated", "link"):
                assert entry.find(f"{atom}{child}") is not None
    welsh = (built_site / "cy/greenfield/feed.xml").read_text()
    assert "Cytunwyd" in welsh or "Adolygwyd" in welsh or "Agreed" in welsh


def test_calendar_parses_and_holds_reviews_and_meetings(built_site):
    calendar = Calendar.from_ical((built_site / "greenfield/calendar.ics").read_bytes())
    events = calendar.walk("VEVENT")
    summaries = [str(e.get("summary")) for e in events]
    assert any(s.startswith("Review due: Greenfield District Tenant Participation Compact") for s in summaries)
    assert any(s.startswith("Tenants' association meeting:") for s in summaries)
    assert all(e.get("uid") and e.get("dtstamp") for e in events)
