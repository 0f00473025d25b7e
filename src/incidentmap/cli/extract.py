"""``incidentmap extract``: the incidents articles report, as a table or a dataset file."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from . import app
from .options import (
    GeocodeCacheOpt, GeocodeOpt, GeocoderOpt, GeocoderUrlOpt, echo_geocode_summary,
    geocoder_from_cli,
)
from .common import (
    BboxOpt, CountryOpt, DateFieldOpt, DateOpt, EncodingOpt, FilesArg, GazetteerOpt,
    IdFieldOpt, MinFatalitiesOpt, OutputOpt, OverwriteOpt, QuietOpt, SinceOpt, TextFieldOpt,
    TypeOpt, UntilOpt, echo_err, load_gazetteer_opt, skipped_summary,
)


def incidents_table(incidents: list[Any], width: int = 110) -> str:
    """A readable table: one line per incident, evidence cut to fit."""
    if not incidents:
        return "no incidents found\n"
    lines = [f"{'date':<10}  {'type':<24}  {'place':<22}  {'dead':>5}  {'hurt':>5}  evidence"]
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
        room = max(20, width - 76)
        ev = ev if len(ev) <= room else ev[: room - 1] + "…"
        kind = inc.type + (f"/{inc.subtype}" if inc.subtype else "")
        lines.append(f"{date:<10}  {kind[:24]:<24}  {place[:22]:<22}  {n(inc.fatalities):>5}  "
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

    Without -o, prints a table. With -o the format comes from the extension: .csv
    (ACLED-compatible columns first), .geojson (RFC 7946), .jsonl (one full record per
    line), .parquet (GeoParquet) or .gpkg (GeoPackage).

    Example:

        incidentmap extract seeds/kazakhstan-unrest-nypost-2022-01-07.txt -o incidents.csv
    """
    from .._io import check_writable
    from ..errors import InputError
    from ..filters import filter_incidents
    from ..pipeline import load_incidents

    if output is not None:
        check_writable(output, overwrite)
    filters = dict(types=type, since=since, until=until, country=country, bbox=bbox,
                   min_fatalities=min_fatalities)
    # Validate the filters before the (possibly long) extraction, not after it.
    filter_incidents([], **filters)
    online = geocoder_from_cli(geocode, geocoder, geocoder_url, geocode_cache)
    loaded = load_incidents(files, published=date, gazetteer=load_gazetteer_opt(gazetteer),
                            geocoder=online,
                            encoding=encoding, text_field=text_field, id_field=id_field,
                            date_field=date_field)
    if not loaded.articles and loaded.skipped and not loaded.incidents:
        first = loaded.skipped[0]
        more = f" (and {len(loaded.skipped) - 1} more)" if len(loaded.skipped) > 1 else ""
        raise InputError(f"{first.where}: {first.reason}{more}")
    undated = [a.id for a in loaded.articles if a.published is None]
    if undated:
        echo_err(f"note: no publication date for {len(undated)} article(s) "
                 f"({undated[0]}{', ...' if len(undated) > 1 else ''}); relative dates such as "
                 "'Thursday' stay unresolved. Give one with --date YYYY-MM-DD, front matter "
                 "'date:', an HTML meta tag, or a JSONL 'date' field.", quiet)
    incidents = filter_incidents(loaded.incidents, **filters)
    if loaded.skipped:
        echo_err(skipped_summary(loaded.skipped), quiet)
    if not quiet:
        echo_geocode_summary(online)
    if output is None:
        typer.echo(incidents_table(incidents), nl=False)
        return
    from ..export import write_incidents

    write_incidents(incidents, output, overwrite=overwrite)
    echo_err(f"wrote {output} ({len(incidents)} incident{'s' if len(incidents) != 1 else ''} "
             f"from {len(loaded.articles)} article{'s' if len(loaded.articles) != 1 else ''})",
             quiet)
