"""Check data files against their JSON Schema and the domain rules; report every problem.

Schema errors are turned into plain-English messages at the line and column of the value.
Domain rules (references resolve, ids unique, dates in order, coverage of the Core
Standards) run on the same positioned data, so they can point at the exact line too.
"""
from __future__ import annotations

import difflib
import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Iterable

from .dates import PartialDate
from .fields import schema_of
from .model import CORE_STANDARDS, FILE_KINDS  # noqa: F401 (CORE_STANDARDS: for rules)
from .loader import Document, position
from .problems import Problem

# Dates a page, a feed and a calendar can all show: a year 9999 overflows when a calendar
# adds a meeting's two hours, and no compact is agreed before 1900.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
_TYPE_WORDS = {
    "string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
    "object": "a set of 'key: value' lines", "boolean": "true or false", "null": "empty",
}


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and \
            EARLIEST <= date.fromisoformat(value) <= LATEST
    except ValueError:
        return False


def _is_partial_date(value: object) -> bool:
    parsed = PartialDate.parse(value) if isinstance(value, (str, int)) else None
    return not isinstance(value, (str, int)) or \
        (parsed is not None and EARLIEST.year <= parsed.year <= LATEST.year)


def _is_email(value: object) -> bool:
    return not isinstance(value, str) or bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value))


@cache
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for one kind of data file, made from the model class that reads it."""
    cls = FILE_KINDS[kind]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{kind}.json",
            "title": cls.__name__, "description": (cls.__doc__ or "").strip(), **schema_of(cls)}


def write_schemas(folder: Path) -> list[Path]:
    """Write every file kind's schema as JSON, for editors and the published site."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_KINDS:
        path = folder / f"{kind}.json"
        path.write_text(json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
    return written


_FORMATS = {"date": _is_date, "partial-date": _is_partial_date, "email": _is_email}


@cache
def _validator(kind: str) -> Any:
    # jsonschema is imported here: a check that finds every file as it was needs none of it
    from jsonschema import Draft202012Validator, FormatChecker

    formats = FormatChecker(formats=())
    for name, test in _FORMATS.items():
        formats.checks(name)(test)
    return Draft202012Validator(schema(kind), format_checker=formats)


def check_schema(doc: Document) -> list[Problem]:
    """Every schema error in one document, as problems at the value's position."""
    problems: list[Problem] = []
    for error in _validator(doc.kind).iter_errors(doc.data):
        problems.extend(_explain(doc, error))
    return problems


def _explain(doc: Document, error: Any) -> Iterable[Problem]:  # a jsonschema ValidationError
    path = list(error.absolute_path)
    parent, key = _locate(doc.data, path)
    where = _where(path)
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for extra in sorted(set(error.instance) - set(allowed), key=str):
            line, column = position(error.instance, extra, of_key=True)
            yield Problem(doc.path, line, column,
                          _unknown_key(extra, error.schema["properties"], where), "unknown-key")
        return
    if error.validator == "required":
        for name in error.validator_value:
            if name not in error.instance and not _misspelt(name, error, doc.kind):
                line, column = position(parent, key, of_key=True) if path else (1, 1)
                hint = _description(error.schema.get("properties", {}).get(name, {}))
                inside = f" in {where}" if where else ""
                yield Problem(doc.path, line, column,
                              f"Missing '{name}'{inside}. Add it{hint}", "missing-key")
        return
    line, column = position(parent, key) if path else (1, 1)
    yield Problem(doc.path, line, column, _value_message(error, where), f"schema-{error.validator}")


def _locate(data: Any, path: list) -> tuple[Any, Any]:
    """The container holding the value at path, and the value's key or index in it."""
    node = data
    for step in path[:-1]:
        node = node[step]
    return node, (path[-1] if path else None)


def _properties(node: Any, schema_path: list) -> dict:
    """The properties of the innermost object schema on the way to an error (if/then aside)."""
    found = node.get("properties", {}) if isinstance(node, dict) else {}
    for step in schema_path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "properties" in node:
            found = node["properties"]
    return found


def _where(path: list) -> str:
    """A reader's name for a place in the file: 'commitments item 2, text'."""
    parts = []
    for step in path:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1] if parts else 'list'} item {step + 1}"]
        else:
            parts.append(f"'{step}'" if not parts else str(step))
    return ", ".join(parts)


def _description(subschema: dict) -> str:
    """' (what the key holds).' from the schema, for the end of a message."""
    text = subschema.get("description")
    return f" ({text[0].lower()}{text[1:].rstrip('.')})." if text else "."


def _misspelt(name: str, error: Any, kind: str) -> bool:
    """A missing key that an unknown key nearly spells: 'Did you mean' says it already."""
    known = _properties(schema(kind), list(error.absolute_schema_path)) or \
        error.schema.get("properties", {})
    unknown = [str(k) for k in error.instance if k not in known]
    return bool(difflib.get_close_matches(name, unknown, n=1, cutoff=0.6))


def _unknown_key(key: object, properties: dict[str, dict], where: str) -> str:
    """Names the near miss and what it holds, from the schema, or lists what is allowed."""
    inside = f" in {where}" if where else ""
    close = difflib.get_close_matches(str(key), list(properties), n=1, cutoff=0.6)
    if close:
        return (f"Unknown key '{key}'{inside}. Did you mean '{close[0]}'"
                f"{_description(properties[close[0]]).rstrip('.')}?")
    return f"Unknown key '{key}'{inside}. The keys allowed here are: {', '.join(properties)}."


def _value_message(error: Any, where: str) -> str:
    value, name = error.instance, where or "The file"
    hint = _description(error.schema)
    if error.validator == "format" and PartialDate.parse(value) is not None:
        return (f"{name} is {_shown(value)}, outside the years {EARLIEST.year} to {LATEST.year} "
                "that pages and calendars can show. Check the year.")
    if error.validator == "format" and error.validator_value == "partial-date" or \
            error.validator == "type" and error.schema.get("format") == "partial-date":
        return (f"{name} should be a date as the document gives it: a day (2025-04-01), a "
                f"month (2008-08) or a year (2009), but it is {_shown(value)}. Leave it out "
                "if it is not known.")
    if error.validator == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        return f"{name} should be {words}, but it is {_shown(value)}{hint}"
    if error.validator == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        guess = f" Did you mean '{close[0]}'?" if close else ""
        return f"{name} is '{value}', which is not allowed.{guess} Use one of: {', '.join(options)}."
    if error.validator == "format" and error.validator_value == "date":
        return (f"{name} should be a real date written as year-month-day, such as 2025-04-01, "
                f"between {EARLIEST.year} and {LATEST.year}, but it is '{value}'.")
    if error.validator in ("format", "pattern"):
        return f"{name} is '{value}', which is not in the right form{hint}"
    if error.validator == "minItems":
        return f"{name} needs at least {error.validator_value} item(s){hint}"
    if error.validator == "minLength":
        return f"{name} is empty. Fill it in{hint}"
    if error.validator == "uniqueItems":
        return f"{name} lists the same thing more than once. Remove the repeat."
    if error.validator in ("minimum", "exclusiveMinimum"):
        return f"{name} is {value}, but it cannot be less than {error.validator_value}."
    return f"{name}: {error.message}"


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "empty"
    return "a list" if isinstance(value, list) else "a set of 'key: value' lines"


def did_you_mean(value: str, known: Iterable[str]) -> str:
    known = [k for k in known if isinstance(k, str) and k]  # a blank id is reported elsewhere
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""
