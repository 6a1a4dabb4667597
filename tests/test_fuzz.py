"""Structure-aware fuzzing of `compacts check`: the example's own files, mutated the way an
attacker or a careless volunteer would (values swapped for hostile ones, keys renamed or
repeated, lines broken, bytes flipped, files renamed, catalogs edited), must give exit 0 or
1 and only positioned single-line problems, never a crash (exit 2) or a hang.

The normal suite runs a few hundred cases; `make fuzz` runs 10,000 with a 10 s deadline
per case (HYPOTHESIS_PROFILE=fuzz). Every crash the fuzzer ever found is kept below in
REGRESSIONS and runs every time.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st
from ruamel.yaml import YAML

from conftest import REPO
from generator import cli

settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("fuzz", max_examples=10_000, deadline=10_000,
                          suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))  # `make fuzz`: fuzz

POSITIONED = re.compile(r"^[^\n]*:\d+:\d+: (error|warning): [^\n]+$")
SUMMARY = re.compile(r"^(No errors|Found \d+ errors?)[^\n]*\.$")
TARGETS = ["compacts/greenfield/compacts/riverside.yml", "compacts/greenfield/estates/oak-court.yml",
           "compacts/greenfield/results/2025-26.yml", "compacts/greenfield/landlord.yml",
           "standards/core-standards.yml", "translations/cy.po"]

# The seeds, read once: the strategy must not depend on files that may change mid-run.
SEEDS = {target: (REPO / target).read_bytes() for target in TARGETS}

# Values a hostile or careless file might hold where a value belongs.
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "~", "null", ".nan", ".inf", "-.inf", "1e999", "0x1F", "0o17",
                     "9" * 4301, "9999-12-31", "0000-00-00", "2025-02-30", "19:00\n", "24:00",
                     "=HYPERLINK(\"https://evil.example\",\"x\")", "\x1b[31mred\x1b[0m",
                     "a\nb", "\u202eevil", "\ud800", "[" * 2000, "x" * 20_000, "100%",
                     "%(name)s", "{{ 7*7 }}", "<script>alert(1)</script>", "../../etc/passwd",
                     "standards", "cy", "results", "Jane Smith", "07700 900 211",
                     "jane@gmail.com"]),
    st.integers(), st.floats(), st.booleans(), st.none(),
    st.lists(st.text(max_size=5), max_size=5),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.integers(min_value=1, max_value=400).map(lambda n: "[" * n + "]" * n),
)
SNIPPETS = st.sampled_from([
    "\nx: &a [1, 2]\ny: [*a, *a, *a]\n", "\n- broken", "\n  : :", "\nkey: {a: [b\n", "\t",
    "\n? [complex]\n: key\n", "\nx: !!python/object:os.system ls\n", "\nx: !!binary aGk=\n",
    "\x00", "\x07", "\ufeff", "\r", "\u2028", "'", '"', "*undefined", "&anchor", "%YAML 1.1\n",
    "---\n", "\n...\n", "\ntime: |\n  19:00\n", "\nid: {a: 1}\n", "\nestate: [x]\n",
])
NAMES = st.sampled_from(["x\ny", "UPPER.YML", "a" * 250, "\u202eevil", "standards", "data",
                         "results", "compliance", "equality", "estates", "cy", "x,line=1::y",
                         "has space", "d\u00e9j\u00e0"])


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A small copy of the example: enough for every rule to run, fast to check."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "standards", root / "standards")
    base = root / "compacts/greenfield"
    for name in ["landlord.yml", "compacts/riverside.yml", "estates/oak-court.yml",
                 "estates/riverside.yml", "estates/kingsway.yml", "estates/beacon-hill.yml",
                 "results/2025-26.yml"]:
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "compacts/greenfield" / name, base / name)
    (root / "translations").mkdir()
    shutil.copy(REPO / "translations/cy.po", root / "translations/cy.po")
    (root / "site_config.yml").write_text("site_name: Fuzz\nplugins:\n  - compacts:\n"
                                          "      languages: [en, cy]\n")
    return root


def run_check(root: Path, form: str = "text") -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()) as err:
        code = cli.main(["check", "--root", str(root), "--format", form])
    assert code in (0, 1), err.getvalue()[-3000:]
    out.getvalue().encode("utf-8")  # a terminal could print it: no lone surrogates
    return code, out.getvalue().splitlines()


def assert_answered(root: Path, github: bool = False) -> int:
    code, lines = run_check(root)
    for line in lines:
        assert POSITIONED.match(line) or SUMMARY.match(line), repr(line)
    if not github:
        return code
    code_github, lines = run_check(root, "github")
    assert code_github == code
    for line in lines:
        assert line.startswith(("::error file=", "::warning file=")) or SUMMARY.match(line), repr(line)
    return code


@st.composite
def mutation(draw) -> tuple[str, bytes, str | None]:
    """(file, new bytes, new name or None), made from one of the example's files."""
    target = draw(st.sampled_from(TARGETS))
    original = SEEDS[target]
    how = draw(st.sampled_from(["value", "key", "snippet", "lines", "bytes", "name"]))
    if how == "value" and target.endswith(".yml"):
        return target, _replace_value(original, draw), None
    if how == "key" and target.endswith(".yml"):
        return target, _change_key(original, draw), None
    if how == "name":
        return target, original, draw(NAMES) + draw(st.sampled_from([".yml", ".yaml", ".YML", ""]))
    if how == "lines":
        lines = original.split(b"\n")
        at = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "repeat", "indent", "dedent", "truncate"]))
        if op == "delete":
            del lines[at]
        elif op == "repeat":
            lines.insert(at, lines[at])
        elif op == "indent":
            lines[at] = b"   " + lines[at]
        elif op == "dedent":
            lines[at] = lines[at].lstrip()
        else:
            lines = lines[:at]
        return target, b"\n".join(lines), None
    if how == "bytes":
        data = bytearray(original)
        for _ in range(draw(st.integers(1, 5))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return target, bytes(data), None
    at = draw(st.integers(0, len(original)))
    return target, original[:at] + draw(SNIPPETS).encode("utf-8", "surrogatepass") + original[at:], None


def _replace_value(original: bytes, draw) -> bytes:
    yaml = YAML(typ="rt", pure=True)
    data = yaml.load(original)
    node, key = _pick(data, draw)
    node[key] = draw(HOSTILE)
    out = io.StringIO()
    try:
        yaml.dump(data, out)
    except Exception:  # noqa: BLE001 - the harness could not write it; try the raw text instead
        return original.replace(b": ", b": " + repr(node[key]).encode("utf-8", "replace"), 1)
    return out.getvalue().encode("utf-8", "surrogatepass")


def _change_key(original: bytes, draw) -> bytes:
    yaml = YAML(typ="rt", pure=True)
    data = yaml.load(original)
    node, key = _pick(data, draw, mappings_only=True)
    if node is None:
        return original
    value = node.pop(key)
    if draw(st.booleans()):
        node[draw(st.sampled_from([key.upper(), key + "s", key[:-1], "id", "estates", "", "x"]))] = value
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue().encode("utf-8")


def _pick(data, draw, mappings_only: bool = False):
    """A random (container, key) in the document, walking down from the top."""
    node, found = data, (None, None)
    for _ in range(6):
        keys = list(node.keys()) if isinstance(node, dict) else \
            list(range(len(node))) if isinstance(node, list) and not mappings_only else []
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        found = (node, key)
        if not isinstance(node[key], (dict, list)) or draw(st.booleans()):
            break
        node = node[key]
    return found


def apply(project: Path, change: tuple[str, bytes, str | None]):
    target, content, name = change
    path = project / target
    saved = path.read_bytes()
    path.write_bytes(content)
    moved = None
    if name is not None and "/" not in name and "\0" not in name:
        moved = path.with_name(name)
        try:
            path.rename(moved)
        except OSError:
            moved = None
    return path, saved, moved


def test_the_unmutated_project_is_valid(project):
    """So a mutation's problems are its own, and valid mutations reach the model builder."""
    assert assert_answered(project, github=True) == 0


@given(change=mutation())
@example(change=("compacts/greenfield/estates/oak-court.yml", b"homes: &a [1]\n" +
                 b"".join(b"k%d: &a%d [%s]\n" % (i, i, b", ".join([b"*a" if i == 0 else b"*a%d" % (i - 1)] * 9))
                          for i in range(12)), None))
def test_any_mutation_of_the_example_is_answered(project, change):
    _count()
    path, saved, moved = apply(project, change)
    try:
        assert_answered(project)
    finally:
        if moved is not None:
            moved.rename(path)
        path.write_bytes(saved)


def _count() -> None:
    """`make fuzz` writes how many cases have run to FUZZ_PROGRESS, to follow a long run."""
    progress = os.environ.get("FUZZ_PROGRESS")
    if progress:
        path = Path(progress)
        done = int(path.read_text() or 0) if path.exists() else 0
        path.write_text(str(done + 1))


# Every crash the fuzzer (and the 4,500 tries) found: (file, old text, new text).
REGRESSIONS = [
    ("compacts/greenfield/estates/oak-court.yml", "homes: 240", "homes: " + "[" * 300 + "]" * 300),
    ("compacts/greenfield/estates/oak-court.yml", "homes: 240", "homes: " + "9" * 4301),
    ("compacts/greenfield/compacts/riverside.yml", "  - id: ", "  - id: {a: 1}\n    x: "),
    ("compacts/greenfield/results/2025-26.yml", "estate: ", "estate: [x] #"),
    ("standards/core-standards.yml", "      - id: resources.premises", "      - id:"),
    ("compacts/greenfield/estates/oak-court.yml", "area: Greenfield town centre", 'area: "\\ud800"'),
    ("compacts/greenfield/estates/oak-court.yml", 'time: "19:00"', "time: |\n        19:00"),
    ("compacts/greenfield/estates/oak-court.yml", "area: Greenfield", "area: Green\x07field"),
    ("compacts/greenfield/estates/oak-court.yml", "date: 2026-12-08", "date: 9999-12-31"),
    ("compacts/greenfield/estates/oak-court.yml", "amount: 6000", "amount: .nan"),
    ("translations/cy.po", 'msgstr "', 'msgstr "\xff'),
    ("translations/cy.po", 'msgid "Core Standards"\nmsgstr "', 'msgid "Core Standards"\nmsgstr "100% '),
    ("translations/cy.po", 'msgid "Core Standards"\nmsgstr "', 'msgid "Core Standards"\nmsgstr "%(nope)s '),
]


@pytest.mark.parametrize("target, old, new", REGRESSIONS)
def test_crashes_found_before_are_answered(project, target, old, new):
    path = project / target
    saved = path.read_bytes()
    text = saved.decode("utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_bytes(text.encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff"))
    try:
        assert assert_answered(project, github=True) == 1  # each one is a mistake to report
    finally:
        path.write_bytes(saved)
