"""The `compacts` command: check the data files (and, later, more)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model import read_site
from .problems import REPORTERS, default_format, errors, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="compacts", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every data file and report all problems")
    check.add_argument("--format", choices=sorted(REPORTERS), default=default_format(),
                       help="text (default), github (annotations on a pull request) or json")
    check.add_argument("--root", type=Path, default=Path("."),
                       help="the folder holding compacts/ and standards/ (default: here)")
    check.add_argument("--translations", action="store_true",
                       help="also report how complete each language is, page by page, and "
                            "fail below the minimum_translated set in site_config.yml")
    translations = commands.add_parser("translations", help="work with translation catalogs")
    translations.add_argument("action", choices=["update"],
                              help="update: extract every string into translations/*.po")
    translations.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    if args.command == "check":
        code = run_check(args.root, args.format)
        if args.translations and code == 0:
            code = run_translation_check(args.root)
        return code
    from .catalogs import update_catalogs
    return update_catalogs(args.root)


def run_check(root: Path, form: str) -> int:
    """Print every problem and a summary; 1 if any is an error."""
    if not (root / "compacts").is_dir() and not (root / "standards").is_dir():
        print(f"There are no compacts/ or standards/ folders in {root.resolve()}. Run this in "
              "the repository's top folder, or name it with --root.", file=sys.stderr)
        return 1
    checked = read_site(root)
    report = REPORTERS[form](checked.problems)
    if report:
        print(report)
    if form != "json":
        print(summary(checked.problems, checked.files))
    return 1 if errors(checked.problems) else 0


def run_translation_check(root: Path) -> int:
    """Print each language's completeness; 1 if one is below its required minimum."""
    from .catalogs import plugin_options
    from .history import read_history
    from .status import collect_usage, load_catalogs, report, translation_status

    options = plugin_options(root)
    catalogs = load_catalogs(list(options.get("languages", ["en"])),
                             root / options.get("translations_dir", "translations"))
    site = read_site(root).site
    history = read_history(root, [c for landlord in site.landlords for c in landlord.compacts])
    usage = collect_usage(site, catalogs, history)
    text, ok = report(translation_status(usage, catalogs), options.get("minimum_translated", {}))
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
