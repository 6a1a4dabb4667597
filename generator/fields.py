"""The data model is the single source of truth for the files' format.

Each model dataclass marks the fields a data file holds with `data(...)`: a plain-English
description and any constraint. From those, `schema_of` makes the JSON Schema the validator
and editors use, and `build` turns checked data into model objects. Fields without `data`
are derived (ids from file names, links between objects) and never appear in a file.
"""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import MISSING, dataclass
from datetime import date, time
from typing import Any, Literal

from .dates import PartialDate

DATE = {"type": "string", "format": "date",
        "description": "A date written as year-month-day, such as 2025-04-01."}
# A date as the source gives it: a day, a month or a year (YAML reads a bare year as a number).
PARTIAL_DATE = {"type": ["string", "integer"], "format": "partial-date"}


@dataclass(frozen=True)
class Spec:
    """How one field appears in a data file."""

    description: str
    key: str | None = None           # the file's key, when it differs from the field name
    text: bool = False               # tenant-facing text: Markdown, translated
    pattern: str | None = None
    format: str | None = None
    minimum: float | None = None
    min_items: int | None = None
    unique: bool = False


def data(description: str, *, default: Any = MISSING, **spec: Any) -> Any:
    """A field that a data file holds, described for the people who write it."""
    metadata = {"data": Spec(description, **spec)}
    if isinstance(default, list):
        return dataclasses.field(default_factory=list, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@functools.cache  # a model class's fields never change; working out hints is slow
def file_fields(cls: type) -> list[tuple[dataclasses.Field, Spec, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f, f.metadata["data"], hints[f.name]) for f in dataclasses.fields(cls)
            if "data" in f.metadata]


def schema_of(cls: type) -> dict[str, Any]:
    """The JSON Schema of a model class as it is written in a data file."""
    properties, required = {}, []
    for f, spec, hint in file_fields(cls):
        key = spec.key or f.name
        properties[key] = {"title": key.replace("_", " ").capitalize(), **_type(hint, spec),
                           "description": spec.description}
        if f.default is MISSING and f.default_factory is MISSING:
            required.append(key)
    schema = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        schema["required"] = required
    extra = getattr(cls, "SCHEMA_RULES", None)
    if extra:
        schema["allOf"] = extra
    return schema


def _type(hint: Any, spec: Spec) -> dict[str, Any]:
    hint = _without_none(hint)
    origin = typing.get_origin(hint)
    if origin is Literal:
        return {"enum": list(typing.get_args(hint))}
    if origin is list:
        (item,) = typing.get_args(hint)
        schema = {"type": "array", "items": _type(item, Spec(""))}
        schema["items"].pop("description", None)
        if spec.min_items is not None:
            schema["minItems"] = spec.min_items
        if spec.unique:
            schema["uniqueItems"] = True
        if spec.pattern:
            schema["items"]["pattern"] = whole(spec.pattern)
        return schema
    if hint is PartialDate:  # before dataclasses: it is one, but written as text
        return dict(PARTIAL_DATE)
    if dataclasses.is_dataclass(hint):
        return schema_of(hint)
    if hint is date:
        return dict(DATE)
    if hint is bool:
        return {"type": "boolean"}
    if hint is time:
        return {"type": "string", "pattern": whole("^([01][0-9]|2[0-3]):[0-5][0-9]$")}
    if hint is int or hint is float:
        schema = {"type": "integer" if hint is int else "number"}
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        return schema
    schema: dict[str, Any] = {"type": "string", "minLength": 1}
    if spec.pattern:
        schema["pattern"] = whole(spec.pattern)
    if spec.format:
        schema["format"] = spec.format
    return schema


def whole(pattern: str) -> str:
    """A pattern ending in '$' that also refuses a trailing line break. JSON Schema patterns
    are searched with Python's re, where '$' matches before a final newline, so `time: |`
    would pass as '19:00\\n'; '(?!\\n)' says the same in editors' JavaScript regexes."""
    return pattern + r"(?!\n)" if pattern.endswith("$") else pattern


def _without_none(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def build(cls: type, node: dict, note: typing.Callable[[Any, Any], None], **derived: Any) -> Any:
    """A model object from checked file data; note(container, key) records each text."""
    values = dict(derived)
    for name, key, spec, shape, inner in _plan(cls):
        if key in node:
            values[name] = _value(shape, inner, node, key, spec, note)
    return cls(**values)


@functools.cache
def _plan(cls: type) -> list[tuple[str, str, Spec, str, Any]]:
    """Per field of a model class: its name, its key in a file, and how to make its value."""
    return [(f.name, spec.key or f.name, spec, *_shape(hint)) for f, spec, hint in file_fields(cls)]


def _value(shape: str, inner: Any, node: Any, key: Any, spec: Spec, note: typing.Callable) -> Any:
    raw = node[key]
    if shape == "list":
        item_shape, item_inner = _shape(inner)
        return [_value(item_shape, item_inner, raw, index, spec, note) for index in range(len(raw))]
    if shape == "str":
        if spec.text:
            note(node, key)
        return str(raw).strip() if spec.text else str(raw)
    if shape == "model":
        return build(inner, raw, note)
    return inner(raw) if inner else raw


def _shape(hint: Any) -> tuple[str, Any]:
    """How a value of this type is made from file data: (kind, item type or maker). Worked
    out once per type (building 7,500 files asks 160,000 times), kept by identity: hashing
    a Literal type walks its values each time."""
    known = _SHAPES.get(id(hint))
    if known is None:
        known = _SHAPES[id(hint)] = (*_shape_of(hint), hint)  # the hint, so its id stays its
    return known[0], known[1]


_SHAPES: dict[int, tuple[str, Any, Any]] = {}


def _shape_of(hint: Any) -> tuple[str, Any]:
    hint = _without_none(hint)
    makers = {PartialDate: PartialDate.parse, date: date.fromisoformat, time: time.fromisoformat}
    if hint in makers:  # before models: PartialDate is a dataclass made from text
        return "value", makers[hint]
    if typing.get_origin(hint) is list:
        return "list", typing.get_args(hint)[0]
    if dataclasses.is_dataclass(hint):
        return "model", hint
    return ("str", None) if hint is str else ("value", None)
