"""One deduplicated dataset of events from a corpus: build, append, resume, query, stats.

A *report* is an incident as one article tells it (what :func:`pipeline.process_article`
returns).  An *event* is what happened, told by one or more reports: :func:`deduplicate`
groups the reports of different articles that tell the same event (the rule is in
:func:`same_event` and docs/dataset.md) and makes one event per group, listing every
source, with ``n_sources``.

Files of a dataset ``events.parquet`` (any export format):

- ``events.parquet``: the events (``extra`` columns ``n_sources``, ``sources``,
  ``report_ids``);
- ``events.reports.parquet``: the per-article reports, each with its ``event_id`` (audit);
- ``events.parquet.skipped.jsonl``: the documents that were skipped, and why;
- ``events.parquet.state.jsonl``: only while a run is going on or was interrupted: the
  documents processed so far and their reports, appended and fsynced batch by batch, so
  ``--resume`` continues where it stopped.  Deleted when the run completes.

Everything is written through a temporary file and a rename.  The dataset depends only on
the set of reports, never on the order they were computed in, so 1 process, N workers, a
Dask cluster, or an interrupted-and-resumed run all give the same files byte for byte.
"""

from __future__ import annotations

import collections
import datetime as _dt
import json
import math
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from ._io import atomic_path, check_writable
from .errors import IncidentmapError, InputError, OutputError
from .export import check_format, format_of, read_incidents, write_incidents
from .model import Actor, Count, Incident, stable_id
from .parallel import Failed, run_pipeline

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pandas

__all__ = [
    "build_dataset",
    "pipeline_process",
    "DatasetSummary",
    "deduplicate",
    "same_event",
    "mismatch",
    "read_dataset",
    "read_frame",
    "filter_frame",
    "dataset_stats",
    "format_stats",
    "plot_weekly",
    "reports_path",
    "state_path",
    "skipped_path",
    "NEAR_KM",
    "STRICT_SUBTYPES",
]

#: Two town- or site-precise places this close (km) are the same place for deduplication.
NEAR_KM = 5.0
#: A site (airport, square, building) this close to a town is taken to be in it.
SITE_IN_TOWN_KM = 25.0
#: A second-level division (county, district) is taken to hold places this close to it.
ADMIN2_KM = 30.0

_PRECISION_RANK = {"site": 0, "town": 1, "region": 2, "country": 3}
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "unknown": 3}
_FINE_KINDS = ("site", "city")
_STATE_VERSION = 1


# --------------------------------------------------------------------------- file names


def reports_path(output: str | os.PathLike[str]) -> Path:
    """``events.parquet`` -> ``events.reports.parquet``: the per-article reports."""
    p = Path(output)
    return p.with_name(f"{p.stem}.reports{p.suffix}")


def state_path(output: str | os.PathLike[str]) -> Path:
    """``events.parquet`` -> ``events.parquet.state.jsonl``: the resume checkpoint."""
    p = Path(output)
    return p.with_name(p.name + ".state.jsonl")


def skipped_path(output: str | os.PathLike[str]) -> Path:
    """``events.parquet`` -> ``events.parquet.skipped.jsonl``: skipped documents and why."""
    p = Path(output)
    return p.with_name(p.name + ".skipped.jsonl")


