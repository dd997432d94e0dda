"""The lab's command line, built from its table (lab/cli/table.py): `python -m lab --help` lists every command."""

import sys
from types import SimpleNamespace

import click

from lab.settings import SettingsError, at_start

PROG = "python -m lab"


class _InTableOrder(click.Group):
    """Commands listed as the table orders them, each with its whole help and how long it takes."""

    def list_commands(self, ctx) -> list[str]:
        return list(self.commands)


def command_line() -> click.Group:
    """A click group of every command in the table; invoking one gives (name, handler, arguments)."""
    from lab.cli.table import COMMANDS

    group = _InTableOrder(
        context_settings={"max_content_width": 120},
        help="The lab's commands; `make <target>` runs them. Options' defaults come from the variables shown "
        f"as [env var: ...]; `{PROG} settings` lists every variable the lab reads.",
    )
    for entry in COMMANDS:
        described = f"{entry.help} ({entry.time})."

        def chosen(entry=entry, **args):
            return entry.name, entry.run, SimpleNamespace(**args)

        group.add_command(
            click.Command(entry.name, callback=chosen, params=list(entry.params), help=described, short_help=described)
        )
    return group


def main(argv: list[str] | None = None) -> int:
    """Read the settings, parse the command line and run a command; its exit status."""
    try:
        settings = at_start()
    except SettingsError as error:  # refused at start, before anything runs
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    from lab.cli.stopping import exit_status_when_stopped, stop_on_signals

    try:
        chosen = command_line().main(argv, prog_name=PROG, standalone_mode=False)
    except click.ClickException as error:  # a usage error, as argparse gave it: said on stderr, status 2
        error.show()
        raise SystemExit(error.exit_code) from None
    if not isinstance(chosen, tuple):  # --help, shown
        return chosen or 0
    name, handler, args = chosen
    stop_on_signals()
    try:
        return handler(args, settings)
    except KeyboardInterrupt:  # a bench or an experiment: its launcher has stopped what it started on the way out
        print("interrupted: everything the lab started has stopped", file=sys.stderr, flush=True)
        return exit_status_when_stopped()
    except RuntimeError as error:  # the lab's own errors: what went wrong, and where its logs are
        print(f"{PROG} {name}: {error}", file=sys.stderr, flush=True)
        return 1
