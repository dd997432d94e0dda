"""Arguments and options of the commands. An option that a variable sets too is declared by the setting it
mirrors (lab/settings.py): its variable, type, default and help come from there, and click reads the variable."""

import click
from pydantic_settings import BaseSettings

from lab.launch.architectures import ARCHITECTURES
from lab.settings import LabSettings, SettingsError, check, variable


class _Setting(click.ParamType):
    """A value checked as the setting of the same name checks its variable."""

    def __init__(self, field: str, settings: type[BaseSettings] = LabSettings):
        self.name, self.field, self.settings = field, field, settings

    def convert(self, value, param, ctx):
        try:
            return check(self.settings, self.field, value)
        except SettingsError as error:
            self.fail(str(error), param, ctx)


def setting(
    flag: str, field: str, kind: click.ParamType | None = None, settings: type[BaseSettings] = LabSettings
) -> click.Option:
    """An option whose default is the variable of a setting (REPEAT for repeat; of ClusterSettings if given)."""
    info = settings.model_fields[field]
    return click.Option(
        [flag],
        type=kind or _Setting(field, settings),
        envvar=variable(settings, field),
        show_envvar=True,
        default=info.default,
        help=info.description,
    )


def architecture(required: bool = True) -> click.Argument:
    return click.Argument(
        ["architecture"], type=click.Choice(list(ARCHITECTURES)), required=required, metavar="ARCHITECTURE"
    )


CTRL_C = click.Option(
    ["--ctrl-c-status"],
    type=click.Choice(["0", "130"]),
    default="130",
    callback=lambda _ctx, _param, value: int(value),
    help="exit status once Ctrl-C has stopped everything (default 130, as shells expect; make passes 0, since make "
    "dies of the same Ctrl-C, which tells the shell, and would add an error line for 130)",
)
