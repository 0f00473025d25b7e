"""``incidentmap query`` and ``incidentmap stats``: look into a dataset of events.

Both read any dataset or incident file ``extract -o`` writes (.parquet, .gpkg, .csv,
.geojson, .jsonl) and call :mod:`incidentmap.dataset`; pandas is imported inside them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import app
from .common import (
    BboxOpt, CountryOpt, MinFatalitiesOpt, OutputOpt, OverwriteOpt, QuietOpt, SinceOpt, TypeOpt,
    UntilOpt, echo_err,
)

DatasetArg = Annotated[
    Path,
    typer.Argument(help="A dataset or incident file: .parquet, .gpkg, .csv, .geojson or .jsonl.",
                   show_default=False),
]
SourceOpt = Annotated[
    Optional[str],
    typer.Option("--source", help="Only events with a source whose publisher, URL, title or "
                                  "document id contains this text."),
]
PlotOpt = Annotated[
    Optional[Path],
    typer.Option("--plot", help="Also draw incidents per week by type into this PNG file."),
]


def _cell(v: Any) -> str:
    if v is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return str(v)


def events_table(df: Any, width: int = 110) -> str:
    """One line per event: date, type, place, deaths, number of sources, evidence."""
    if len(df) == 0:
        return "no events match\n"
    has_n = "n_sources" in df.columns
    lines = [f"{'date':<11}  {'type':<22}  {'place':<24}  {'cc':<2}  {'dead':>5}  {'src':>3}  evidence"]
    for r in df.to_dict("records"):
        date = _cell(r.get("event_date")) or "?"
        prec = _cell(r.get("date_precision"))
        if date != "?" and prec and prec != "day":
            date = f"~{date[:7]}" if prec == "month" else f"~{date}"
        place = _cell(r.get("location")) or "?"
        if _cell(r.get("place_precision")) in ("region", "country"):
            place = f"({place})"
        kind = _cell(r.get("type")) + (f"/{_cell(r.get('subtype'))}" if _cell(r.get("subtype")) else "")
        dead = _cell(r.get("fatalities"))
        if dead and _cell(r.get("fatalities_exact")).lower() in ("false", "0"):
            dead += "+"
        n = _cell(r.get("n_sources")) if has_n else "1"
        ev = " ".join(_cell(r.get("notes")).split())
        room = max(20, width - 80)
        ev = ev if len(ev) <= room else ev[: room - 1] + "…"
        lines.append(f"{date:<11}  {kind[:22]:<22}  {place[:24]:<24}  {_cell(r.get('country_code'))[:2]:<2}  "
                     f"{dead:>5}  {n:>3}  {ev}")
    return "\n".join(lines) + "\n"


@app.command("query")
def query_cli(
    dataset: DatasetArg,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    bbox: BboxOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    source: SourceOpt = None,
    output: OutputOpt = None,
    overwrite: OverwriteOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Select events from a dataset by type, date, country, box, deaths or source.

    Prints a table; with -o writes the selection in the format of the extension:
    .csv, .geojson, .jsonl, .parquet or .gpkg.

    Example:

        incidentmap query events.parquet --type arson,riot --since 2022-01-01 --country KZ
    """
    from .._io import check_writable
    from ..dataset import read_frame

    if output is not None:
        check_writable(output, overwrite)
    df = read_frame(dataset, types=type, since=since, until=until, country=country, bbox=bbox,
                    min_fatalities=min_fatalities, source=source)
    if output is None:
        typer.echo(events_table(df), nl=False)
        return
    from ..export import dataframe_to_incidents, write_incidents

    incidents = dataframe_to_incidents(df, str(dataset))
    write_incidents(incidents, output, overwrite=overwrite)
    echo_err(f"wrote {output} ({len(incidents)} event{'s' if len(incidents) != 1 else ''})", quiet)


@app.command("stats")
def stats_cli(
    dataset: DatasetArg,
    plot: PlotOpt = None,
    overwrite: OverwriteOpt = False,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Counts of events by type, month and country, and how precise their dates and places are.

    Example:

        incidentmap stats events.parquet --plot weekly.png
    """
    from .._io import check_writable
    from ..dataset import dataset_stats, format_stats, plot_weekly, read_frame

    if plot is not None:
        check_writable(plot, overwrite)
    df = read_frame(dataset, types=type, since=since, until=until, country=country)
    typer.echo(format_stats(dataset_stats(df)))
    if plot is not None:
        plot_weekly(df, plot, overwrite=overwrite, title=f"Incidents per week by type: {dataset.name}")
        echo_err(f"wrote {plot}", quiet)
