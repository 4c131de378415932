"""Options shared by the commands of ``storyline`` (cli.py and the commands defined beside
their code, such as ``sources/commands.py``)."""

from __future__ import annotations

from typing import Any

import click

from storyline.config import default

DB_HELP = "SQLite file of the store."


def db_option(function: Any) -> Any:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        default=str(default("db")),
        show_default=True,
        envvar="STORYLINE_DB",
        help=DB_HELP,
    )(function)


def output_option(function: Any) -> Any:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False),
        default="-",
        help="File to write (default: standard output).",
    )(function)
