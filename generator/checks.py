"""Checks that need the whole repository, not only the data files: catalogs, addresses,
links in docs/ and theme/, and personal data. `read_site` runs them, so `compacts check`
and the build report the same problems."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .addresses import check_addresses
from .catalog_check import check_catalogs
from .loader import Document
from .problems import Problem
from .safety import walk

CONFIG = "site_config.yml"


def site_checks(root: Path, docs: list[Document], options: dict[str, Any]) -> list[Problem]:
    """options: the plugin's, from plugin_options (personal data is checked file by file,
    in filecheck)."""
    problems: list[Problem] = []
    codes = [str(c) for c in options.get("languages", ["en"]) if isinstance(c, str)]
    catalogs = str(options.get("translations_dir", "translations"))
    problems += walk(root, ("docs", "theme", catalogs))[1]  # never read or copied through a link
    problems += check_catalogs(root, catalogs, codes)
    problems += check_addresses(docs, root, codes)
    return problems


def plugin_options(root: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The compacts plugin's options in site_config.yml, or a problem saying why not."""
    path = root / CONFIG
    if not path.is_file() or path.is_symlink():
        return {}, []
    try:
        config = YAML(typ="rt", pure=True).load(path.read_text("utf-8"))
    except (YAMLError, UnicodeDecodeError, ValueError) as err:
        mark = getattr(err, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return {}, [Problem(CONFIG, line, column, f"{CONFIG} could not be read ({err}).",
                            "config")]
    for plugin in (config or {}).get("plugins", []) if isinstance(config, dict) else []:
        if isinstance(plugin, dict) and "compacts" in plugin:
            options = plugin["compacts"] or {}
            return (options if isinstance(options, dict) else {}), []
    return {}, []
