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
    translations = commands.add_parser("translations", help="work with translation catalogs")
    translations.add_argument("action", choices=["update"],
                              help="update: extract every string into translations/*.po")
    translations.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.root, args.format)
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


if __name__ == "__main__":
    sys.exit(main())
