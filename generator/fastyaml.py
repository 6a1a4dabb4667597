"""The loader's fast path: libyaml's C parser, with every value's line and column kept.

ruamel.yaml's round-trip loader is pure Python and spends most of its time gathering
comments we never use; reading 7,500 files with it took about 30 s. libyaml (through
PyYAML's CParser, which MkDocs already brings) turns the text into events in C; this
module builds the same positioned data from those events (as light `Section` and `Items`:
dicts and lists with ruamel's `lc` marks, quick to build and to cache),
resolving and constructing scalars with ruamel's own YAML 1.2 rules, so the rest of the
generator cannot tell which path read a file (tests/test_fastyaml.py compares both).

Anything this path is not sure to read exactly as ruamel does (a syntax error, a tag, an
anchor or reference, a merge key, a duplicate key, a complex key, a directive, more than
one document, the line breaks YAML 1.1 and 1.2 disagree on, a tab) returns None: the loader then
reads the file the slow way, with ruamel's own messages.
"""
from __future__ import annotations

from typing import Any

import yaml

try:
    from yaml.cyaml import CParser
except ImportError:  # a PyYAML built without libyaml: every file takes the slow path
    CParser = None
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.nodes import ScalarNode

class Marks:
    """Where a section or list and each of its entries start (0-based), as ruamel's LineCol."""

    __slots__ = ("line", "col", "data")

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col, self.data = line, col, {}

    def key(self, key: Any) -> tuple[int, int]:
        return self.data[key][0], self.data[key][1]

    def value(self, key: Any) -> tuple[int, int]:
        return self.data[key][2], self.data[key][3]

    def item(self, index: int) -> tuple[int, int]:
        return self.data[index][0], self.data[index][1]


class Section(dict):
    """A YAML mapping with its marks: a plain dict, light to build, copy and cache (pickle's
    own handling of slots is in C: a __reduce__ of ours would double the time to read the
    check's memory)."""

    __slots__ = ("lc",)


class Items(list):
    """A YAML sequence with its marks."""

    __slots__ = ("lc",)


_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_PLAIN = (True, False)
_START = {"MappingStartEvent": Section, "SequenceStartEvent": Items}
_END = ("MappingEndEvent", "SequenceEndEvent")
_SKIP = ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent")
# Line breaks in YAML 1.1 (libyaml) but not in 1.2, a byte order mark inside the text, and
# tabs (libyaml takes some in places where ruamel stops with an explanation).
_AMBIGUOUS = ("\x85", "\u2028", "\u2029", "\ufeff", "\t")


class _Unsure(Exception):
    """This file needs ruamel's reading; not an error in the file."""


class DatesAsText(RoundTripConstructor):
    """Keeps dates as the text written, so a bad date is a validation message, not a crash
    (both paths construct scalars with it)."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> str:  # noqa: ARG002
        return self.construct_scalar(node)


DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", DatesAsText.construct_yaml_timestamp)

_YAML = YAML(typ="rt", pure=True)
_YAML.Constructor = DatesAsText
_RESOLVER = _YAML.resolver
_CONSTRUCTOR = _YAML.constructor


def events(text: str) -> list | None:
    """libyaml's events for the text, or None when the slow path must read it."""
    if CParser is None or any(ch in text for ch in _AMBIGUOUS):
        return None
    parser = CParser(text)
    found = []
    try:
        while (event := parser.get_event()) is not None:
            found.append(event)
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return found


def compose(found: list, text: str) -> Any:
    """The positioned data the events of this text stand for, or None when the slow path
    must read it."""
    try:
        return _Builder(text).build(found)
    except _Unsure:
        return None


class _Builder:
    def __init__(self, text: str) -> None:
        self.stack: list[list] = []  # [container, key waiting for its value, key's mark]
        self.root: Any = None
        self.documents = 0
        self.end = (text.count("\n"), len(text) - text.rfind("\n") - 1)  # where the text ends

    def build(self, found: list) -> Any:
        for index, event in enumerate(found):
            name = type(event).__name__
            if name in _SKIP:
                continue
            if name == "DocumentStartEvent":
                self.documents += 1
                if self.documents > 1 or event.version or event.tags:
                    raise _Unsure
            elif name in _END:
                self.stack.pop()
            elif name in _START:
                self._anchorless(event)
                if self.stack and self._wants_key():
                    raise _Unsure  # a list or section as a key: ruamel explains that
                made = _START[name]()
                made.lc = Marks(event.start_mark.line, event.start_mark.column)
                self._add(made, event.start_mark, is_key=False)
                self.stack.append([made, _NO_KEY, None])
            elif name == "ScalarEvent":
                self._anchorless(event)
                self._add(self._scalar(event, found, index), self._mark(event, found, index),
                          is_key=bool(self.stack) and self._wants_key())
            else:  # an alias: a reference to an anchor
                raise _Unsure
        return self.root

    def _wants_key(self) -> bool:
        top = self.stack[-1]
        return type(top[0]) is Section and top[1] is _NO_KEY

    @staticmethod
    def _anchorless(event: Any) -> None:
        if event.anchor is not None or event.tag not in (None, "!"):
            raise _Unsure

    def _add(self, value: Any, mark: Any, is_key: bool) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        container = top[0]
        if type(container) is Items:
            container.lc.data[len(container)] = (mark.line, mark.column)
            container.append(value)
        elif is_key:
            if value == "<<" or value in container:
                raise _Unsure  # a merge or duplicate key: ruamel explains those
            top[1], top[2] = value, mark
        else:
            key, key_mark = top[1], top[2]
            container.lc.data[key] = (key_mark.line, key_mark.column, mark.line, mark.column)
            container[key] = value
            top[1] = _NO_KEY

    def _mark(self, event: Any, found: list, index: int) -> Any:
        """Where ruamel places a value: an empty one in a section at the start of what
        follows it (libyaml: just after the colon)."""
        if event.value == "" and event.style == "" and event.implicit == _PLAIN and \
                self.stack and type(self.stack[-1][0]) is Section and \
                self.stack[-1][1] is not _NO_KEY:
            following = found[index + 1].start_mark
            if (following.line, following.column) > self.end:  # no line break at the end
                return _Mark(*self.end)
            return following
        return event.start_mark

    @staticmethod
    def _scalar(event: Any, found: list, index: int) -> Any:
        value, style = event.value, event.style or None
        if style in ("'", '"'):
            return value
        if style is None:
            tag = tag_of(value)
            if tag == _STR:
                return value
            if tag == _NULL:
                return None
        else:
            tag = _STR  # a literal '|' or folded '>' block: ruamel keeps its style
        construct = _CONSTRUCTOR.yaml_constructors.get(tag)
        if construct is None:
            raise _Unsure
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, style=style)
        made = construct(_CONSTRUCTOR, node)
        if not isinstance(made, (str, int, float, bool)):
            raise _Unsure
        return made


_NO_KEY = object()


class _Mark:
    __slots__ = ("line", "column")

    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column
_TAGS: dict[str, str] = {}


def tag_of(plain: str) -> str:
    """ruamel's YAML 1.2 tag for a plain scalar, remembered: keys and values repeat."""
    tag = _TAGS.get(plain)
    if tag is None:
        if len(_TAGS) > 50_000:
            _TAGS.clear()
        tag = _TAGS[plain] = _RESOLVER.resolve(ScalarNode, plain, _PLAIN).value  # Tag -> text
    return tag
