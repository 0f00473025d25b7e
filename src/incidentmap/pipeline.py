"""The pipeline as one call per job: text in, places or incidents out.

    Article ─recognize─▶ Mentions ─resolve─▶ Toponyms ─find_incidents─▶ Incidents

Each stage lives in its own module and takes the previous stage's objects; this module only
strings them together, so that the CLI, the worker processes and a notebook all run the very
same code.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .model import Article, Incident, Toponym
from .read import Skipped, article_from_text, read_articles

__all__ = [
    "places",
    "extract",
    "process_article",
    "toponyms_of",
    "load_incidents",
    "Loaded",
    "is_incident_file",
]


def _as_article(source: Article | str, published: Any = None) -> Article:
    if isinstance(source, Article):
        if published is not None and source.published is None:
            from .read import parse_date
            import dataclasses

            return dataclasses.replace(source, published=parse_date(published))
        return source
    return article_from_text(source, published=published)


def toponyms_of(article: Article, *, gazetteer: Any = None, geocoder: Any = None) -> list[Toponym]:
    """Recognise and resolve the places of one article (or resolve its given ``spans``)."""
    from .gazetteer import load_gazetteer
    from .resolve import resolve, resolve_spans

    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    if article.spans is not None:
        return resolve_spans(article, list(article.spans), gaz, geocoder=geocoder)
    from .recognize import recognize

    return resolve(article, recognize(article, gaz), gaz, geocoder=geocoder)


def places(source: Article | str, *, published: Any = None, gazetteer: Any = None,
           geocoder: Any = None) -> list[Toponym]:
    """The places an article mentions, each resolved to a gazetteer entry.

    ``source`` is an :class:`Article` or the text itself.

    >>> import incidentmap
    >>> [t.place.name for t in incidentmap.places("Flooding hit Dhaka, Bangladesh.")]
    ['Dhaka', 'Bangladesh']
    """
    return toponyms_of(_as_article(source, published), gazetteer=gazetteer, geocoder=geocoder)


def process_article(article: Article, *, gazetteer: Any = None, geocoder: Any = None) -> list[Incident]:
    """Every stage on one article: the unit of work that worker processes run."""
    from .incidents import find_incidents

    return find_incidents(article, toponyms_of(article, gazetteer=gazetteer, geocoder=geocoder))


def extract(source: Article | str, *, published: Any = None, gazetteer: Any = None,
            geocoder: Any = None) -> list[Incident]:
    """The incidents an article reports: type, date, place, casualties, actors, evidence.

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative dates such as "Thursday";
    without it they stay unresolved.

    >>> import incidentmap
    >>> incs = incidentmap.extract("Protesters set fire to the city hall in Lyon on Monday.",
    ...                            published="2023-07-04")
    >>> [(i.type, i.place.name, str(i.date)) for i in incs]
    [('arson', 'Lyon', '2023-07-03')]
    """
    return process_article(_as_article(source, published), gazetteer=gazetteer, geocoder=geocoder)


#: Endings of the incident files that ``extract`` writes and ``render`` reads back.
INCIDENT_SUFFIXES = (".csv", ".geojson", ".parquet", ".gpkg")


def is_incident_file(path: str | os.PathLike[str]) -> bool:
    """True for a file of incidents (as written by ``extract -o``) rather than articles.

    CSV, GeoJSON, GeoParquet and GeoPackage are always incident files; a JSONL file is one
    when its first record has a ``type`` and no ``text``.
    """
    p = Path(path)
    low = p.name.lower()
    if low.endswith(INCIDENT_SUFFIXES):
        return True
    if low.endswith((".jsonl", ".ndjson")) and p.is_file():
        try:
            with p.open("r", encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        rec = json.loads(line)
                        return isinstance(rec, dict) and "type" in rec and "text" not in rec
        except (OSError, ValueError, UnicodeDecodeError):
            return False
    return False


@dataclass
class Loaded:
    """What :func:`load_incidents` read: the incidents, the articles they came from (for
    credits and popups), and the documents skipped with their reasons."""

    incidents: list[Incident] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def load_incidents(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    published: Any = None,
    gazetteer: Any = None,
    geocoder: Any = None,
    encoding: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "date",
    on_error: str = "skip",
    workers: int = 1,
    dask: Any = None,
    progress: bool | None = False,
) -> Loaded:
    """Incidents from any mix of articles (extracted now) and incident files (read back).

    This is what ``render`` uses, so a user can extract, correct the CSV by hand, and map
    the corrected file.  Incidents come out sorted by (date, place, id) whatever the order
    of the inputs.  ``workers``/``dask`` run the articles as
    :func:`incidentmap.parallel.run_pipeline` does; the result is the same.
    """
    out = Loaded()
    article_inputs: list[str | os.PathLike[str]] = []
    for inp in inputs:
        if os.fspath(inp) != "-" and is_incident_file(inp):
            from .export import read_incidents

            out.incidents.extend(read_incidents(inp))
        else:
            article_inputs.append(inp)
    if article_inputs:
        import functools

        from .parallel import Failed, run_pipeline

        def good() -> Iterable[Article]:
            for item in read_articles(article_inputs, encoding=encoding, published=published,
                                      text_field=text_field, id_field=id_field,
                                      date_field=date_field, on_error=on_error):
                if isinstance(item, Skipped):
                    out.skipped.append(item)
                else:
                    yield item

        func = functools.partial(process_article, gazetteer=gazetteer, geocoder=geocoder)
        for art, result in run_pipeline(good(), func, workers=workers, dask=dask,
                                        progress=progress, on_error=on_error):
            if isinstance(result, Failed):
                out.skipped.append(Skipped(art.id, result.reason, art.id))
                continue
            out.articles.append(art)
            out.incidents.extend(result)
    out.incidents.sort(key=incident_sort_key)
    return out


def incident_sort_key(inc: Incident) -> tuple:
    """Stable order for exports and maps: date (undated last), place, id."""
    return (inc.date is None, inc.date.isoformat() if inc.date else "",
            inc.place.name if inc.place else "", inc.id)
