"""Alternative formats of each compact and estate page: large-print PDF (WeasyPrint),
braille (liblouis, BRF), and audio (espeak-ng, Opus), made at build time.

Each file is cached under a hash of its input text, its language and the tool's version, so
a rebuild without changes makes nothing again. A missing tool is named once with how to
install it, and no page links a file that was not made.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .i18n import Language

BRAILLE_TABLES = {"en": "en-ueb-g2.ctb", "cy": "cy-cy-g2.ctb", "pl": "Pl-Pl-g1.utb",
                  "ur": "ur-pk-g2.ctb", "ar": "ar-ar-g1.utb", "bn": "bn-in-g1.utb",
                  "pa": "pa.tbl", "gu": "gu-in-g1.utb", "lt": "lt-6dot.tbl"}
VOICES = {"en": "en-gb", "cy": "cy", "pl": "pl", "ur": "ur", "ar": "ar", "bn": "bn",
          "pa": "pa", "gu": "gu", "ro": "ro", "lt": "lt"}
CELLS, LINES = 40, 25  # a braille page: 40 cells by 25 lines, the last for the page number
INSTALL = {
    "braille": "lou_translate is missing: apt-get install liblouis-bin liblouis-data",
    "audio": "espeak-ng or opusenc is missing: apt-get install espeak-ng opus-tools",
    "large-print": "WeasyPrint cannot run: pip install weasyprint (and apt-get install "
                   "libpango-1.0-0 libpangoft2-1.0-0)",
}
EXTENSIONS = {"large-print": "pdf", "braille": "brf", "audio": "opus"}


@dataclass
class Made:
    """One file made (or found in the cache) for a page."""

    kind: str
    filename: str
    size: int
    source: Path


@dataclass
class Formats:
    """Makes and caches the alternative formats for one language's build."""

    cache: Path
    language: str
    made: int = 0
    reused: int = 0
    missing: set[str] = field(default_factory=set)
    failed: dict[str, str] = field(default_factory=dict)  # kind -> what the tool said

    def versions(self) -> dict[str, str | None]:
        """Each tool's version (part of the cache key), or None when it is not there."""
        if not hasattr(self, "_versions"):
            self._versions = {"large-print": _weasyprint_version(),
                              "braille": _version(["lou_translate", "--version"]),
                              "audio": _audio_version()}
        return self._versions

    def supported(self, kind: str) -> bool:
        """Whether this language has a braille table or a voice at all."""
        if kind == "braille":
            return self.language in BRAILLE_TABLES
        if kind == "audio":
            return self.language in VOICES
        return True

    def make(self, stem: str, title: str, body_html: str,
             kinds: tuple[str, ...] = ("large-print", "braille", "audio")) -> list[Made]:
        """Every format (of those asked for) this language and machine can make for one page."""
        text = plain_text(body_html)
        made = []
        for kind in kinds:
            if not self.supported(kind):
                continue
            version = self.versions()[kind]
            if version is None:
                self.missing.add(kind)
                continue
            source = self.cache / f"{_key(kind, version, self.language, body_html)}.{EXTENSIONS[kind]}"
            if source.exists():
                self.reused += 1
            else:
                self.cache.mkdir(parents=True, exist_ok=True)
                try:
                    MAKERS[kind](self, source, title, body_html, text)
                except (OSError, subprocess.CalledProcessError) as error:
                    source.unlink(missing_ok=True)
                    self.failed[kind] = str(getattr(error, "stderr", "") or error).strip()
                    continue
                self.made += 1
            made.append(Made(kind, f"{stem}-{self.language}.{EXTENSIONS[kind]}",
                             source.stat().st_size, source))
        return made


def _key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]


def _version(command: list[str]) -> str | None:
    if not shutil.which(command[0]):
        return None
    done = subprocess.run(command, capture_output=True, text=True)
    return (done.stdout or done.stderr).splitlines()[0] if done.returncode == 0 else None


def _audio_version() -> str | None:
    speak, encode = _version(["espeak-ng", "--version"]), _version(["opusenc", "--version"])
    return f"{speak} {encode}" if speak and encode else None


def _weasyprint_version() -> str | None:
    try:
        import weasyprint
    except (ImportError, OSError):
        return None
    return weasyprint.__version__


# Large print ---------------------------------------------------------------------------

