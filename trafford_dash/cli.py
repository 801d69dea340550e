"""Command line: ``python -m trafford_dash {build, indicators, export, finance, payments}``.

Every failure ends with one sentence on standard error saying what to do, and a non-zero exit.
Exported rows keep their ``suppressed`` flag; a suppressed figure is never printed (the table format
shows the word "suppressed" in its place). Like the app's CSV files, they carry the indicator's title,
unit, source, licence and attribution, with figures rounded to the precision they were published with.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline import build, sources, suppression
from trafford_dash.spend import finance
from trafford_dash.store import catalogue, export, payment_schema, reader

EXPORT_LEVELS = config.LEVELS
LISTED_COLUMNS = ["indicator_id", "title", "unit", "definition", "period", "source"]
PAYMENTS_BY = ("year", "month", "unit", "category", "plan_category", "pillar", "supplier")
PAYMENTS_NOTE = (
    "Source: Trafford Council payments to suppliers (transparency code), published by Trafford Data Lab; "
    "Open Government Licence v3.0. Amounts in pounds, net of refunds; names of individuals are never shown."
)


class CliError(RuntimeError):
    """A problem with the command's input; the message is shown as it is."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one sentence (raised as :class:`CliError`), not a usage block."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message[:1].upper()}{message[1:]}; run `{self.prog} --help` for the options.")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m trafford_dash",
        description="Build and query the Trafford population-health data store.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("build", help="fetch, verify, validate and build the data store")
    run.add_argument("--mirror", type=Path, help=f"local mirror directory (else ${config.MIRROR_ENV})")
    run.add_argument("--force", action="store_true", help="rebuild even when the inputs are unchanged")
    run.add_argument("--quiet", action="store_true", help="print only the final line")

    listing = commands.add_parser(
        "indicators", help="list every indicator: id, title, unit, definition, period and source"
    )
    listing.add_argument("--format", choices=("table", "csv"), default="table")
    listing.add_argument(
        "--sync-coverage",
        action="store_true",
        help="maintainers: rewrite the catalogue's levels and ward_vintages from the built store",
    )

    rows = commands.add_parser("export", help="print one indicator's tidy rows")
    rows.add_argument("--indicator", required=True, help="indicator id, see `indicators`")
    rows.add_argument("--level", required=True, choices=EXPORT_LEVELS)
    rows.add_argument("--vintage", choices=("2022", "2023", "2011", "2021"), help="ward or LSOA vintage")
    rows.add_argument("--period", help="period label, or 'all' (default: the latest)")
    rows.add_argument("--sex", help="Persons, Male, Female or 'all' (default: Persons where it exists)")
    rows.add_argument("--age", default="All ages", help="age band or 'all' (default: All ages)")
    rows.add_argument("--format", choices=("table", "csv"), default="table")

    money = commands.add_parser("finance", help="print the plan's spend splits")
    money.add_argument("--format", choices=("table", "csv"), default="table")

    paid = commands.add_parser(
        "payments", help="print the Council's payments, net of refunds, by one dimension"
    )
    paid.add_argument("--by", required=True, help=f"one of {', '.join(PAYMENTS_BY)}")
    paid.add_argument("--year", help="financial year such as 2025/26 (default: every year)")
    paid.add_argument("--format", default="table", help="table or csv")
    return parser


def _emit(frame: pd.DataFrame, fmt: str) -> None:
    frame = suppression.mask(frame)
    if fmt == "csv":
        export.to_csv(frame, sys.stdout)
    else:
        if "suppressed" in frame and "value" in frame and frame["suppressed"].astype(bool).any():
            frame = frame.astype({"value": object})
            frame.loc[frame["suppressed"].astype(bool), "value"] = suppression.SUPPRESSED_LABEL
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            sys.stdout.write(frame.to_string(index=False) + "\n")


def _build(args: argparse.Namespace) -> None:
    def progress(fraction: float, message: str) -> None:
        if not args.quiet:
            sys.stderr.write(f"[{fraction * 100:5.1f}%] {message}\n")

    result = build.build(mirror=args.mirror, force=args.force, progress=progress)
    sys.stdout.write(f"{result.message} Store: {result.directory}\n")


def _indicators(args: argparse.Namespace) -> None:
    if args.sync_coverage:
        changed = catalogue.sync_coverage(reader.load_values())
        sys.stdout.write(
            f"Updated the coverage of {changed} catalogue rows; rebuild to refresh the reader.\n"
        )
        return
    _emit(catalogue.load_catalogue()[LISTED_COLUMNS], args.format)


def _export(args: argparse.Namespace) -> None:
    known = set(catalogue.load_catalogue()["indicator_id"])
    if args.indicator not in known:
        raise CliError(f"There is no indicator '{args.indicator}'; run `python -m trafford_dash indicators`.")
    rows = export.select_rows(
        args.indicator, args.level, vintage=args.vintage, period=args.period, sex=args.sex, age=args.age
    )
    if rows.empty:
        raise CliError(
            f"'{args.indicator}' has no values at {args.level} level for that selection; "
            "check the catalogue's levels column, or widen it with --age all, --sex all or --period all."
        )
    _emit(export.with_provenance(rows), args.format)


def _finance(args: argparse.Namespace) -> None:
    _emit(finance.load_finance_splits(), args.format)


def _payments(args: argparse.Namespace) -> None:
    from trafford_dash.store import payments

    if args.by not in PAYMENTS_BY:
        raise CliError(f"--by must be one of {', '.join(PAYMENTS_BY)}, not '{args.by}'.")
    if args.format not in ("table", "csv"):
        raise CliError(f"--format must be table or csv, not '{args.format}'.")
    if args.year is not None:
        payments.check_year(args.year)
    grouped = payments.totals([args.by], year=args.year)
    rows = pd.DataFrame(
        {
            args.by: grouped[args.by],
            "amount": [payments.pounds(pence) for pence in grouped["amount_pence"]],
            "payments": grouped["payments"],
        }
    )
    if args.format == "csv":
        rows.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200):
            sys.stdout.write(rows.to_string(index=False) + "\n")
    notes = [
        payments.part_year_note(year)
        for year in ([args.year] if args.year else payments.years()["financial_year"])
    ]
    sys.stderr.write(" ".join([PAYMENTS_NOTE, *[note for note in notes if note]]) + "\n")


COMMANDS = {
    "build": _build,
    "indicators": _indicators,
    "export": _export,
    "finance": _finance,
    "payments": _payments,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        args = _parser().parse_args(argv)
        COMMANDS[args.command](args)
    except (
        CliError,
        reader.StoreError,
        build.BuildError,
        catalogue.CatalogueError,
        sources.SourceError,
        payment_schema.PaymentsQueryError,
    ) as error:
        sys.stderr.write(f"{error}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(
            "Interrupted; nothing was changed (an unfinished build leaves the previous store).\n"
        )
        return 130
    except BrokenPipeError:
        return 0
    return 0
