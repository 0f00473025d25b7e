#!/usr/bin/env python3
"""How well deduplication merges the same event told by two articles and keeps distinct
events apart, measured end to end: short news articles written here from templates go
through the real pipeline (``pipeline.process_article``) and then ``dataset.deduplicate``.

Pairs of articles:

* ``same``: one event told by two papers in different words (one names the country too,
  the second may be published a day later, so "on Monday" must resolve to the same day);
* ``same, country-level``: the second paper only says the country;
* ``same, toll grew``: the second paper gives a higher count (2 -> 3, 4 -> 7);
* ``other day``: the same kind of event in the same town 2 to 5 days later (two fires);
* ``other town``: the same kind of event on the same day in another town of the country;
* ``other type``: a different kind of event in the same town on the same day;
* ``other toll``: same kind, town and day, but 2 against 40 dead (two different attacks);
* ``other site``: a fire at a warehouse and a fire at a school in one town on one day (the
  rule cannot tell them apart: it does not compare what burned).

A pair counts only when the pipeline finds the intended incident in both articles (the rest
are reported as "not extracted": an extraction miss, not a deduplication error).  Every pair
is deduplicated together with all the other pairs' reports, as in a real dataset.

Usage::

    python bench/dedup.py [--pairs 40] [--examples 3]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from incidentmap.dataset import deduplicate, mismatch, same_event  # noqa: E402
from incidentmap.model import Article  # noqa: E402
from incidentmap.pipeline import process_article  # noqa: E402

# Two towns per country, far enough apart to be different places.
TOWNS = {
    "France": ("Lyon", "Marseille"), "Kenya": ("Nairobi", "Mombasa"),
    "Brazil": ("Recife", "Curitiba"), "India": ("Pune", "Kolkata"),
    "Nigeria": ("Kano", "Lagos"), "Mexico": ("Monterrey", "Guadalajara"),
    "Pakistan": ("Lahore", "Karachi"), "Colombia": ("Medellin", "Cali"),
    "Indonesia": ("Surabaya", "Medan"), "Germany": ("Hamburg", "Munich"),
}

# Paraphrases of one kind of event; {where} is "Lyon" or "Lyon, France" or "France".
TEMPLATES = {
    "fire": [
        "A fire destroyed a warehouse in {where} on {day}, firefighters said. {n} people were injured.",
        "Firefighters battled a large blaze at a warehouse in {where} on {day}. {n} people were hurt.",
        "{N} people were injured when fire tore through a warehouse in {where} on {day}, officials said.",
    ],
    "protest": [
        "Thousands of protesters marched through {where} on {day} to demand higher wages.",
        "Demonstrators rallied in {where} on {day}, calling for higher wages.",
        "Workers staged a protest in {where} on {day} over wages, organisers said.",
    ],
    "attack": [
        "A gunman shot dead {n} people at a market in {where} on {day}, police said.",
        "Police said {n} people were killed in a shooting at a market in {where} on {day}.",
        "{N} people were shot dead at a busy market in {where} on {day}.",
    ],
    "explosion": [
        "A bomb exploded near a bus station in {where} on {day}, killing {n} people.",
        "{N} people died when an explosive device went off at a bus station in {where} on {day}.",
        "A blast near a bus station in {where} killed {n} people on {day}, officials said.",
    ],
    "arrest": [
        "Police arrested {n} people in {where} on {day} after clashes outside the parliament.",
        "{N} people were detained in {where} on {day}, police said.",
        "Security forces detained {n} demonstrators in {where} on {day}.",
    ],
    "arson": [
        "Rioters set fire to the town hall in {where} on {day}.",
        "The town hall in {where} was torched by an angry crowd on {day}.",
        "An angry crowd set the town hall in {where} ablaze on {day}.",
    ],
}
OTHER_TYPE = {"fire": "protest", "protest": "fire", "attack": "arrest", "explosion": "protest",
              "arrest": "fire", "arson": "attack"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(doc_id: str, typ: str, variant: int, where: str, when: dt.date, pub: dt.date, n: int) -> Article:
    text = TEMPLATES[typ][variant % len(TEMPLATES[typ])].format(
        where=where, day=WEEKDAYS[when.weekday()], n=n, N=str(n).capitalize())
    return Article(id=doc_id, text=text, published=pub, publisher=f"paper-{doc_id[-1]}")


def make_pairs(per_kind: int, seed: int) -> list[tuple[str, Article, Article, str, str]]:
    """(kind, article A, article B, type in A, type in B)."""
    rng = random.Random(seed)
    out = []
    countries = sorted(TOWNS)
    kinds = ["same", "same, country-level", "same, toll grew", "other day", "other town",
             "other type", "other toll", "other site"]
    i = 0
    for kind in kinds:
        for _ in range(per_kind):
            i += 1
            typ = rng.choice(sorted(TEMPLATES))
            if kind == "other toll":
                typ = rng.choice(["attack", "explosion"])
            if kind == "other site":
                typ = "fire"
            if kind == "same, toll grew":
                typ = rng.choice(["attack", "explosion", "fire", "arrest"])
            country = rng.choice(countries)
            town, town2 = TOWNS[country]
            day = dt.date(2023, 3, 1) + dt.timedelta(days=rng.randrange(60))
            pub = day + dt.timedelta(days=1)
            va, vb = rng.sample(range(3), 2)
            n = rng.randrange(2, 9)
            a = article(f"p{i:03d}-a", typ, va, town, day, pub, n)
            typ_b, where_b, day_b, n_b = typ, f"{town}, {country}", day, n
            pub_b = pub + dt.timedelta(days=rng.randrange(2))
            if kind == "same, country-level":
                where_b = country
            elif kind == "same, toll grew":
                n_b = n + rng.randrange(1, 4)
            elif kind == "other day":
                day_b = day + dt.timedelta(days=rng.randrange(2, 6))
                pub_b = day_b + dt.timedelta(days=1)
            elif kind == "other town":
                where_b = f"{town2}, {country}"
            elif kind == "other type":
                typ_b = OTHER_TYPE[typ]
            elif kind == "other toll":
                n, n_b = 2, 40
                a = article(f"p{i:03d}-a", typ, va, town, day, pub, n)
            b = article(f"p{i:03d}-b", typ_b, vb, where_b, day_b, pub_b, n_b)
            if kind == "other site":  # a second fire, at a school, the same day
                b = Article(b.id, b.text.replace("warehouse", "school"), published=b.published,
                            publisher=b.publisher)
            out.append((kind, a, b, typ, typ_b))
    return out


def gold_excerpt_pairs(examples: int) -> None:
    """Real news from the incident development set, each told twice: the full article, and
    a shorter second report made of its annotated evidence sentences only (in reverse
    order, published a day later), as a wire rewrite would.  Everything is deduplicated
    together.  A gold incident found in both versions should become one event; reports of
    different gold incidents (other documents, or another incident of the same document)
    should stay apart.  Texts are read at run time from ../shared/bench/geoparse/."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import incidents as ib  # bench/incidents.py: gold loading and its matching rule

    gold = [g for g in ib.load_gold(ib.GOLD) if not g["control"]]
    docs = ib.load_texts(ib.DEFAULT_DIR, {(g["corpus"], g["doc_id"]) for g in gold})
    pub = dt.date(2022, 1, 7)  # one date for all: relative dates of unrelated stories collide
    reports, owner = [], {}  # report id -> (doc key, gold incident index or None)
    found = []
    for g in gold:
        key = (g["corpus"], g["doc_id"])
        text = docs[key]["text"]
        spans = sorted({tuple(e) for inc in g["incidents"] for e in inc["evidence"]}, reverse=True)
        excerpt = " ".join(text[a:b].strip() for a, b in spans)
        got = {}
        for version, body, day in (("full", text, pub), ("excerpt", excerpt, pub + dt.timedelta(days=1))):
            art = Article(id=f"{key[0]}:{key[1]}:{version}", text=body, published=day)
            incs = process_article(art)
            reports += incs
            pred = [{"type": i.type, "lat": i.place.lat if i.place else None,
                     "lon": i.place.lon if i.place else None, "date": None} for i in incs]
            m = dict(ib.match([{**x, "date": None} for x in g["incidents"]], pred))
            for i, inc in enumerate(incs):
                owner[inc.id] = (key, next((gi for gi, pi in m.items() if pi == i), None))
            got[version] = {gi: incs[pi] for gi, pi in m.items()}
        found.append((key, got))
    _, event_of = deduplicate(reports)

    both = merged = 0
    missed = []
    why = collections.Counter()
    for key, got in found:
        for gi, ra in got["full"].items():
            rb = got["excerpt"].get(gi)
            if rb is None:
                continue
            both += 1
            if event_of[ra.id] == event_of[rb.id]:
                merged += 1
            else:
                missed.append((key, ra, rb))
                why[mismatch(ra, rb) or "grouped elsewhere"] += 1
    apart_pairs = wrong_pairs = 0
    wrong = []
    # Every pair of matched reports of different gold incidents and the same type.
    matched = [(r, owner[r.id]) for r in reports if owner[r.id][1] is not None]
    for i in range(len(matched)):
        for j in range(i + 1, len(matched)):
            (ra, (ka, ga)), (rb, (kb, gb)) = matched[i], matched[j]
            if ra.type != rb.type or (ka, ga) == (kb, gb) or ra.source.doc_id == rb.source.doc_id:
                continue
            if event_of[ra.id] == event_of[rb.id]:
                wrong_pairs += 1
                wrong.append((ra, rb))
            else:
                apart_pairs += 1
    n_docs = len(found)
    print(f"\n== real news, full article + excerpt rewrite ({n_docs} documents of bench/incidents_gold.jsonl)")
    print(f"same incident found in both versions: {both}; merged into one event: {merged} "
          f"({merged / both:.1%})" if both else "no incident found in both versions")
    total = apart_pairs + wrong_pairs
    print(f"pairs of reports of different gold incidents (same type, different articles): {total}; "
          f"kept apart: {apart_pairs} ({apart_pairs / total:.1%})" if total else "no distinct pairs")
    if why:
        print("  why not merged: " + ", ".join(f"{n} {w}" for w, n in why.most_common()))
    for key, ra, rb in missed[:examples]:
        print(f"  not merged {key}: {ra.type} {ra.date}/{ra.date_precision} {ra.place and ra.place.name} "
              f"[{ra.geo_precision}] vs {rb.date}/{rb.date_precision} {rb.place and rb.place.name} "
              f"[{rb.geo_precision}] dead {ra.fatalities and ra.fatalities.value}/{rb.fatalities and rb.fatalities.value}")
    for ra, rb in wrong[:examples]:
        print(f"  merged wrongly: {ra.source.doc_id} {ra.type} {ra.date} {ra.place and ra.place.name} | "
              f"{rb.source.doc_id} {rb.type} {rb.date} {rb.place and rb.place.name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=40, help="pairs of each kind")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--examples", type=int, default=2, help="wrong pairs to print per kind")
    ap.add_argument("--no-gold", action="store_true", help="skip the real-news part")
    args = ap.parse_args()

    pairs = make_pairs(args.pairs, args.seed)
    reports, picked = [], []
    for kind, a, b, ta, tb in pairs:
        ra, rb = process_article(a), process_article(b)
        reports += ra + rb
        ia = next((r for r in ra if r.type == ta), None)
        ib = next((r for r in rb if r.type == tb), None)
        picked.append((kind, a, b, ia, ib))
    _, event_of = deduplicate(reports)

    stats: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    wrong: dict[str, list] = collections.defaultdict(list)
    for kind, a, b, ia, ib in picked:
        if ia is None or ib is None:
            stats[kind]["not extracted"] += 1
            continue
        merged = event_of[ia.id] == event_of[ib.id]
        ok = merged if kind.startswith("same") else not merged
        stats[kind]["right" if ok else "wrong"] += 1
        if not ok:
            wrong[kind].append((a, b, ia, ib, same_event(ia, ib)))

    print("| pair kind | pairs | extracted | right | rate |")
    print("|---|---:|---:|---:|---:|")
    tot = collections.Counter()
    for kind in dict.fromkeys(k for k, *_ in pairs):
        c = stats[kind]
        n_ok = c["right"] + c["wrong"]
        goal = "merged" if kind.startswith("same") else "kept apart"
        rate = f"{c['right'] / n_ok:.0%} {goal}" if n_ok else "-"
        print(f"| {kind} | {args.pairs} | {n_ok} | {c['right']} | {rate} |")
        group = "same" if kind.startswith("same") else "other"
        tot[group + "_ok"] += c["right"]
        tot[group + "_n"] += n_ok
    if tot["same_n"]:
        print(f"\ntrue duplicates merged: {tot['same_ok']}/{tot['same_n']} = {tot['same_ok'] / tot['same_n']:.1%}")
    if tot["other_n"]:
        print(f"distinct events kept apart: {tot['other_ok']}/{tot['other_n']} = {tot['other_ok'] / tot['other_n']:.1%}")
    for kind, items in wrong.items():
        for a, b, ia, ib, pair in items[: args.examples]:
            print(f"\n[{kind}] wrong (pair rule says {'same' if pair else 'different'}):")
            for art, inc in ((a, ia), (b, ib)):
                print(f"  {art.id} pub {art.published}: {art.text}")
                print(f"    -> {inc.type}/{inc.subtype} {inc.date} ({inc.date_precision}) "
                      f"{inc.place.name if inc.place else None} [{inc.geo_precision}] "
                      f"dead={inc.fatalities.value if inc.fatalities else None} "
                      f"actors={[x.category for x in inc.actors]}")
    if not args.no_gold:
        gold_excerpt_pairs(args.examples)


if __name__ == "__main__":
    main()