LARGE_PRINT_CSS = """
@page { size: A4; margin: 20mm 18mm; @bottom-center { content: counter(page); font-size: 16pt; } }
html { font-family: "DejaVu Sans", "Noto Sans", sans-serif; font-size: 18pt; line-height: 1.5;
       text-align: left; color: #000; }
[dir=rtl] html, html[dir=rtl] { text-align: right; }
h1 { font-size: 28pt; } h2 { font-size: 24pt; margin-top: 1.2em; } h3 { font-size: 20pt; }
p, li, dd, dt, td, th { font-size: 18pt; }
a { color: #000; text-decoration: underline; }
nav, .tc-languages, .tc-data-link, .tc-formats, .tc-visually-hidden, svg { display: none; }
table { border-collapse: collapse; } th, td { border: 1px solid #000; padding: 4pt; text-align: start; }
.tc-status { font-weight: bold; }
"""


def _large_print(formats: Formats, target: Path, title: str, body: str, text: str) -> None:
    import logging

    from weasyprint import HTML

    code = formats.language
    document = (f'<!doctype html><html lang="{code}" dir="{Language.of(code).dir}"><head><meta charset="utf-8">'
                f"<title>{_escape(title)}</title><style>{LARGE_PRINT_CSS}</style></head>"
                f"<body>{body}</body></html>")
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)  # its PDF/UA notes are not ours
    HTML(string=document).write_pdf(str(target), pdf_variant="pdf/ua-1")


# Braille -------------------------------------------------------------------------------

def _braille(formats: Formats, target: Path, title: str, body: str, text: str) -> None:
    table = BRAILLE_TABLES[formats.language]
    done = subprocess.run(["lou_translate", "-f", f"en-us-brf.dis,{table}"], input=text,
                          capture_output=True, text=True, check=True)
    target.write_text(paginate(done.stdout.splitlines()), encoding="ascii", errors="replace")


def paginate(lines: list[str]) -> str:
    """BRF pages of 40 cells by 25 lines; the 25th line carries the page number, right."""
    wrapped = [piece for line in lines for piece in (textwrap.wrap(line, CELLS) or [""])]
    pages = [wrapped[i:i + LINES - 1] for i in range(0, len(wrapped), LINES - 1)] or [[]]
    out = []
    for number, page in enumerate(pages, start=1):
        body = page + [""] * (LINES - 1 - len(page))
        label = "#" + "".join("JABCDEFGHI"[int(d)] for d in str(number))  # BRF number sign
        out.append("\n".join(body + [label.rjust(CELLS)]))
    return "\f".join(out) + "\n"


# Audio ---------------------------------------------------------------------------------

def _audio(formats: Formats, target: Path, title: str, body: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        script, wave = Path(scratch) / "text.txt", Path(scratch) / "speech.wav"
        script.write_text(text, encoding="utf-8")
        # -w writes the speech to a file instead of playing it (-q would write nothing).
        subprocess.run(["espeak-ng", "-v", VOICES[formats.language], "-s", "150",
                        "-w", str(wave), "-f", str(script)], check=True, capture_output=True)
        # Speech needs little: 16 kbit/s at the fastest setting is 5 times quicker to make.
        subprocess.run(["opusenc", "--quiet", "--bitrate", "16", "--comp", "0", str(wave), str(target)],
                       check=True, capture_output=True)


MAKERS = {"large-print": _large_print, "braille": _braille, "audio": _audio}


# Text ----------------------------------------------------------------------------------

class _Text(HTMLParser):
    """The words of a page body, one block per line, without navigation or hidden labels."""

    SKIP = {"nav", "svg", "script", "style"}
    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "tr", "caption", "br"}
    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.open: list[tuple[str, bool]] = []  # (tag, hides its content)

    @property
    def hidden(self) -> bool:
        return any(hides for _, hides in self.open)

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag in self.BLOCKS:
            self.lines.append("- " if tag == "li" else "")
        if tag not in self.VOID:
            self.open.append((tag, tag in self.SKIP or "tc-visually-hidden" in classes
                              or "tc-formats" in classes))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break
        if tag in self.BLOCKS:
            self.lines.append("")

    def handle_data(self, data):
        if not self.hidden:
            self.lines[-1] += data


def plain_text(body_html: str) -> str:
    """Readable text of a page: what braille and audio say, and what readability measures."""
    parser = _Text()
    parser.feed(body_html)
    lines = [re.sub(r"\s+", " ", line).strip() for line in parser.lines]
    return "\n".join(line for line in lines if line and line != "-") + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