# --------------------------------------------------------------------------- matching rule


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r1, r2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((r2 - r1) / 2) ** 2
         + math.cos(r1) * math.cos(r2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _norm(s: str | None) -> str:
    return " ".join((s or "").casefold().split())


def _contains(big, small) -> bool:
    """Is place ``small`` inside the coarser place ``big``?"""
    if not big.country_code or big.country_code != small.country_code:
        return False
    if big.kind == "country":
        return True
    if big.kind in ("admin1", "region"):
        name = _norm(big.admin1 or big.name)
        return bool(name) and _norm(small.admin1) == name
    if big.kind == "admin2":
        return _km(big.lat, big.lon, small.lat, small.lon) <= ADMIN2_KM
    if big.kind == "city" and small.kind == "site":
        return _km(big.lat, big.lon, small.lat, small.lon) <= SITE_IN_TOWN_KM
    return False


def _places_match(p, q) -> bool:
    if p is None or q is None:
        return False
    # No shortcut on equal ids: a hand-corrected file may keep an id with new coordinates.
    if _km(p.lat, p.lon, q.lat, q.lon) <= NEAR_KM:
        return True
    return _contains(p, q) or _contains(q, p)


def _dates_match(a: Incident, b: Incident) -> bool:
    if a.date is None or b.date is None:
        return False
    gap = abs((a.date - b.date).days)
    ranks = (_DATE_RANK.get(a.date_precision, 3), _DATE_RANK.get(b.date_precision, 3))
    if max(ranks) == 0:
        return gap <= 1
    if max(ranks) == 1:  # a week-precise date: somewhere in that week
        return gap <= 6
    return False


def _counts_match(x: Count | None, y: Count | None) -> bool:
    if x is None or y is None:
        return True
    lo, hi = sorted((x.value, y.value))
    # Tolls grow as news comes in ("3 dead" in the morning, "7 dead" at night); a different
    # order of magnitude is a different event.
    return hi - lo <= 3 or hi <= 2.5 * lo


#: Categories that name the same people in different words: one paper's "protesters" are
#: another's "rioters".
_SIDE = {"rioters": "protesters"}


def _actor_categories(inc: Incident) -> set[str]:
    return {_SIDE.get(a.category, a.category) for a in inc.actors
            if a.category and a.category != "other"}


#: Types whose subtype names a different thing, not a different wording: a curfew is not a
#: state of emergency, protesters taking a site is not state forces retaking it, deaths are not
#: injuries.  For the other types the subtype follows the words of the article ("march",
#: "rally"; "bombing", "suicide bombing"; "shooting", "killing") and says nothing about
#: whether two reports are one event.
STRICT_SUBTYPES = frozenset({"emergency_measure", "seizure", "casualty_report", "comms_shutdown"})


def _subtypes_match(a: Incident, b: Incident) -> bool:
    if a.type not in STRICT_SUBTYPES:
        return True
    # "taken by protesters" / "taken by rioters" are one seizure; "retaken ..." another.
    sa = (a.subtype or "").split(" ")[0]
    sb = (b.subtype or "").split(" ")[0]
    return not sa or not sb or sa == sb


def same_event(a: Incident, b: Incident) -> bool:
    """Do reports ``a`` and ``b`` (of different articles) tell the same event?

    All of: same ``type`` (and the same ``subtype`` for the types of
    :data:`STRICT_SUBTYPES`); different documents (an
    article already merges what it tells twice); dates within a day (within six days when
    either is only week-precise; never when a date is missing or only month-precise);
    places the same, within :data:`NEAR_KM` km, or one inside the other (a town in its
    country or first-level division, a site within :data:`SITE_IN_TOWN_KM` km of a town);
    actor categories that overlap when both name actors (protesters and rioters count as one
    side); and deaths, injuries and arrests
    that agree when both give them (within 3, or within a factor 2.5).
    """
    return mismatch(a, b) is None


def mismatch(a: Incident, b: Incident) -> str | None:
    """Why reports ``a`` and ``b`` are not the same event (``"date"``, ``"place"`` ...), or
    ``None`` when they are (see :func:`same_event`)."""
    if a.type != b.type:
        return "type"
    if not _subtypes_match(a, b):
        return "subtype"
    if a.source.doc_id == b.source.doc_id:
        return "same article"
    if not _dates_match(a, b):
        return "date"
    if not _places_match(a.place, b.place):
        return "place"
    ca, cb = _actor_categories(a), _actor_categories(b)
    if ca and cb and not ca & cb:
        return "actors"
    for attr in ("fatalities", "injured", "arrested"):
        if not _counts_match(getattr(a, attr), getattr(b, attr)):
            return attr
    return None


def _canonical(r: Incident) -> tuple:
    """The order reports are clustered in: by date, finest place first, then ids."""
    return (
        r.date.isoformat() if r.date else "9999-99-99",
        _PRECISION_RANK.get(r.geo_precision, 3),
        _DATE_RANK.get(r.date_precision, 3),
        r.source.published.isoformat() if r.source.published else "9999",
        r.source.doc_id,
        r.id,
    )


def deduplicate(reports: Iterable[Incident]) -> tuple[list[Incident], dict[str, str]]:
    """Group the reports that tell the same event; return ``(events, event_id_of_report)``.

    Complete linkage: a report joins a group only if it matches (:func:`same_event`) every
    report already in it, so "protest in Almaty" and "protest in Astana" never end up
    together through a vaguer "protest in Kazakhstan".  Reports are taken in a canonical
    order (date, precision, ids), so the result depends only on the set of reports.
    Duplicate report ids are kept once.
    """
    uniq: dict[str, Incident] = {}
    for r in reports:
        uniq.setdefault(r.id, r)
    by_type: dict[str, list[Incident]] = collections.defaultdict(list)
    for r in uniq.values():
        by_type[r.type].append(r)

    groups: list[list[Incident]] = []
    for typ in sorted(by_type):
        # Active groups by country, dropped once they are more than a week behind.
        active: dict[str | None, list[list[Incident]]] = collections.defaultdict(list)
        for r in sorted(by_type[typ], key=_canonical):
            if r.date is None or r.place is None:
                groups.append([r])
                continue
            bucket = active[r.place.country_code]
            bucket[:] = [g for g in bucket if (r.date - g[-1].date).days <= 7]
            best = None
            for g in bucket:
                if all(same_event(r, m) for m in g):
                    head = g[0]
                    km = _km(r.place.lat, r.place.lon, head.place.lat, head.place.lon)
                    # Nearness beats containment; a coarse report that fits several groups
                    # (a country-wide protest, two towns' protests) joins the biggest, then
                    # the first reported: ambiguous, but the same on every run.
                    score = (abs((r.date - head.date).days), 0 if km <= NEAR_KM else 1,
                             km if km <= NEAR_KM else 0.0, -len(g), _published_key(head))
                    if best is None or score < best[0]:
                        best = (score, g)
            if best is None:
                g = [r]
                bucket.append(g)
                groups.append(g)
            else:
                best[1].append(r)
                best[1].sort(key=_canonical)  # keep g[-1] the latest for the window

    events, mapping = [], {}
    for g in groups:
        ev = _merge(g)
        events.append(ev)
        for r in g:
            mapping[r.id] = ev.id
    events.sort(key=lambda e: (e.date.isoformat() if e.date else "9999", e.type, e.id))
    return events, mapping


def _published_key(r: Incident) -> tuple:
    return (r.source.published.isoformat() if r.source.published else "9999",
            r.date.isoformat() if r.date else "9999", r.source.doc_id, r.id)


def _merge(group: list[Incident]) -> Incident:
    """One event from the reports that tell it."""
    first = min(group, key=_published_key)  # the first to report it names the event
    rep = min(group, key=lambda r: (_PRECISION_RANK.get(r.geo_precision, 3),
                                    _DATE_RANK.get(r.date_precision, 3), -len(r.evidence),
                                    _published_key(r)))
    members = sorted(group, key=_published_key)
    day_dates = [r.date for r in group if r.date and r.date_precision == "day"]
    date, date_precision = (min(day_dates), "day") if day_dates else (rep.date, rep.date_precision)

    def count(attr: str) -> Count | None:
        vals = [getattr(r, attr) for r in members if getattr(r, attr) is not None]
        # The latest toll is the largest; an exact figure beats a lower bound of the same value.
        return max(vals, key=lambda c: (c.value, c.exact)) if vals else None

    actors, seen = [], set()
    for r in [rep] + members:
        for a in r.actors:
            key = (_norm(a.text), a.category)
            if key not in seen:
                seen.add(key)
                actors.append(Actor(a.text, a.category))
    evidence, seen_ev = [], set()
    for r in [rep] + [m for m in members if m is not rep]:
        for e in r.evidence:
            if _norm(e.text) not in seen_ev:
                seen_ev.add(_norm(e.text))
                evidence.append(e)
    sources = []
    for r in members:
        s = r.source.to_dict()
        s["report_id"] = r.id
        sources.append(s)
    origin = rep.origin or next((r.origin for r in members if r.origin), None)
    if len(group) == 1:
        ev_id = stable_id("event", rep.id)
    else:
        ev_id = stable_id("event", first.id)
    return replace(
        rep,
        id=ev_id,
        subtype=rep.subtype or next((r.subtype for r in members if r.subtype), None),
        date=date,
        date_precision=date_precision,
        source=first.source,
        origin=origin,
        fatalities=count("fatalities"),
        injured=count("injured"),
        arrested=count("arrested"),
        actors=tuple(actors),
        evidence=tuple(evidence),
        confidence=max(r.confidence for r in group),
        extra={
            "n_sources": len({r.source.doc_id for r in group}),
            "sources": sources,
            "report_ids": sorted(r.id for r in group),
        },
    )


# --------------------------------------------------------------------------- building


@dataclass
class DatasetSummary:
    """What :func:`build_dataset` did (the CLI prints :meth:`describe`)."""

    output: Path
    reports_file: Path
    skipped_file: Path | None = None
    documents: int = 0  # processed in this run
    resumed: int = 0  # already processed by the interrupted run, not redone
    already_in_dataset: int = 0  # --append: documents the dataset already held
    skipped: int = 0  # unreadable documents (from the reader)
    failed: int = 0  # documents the pipeline raised on
    reasons: dict[str, int] = field(default_factory=dict)
    reports_new: int = 0
    reports_total: int = 0
    events: int = 0
    kilobytes: float = 0.0
    seconds: float = 0.0  # the whole run
    finish_seconds: float = 0.0  # of which deduplicating and writing the files

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def describe(self) -> str:
        """A few lines for the terminal."""
        lines = [
            f"{self.documents} documents processed"
            + (f" ({self.docs_per_second:.1f}/s)" if self.seconds else "")
            + (f", {self.resumed} done before the interruption" if self.resumed else "")
            + (f", {self.already_in_dataset} already in the dataset" if self.already_in_dataset else "")
            + ".",
            f"{self.reports_new} new reports; {self.reports_total} reports -> {self.events} events "
            f"in {self.output} (reports: {self.reports_file}).",
        ]
        bad = self.skipped + self.failed
        if bad:
            why = ", ".join(f"{n} {r}" for r, n in sorted(self.reasons.items(), key=lambda x: -x[1])[:5])
            lines.append(f"{bad} documents skipped ({why}); see {self.skipped_file}.")
        return "\n".join(lines)


def _default_process() -> Callable[[Any], list[Incident]]:
    try:
        from .pipeline import process_article
    except ImportError as exc:  # pragma: no cover - the pipeline ships with the package
        raise IncidentmapError(f"the extraction pipeline is not available ({exc}).") from None
    return process_article


def _process_with(article: Any, *, gazetteer_path: str | None = None, geocoder: Any = None) -> list[Incident]:
    from .gazetteer import load_gazetteer
    from .pipeline import process_article

    # load_gazetteer is cached per process: each worker opens the user's file once.
    gaz = load_gazetteer(user_entries=gazetteer_path) if gazetteer_path else None
    return process_article(article, gazetteer=gaz, geocoder=geocoder)


def pipeline_process(*, gazetteer: str | os.PathLike[str] | None = None,
                     geocoder: Any = None) -> Callable[[Any], list[Incident]]:
    """The per-document function for :func:`build_dataset` with a user gazetteer (a path:
    each worker loads it once) and/or a geocoder.  Picklable when the geocoder is (a
    geocoder holding an open cache or a rate limiter is not: use ``workers=1`` then)."""
    import functools

    return functools.partial(_process_with, gazetteer_path=str(gazetteer) if gazetteer else None,
                             geocoder=geocoder)


def _reason_kind(reason: str) -> str:
    """A short class of reason for the summary ("empty text", "not JSON", ...)."""
    head = reason.split(" (")[0].split(";")[0].split(":")[0].strip()
    return head[:40] or "unknown"


def _load_state(path: Path) -> tuple[dict, set[str], list[dict], list[dict]]:
    """Header, processed doc ids, report records and failures of an interrupted run.

    A last line cut short by the kill is ignored (its batch is simply done again)."""
    header: dict = {}
    docs: set[str] = set()
    reports: list[dict] = []
    failed: list[dict] = []
    good_bytes = 0
    with open(path, "rb") as fh:
        for raw in fh:
            try:
                obj = json.loads(raw)
                if not raw.endswith(b"\n"):
                    raise ValueError("torn line")
            except ValueError:
                break
            good_bytes += len(raw)
            if obj.get("kind") == "header":
                header = obj
            elif obj.get("kind") == "batch":
                docs.update(obj.get("docs", []))
                reports.extend(obj.get("reports", []))
                failed.extend(obj.get("failed", []))
    if good_bytes < path.stat().st_size:
        with open(path, "r+b") as fh:  # drop the torn tail so new lines start clean
            fh.truncate(good_bytes)
    if header.get("version") != _STATE_VERSION:
        raise OutputError(f"{path} is not a state file of this version of incidentmap; "
                          "pass --overwrite to start the run again.")
    return header, docs, reports, failed


def _append_line(fh, obj: dict) -> None:
    fh.write(json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str) + "\n")
    fh.flush()
    os.fsync(fh.fileno())


