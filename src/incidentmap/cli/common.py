"""Options shared by the commands that read articles, defined once (like rasterio's
``rio/options.py``) so that every command spells and explains them the same way.

| option | used by |
|---|---|
| FILES (``-`` = stdin), ``--date``, ``--encoding`` | places, extract, render |
| ``--text-field``, ``--id-field``, ``--date-field`` | places, extract, render |
| ``--gazetteer`` | places, extract, render, geocode |
| ``-o/--output``, ``--overwrite`` | places, extract, render, query |
| ``--type``, ``--since``, ``--until``, ``--country``, ``--bbox``, ``--min-fatalities`` | extract, render, query |
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

FilesArg = Annotated[
    list[str],
    typer.Argument(help="Articles: .txt, .md, .html, JSONL corpora (also .gz), folders, "
                        "or - for standard input.", show_default=False),
]
DateOpt = Annotated[
    Optional[str],
    typer.Option("--date", help="Publication date (YYYY-MM-DD) for articles that do not "
                                "give their own; anchors 'Thursday', 'yesterday'."),
]
EncodingOpt = Annotated[
    Optional[str],
    typer.Option("--encoding", help="Text encoding of the inputs (default: UTF-8)."),
]
TextFieldOpt = Annotated[str, typer.Option("--text-field", help="JSONL field with the text.")]
IdFieldOpt = Annotated[str, typer.Option("--id-field", help="JSONL field with the document id.")]
DateFieldOpt = Annotated[
    str, typer.Option("--date-field", help="JSONL field with the publication date.")]
GazetteerOpt = Annotated[
    Optional[Path],
    typer.Option("--gazetteer", help="CSV of your own places (name, alternate_names, lat, lon, "
                                     "kind, country) that take precedence over the bundled ones.",
                 exists=False),
]
OutputOpt = Annotated[
    Optional[Path],
    # No dir_okay=False: click would answer a folder with a boxed usage error; the
    # command's own check says it in one line.
    typer.Option("--output", "-o", help="Write here; the format comes from the extension."),
]
OverwriteOpt = Annotated[bool, typer.Option("--overwrite", help="Replace an existing output.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")]

TypeOpt = Annotated[
    Optional[str],
    typer.Option("--type", help="Only these incident types, comma-separated (arson,riot).")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Only from this date on (YYYY-MM-DD).")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Only up to this date (YYYY-MM-DD).")]
CountryOpt = Annotated[
    Optional[str], typer.Option("--country", help="Only in these countries (ISO codes: KZ,KG).")]
BboxOpt = Annotated[
    Optional[str], typer.Option("--bbox", help="Only inside this box: W,S,E,N in degrees.")]
MinFatalitiesOpt = Annotated[
    # No min=0 here: filters.filter_incidents refuses a negative number in one line, where
    # click would draw a boxed usage error.
    Optional[int], typer.Option("--min-fatalities", help="Only with at least N deaths.")]


def load_gazetteer_opt(path: Path | None) -> Any:
    """The gazetteer for a command: the bundled one, with the user's CSV on top if given."""
    from ..gazetteer import load_gazetteer

    return load_gazetteer(user_entries=path) if path else load_gazetteer()


def echo_err(msg: str, quiet: bool = False) -> None:
    """A line for the user on stderr (stdout stays clean for data)."""
    if not quiet:
        typer.echo(msg, err=True)


def skipped_summary(skipped: list[Any]) -> str:
    """'skipped 3 documents: 2 not JSON, 1 empty' — reasons grouped, most frequent first."""
    from collections import Counter

    def short(reason: str) -> str:
        return reason.split(" (")[0].split(";")[0].rstrip(".")

    counts = Counter(short(s.reason) for s in skipped)
    parts = ", ".join(f"{n} {r}" for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    noun = "document" if len(skipped) == 1 else "documents"
    return f"skipped {len(skipped)} {noun}: {parts}"


WorkersOpt = Annotated[
    Optional[int],
    typer.Option("--workers", "-w", help="Processes to run the pipeline in (default: "
                 "all cores for a corpus, one for a single article).", show_default=False)]
DaskOpt = Annotated[
    Optional[str],
    typer.Option("--dask", metavar="ADDRESS", help="Run on a Dask cluster: a scheduler "
                 "address (tcp://host:8786) or 'local' for a LocalCluster on this machine. "
                 "Needs `pip install incidentmap[dask]`.")]


def choose_workers(files: list[str], workers: int | None) -> int:
    """All cores for a corpus (a folder, a JSONL file, several inputs), one for an article:
    starting worker processes costs more than one article takes."""
    if workers is not None:
        if workers < 1:
            from ..errors import InputError

            raise InputError(f"--workers {workers}: give 1 or more processes.")
        return workers
    from ..parallel import default_workers

    single = len(files) == 1 and files[0] != "-" and Path(files[0]).is_file() and not \
        Path(files[0]).name.lower().endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"))
    return 1 if single else default_workers()


def report_loaded(loaded: Any, quiet: bool) -> None:
    """What every command that reads articles tells the user about them.

    Nothing readable at all is an error (the first reason, on one line); otherwise skipped
    documents are counted, and articles without a publication date are named once, with the
    ways to give one.
    """
    if not loaded.articles and not loaded.incidents and loaded.skipped:
        raise nothing_read(loaded.skipped)
    if loaded.skipped:
        echo_err(skipped_summary(loaded.skipped), quiet)
    note_undated([a.id for a in loaded.articles if a.published is None], quiet)


def nothing_read(skipped: list[Any]) -> Exception:
    """The error for input with no readable document: the first reason, on one line."""
    from ..errors import InputError

    first = skipped[0]
    more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
    return InputError(f"{first.where}: {first.reason}{more}")


def note_undated(ids: list[str], quiet: bool) -> None:
    """Tell the user once which articles lack a publication date, and how to give one."""
    if ids:
        echo_err(f"note: no publication date for {len(ids)} article(s) "
                 f"({ids[0]}{', ...' if len(ids) > 1 else ''}); relative dates such as "
                 "'Thursday' stay unresolved. Give one with --date YYYY-MM-DD, front matter "
                 "'date:', an HTML meta tag, or a JSONL 'date' field.", quiet)
