"""Personal data: organisational contacts only, unless a council says otherwise.

A compact is public and lasts for years, so a volunteer's mobile number or a person's
name, once published, stays published (old versions are rebuilt from git history). The
check warns (or, where a council sets `privacy: {personal_data: error}` in site_config.yml,
errors) about:

- mobile numbers and personal email addresses (free mail providers) anywhere in the data;
- people's names in the fields that invite them: who signed (`signed_by`), who took part
  in a review (`participants`), who owns an action (`owner`), a TRA's contact details.

A role address the council does mean to publish is listed under
`privacy: {published_contacts: [chair@oakcourt-tra.org.uk]}` and is not reported.
`privacy: {redact: [Jane Smith]}` removes a name from every version page built from the
history; `check` reports the name wherever the current data still holds it.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterator


from .loader import Document, position
from .problems import Problem

REDACTED = "(name removed)"
_MOBILE = re.compile(r"(?:\+\s*44|\b0044|\b0)\s*\(?0?\)?\s*7(?:[\s.-]?\d){9}\b")
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
FREE_MAIL = re.compile(r"(gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|icloud|me|mac|"
                       r"aol|btinternet|btopenworld|sky|virginmedia|talktalk|tiscali|ntlworld|"
                       r"protonmail|proton|gmx|mail|zoho)\.[a-z.]+", re.IGNORECASE)
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "cllr", "councillor", "rev", "sir", "dame",
           "prof", "lord", "lady"}
# Words that make a capitalised phrase a role or an organisation, not a person.
_ROLE_WORDS = set("""
council councils officer officers chair chairs vice secretary treasurer manager managers team
teams federation association associations panel panels group groups forum forums committee
director head lead member members representative representatives tenant tenants resident
residents housing services service department worker workers adviser advisor advisers
coordinator co-ordinator board trust limited ltd homes partnership network centre church
school club society office unit staff cabinet mayor chief executive inspector inspectors
scrutiny hub estate estates court road lane street park green hill fields district borough
city county area north south east west central community development involvement support
lettings communications repairs tra tmo organisation organization company authority
independent contractor agent agency assistant clerk caretaker warden the of for and
""".split())
_INVITING = {("compact", "parties", "signed_by"), ("compact", "reviews", "participants"),
             ("compact", "action_plan", "owner"), ("estate", "tra", "contact"),
             ("group", "contact")}


def check_privacy(docs: list[Document], options: dict[str, Any]) -> Iterator[Problem]:
    """Personal data in the data files, at the value's position."""
    level = "error" if options.get("personal_data") == "error" else "warning"
    intended = {_normal(str(v)) for v in options.get("published_contacts") or []}
    redact = [_pattern(str(n)) for n in options.get("redact") or [] if str(n).strip()]
    for doc in docs:
        for node, key, value, path in _strings(doc.data):
            for name in redact:
                if name.search(value):
                    yield Problem(doc.path, *position(node, key), "This holds a name on the redaction "
                                  "list (privacy: redact in site_config.yml). Remove it: the "
                                  "site must not show it.", "redacted-name")
            for reason in _personal(doc.kind, path, value, intended):
                yield Problem(doc.path, *position(node, key), reason, "personal-data", level)


def _personal(kind: str, path: tuple, value: str, intended: set[str]) -> Iterator[str]:
    for match in _MOBILE.finditer(value):
        if _normal(match.group()) not in intended:
            yield ("This looks like a personal mobile number. Publish an organisation's number "
                   "instead, or list it under privacy: published_contacts in site_config.yml "
                   "if it is a role's phone meant to be public.")
    for match in _EMAIL.finditer(value):
        if FREE_MAIL.fullmatch(match.group(1)) and _normal(match.group()) not in intended:
            yield ("This looks like a personal email address. Publish an organisation's "
                   "address instead, or list it under privacy: published_contacts in "
                   "site_config.yml if it is a role's address meant to be public.")
    if _invites_names(kind, path) and _normal(value) not in intended and looks_like_name(value):
        yield ("This looks like a person's name. Write the role instead (such as 'Chair, "
               "Oak Court TRA'): names stay on the site, in every version, for years.")


def _invites_names(kind: str, path: tuple) -> bool:
    keys = [p for p in path if isinstance(p, str)]
    return any(kind == k and set(rest) <= set(keys) for k, *rest in _INVITING)


def looks_like_name(text: str) -> bool:
    """A part of the text that reads as a person's name: 'Jane Smith', 'Cllr J. Smith'."""
    for part in re.split(r"[,;:()/]|\band\b|&| - ", text):
        words = part.split()
        if not words:
            continue
        if len(words) >= 2 and words[0].lower().rstrip(".") in _TITLES:
            return True
        if 2 <= len(words) <= 4 and \
                all(re.fullmatch(r"[A-Z][a-z'\u2019-]+|[A-Z]\.?", w) for w in words) and \
                not any(w.lower().rstrip(".") in _ROLE_WORDS for w in words):
            return True
    return False


def _strings(data: Any) -> Iterator[tuple[Any, Any, str, tuple]]:
    """(container, key, text, path) of every text in a file, without recursion."""
    stack = [(data, ())]
    while stack:
        node, path = stack.pop()
        items = node.items() if isinstance(node, dict) else \
            enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(value, str):
                yield node, key, value, path + (key,)
            elif isinstance(value, (dict, list)):
                stack.append((value, path + (key,)))


def _normal(text: str) -> str:
    """Compare contacts without spaces, dashes or case: '07700 900 211' = '07700900211'."""
    return re.sub(r"[\s().-]", "", text).lower()


@functools.lru_cache(maxsize=256)
def _pattern(name: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(w) for w in name.split()), re.IGNORECASE)


def redact(data: Any, names: list[str]) -> Any:
    """The data with every listed name replaced, in every text (for past versions)."""
    if not names:
        return data
    patterns = [_pattern(n) for n in names if n.strip()]
    for node, key, value, _ in list(_strings(data)):
        for pattern in patterns:
            value = pattern.sub(REDACTED, value)
        node[key] = value
    return data