def build_dataset(
    articles: Iterable[Any],
    output: str | os.PathLike[str],
    *,
    workers: int = 1,
    dask: Any = None,
    append: bool = False,
    resume: bool = False,
    overwrite: bool = False,
    progress: bool | None = None,
    process: Callable[[Any], list[Incident]] | None = None,
    batch_size: int = 32,
    total: int | None = None,
    on_error: str = "skip",
    keep: Callable[[Incident], bool] | None = None,
) -> DatasetSummary:
    """Run the pipeline over a corpus, deduplicate, and write one dataset of events.

    Parameters
    ----------
    articles: an iterable of :class:`~incidentmap.model.Article` and ``read.Skipped``
        (``read_articles(..., on_error="skip")``), read lazily.
    output: the events file; its extension chooses the format (``.parquet``, ``.gpkg``,
        ``.csv``, ``.geojson``, ``.jsonl``).  The reports go to :func:`reports_path`, the
        skipped documents to :func:`skipped_path`.
    workers, dask: how to run (see :func:`incidentmap.parallel.run_pipeline`).
    append: merge this batch into the existing dataset; documents it already holds are not
        processed again and reports are keyed by their stable ids, so running the same corpus
        twice adds nothing.
    resume: continue an interrupted run from its state file; ends with the dataset an
        uninterrupted run would have written.
    overwrite: replace an existing dataset (and forget an interrupted run).
    progress: a progress bar (``None``: on a terminal only).
    process: the per-document function (default :func:`incidentmap.pipeline.process_article`);
        must be picklable for ``workers > 1`` or Dask (e.g. ``functools.partial``).
    total: the number of documents, when known, for the progress bar's time left.
    on_error: ``"skip"`` (a document the pipeline raises on is skipped and reported) or
        ``"raise"``.
    keep: write only the events for which this returns true (and their reports): the
        ``extract`` filters.  Not with ``append``/``resume``, whose dataset must stay whole.

    Raises :class:`~incidentmap.errors.OutputError` before any work when the output exists
    and none of ``append``/``resume``/``overwrite`` allows touching it.
    """
    if keep is not None and (append or resume):
        raise InputError("filters (--type, --since, ...) cannot be combined with --append or "
                         "--resume: the dataset must stay whole. Filter it afterwards with "
                         "`incidentmap query`.")
    t0 = time.monotonic()
    out = Path(output)
    fmt = check_format(out)  # a missing geo extra fails now, not after hours of work
    rp, sp, kp = reports_path(out), state_path(out), skipped_path(out)
    interrupted = sp.exists()

    if interrupted and not resume and not overwrite:
        raise OutputError(
            f"an interrupted run left {sp}; pass --resume to continue it, or --overwrite to "
            "start again.")
    if resume and not interrupted and out.exists() and not (append or overwrite):
        raise OutputError(
            f"{out} is complete: there is no interrupted run to resume. Pass --append to add "
            "documents to it, or --overwrite to build it again.")
    if out.exists() and not (overwrite or append or (resume and interrupted)):
        check_writable(out, overwrite=False)  # raises, naming --overwrite
    if overwrite and not resume and interrupted:
        sp.unlink()
        interrupted = False

    summary = DatasetSummary(output=out, reports_file=rp)
    process = process or _default_process()

    header = {"kind": "header", "version": _STATE_VERSION, "append": bool(append), "format": fmt,
              "started": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")}
    done: set[str] = set()
    state_reports: list[dict] = []
    failures: list[dict] = []
    if resume and interrupted:
        old_header, done, state_reports, failures = _load_state(sp)
        append = bool(old_header.get("append", append))
        summary.resumed = len(done)

    base: list[Incident] = []
    if append and out.exists():
        if not rp.exists():
            raise OutputError(f"cannot append to {out}: its reports file {rp} is missing; "
                              "pass --overwrite to build the dataset again.")
        base = read_incidents(rp)
    base_docs = {r.source.doc_id for r in base}

    skipped: list[dict] = []

    def stream():
        for item in articles:
            if not hasattr(item, "text"):  # read.Skipped: unreadable, keep the reason
                rec = item.to_dict() if hasattr(item, "to_dict") else {
                    "where": str(getattr(item, "where", item)), "reason": str(getattr(item, "reason", ""))}
                skipped.append(rec)
                continue
            if item.id in done:
                continue
            if append and item.id in base_docs:
                summary.already_in_dataset += 1
                continue
            yield item

    new_reports: list[Incident] = []
    sp.parent.mkdir(parents=True, exist_ok=True)
    fresh = not (resume and interrupted)
    with open(sp, "a", encoding="utf-8") as state:
        if fresh:
            _append_line(state, header)
        try:
            for batch, results in run_pipeline(stream(), process, workers=workers, dask=dask,
                                               batch_size=batch_size, progress=progress,
                                               total=max(0, total - len(done)) if total else None,
                                               on_error=on_error, batches=True):
                recs, fails = [], []
                for art, res in zip(batch, results):
                    summary.documents += 1
                    summary.kilobytes += len(art.text.encode("utf-8")) / 1024
                    if isinstance(res, Failed):
                        fails.append({"where": art.id, "doc_id": art.id, "reason": res.reason})
                        continue
                    for inc in res:
                        rec = inc.to_record()
                        # Through the record, as a resumed run sees it: both runs then merge and
                        # write exactly the same reports.
                        new_reports.append(Incident.from_record(rec))
                        recs.append(rec)
                failures.extend(fails)
                _append_line(state, {"kind": "batch", "docs": [a.id for a in batch],
                                     "reports": recs, "failed": fails})
        except BaseException:
            # Nothing done yet (no Dask, a bad option, Ctrl-C at once): leave no state behind,
            # so the next run needs no --resume.
            if fresh and summary.documents == 0:
                state.close()
                sp.unlink(missing_ok=True)
            raise

    t_finish = time.monotonic()
    reports: dict[str, Incident] = {r.id: r for r in base}
    n_base = len(reports)
    for rec in state_reports:
        inc = Incident.from_record(rec)
        reports.setdefault(inc.id, inc)
    for inc in new_reports:
        reports.setdefault(inc.id, inc)
    summary.reports_new = len(reports) - n_base
    summary.reports_total = len(reports)

    events, event_of = deduplicate(reports.values())
    if keep is not None:
        events = [e for e in events if keep(e)]
    kept = {e.id for e in events}
    summary.events = len(events)
    audit = []
    for r in reports.values():
        if event_of[r.id] not in kept:
            continue
        extra = {k: v for k, v in r.extra.items() if k != "event_id"}
        extra["event_id"] = event_of[r.id]
        audit.append(replace(r, extra=extra))

    # Reports first: if we are killed before the events are written, the state file is still
    # there and --resume redoes this step from the same reports.
    write_incidents(audit, rp, overwrite=True, fmt=fmt)
    write_incidents(events, out, overwrite=True, fmt=fmt)

    bad = skipped + failures
    summary.skipped, summary.failed = len(skipped), len(failures)
    reasons: collections.Counter = collections.Counter(_reason_kind(str(b.get("reason", ""))) for b in bad)
    summary.reasons = dict(reasons)
    if bad:
        with atomic_path(kp, overwrite=True) as tmp:
            with open(tmp, "w", encoding="utf-8") as fh:
                for b in bad:
                    fh.write(json.dumps(b, sort_keys=True, ensure_ascii=False) + "\n")
        summary.skipped_file = kp
    elif kp.exists() and not append:
        kp.unlink()  # a stale list from an earlier build of this output
    sp.unlink()
    summary.seconds = time.monotonic() - t0
    summary.finish_seconds = time.monotonic() - t_finish
    return summary


# --------------------------------------------------------------------------- reading, filters


def _type_alias(filters: dict[str, Any]) -> None:
    """``type=`` (as the command line spells it) means ``types=``."""
    if "type" in filters:
        value = filters.pop("type")
        if filters.get("types") is None:
            filters["types"] = value


def read_frame(path: str | os.PathLike[str], **filters: Any) -> "pandas.DataFrame":
    """The events of a dataset as a (Geo)DataFrame, filtered like :func:`read_dataset`.

    GeoParquet and GeoPackage files come back as GeoDataFrames (they need the geo extra);
    CSV, GeoJSON and JSONL as plain DataFrames, so ``query`` and ``stats`` work on those
    without geopandas."""
    _type_alias(filters)
    p = Path(path)
    try:
        fmt = format_of(p)
    except OutputError as exc:
        raise InputError(str(exc)) from None
    if fmt in ("parquet", "gpkg"):
        return read_dataset(p, **filters)
    from .export import to_dataframe

    return filter_frame(to_dataframe(read_incidents(p)), **filters)


def read_dataset(path: str | os.PathLike[str], **filters: Any) -> "geopandas.GeoDataFrame":
    """The events of a dataset (any export format) as a GeoDataFrame (EPSG:4326).

    Keyword arguments are the filters of ``incidentmap query`` (:func:`filter_frame`):
    ``types``, ``since``, ``until``, ``country``, ``bbox``, ``min_fatalities``, ``source``.

    >>> gdf = read_dataset("events.parquet", types="arson,riot", since="2022-01-01")  # doctest: +SKIP
    """
    from .export import _geodataframe, _require_geo

    _type_alias(filters)
    gpd = _require_geo("geopandas")
    p = Path(path)
    fmt = None
    try:
        fmt = format_of(p)
    except OutputError as exc:
        raise InputError(str(exc)) from None
    gdf = None
    if fmt in ("parquet", "gpkg") and p.exists():
        try:
            gdf = gpd.read_parquet(p) if fmt == "parquet" else gpd.read_file(p, engine="pyogrio")
        except Exception as exc:
            raise InputError(f"{p}: cannot read it as {fmt} "
                             f"({' '.join(str(exc).split())}).") from None  # one line
        if "type" not in gdf.columns or "event_date" not in gdf.columns:
            gdf = None  # not written by us: normalise through the incident reader
    if gdf is None:
        gdf = _geodataframe(read_incidents(p))
    return filter_frame(gdf, **filters)


def filter_frame(
    df: "pandas.DataFrame",
    *,
    types: str | Sequence[str] | None = None,
    since: Any = None,
    until: Any = None,
    country: str | Sequence[str] | None = None,
    bbox: str | Sequence[float] | None = None,
    min_fatalities: int | None = None,
    source: str | None = None,
) -> "pandas.DataFrame":
    """The rows of a dataset frame that pass every filter: the same rules, checks and
    messages as :func:`incidentmap.filters.filter_incidents`, vectorised.  An event passes
    ``source`` when any of its sources matches."""
    import pandas as pd

    from .filters import parse_bbox, parse_day, parse_types

    type_set = parse_types(types)
    since_d, until_d = parse_day(since, "--since"), parse_day(until, "--until")
    if since_d and until_d and since_d > until_d:
        raise InputError(f"--since {since_d} is after --until {until_d}; swap them.")
    box = parse_bbox(bbox)
    if min_fatalities is not None and min_fatalities < 0:
        raise InputError("--min-fatalities must be 0 or more.")

    keep = pd.Series(True, index=df.index)
    if type_set:
        keep &= df["type"].isin(type_set)
    if since_d or until_d:
        d = df["event_date"].astype("string")
        if since_d:
            keep &= d.ge(since_d.isoformat()).fillna(False).astype(bool)
        if until_d:
            keep &= d.le(until_d.isoformat()).fillna(False).astype(bool)
    if country:
        items = country.split(",") if isinstance(country, str) else list(country)
        codes = {c.strip().upper() for c in items if c.strip()}
        bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
        if bad:
            raise InputError(f"--country {', '.join(sorted(bad))}: give ISO 3166-1 alpha-2 "
                             "codes such as KZ or US.")
        keep &= df["country_code"].astype("string").str.upper().isin(codes).fillna(False).astype(bool)
    if box:
        w, s, e, n = box
        lat = pd.to_numeric(df["latitude"], errors="coerce")
        lon = pd.to_numeric(df["longitude"], errors="coerce")
        in_lat = lat.between(s, n)
        in_lon = lon.between(w, e) if w <= e else (lon.ge(w) | lon.le(e))
        keep &= (in_lat & in_lon).fillna(False).astype(bool)
    if min_fatalities is not None:
        f = pd.to_numeric(df["fatalities"], errors="coerce").fillna(0)
        keep &= f.ge(min_fatalities)
    if source:
        needle = source.lower()
        hay = pd.Series("", index=df.index, dtype="string")
        for col in ("source_publisher", "source_url", "source_title", "doc_id"):
            if col in df.columns:
                hay = hay + " " + df[col].astype("string").fillna("")
        if "sources" in df.columns:
            # Match what the sources say, not the JSON they are stored in: "--source url"
            # or "--source 2022" must not match every event through its keys and dates.
            hay = hay + " " + df["sources"].map(_source_words).astype("string")
        keep &= hay.str.lower().str.contains(needle, regex=False).fillna(False).astype(bool)
    return df[keep.astype(bool)]


def _source_words(cell: Any) -> str:
    """The doc ids, publishers, titles and URLs of an event's ``sources`` cell (a list of
    dicts, or its JSON text as CSV and GeoPackage store it)."""
    if isinstance(cell, str):
        try:
            cell = json.loads(cell)
        except ValueError:
            return ""
    if not isinstance(cell, (list, tuple)):
        return ""
    return " ".join(str(d.get(k) or "") for d in cell if isinstance(d, dict)
                    for k in ("doc_id", "publisher", "title", "url"))


# --------------------------------------------------------------------------- stats


def dataset_stats(df: "pandas.DataFrame") -> dict[str, Any]:
    """Counts by type, month and country, and the share of events with day-precise dates
    and town-precise (or finer) places."""
    import pandas as pd

    n = len(df)
    month = df["event_date"].astype("string").str.slice(0, 7).fillna("undated")
    country = df["country"].astype("string").fillna(df["country_code"].astype("string")).fillna("unknown")
    if "n_sources" in df.columns:
        n_sources = pd.to_numeric(df["n_sources"], errors="coerce").fillna(1)
    else:
        n_sources = pd.Series(1, index=df.index)
    return {
        "events": n,
        "reports": int(n_sources.sum()),
        "by_type": df["type"].value_counts().sort_index(),
        "by_month": month.value_counts().sort_index(),
        "by_country": country.value_counts(),
        "day_precise": float((df["date_precision"] == "day").sum() / n) if n else 0.0,
        "town_precise": float(df["place_precision"].isin(("site", "town")).sum() / n) if n else 0.0,
        "multi_source": float((n_sources > 1).sum() / n) if n else 0.0,
    }


def format_stats(stats: dict[str, Any]) -> str:
    """The stats as plain-text tables."""
    n = stats["events"]
    lines = [
        f"{n} events from {stats['reports']} reports",
        f"day-precise dates:          {stats['day_precise']:6.1%}",
        f"town-precise (or finer):    {stats['town_precise']:6.1%}",
        f"told by 2 or more sources:  {stats['multi_source']:6.1%}",
    ]
    for title, key in (("type", "by_type"), ("month", "by_month"), ("country", "by_country")):
        s = stats[key]
        lines.append("")
        width = max([len(title)] + [len(str(k)) for k in s.index])
        lines.append(f"{title:<{width}}  events  share")
        for k, v in s.items():
            lines.append(f"{str(k):<{width}}  {int(v):6d}  {v / n if n else 0:5.1%}")
    return "\n".join(lines)


def plot_weekly(df: "pandas.DataFrame", path: str | os.PathLike[str], *, overwrite: bool = False,
                title: str | None = None) -> Path:
    """Draw incidents per week by type (a PNG) on a time axis; undated events are left out.
    A dataset spanning more than three years is counted by month instead."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise OutputError("--plot needs matplotlib; install it with "
                          "`pip install incidentmap[plot]`.") from None
    import pandas as pd

    check_writable(path, overwrite)
    dates = pd.to_datetime(df["event_date"], errors="coerce")
    d = pd.DataFrame({"date": dates, "type": df["type"]}).dropna()
    fig, ax = plt.subplots(figsize=(10, 4.5), dpi=100)
    unit, freq, width = "week", "W-MON", 6.0
    if len(d) and (d["date"].max() - d["date"].min()).days > 3 * 365:
        # Weekly bars over many years are too thin to see: count by month instead.
        unit, freq, width = "month", "MS", 27.0
    if len(d):
        counts = (d.groupby([pd.Grouper(key="date", freq=freq, label="left", closed="left"), "type"])
                  .size().unstack(fill_value=0).sort_index(axis=1))
        full = pd.date_range(counts.index.min(), counts.index.max(), freq=freq)
        counts = counts.reindex(full, fill_value=0)  # empty weeks are part of the story
        colors = plt.get_cmap("tab20").colors
        bottom = None
        for i, typ in enumerate(counts.columns):
            ax.bar(counts.index, counts[typ].to_numpy(), width=width, bottom=bottom, align="edge",
                   label=typ, color=colors[i % len(colors)])
            bottom = counts[typ].to_numpy() if bottom is None else bottom + counts[typ].to_numpy()
        ax.legend(title="type", fontsize=8, ncols=2, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        fig.autofmt_xdate()
    else:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel(f"{unit} starting")
    ax.set_ylabel(f"events per {unit}")
    ax.set_title(title or f"Incidents per {unit} by type")
    fig.tight_layout()
    with atomic_path(path, overwrite) as tmp:
        fig.savefig(tmp, format="png")
    plt.close(fig)
    return Path(path)
