#!/usr/bin/env python3
"""Score incidentmap's incident extraction on the hand-annotated development set.

The annotations (``bench/incidents_gold.jsonl``) name documents of the geoparsing corpora in
``../shared/bench/geoparse/`` by corpus and id; the texts are read from there at run time and
never copied.  Each annotated incident has a type, evidence offsets, the coordinates of its
place of occurrence and, when the text gives it absolutely, a date.

Scoring: a predicted incident matches an annotated one (one to one, nearest first) when the
types are equal, the places lie within 161 km of each other and, when both have a date, the
dates are within a day.  Precision = matched / predicted incidents on the annotated
(non-control) documents; recall = matched / annotated incidents; per type and overall.  On the
control documents, which report no incident, every predicted incident is a false incident.
Annotations marked ``background`` (an older event the article mentions only in passing) are
optional: not counted as missed when absent, nor as false when predicted.

The corpora carry no publication dates, so relative dates ("Thursday") stay unresolved and
only absolute dates are compared.  ``bench/wire/*.jsonl`` adds news-style articles written for
the bench (blind to the extractor) with their publication dates, text and annotations in one
record; their split is the file's name (``--no-wire`` leaves them out).  Each document has a ``split``: ``dev`` (the rules were tuned
on it) or ``fresh``, ``fresh2`` ... (batches annotated later, each measured once before its errors
were looked at); the figures are printed per split and for all.

Usage::

    python bench/incidents.py
    python bench/incidents.py --errors          # list misses and false incidents
    python bench/incidents.py --gold-places     # place incidents with the gold toponyms
    python bench/incidents.py --split fresh4
    python bench/incidents.py --split dev,fresh,fresh2 --curve   # P/R at each confidence cut
    python bench/incidents.py --min-confidence 0                 # every candidate
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
DEFAULT_DIR = (REPO / ".." / "shared" / "bench" / "geoparse").resolve()
GOLD = HERE / "incidents_gold.jsonl"
WIRE = HERE / "wire"
FILES = {"lgl": "lgl.dev.jsonl", "geowebnews": "geowebnews.dev.jsonl", "tr-news": "tr-news.dev.jsonl"}
MAX_KM = 161.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def load_gold(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if "_comment" in rec:
            continue
        out.append(rec)
    return out


def load_texts(folder: Path, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    docs = {}
    for corpus, fname in FILES.items():
        if not any(c == corpus for c, _ in wanted):
            continue
        with open(folder / fname, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if (corpus, d["id"]) in wanted:
                    docs[(corpus, d["id"])] = d
    return docs


def load_wire(folder: Path) -> tuple[list[dict], dict[tuple[str, str], dict]]:
    """The articles written for the bench (``bench/wire/*.jsonl``): text, publication date and
    annotations in one record each; their split is the file's name."""
    gold, docs = [], {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            key = ("wire", rec["id"])
            gold.append({"corpus": "wire", "doc_id": rec["id"], "control": rec["control"],
                         "incidents": rec["incidents"], "split": path.stem})
            docs[key] = {"id": rec["id"], "text": rec["text"], "published": rec.get("published"),
                         "toponyms": []}
    return gold, docs


def gold_toponyms(doc: dict):
    """The corpus's own toponyms as resolved Toponym objects (to score extraction alone)."""
    from incidentmap.model import Mention, Place, Toponym

    out = []
    for i, t in enumerate(doc["toponyms"]):
        demonym = (t.get("kind") or "").startswith(("Demonym", "Non_Literal_Modifier"))
        place = None
        if t["lat"] is not None and not demonym:
            kind = {"PCLI": "country", "ADM1": "admin1", "ADM2": "admin2"}.get(t.get("kind") or "", "city")
            place = Place(f"gold:{i}", t["name"], kind, t["lat"], t["lon"])
        out.append(Toponym(Mention(t["start"], t["end"], t["name"], "demonym" if demonym else "place"),
                           place, 1.0))
    return out


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p["type"] != g["type"] or p["lat"] is None:
                continue
            km = haversine_km(g["lat"], g["lon"], p["lat"], p["lon"])
            if km > MAX_KM:
                continue
            if g.get("date") and p.get("date"):
                import datetime as dt
                gd, pd = dt.date.fromisoformat(g["date"]), dt.date.fromisoformat(p["date"])
                if abs((gd - pd).days) > 1:
                    continue
            pairs.append((km, gi, pi))
    pairs.sort()
    ug, up, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi in ug or pi in up:
            continue
        ug.add(gi)
        up.add(pi)
        out.append((gi, pi))
    return out


def _why_false(p: dict, unmatched: list[dict]) -> str:
    """Why a prediction matched nothing: the nearest kind of unmatched annotation it resembles.

    "wrong place": an unmatched annotation of its type lies over 161 km away (usually the
    geoparser's reading); "wrong type": one within 161 km has another type; "wrong date": same
    type and place, dates over a day apart; "background": it matches an optional event already
    matched by another prediction, or nothing fits; "no counterpart" otherwise.
    """
    import datetime as dt
    near = lambda r: p["lat"] is not None and haversine_km(r["lat"], r["lon"], p["lat"], p["lon"]) <= MAX_KM
    same = [r for r in unmatched if r["type"] == p["type"]]
    if any(near(r) for r in same):
        return "wrong date"
    if same:
        return "wrong place"
    if any(near(r) for r in unmatched):
        return "wrong type"
    if p["lat"] is None:
        return "unplaced"
    return "no counterpart"


def _score(gold: list[dict], results: dict, docs: dict, errors: list, title: str) -> None:
    tp_t, n_pred_t, n_gold_t = Counter(), Counter(), Counter()
    false_on_controls = controls_with_false = n_controls = 0
    why = Counter()
    for g in gold:
        pred = results[(g["corpus"], g["doc_id"])]
        if g["control"]:
            n_controls += 1
            false_on_controls += len(pred)
            controls_with_false += bool(pred)
            errors.extend(("FALSE(control)", g, p, None) for p in pred)
            continue
        # Background events (an older event the article mentions in passing) are optional:
        # required of no extractor, and a prediction matching one is neither right nor wrong.
        m = match(g["incidents"], pred)
        mg, mp = {gi for gi, _ in m}, {pi for _, pi in m}
        optional_p = {pi for gi, pi in m if g["incidents"][gi].get("background")}
        for gi, rec in enumerate(g["incidents"]):
            if rec.get("background"):
                continue
            n_gold_t[rec["type"]] += 1
            if gi in mg:
                tp_t[rec["type"]] += 1
            else:
                errors.append(("MISS", g, None, rec))
        for pi, p in enumerate(pred):
            if pi in optional_p:
                continue
            n_pred_t[p["type"]] += 1
            if pi not in mp:
                reason = _why_false(p, [r for gi, r in enumerate(g["incidents"]) if gi not in mg])
                why[reason] += 1
                errors.append((f"FALSE[{reason}]", g, p, None))
    print(f"== {title}: {len(gold) - n_controls} annotated documents "
          f"({sum(n_gold_t.values())} incidents) + {n_controls} control documents")
    print(f"{'type':22s} {'gold':>5s} {'pred':>5s} {'match':>5s} {'P':>6s} {'R':>6s}")
    for t in sorted(set(n_gold_t) | set(n_pred_t)):
        p = tp_t[t] / n_pred_t[t] if n_pred_t[t] else 0.0
        r = tp_t[t] / n_gold_t[t] if n_gold_t[t] else 0.0
        print(f"{t:22s} {n_gold_t[t]:5d} {n_pred_t[t]:5d} {tp_t[t]:5d} {p:6.2f} {r:6.2f}")
    tp, npred, ngold = sum(tp_t.values()), sum(n_pred_t.values()), sum(n_gold_t.values())
    P = tp / npred if npred else 0.0
    R = tp / ngold if ngold else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    print(f"{'overall (type+place)':22s} {ngold:5d} {npred:5d} {tp:5d} {P:6.2f} {R:6.2f}  F1 {F:.2f}")
    if why:
        print("false incidents in annotated documents: "
              + ", ".join(f"{n} {k}" for k, n in sorted(why.items(), key=lambda kv: -kv[1])))
    print(f"control documents: {false_on_controls} false incidents in {n_controls} documents "
          f"({controls_with_false} with any); per 10 controls: "
          f"{10 * false_on_controls / max(1, n_controls):.1f}")
    print()


def _curve(gold: list[dict], results: dict, title: str) -> None:
    """Precision, recall and false incidents on controls at each confidence cut."""
    print(f"== confidence cut, {title}: cut, P, R, predicted, matched, false on controls")
    for cut in (0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        tp = npred = ngold = ctl = 0
        for g in gold:
            pred = [p for p in results[(g["corpus"], g["doc_id"])] if p["confidence"] >= cut]
            if g["control"]:
                ctl += len(pred)
                continue
            m = match(g["incidents"], pred)
            optional_p = {pi for gi, pi in m if g["incidents"][gi].get("background")}
            ngold += sum(1 for r in g["incidents"] if not r.get("background"))
            tp += sum(1 for gi, _ in m if not g["incidents"][gi].get("background"))
            npred += len(pred) - len(optional_p)
        n_ctl = sum(1 for g in gold if g["control"])
        print(f"  >= {cut:.2f}  P {tp / max(npred, 1):.2f}  R {tp / max(ngold, 1):.2f}  "
              f"{npred:4d} {tp:4d}  {ctl} in {n_ctl} controls")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of the corpora")
    ap.add_argument("--errors", action="store_true", help="print misses and false incidents")
    ap.add_argument("--split", default=None, metavar="NAME",
                    help="score some parts only: dev, fresh, fresh2 ..., a comma-separated list of them, "
                         "or all (default: each part, then all)")
    ap.add_argument("--gold-places", action="store_true",
                    help="use the corpus's gold toponyms instead of the geoparser")
    ap.add_argument("--min-confidence", type=float, default=None, metavar="X",
                    help="the cut to extract with (default: the library's MIN_CONFIDENCE)")
    ap.add_argument("--curve", action="store_true",
                    help="precision / recall / false incidents on controls at each confidence cut "
                         "(extracts with min_confidence=0 and cuts afterwards)")
    ap.add_argument("--no-wire", action="store_true",
                    help="leave out the articles written for the bench (bench/wire/)")
    args = ap.parse_args(argv)

    from incidentmap.incidents import find_incidents
    from incidentmap.model import Article

    gold = load_gold(args.gold)
    docs = load_texts(args.dir, {(g["corpus"], g["doc_id"]) for g in gold})
    if not args.no_wire and not args.gold_places:  # the written articles have no gold toponyms
        wire_gold, wire_docs = load_wire(WIRE)
        gold += wire_gold
        docs.update(wire_docs)
    if not args.gold_places:
        from incidentmap.gazetteer import load_gazetteer
        from incidentmap.recognize import recognize
        from incidentmap.resolve import resolve
        gaz = load_gazetteer()

    results = {}
    errors = []
    t_extract = t_geo = 0.0
    n_bytes = 0
    for g in gold:
        d = docs[(g["corpus"], g["doc_id"])]
        pub = d.get("published")
        art = Article(id=f"{g['corpus']}:{g['doc_id']}", text=d["text"],
                      published=dt.date.fromisoformat(pub) if pub else None)
        n_bytes += len(d["text"].encode("utf-8"))
        t0 = time.perf_counter()
        tops = gold_toponyms(d) if args.gold_places else resolve(art, recognize(art, gaz), gaz)
        t1 = time.perf_counter()
        cut = 0.0 if args.curve else args.min_confidence
        incs = find_incidents(art, tops, **({} if cut is None else {"min_confidence": cut}))
        t2 = time.perf_counter()
        t_geo += t1 - t0
        t_extract += t2 - t1
        results[(g["corpus"], g["doc_id"])] = [i.to_record() for i in incs]

    # Parts in the order they were annotated (the file order), then all of them.
    order = list(dict.fromkeys(g.get("split", "dev") for g in gold))
    wanted = args.split.split(",") if args.split else []
    for name in wanted:
        if name not in order + ["all"]:
            ap.error(f"unknown split {name!r}; the annotations have: {', '.join(order)}, all "
                     f"(several: a comma-separated list)")

    def in_split(g, split):
        return split == "all" or g.get("split", "dev") in split.split(",")

    if args.curve:
        part = [g for g in gold if in_split(g, args.split or "all")]
        _curve(part, results, args.split or "all")
        return 0
    splits = [args.split] if args.split else order + ["all"]
    for split in splits:
        part = [g for g in gold if in_split(g, split)]
        _score(part, results, docs, errors if split == (args.split or "all") else [],
               f"{split} ({'gold toponyms' if args.gold_places else 'geoparser toponyms'})")
    kb = n_bytes / 1000
    print(f"speed: find_incidents {kb / t_extract:,.0f} kB/s; geoparse {kb / max(t_geo, 1e-9):,.0f} kB/s "
          f"({kb:.0f} kB)")
    if args.errors:
        for kind, g, p, gi in errors:
            d = docs[(g["corpus"], g["doc_id"])]
            if p is not None:
                ev = p["evidence"][0]
                print(f"{kind} {g['corpus']}:{g['doc_id']} {p['type']}/{p['subtype']} "
                      f"@{p['place_name']} ({p['geo_precision']}) :: {ev['text'][:160]!r}")
            else:
                s, e = gi["evidence"][0]
                print(f"{kind} {g['corpus']}:{g['doc_id']} {gi['type']} @({gi['lat']:.2f},{gi['lon']:.2f}) "
                      f":: {d['text'][s:e][:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
