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
                 exists=False, dir_okay=False),
]
OutputOpt = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write here; the format comes from the extension.",
                 dir_okay=False),
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
    Optional[int], typer.Option("--min-fatalities", help="Only with at least N deaths.", min=0)]


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
        return reason.split(" (")[0].split(";")[0]

    counts = Counter(short(s.reason) for s in skipped)
    parts = ", ".join(f"{n} {r}" for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    noun = "document" if len(skipped) == 1 else "documents"
    return f"skipped {len(skipped)} {noun}: {parts}"
