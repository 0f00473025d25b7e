"""``incidentmap render``: incidents on a self-contained, embeddable map."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .options import (
    GeocodeCacheOpt, GeocodeOpt, GeocoderOpt, GeocoderUrlOpt, echo_geocode_summary,
    geocoder_from_cli,
)
from .common import (
    BboxOpt, CountryOpt, DaskOpt, DateFieldOpt, DateOpt, EncodingOpt, GazetteerOpt, IdFieldOpt,
    MinFatalitiesOpt, OverwriteOpt, QuietOpt, SinceOpt, TextFieldOpt, TypeOpt, UntilOpt,
    WorkersOpt, choose_workers, echo_err, load_gazetteer_opt, report_loaded,
)

InputsArg = Annotated[
    list[str],
    typer.Argument(help="Articles (.txt, .md, .html, JSONL corpora, folders, - for stdin) and/or "
                        "incident files written by `extract` (.csv, .geojson, .jsonl), mixed.",
                   show_default=False),
]
MapOutputOpt = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="The HTML file to write (default: "
                                        "maps/<first input's name>.html)."),
]


def default_output(first_input: str) -> Path:
    """``maps/<stem>.html`` for the first input (``maps/stdin.html`` for ``-``)."""
    if first_input == "-":
        return Path("maps") / "stdin.html"
    name = Path(first_input.rstrip("/")).name or "map"
    for ext in (".gz", ".jsonl", ".ndjson", ".geojson", ".csv", ".json", ".txt", ".md",
                ".html", ".htm", ".parquet", ".gpkg"):
        if name.lower().endswith(ext):
            name = name[: -len(ext)]
    return Path("maps") / f"{name or 'map'}.html"


@app.command("render")
def render_cli(
    inputs: InputsArg,
    output: MapOutputOpt = None,
    overwrite: OverwriteOpt = False,
    date: DateOpt = None,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    bbox: BboxOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Title above the map "
                     "(default: 'Incidents in <country>, <dates>').")] = None,
    caption: Annotated[Optional[str], typer.Option("--caption", help="One line under the "
                       "title (default: a summary).")] = None,
    tiles: Annotated[str, typer.Option("--tiles", help="Basemap: cartodbpositron (quiet, "
                     "light), openstreetmap, or none (no network: plain background and "
                     "country outlines).")] = "cartodbpositron",
    width: Annotated[Optional[str], typer.Option("--width", help="Page width (800, 800px, "
                     "100%); default: fill the frame.")] = None,
    height: Annotated[Optional[str], typer.Option("--height", help="Page height; default: "
                      "fill the frame.")] = None,
    timeline: Annotated[bool, typer.Option("--timeline", help="Add a time slider that plays "
                        "the incidents day by day.")] = False,
    heatmap: Annotated[bool, typer.Option("--heatmap", help="Add a density layer, for dense "
                       "data.")] = False,
    embed: Annotated[bool, typer.Option("--embed", help="Also print an <iframe> snippet and "
                     "save it as NAME.embed.html next to the map.")] = False,
    encoding: EncodingOpt = None,
    gazetteer: GazetteerOpt = None,
    text_field: TextFieldOpt = "text",
    id_field: IdFieldOpt = "id",
    date_field: DateFieldOpt = "date",
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
    quiet: QuietOpt = False,
    geocode: GeocodeOpt = None,
    geocoder: GeocoderOpt = None,
    geocoder_url: GeocoderUrlOpt = None,
    geocode_cache: GeocodeCacheOpt = None,
) -> None:
    """Draw incidents on a self-contained HTML map, ready to embed next to a story.

    INPUT is any mix of articles (extracted now) and incident files written by
    `incidentmap extract` (so you can correct a CSV by hand and map the corrected file).
    The map has a layer per incident type, a legend that turns types on and off, popups with
    the evidence and source, and works offline with --tiles none.

    Example:

        incidentmap render seeds/kazakhstan-unrest-nypost-2022-01-07.txt -o maps/kazakhstan.html
    """
    from .._io import check_writable
    from ..errors import InputError
    from ..filters import filter_incidents
    from ..pipeline import load_incidents
    from ..render import TILES_CHOICES, embed_snippet, render_map, save_map

    out = output if output is not None else default_output(inputs[0])
    if out.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"{out}: a map is an HTML page; give -o a name ending in .html.")
    tiles_key = tiles.lower()
    if tiles_key not in TILES_CHOICES:
        raise InputError(f"--tiles {tiles!r}: choose one of {', '.join(TILES_CHOICES)}.")
    check_writable(out, overwrite)
    embed_path = out.with_name(out.stem + ".embed.html")
    if embed:
        check_writable(embed_path, overwrite)
    filters = dict(types=type, since=since, until=until, country=country, bbox=bbox,
                   min_fatalities=min_fatalities)
    filter_incidents([], **filters)  # validate the options before the long part

    online = geocoder_from_cli(geocode, geocoder, geocoder_url, geocode_cache)
    gaz = load_gazetteer_opt(gazetteer)
    loaded = load_incidents(inputs, published=date, gazetteer=gaz, geocoder=online,
                            encoding=encoding, text_field=text_field, id_field=id_field,
                            date_field=date_field, workers=choose_workers(inputs, workers),
                            dask=dask, progress=False if quiet else None)
    report_loaded(loaded, quiet)
    if not quiet:
        echo_geocode_summary(online)
    incidents = filter_incidents(loaded.incidents, **filters)
    if not incidents:
        echo_err("note: no incident to draw (after filters); the map is empty.", quiet)
    m = render_map(incidents, title=title, caption=caption, tiles=tiles_key, width=width,
                   height=height, timeline=timeline, heatmap=heatmap,
                   sources=loaded.articles or None, gazetteer=gaz)
    save_map(m, out, overwrite=overwrite)
    n_types = len({i.type for i in incidents})
    placed = sum(1 for i in incidents if i.place is not None)
    typer.echo(str(out))
    summary = (f"{len(incidents)} incident{'s' if len(incidents) != 1 else ''}, {n_types} "
               f"type{'s' if n_types != 1 else ''}")
    if placed != len(incidents):
        summary += f" ({len(incidents) - placed} without a place, not drawn)"
    echo_err(summary, quiet)
    if embed:
        import html

        shown_title = html.unescape(m.get_root().title or "") or "Incident map"
        snippet = embed_snippet(out.name, title=shown_title)
        from .._io import atomic_write_text

        atomic_write_text(embed_path, snippet + "\n", overwrite=overwrite)
        typer.echo(snippet)
