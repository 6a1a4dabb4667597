"""The `compacts` command: check the data files (and, later, more)."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .site import read_site
from .problems import REPORTERS, default_format, errors, summary


BUG = ("This is a bug in the generator, please report it (with the lines above) at the "
       "project's issue tracker. Your data may be fine.")


def main(argv: list[str] | None = None) -> int:
    """Run a command; exit 1 for problems in the data, 2 for a bug of ours."""
    for stream in (sys.stdout, sys.stderr):  # never let an odd character stop the report
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except Exception:  # noqa: BLE001 - data problems never raise, so this is ours
        traceback.print_exc()
        print(BUG, file=sys.stderr)
        return 2


def _main(argv: list[str] | None = None) -> int:
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
    new = commands.add_parser("new", help="start a new data file, valid from the first save")
    kinds = new.add_subparsers(dest="kind", required=True)
    estate = kinds.add_parser("estate", help='compacts new estate <landlord> "<name>"')
    estate.add_argument("landlord")
    estate.add_argument("name")
    compact = kinds.add_parser("compact", help='compacts new compact <landlord> "<title>"')
    compact.add_argument("landlord")
    compact.add_argument("title")
    compact.add_argument("--scope", choices=["district", "local"], default="local")
    compact.add_argument("--estates", default="", help="for a local compact: oak-court,elm-park")
    results = kinds.add_parser("results", help="compacts new results <landlord> <period>")
    results.add_argument("landlord")
    results.add_argument("period", help="the year, such as 2026-27")
    landlord = kinds.add_parser("landlord", help='compacts new landlord "<name>"')
    landlord.add_argument("name")
    group = kinds.add_parser("group", help='compacts new group <landlord> "<name>" --kind scrutiny-panel')
    group.add_argument("landlord")
    group.add_argument("name")
    group.add_argument("--kind", dest="kind_of_group", default="tra", help="tra (default), scrutiny-panel, area-forum, ...")
    group.add_argument("--estates", default="", help="the estates it covers: oak-court,elm-park")
    review = kinds.add_parser("review", help='compacts new review <landlord> "<title>" --group scrutiny-panel')
    review.add_argument("landlord")
    review.add_argument("title")
    review.add_argument("--group", required=True, help="the group that did it, by file name")
    tsm = kinds.add_parser("tsm", help="compacts new tsm <landlord> <period>: a year's TSM pack")
    complaints = kinds.add_parser("complaints", help="compacts new complaints <landlord> <period>: "
                                  "a year's complaints report and Code self-assessment")
    for sub in (tsm, complaints):
        sub.add_argument("landlord")
        sub.add_argument("period", help="the year, such as 2026-27")
    for sub in (estate, compact, results, landlord, group, review, tsm, complaints):
        sub.add_argument("--root", type=Path, default=Path("."))
    schemas = commands.add_parser("schemas", help="write the JSON Schemas from the data model")
    schemas.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    if args.command == "new":
        return run_new(args)
    if args.command == "schemas":
        from .validate import write_schemas
        for path in write_schemas(args.root / "generator" / "schemas"):
            print(f"wrote {path}")
        return 0
    if args.command == "check":
        code = run_check(args.root, args.format)
        if args.translations and code == 0:
            code = run_translation_check(args.root)
        return code
    from .catalogs import update_catalogs
    return update_catalogs(args.root)


def run_new(args: argparse.Namespace) -> int:
    """Write a commented, valid file and say what to fill in next."""
    from .scaffold import (ScaffoldError, new_compact, new_estate, new_group, new_landlord,
                           new_results, new_review)

    try:
        if args.kind == "estate":
            made = new_estate(args.root, args.landlord, args.name)
        elif args.kind == "results":
            made = new_results(args.root, args.landlord, args.period)
        elif args.kind in ("tsm", "complaints"):
            from . import statutory_scaffold
            made = getattr(statutory_scaffold, f"new_{args.kind}")(args.root, args.landlord,
                                                                   args.period)
        elif args.kind == "landlord":
            made = new_landlord(args.root, args.name)
        elif args.kind == "review":
            made = new_review(args.root, args.landlord, args.title, args.group)
        elif args.kind == "group":
            made = new_group(args.root, args.landlord, args.name, args.kind_of_group,
                             _names(args.estates))
        else:
            made = new_compact(args.root, args.landlord, args.title, args.scope,
                               _names(args.estates))
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Created {made.path.relative_to(args.root)}. Next:")
    for number, step in enumerate(made.next_steps, start=1):
        print(f"  {number}. {step}")
    print("Then run 'compacts check' to make sure it is right.")
    return 0


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def run_check(root: Path, form: str) -> int:
    """Print every problem and a summary; 1 if any is an error."""
    if not (root / "compacts").is_dir() and not (root / "standards").is_dir():
        print(f"There are no compacts/ or standards/ folders in {root.resolve()}. Run this in "
              "the repository's top folder, or name it with --root.", file=sys.stderr)
        return 1
    checked = read_site(root, model=False)
    report = REPORTERS[form](checked.problems)
    if report:
        print(report)
    if form != "json":
        print(summary(checked.problems, checked.files))
    return 1 if errors(checked.problems) else 0


def run_translation_check(root: Path) -> int:
    """Print each language's completeness; 1 if one is below its required minimum."""
    from .checks import plugin_options
    from .history import read_history
    from .status import collect_usage, load_catalogs, report, translation_status

    options = plugin_options(root)[0]
    catalogs = load_catalogs(list(options.get("languages", ["en"])),
                             root / options.get("translations_dir", "translations"))
    site = read_site(root).site
    if site is None:
        return 1
    history = read_history(root, [c for landlord in site.landlords for c in landlord.compacts])
    usage = collect_usage(site, catalogs, history)
    text, ok = report(translation_status(usage, catalogs), options.get("minimum_translated", {}))
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
