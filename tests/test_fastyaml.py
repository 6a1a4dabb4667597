"""The loader's fast path (libyaml) must read every file exactly as ruamel reads it, or hand
the file to ruamel: same values, same types, same line and column of every key and value,
same safety problems. Checked on every data file in the repository and on the fuzzer's
mutations of the example's files."""
from __future__ import annotations

import math

import pytest
from hypothesis import given

from conftest import REPO
from generator import fastyaml, loader
from generator.safety import scan_events, scan_text, unprintable
from test_fuzz import mutation


def normal(value, node=None, key=None):
    """A value with its type and, for a container, every entry's position."""
    if isinstance(value, dict):
        return ("map", value.lc.line, value.lc.col,
                [(normal(k), loader.position(value, k, of_key=True), loader.position(value, k),
                  normal(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", value.lc.line, value.lc.col,
                [(loader.position(value, i), normal(v)) for i, v in enumerate(value)])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def both(text: str):
    """(what the fast path made or None, ruamel's data or None, ruamel's problem)."""
    found = fastyaml.events(text)
    fast = fastyaml.compose(found, text) if found is not None else None
    slow, problem = loader._parse(text, "f.yml")
    return found, fast, slow, problem


def assert_same(text: str) -> bool:
    """True when the fast path read the text (and read it as ruamel does)."""
    if unprintable(text, "f.yml"):
        return False  # the loader stops before either parser sees the text
    found, fast, slow, problem = both(text)
    if found is not None:
        assert scan_events(found, "f.yml") == scan_text(text, "f.yml")
    if fast is None:
        return False
    assert problem is None, f"libyaml read what ruamel rejects: {problem}"
    assert normal(fast) == normal(slow)
    return True


DATA_FILES = sorted(p for folder in ("compacts", "standards") for p in (REPO / folder).rglob("*.y*ml"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_data_file_is_read_alike_and_fast(path):
    assert assert_same(path.read_text("utf-8-sig")), "the fast path gave this file to ruamel"


@pytest.mark.parametrize("text", [
    "a: 1\nb:\n  - x\n  - {c: 2, d: [3, 4]}\nempty:\nafter: 0x1F\n",
    "date: 2025-02-30\nyes: no\nq: 'quoted'\nd: \"dq\\n\"\nf: 1.5e3\nn: ~\nt: true\n",
    "text: |\n  line one\n  line two\nfolded: >\n  one\n  two\nend:\n",
    "list:\n- a\n-\n- c\nnested:\n  deeper:\n    deepest: [ ]\n",
    "name: Caf\u00e9 \u0645\u0639\u0627\u06c1\u062f\u06c1\nnext: x\n",
    "k: v # comment\n# whole line\nother: 'it''s'\n", "a: x\nb:", "a: x\nb:   ", "a:\n  b:",
])
def test_tricky_but_valid_text_is_read_alike(text):
    assert assert_same(text)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "? [x]\n: y\n", "<<: {a: 1}\n", "%YAML 1.2\n---\na: 1\n",
    "a: 1\n---\nb: 2\n", "a: !!str 1\n", "a: b\u2028c\n", "a: [1\n", "a: 'open\n",
])
def test_what_only_ruamel_can_explain_goes_to_ruamel(text):
    assert not assert_same(text)


@given(mutation())
def test_mutated_example_files_are_read_alike_or_handed_over(change):
    target, content, _ = change
    if not target.endswith(".yml"):
        return
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return  # the loader stops at the bytes, before parsing
    assert_same(text)
