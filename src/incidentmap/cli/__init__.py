"""The ``incidentmap`` command line: a thin layer over the library.

Each command lives in a module named for its verb (``places.py``, ``extract.py``,
``render.py`` ...), as rasterio's ``rio`` does.  A command parses its arguments, makes one
library call and prints; errors are turned into one line and a non-zero exit here, once, by
:class:`_Group`.  Heavy libraries (folium, pandas, geopy) are imported inside the commands that
need them, so ``incidentmap places`` starts fast.
"""

from __future__ import annotations

import os
import sys

import typer
import typer.core

from ..errors import IncidentmapError

__all__ = ["app", "main"]


class _Group(typer.core.TyperGroup):
    """Turns our exceptions into ``Error: <message>`` and exit code 1 (2 for usage)."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except IncidentmapError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # `incidentmap places corpus.jsonl | head`: stop quietly, as Unix tools do.
            raise typer.Exit(0) from None
        except MemoryError:
            typer.echo("Error: out of memory; split the input or use --workers 1.", err=True)
            raise typer.Exit(1) from None
        except Exception as exc:
            # Usage errors come from the command-line parser (click, vendored or not by
            # typer): one line too, naming the help to read, with click's exit code (2).
            if type(exc).__module__.split(".")[0] in ("click", "typer"):
                message = getattr(exc, "format_message", None)
                code = getattr(exc, "exit_code", None)
                if message is None or code is None:
                    raise
                sub = getattr(exc, "ctx", None)
                hint = f" Try '{sub.command_path} --help'." if sub is not None else ""
                text = " ".join(message().split()).rstrip()
                if text and text[-1] not in ".!?":
                    text += "."
                typer.echo(f"Error: {text}{hint}", err=True)
                raise typer.Exit(code) from None
            if os.environ.get("INCIDENTMAP_DEBUG"):
                raise
            # A bug of ours: one line, and the traceback on request.
            typer.echo(
                f"Error: internal error ({type(exc).__name__}: {exc}); "
                "run again with INCIDENTMAP_DEBUG=1 for the traceback and report it.",
                err=True,
            )
            raise typer.Exit(3) from None


app = typer.Typer(
    cls=_Group,
    name="incidentmap",
    help="Turn news text into maps of what happened where.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True),
) -> None:
    """Turn news text into maps of what happened where.

    Example:

        incidentmap render seeds/kazakhstan-unrest-nypost-2022-01-07.txt
    """
    if version:
        from .. import __version__

        typer.echo(f"incidentmap {__version__}")
        raise typer.Exit(0)


def _load_commands() -> None:
    # Imported for their side effect of registering commands on `app`; each module keeps
    # its heavy imports inside its command functions.
    import importlib

    for name in ("places", "extract", "render", "geocode", "dataset"):
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise


_load_commands()


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
