#!/usr/bin/env python3
"""Score incidentmap's geoparser on the gold geoparsing corpora and time it.

Scoring follows ``../shared/bench/geoparse/README.md`` (Gritta et al. 2018, EUPEG):

* recognition: precision, recall, F1 of predicted spans, exact (same start and end) and
  overlapping (one-to-one matching); mentions the system marks as demonyms are left out;
* resolution, on overlap-matched toponyms whose gold has coordinates: great-circle error,
  acc@161, mean and median km, AUC of sorted ln(1 + km) normalised by ln(20039) and n - 1
  (a matched mention the system left unplaced counts as 20,039 km, the worst error);
* end to end, geo@161: a gold toponym with coordinates is found when a prediction overlaps it
  (one-to-one) and lies within 161 km; recall = found / gold with coordinates, precision =
  found / predictions with coordinates;
* throughput: UTF-8 kilobytes (1,000 bytes) of text per second through recognize + resolve in
  this one process, after the gazetteer is loaded; best of ``--repeat`` runs, as wall time and
  as the process's CPU time;
* cold start: wall time of ``incidentmap places <seed article>`` as a fresh subprocess.

The corpora are read from their folder at run time and never copied anywhere.

Usage::

    python bench/geoparse.py --corpus all
    python bench/geoparse.py --corpus lgl --limit 50 --errors 40   # print error samples
    python bench/geoparse.py --corpus all --half 1                 # tune on the first halves,
    python bench/geoparse.py --corpus all --half 2                 # check on the second halves
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_DIR = (REPO / ".." / "shared" / "bench" / "geoparse").resolve()
CORPORA = {"lgl": "lgl.dev.jsonl", "geowebnews": "geowebnews.dev.jsonl", "tr-news": "tr-news.dev.jsonl"}
EARTH_HALF_CIRCUMFERENCE_KM = 20039.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def match_overlap(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping spans: exact matches first, then the pairs with the
    largest overlap, so that one prediction never counts for two gold spans."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > 0:
                exact = g["start"] == p["start"] and g["end"] == p["end"]
                pairs.append((0 if exact else 1, -ov, gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def auc(errors_km: list[float]) -> float:
    """Area under the curve of sorted ln(1 + error), normalised (0 best, 1 worst)."""
    if len(errors_km) < 2:
        return 0.0 if not errors_km else math.log1p(errors_km[0]) / math.log(EARTH_HALF_CIRCUMFERENCE_KM)
    ys = sorted(math.log1p(e) for e in errors_km)
    area = sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))
    return area / (math.log(EARTH_HALF_CIRCUMFERENCE_KM) * (len(ys) - 1))


def load_corpus(path: Path, limit: int | None) -> list[dict]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
                if limit and len(docs) >= limit:
                    break
    return docs


def predict(docs: list[dict], gaz, repeat: int = 1) -> tuple[list[list[dict]], float, float]:
    """Run recognize + resolve on each document; return place records and the best wall and
    CPU seconds of ``repeat`` runs (best-of-N removes most of the noise of a shared machine)."""
    from incidentmap.model import Article
    from incidentmap.recognize import recognize
    from incidentmap.resolve import resolve

    out = []
    arts = [Article(id=str(d["id"]), text=d["text"]) for d in docs]
    wall = cpu = float("inf")
    for _ in range(max(1, repeat)):
        t0, c0 = time.perf_counter(), time.process_time()
        results = [resolve(art, recognize(art, gaz), gaz) for art in arts]
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    for tops in results:
        out.append([t.to_dict() for t in tops])
    return out, wall, cpu


def score(docs: list[dict], preds: list[list[dict]], errors: list | None = None) -> dict:
    n_gold = n_pred = tp_exact = tp_overlap = 0
    errs: list[float] = []
    found = gold_coords = pred_coords = 0
    for d, pr in zip(docs, preds):
        gold = d["toponyms"]
        places = [p for p in pr if p.get("kind") != "demonym"]
        n_gold += len(gold)
        n_pred += len(places)
        gspans = {(g["start"], g["end"]) for g in gold}
        tp_exact += sum(1 for p in places if (p["start"], p["end"]) in gspans)
        pairs = match_overlap(gold, places)
        tp_overlap += len(pairs)
        matched_p = {}
        for gi, pi in pairs:
            matched_p[gi] = pi
            g, p = gold[gi], places[pi]
            if g.get("lat") is None:
                continue
            if p.get("lat") is None:
                e = EARTH_HALF_CIRCUMFERENCE_KM
            else:
                e = haversine_km(g["lat"], g["lon"], p["lat"], p["lon"])
            errs.append(e)
            if errors is not None and e >= 161:
                errors.append(("wrong", d["id"], g["name"], p.get("name"), p.get("country_code"),
                               round(e), d["text"][max(0, g["start"] - 60): g["end"] + 60]))
        # End to end: every prediction that carries coordinates counts, demonyms included
        # (the README leaves demonyms out of recognition scoring only).
        located = [p for p in pr if p.get("lat") is not None]
        gold_located = [g for g in gold if g.get("lat") is not None]
        gold_coords += len(gold_located)
        pred_coords += len(located)
        for gi, pi in match_overlap(gold_located, located):
            g, p = gold_located[gi], located[pi]
            if haversine_km(g["lat"], g["lon"], p["lat"], p["lon"]) < 161:
                found += 1
        if errors is not None:
            mg = set(matched_p)
            mp = set(matched_p.values())
            for gi, g in enumerate(gold):
                if gi not in mg:
                    errors.append(("miss", d["id"], g["name"], g.get("kind"), None, None,
                                   d["text"][max(0, g["start"] - 60): g["end"] + 60]))
            for pi, p in enumerate(places):
                if pi not in mp:
                    errors.append(("false", d["id"], p["text"], p.get("name"), p.get("country_code"),
                                   None, d["text"][max(0, p["start"] - 60): p["end"] + 60]))
    ep, er, ef = prf(tp_exact, n_pred, n_gold)
    op, orr, of = prf(tp_overlap, n_pred, n_gold)
    gp, gr, gf = prf(found, pred_coords, gold_coords)
    gp = found / pred_coords if pred_coords else 0.0
    gr = found / gold_coords if gold_coords else 0.0
    return {
        "gold": n_gold, "pred": n_pred,
        "exact_p": ep, "exact_r": er, "exact_f1": ef,
        "overlap_p": op, "overlap_r": orr, "overlap_f1": of,
        "resolved_n": len(errs),
        "acc161": (sum(1 for e in errs if e < 161) / len(errs)) if errs else 0.0,
        "mean_km": statistics.fmean(errs) if errs else 0.0,
        "median_km": statistics.median(errs) if errs else 0.0,
        "auc": auc(errs),
        "geo_p": gp, "geo_r": gr, "geo_f1": (2 * gp * gr / (gp + gr)) if gp + gr else 0.0,
    }


def cold_start(seed: Path, runs: int = 3) -> float | None:
    """Best-of-N wall time of `incidentmap places SEED` in a fresh process (None if it fails)."""
    exe = Path(sys.executable).with_name("incidentmap")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "incidentmap.cli"]
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run(cmd + ["places", str(seed)], capture_output=True, text=True)
        dt = time.perf_counter() - t0
        if r.returncode != 0:
            print(f"cold start: `{' '.join(cmd)} places` failed: {r.stderr.strip()[:200]}", file=sys.stderr)
            return None
        best = dt if best is None else min(best, dt)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="all", choices=[*CORPORA, "all"])
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    ap.add_argument("--half", type=int, choices=(1, 2), default=None,
                    help="score only the first or second half of each corpus, by document order "
                         "(tune on half 1, check on half 2)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DIR, help="folder of the *.dev.jsonl files")
    ap.add_argument("--errors", type=int, default=0, help="print up to N error samples per kind")
    ap.add_argument("--errors-file", type=Path, default=None, help="write all errors as JSONL")
    ap.add_argument("--no-cold-start", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per corpus; the best counts")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--gazetteer", type=Path, default=None,
                    help="another built gazetteer (folder or .sqlite) instead of the bundled one")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    from incidentmap.gazetteer import load_gazetteer
    gaz = load_gazetteer(path=args.gazetteer) if args.gazetteer else load_gazetteer()
    gaz.keys, gaz.prefixes  # built lazily; part of loading, not of throughput
    load_s = time.perf_counter() - t0
    # Warm-up outside the timed runs: lazily built tables are part of loading, not of throughput.
    from incidentmap.model import Article
    from incidentmap.recognize import recognize
    from incidentmap.resolve import resolve
    warm = Article(id="warm", text="Officials in Paris, Texas, and Almaty's airport said so.")
    resolve(warm, recognize(warm, gaz), gaz)

    names = list(CORPORA) if args.corpus == "all" else [args.corpus]
    rows = {}
    all_errors: list = []
    for name in names:
        docs = load_corpus(args.data / CORPORA[name], args.limit)
        if args.half:
            mid = len(docs) // 2
            docs = docs[:mid] if args.half == 1 else docs[mid:]
        preds, secs, cpu = predict(docs, gaz, args.repeat)
        errors: list | None = [] if (args.errors or args.errors_file) else None
        s = score(docs, preds, errors)
        kb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1000.0
        s["docs"] = len(docs)
        s["kb_per_s"] = kb / secs if secs else float("inf")
        # CPU seconds of this process: what one core does, whatever else the machine runs.
        s["kb_per_cpu_s"] = kb / cpu if cpu else float("inf")
        rows[name] = s
        if errors:
            for e in errors:
                all_errors.append((name, *e))
            if args.errors:
                for kind in ("false", "miss", "wrong"):
                    sample = [e for e in errors if e[0] == kind][: args.errors]
                    print(f"\n## {name}: {kind} ({sum(1 for e in errors if e[0] == kind)})")
                    for e in sample:
                        print("  ", e[2:6], "|", e[6].replace("\n", " "))
    if args.errors_file:
        with args.errors_file.open("w", encoding="utf-8") as fh:
            for e in all_errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")

    cold = None
    if not args.no_cold_start:
        seeds = sorted((REPO / "seeds").glob("*.txt"))
        if seeds:
            cold = cold_start(seeds[0])

    if args.json:
        print(json.dumps({"corpora": rows, "load_s": load_s, "cold_start_s": cold}, indent=2, sort_keys=True))
        return 0
    hdr = ("corpus", "docs", "exact P/R/F1", "overlap P/R/F1", "acc@161", "mean km", "median km",
           "AUC", "geo@161 P/R/F1", "KB/s wall", "KB/s CPU")
    print("| " + " | ".join(hdr) + " |")
    print("|" + "---|" * len(hdr))
    for name, s in rows.items():
        print("| " + " | ".join([
            name, str(s["docs"]),
            f"{s['exact_p']:.2f}/{s['exact_r']:.2f}/{s['exact_f1']:.2f}",
            f"{s['overlap_p']:.2f}/{s['overlap_r']:.2f}/{s['overlap_f1']:.2f}",
            f"{s['acc161']:.2f}", f"{s['mean_km']:.0f}", f"{s['median_km']:.0f}", f"{s['auc']:.2f}",
            f"{s['geo_p']:.2f}/{s['geo_r']:.2f}/{s['geo_f1']:.2f}",
            f"{s['kb_per_s']:.0f}", f"{s['kb_per_cpu_s']:.0f}",
        ]) + " |")
    print(f"\ngazetteer load (in process): {load_s:.2f} s; cold start of `incidentmap places` on the "
          f"seed article: {f'{cold:.2f} s' if cold is not None else 'n/a'}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    raise SystemExit(main())
