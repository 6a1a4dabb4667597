"""Large print, braille and audio: real files, checked as a reader's tools would read them."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from build import mkdocs_build
from conftest import copy_project
from generator.formats import CELLS, LINES, Formats, paginate, plain_text

TOOLS = ["lou_translate", "espeak-ng", "opusenc", "pdfinfo", "opusinfo"]
needs_tools = pytest.mark.skipif(
    not all(shutil.which(t) for t in TOOLS) and not os.environ.get("CI"),
    reason="the Debian packages for formats are missing (make test installs them)")


def formats_of(site: Path, code: str) -> Path:
    return site / ("" if code == "en" else code) / "greenfield/district/formats"


@needs_tools
@pytest.mark.parametrize("code", ["en", "cy"])
def test_large_print_pdf(built_site, code):
    from pypdf import PdfReader

    pdf = formats_of(built_site, code) / f"district-{code}.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Greenfield" in text and len(text.split()) > 1000  # the text can be extracted
    reader = PdfReader(pdf)
    sizes = set()
    for page in reader.pages:
        page.extract_text(visitor_text=lambda t, cm, tm, font, size:
                          t.strip() and sizes.add(round(size * abs(tm[3]) * abs(cm[3]), 1)))
    assert min(sizes) >= 16, sorted(sizes)                   # at least 16pt throughout
    assert reader.outline and "Greenfield" in reader.outline[0].title  # bookmarks
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    assert str(reader.trailer["/Root"]["/Lang"]) == code


@needs_tools
@pytest.mark.parametrize("code", ["en", "cy"])
def test_braille_file(built_site, code):
    brf = (formats_of(built_site, code) / f"district-{code}.brf").read_text("ascii")
    assert set(brf) <= {chr(c) for c in range(0x20, 0x60)} | {"\n", "\f"}  # braille ASCII only
    pages = brf.rstrip("\n").split("\f")
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        lines = page.split("\n")
        assert len(lines) == LINES and all(len(line) <= CELLS for line in lines)
        assert lines[-1].strip().startswith("#")  # the page number, in braille digits
    assert pages[1].split("\n")[-1].strip() == "#B"


@needs_tools
@pytest.mark.parametrize("code", ["en", "cy"])
def test_audio_decodes_and_lasts_as_long_as_the_text(built_site, code):
    opus = formats_of(built_site, code) / f"district-{code}.opus"
    info = subprocess.run(["opusinfo", str(opus)], capture_output=True, text=True, check=True).stdout
    minutes, seconds = re.search(r"Playback length: (\d+)m:([\d.]+)s", info).groups()
    duration = int(minutes) * 60 + float(seconds)
    html = (built_site / ("" if code == "en" else code) / "greenfield/district/index.html").read_text()
    words = len(plain_text(html.split('<article', 1)[1].split("</article>")[0]).split())
    expected = words / 150 * 60  # espeak-ng reads at 150 words a minute here
    assert 0.5 * expected < duration < 2 * expected, (duration, expected)


def test_formats_panel_lists_each_file_with_language_and_size(built_site):
    html = (built_site / "greenfield/district/index.html").read_text()
    panel = html.split('<section class="tc-formats"', 1)[1].split("</section>")[0]
    assert re.search(r'<a href="\./formats/district-en.pdf" type="application/pdf" download>Large print</a>\s*'
                     r'\(a file to read on screen or print, English, \d+ KB\)', panel)
    assert "formats/district-en.brf" in panel and "formats/district-en.opus" in panel
    assert "To ask for another format or language:" in panel and "01632 960 400" in panel
    estate = (built_site / "greenfield/estates/oak-court/index.html").read_text()
    assert 'href="../../district/formats/district-en.pdf"' in estate


def test_somali_pages_say_there_is_no_braille_or_audio_yet(built_site):
    html = (built_site / "so/greenfield/district/index.html").read_text()
    panel = html.split('<section class="tc-formats"', 1)[1].split("</section>")[0]
    assert "district-so.pdf" in panel and ".brf" not in panel and ".opus" not in panel
    assert panel.count("<p>") >= 3  # no braille, no audio, how to ask
    assert not (built_site / "so/greenfield/district/formats/district-so.brf").exists()


def test_the_cache_makes_nothing_twice(tmp_path):
    formats = Formats(tmp_path, "en")
    body = "<h1 id='top'>Test compact</h1>" + "<p>We will meet you every month in the hall.</p>" * 30
    assert len(formats.make("test", "Test", body)) == 3
    assert (formats.made, formats.reused) == (3, 0)
    again = Formats(tmp_path, "en")
    again.make("test", "Test", body)
    assert (again.made, again.reused) == (0, 3)
    changed = Formats(tmp_path, "en")
    changed.make("test", "Test", body + "<p>One more promise.</p>")
    assert (changed.made, changed.reused) == (3, 0)


@needs_tools
def test_a_rebuild_without_changes_makes_no_format_again(tmp_path):
    project = copy_project(tmp_path / "project", ["en", "cy"])
    cache = {"COMPACTS_CACHE": str(tmp_path / "cache")}
    first = mkdocs_build(project, formats=True, env=cache)
    assert first.returncode == 0, first.stderr
    assert re.search(r"Alternative formats \(en\): [1-9]\d* made, 0 taken from the cache", first.stderr)
    second = mkdocs_build(project, formats=True, env=cache)
    assert re.search(r"Alternative formats \(en\): 0 made, \d+ taken from the cache", second.stderr)


def test_a_missing_tool_is_named_and_its_files_are_not_linked(tmp_path):
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("git", "espeak-ng", "opusenc"):  # everything but lou_translate
        if shutil.which(tool):
            (tools / tool).symlink_to(shutil.which(tool))
    project = copy_project(tmp_path / "project", ["en"])
    result = mkdocs_build(project, formats=True, env={"PATH": str(tools), "COMPACTS_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("No braille files were made: lou_translate is missing: "
                               "apt-get install liblouis-bin liblouis-data") == 1
    html = (project / "site/greenfield/district/index.html").read_text()
    assert ".brf" not in html and "The braille version could not be made this time." in html
    assert not list((project / "site").rglob("*.brf"))


def test_braille_pages_are_forty_cells_by_twenty_five_lines():
    text = paginate(["A" * 95] + ["B"] * 30)
    pages = text.rstrip("\n").split("\f")
    assert len(pages) == 2 and all(len(p.split("\n")) == 25 for p in pages)
    assert pages[0].split("\n")[:3] == ["A" * 40, "A" * 40, "A" * 15]
    assert pages[0].split("\n")[-1] == " " * 38 + "#A"
