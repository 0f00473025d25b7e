"""``incidentmap places``: the places an article mentions, found and resolved."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from typing import Annotated, Any, Iterator, Optional, TextIO

import typer

from . import app
from .options import (
    GeocodeCacheOpt, GeocodeOpt, GeocoderOpt, GeocoderUrlOpt, echo_geocode_summary,
    geocoder_from_cli,
)
from .common import (
    DateFieldOpt, DateOpt, EncodingOpt, FilesArg, GazetteerOpt, IdFieldOpt, OutputOpt,
    OverwriteOpt, QuietOpt, TextFieldOpt, echo_err, load_gazetteer_opt, nothing_read,
    skipped_summary,
)


class PlacesFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


_CSV_FIELDS = ["doc_id", "start", "end", "text", "kind", "name", "geonameid", "place_id",
               "feature", "country_code", "admin1", "lat", "lon", "confidence", "source"]


def _format_for(output: Any, fmt: PlacesFormat | None) -> PlacesFormat:
    if fmt is not None:
        return fmt
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in ("json", "jsonl", "csv"):
            return PlacesFormat(suffix)
        if suffix == "ndjson":
            return PlacesFormat.jsonl
    return PlacesFormat.table


def _write(docs: Iterator[tuple[str, list[Any]]], fmt: PlacesFormat, out: TextIO) -> int:
    n = 0
    if fmt is PlacesFormat.csv:
        w = csv.DictWriter(out, fieldnames=_CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
    first = True
    if fmt is PlacesFormat.json:
        out.write("[")
    for doc_id, toponyms in docs:
        n += 1
        records = [t.to_dict() for t in toponyms]
        if fmt is PlacesFormat.jsonl:
            out.write(json.dumps({"id": doc_id, "places": records}, sort_keys=True,
                                 ensure_ascii=False) + "\n")
        elif fmt is PlacesFormat.json:
            out.write(("\n" if first else ",\n") + json.dumps(
                {"id": doc_id, "places": records}, sort_keys=True, ensure_ascii=False, indent=2))
        elif fmt is PlacesFormat.csv:
            for r in records:
                w.writerow({"doc_id": doc_id, **r})
        else:
            out.write(_table(doc_id, toponyms))
        first = False
    if fmt is PlacesFormat.json:
        out.write("\n]\n")
    return n


def _table(doc_id: str, toponyms: list[Any]) -> str:
    buf = io.StringIO()
    buf.write(f"{doc_id}: {len(toponyms)} place mention{'s' if len(toponyms) != 1 else ''}\n")
    for t in toponyms:
        p = t.place
        where = f"{t.start}-{t.end}"
        if t.kind == "demonym":
            what = f"demonym of {t.mention.country_code or '?'}"
            coords = ""
        elif p is None:
            what = "(not resolved)"
            coords = ""
        else:
            detail = ", ".join(x for x in (p.admin1 if p.kind not in ("admin1", "country") else None,
                                           p.country_code) if x)
            what = f"{p.name} [{p.feature or p.kind}{'; ' + detail if detail else ''}]"
            coords = f"{p.lat:8.4f} {p.lon:9.4f}  {t.confidence:.2f}"
        buf.write(f"  {where:>11}  {t.text[:28]:<28}  {what[:48]:<48}  {coords}\n")
    return buf.getvalue()


@app.command("places")
def places_cli(
    files: FilesArg,
    format: Annotated[Optional[PlacesFormat], typer.Option(
        "--format", "-f", help="table (default), json, jsonl (one line per document) or csv.",
        case_sensitive=False)] = None,
    output: OutputOpt = None,
    overwrite: OverwriteOpt = False,
    date: DateOpt = None,
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
    """Find the places an article mentions and say exactly where they are.

    Reads .txt, .md, .html, JSONL corpora ({"id", "text"} per line; a "spans" field with
    [{"start", "end"}] resolves spans found by another NER instead of recognising), folders
    and - for standard input. JSONL output has one line per document:
    {"id", "places": [{"start", "end", "text", "kind", "name", "geonameid", "feature",
    "country_code", "admin1", "lat", "lon", "confidence", ...}]}.

    Example:

        incidentmap places seeds/kazakhstan-unrest-nypost-2022-01-07.txt --format jsonl
    """
    from .._io import atomic_path, check_writable
    from ..pipeline import toponyms_of
    from ..read import Skipped, read_articles

    if output is not None and str(output) == "-":
        output = None  # the Unix convention: "-o -" is standard output, not a file named "-"
    fmt = _format_for(output, format)
    if output is not None:
        check_writable(output, overwrite)
    gaz = load_gazetteer_opt(gazetteer)
    online = geocoder_from_cli(geocode, geocoder, geocoder_url, geocode_cache)
    skipped: list[Skipped] = []

    def docs() -> Iterator[tuple[str, list[Any]]]:
        for item in read_articles(files, encoding=encoding, published=date,
                                  text_field=text_field, id_field=id_field,
                                  date_field=date_field, on_error="skip"):
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            yield item.id, toponyms_of(item, gazetteer=gaz, geocoder=online)

    def finish(n: int) -> None:
        if n == 0 and skipped:
            raise nothing_read(skipped)
        if skipped:
            echo_err(skipped_summary(skipped), quiet)
        if not quiet:
            echo_geocode_summary(online)

    if output is None:
        # Stream to stdout: one document at a time, so a large corpus starts printing at once.
        finish(_write(docs(), fmt, sys.stdout))
        return
    with atomic_path(output, overwrite) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            n = _write(docs(), fmt, fh)
        finish(n)  # raising here removes the temporary file: no half-written output
    echo_err(f"wrote {output} ({n} document{'s' if n != 1 else ''})", quiet)
