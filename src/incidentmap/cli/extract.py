"""``incidentmap extract``: the incidents articles report, as a table or a dataset file."""

from __future__ import annotations

import itertools
from typing import Annotated, Any

import typer

from . import app
from .common import (
    BboxOpt, CountryOpt, DaskOpt, DateFieldOpt, DateOpt, EncodingOpt, FilesArg, GazetteerOpt,
    IdFieldOpt, MinFatalitiesOpt, OutputOpt, OverwriteOpt, QuietOpt, SinceOpt, TextFieldOpt,
    TypeOpt, UntilOpt, WorkersOpt, choose_workers, echo_err, load_gazetteer_opt, note_undated,
    nothing_read, report_loaded,
)
from .options import (
    GeocodeCacheOpt, GeocodeOpt, GeocoderOpt, GeocoderUrlOpt, echo_geocode_summary,
    geocoder_from_cli,
)


def incidents_table(incidents: list[Any], width: int = 118) -> str:
    """A readable table: one line per incident, evidence cut to fit.

    ``~`` before a date marks one known only roughly; a place in brackets is known only to a
    region or country; ``12+`` is a lower bound ("dozens").
    """
    if not incidents:
        return "no incidents found\n"
    lines = [f"{'date':<11}  {'type':<26}  {'place':<24}  {'dead':>5}  {'hurt':>5}  evidence"]
    for inc in incidents:
        date = inc.date.isoformat() if inc.date else "?"
        if inc.date and inc.date_precision != "day":
            date = f"~{date[:7]}" if inc.date_precision == "month" else f"~{date}"
        place = inc.place.name if inc.place else "?"
        if inc.origin is not None:
            place = f"{inc.origin.name} -> {place}"
        if inc.geo_precision in ("region", "country") and inc.place is not None:
            place = f"({place})"

        def n(c: Any) -> str:
            return "" if c is None else (f"{c.value}" if c.exact else f"{c.value}+")

        ev = " ".join(inc.evidence[0].text.split()) if inc.evidence else ""
        room = max(20, width - 82)
        ev = ev if len(ev) <= room else ev[: room - 1] + "…"
        kind = inc.type + (f"/{inc.subtype}" if inc.subtype else "")
        lines.append(f"{date:<11}  {kind[:26]:<26}  {place[:24]:<24}  {n(inc.fatalities):>5}  "
                     f"{n(inc.injured):>5}  {ev}")
    return "\n".join(lines) + "\n"


@app.command("extract")
def extract_cli(
    files: FilesArg,
    output: OutputOpt = None,
    overwrite: OverwriteOpt = False,
    date: DateOpt = None,
    type: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    bbox: BboxOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
    append: Annotated[bool, typer.Option(
        "--append", help="Add these articles to the existing dataset -o names, merging "
        "events it already holds; articles it holds are not read twice.")] = False,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue a run that was interrupted (Ctrl-C, a killed process, a "
        "lost worker); ends with the dataset an uninterrupted run writes.")] = False,
    encoding: EncodingOpt = None,
    gazetteer: GazetteerOpt = None,
    text_field: TextFieldOpt = "text",
    id_field: IdFieldOpt = "id",
    date_field: DateFieldOpt = "date",
    quiet: QuietOpt = False,
    geocode: GeocodeOpt = None,
    geocoder: GeocoderOpt = None,
    geocoder_url: GeocoderUrlOpt = None,
    geocode_cache: GeocodeCacheOpt = None,
) -> None:
    """Find the incidents articles report: what happened, when, where, to whom.

    Without -o, prints a table. With -o, writes one dataset of events, the same event
    reported by several articles merged into one (n_sources), in the format of the
    extension: .csv (ACLED-compatible columns first), .geojson (RFC 7946), .jsonl (one full
    record per line), .parquet (GeoParquet) or .gpkg (GeoPackage). Beside it:
    NAME.reports.EXT (every article's report, for audit) and, when documents could not be
    read, OUTPUT.skipped.jsonl with the reasons.

    Example:

        incidentmap extract seeds/kazakhstan-unrest-nypost-2022-01-07.txt -o incidents.csv
    """
    from ..errors import InputError
    from ..filters import filter_incidents

    if (append or resume) and output is None:
        raise InputError("--append and --resume work on a dataset file: give it with -o.")
    filters = dict(types=type, since=since, until=until, country=country, bbox=bbox,
                   min_fatalities=min_fatalities)
    # Validate the filters before the (possibly long) extraction, not after it.
    filter_incidents([], **filters)
    online = geocoder_from_cli(geocode, geocoder, geocoder_url, geocode_cache)
    n_workers = choose_workers(files, workers)

    if output is None:
        from ..pipeline import load_incidents

        loaded = load_incidents(files, published=date, gazetteer=load_gazetteer_opt(gazetteer),
                                geocoder=online, encoding=encoding, text_field=text_field,
                                id_field=id_field, date_field=date_field, workers=n_workers,
                                dask=dask, progress=False if quiet else None)
        report_loaded(loaded, quiet)
        if not quiet:
            echo_geocode_summary(online)
        typer.echo(incidents_table(filter_incidents(loaded.incidents, **filters)), nl=False)
        return

    from ..dataset import build_dataset, pipeline_process
    from ..export import check_format
    from ..read import Skipped, read_articles

    from .._io import check_output_place

    check_output_place(output)  # a folder or a path under a file: one line, before any work
    check_format(output)  # an unknown extension or a missing extra fails before any work
    if gazetteer is not None:
        # Workers load it per document batch: a bad file would make every document a
        # "skipped" one and leave an empty dataset, where the user needs one line now.
        load_gazetteer_opt(gazetteer)
    active = any(v not in (None, "") for v in filters.values())
    undated: list[str] = []

    stream = read_articles(files, encoding=encoding, published=date, text_field=text_field,
                           id_field=id_field, date_field=date_field, on_error="skip")
    # Read up to the first good article before touching any output: input with nothing
    # readable is an error with its reason, and leaves no file behind.
    head: list[Any] = []
    for item in stream:
        head.append(item)
        if not isinstance(item, Skipped):
            break
    if head and all(isinstance(i, Skipped) for i in head):
        raise nothing_read(head)

    def articles():
        for item in itertools.chain(head, stream):
            if not isinstance(item, Skipped) and item.published is None:
                undated.append(item.id)
            yield item

    summary = build_dataset(
        articles(), output, workers=n_workers, dask=dask, append=append, resume=resume,
        overwrite=overwrite, progress=False if quiet else None,
        process=pipeline_process(gazetteer=gazetteer, geocoder=online),
        keep=(lambda e: bool(filter_incidents([e], **filters))) if active else None)
    note_undated(undated, quiet)
    if not quiet:
        echo_geocode_summary(online)
    echo_err(summary.describe(), quiet)
