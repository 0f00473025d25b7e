#!/usr/bin/env python3
"""Map rendering at scale: time to render and save, HTML size, and (with Debian's chromium and
Playwright) time to open the page and frame times while panning.

    python bench/render.py                 # 100, 1,000, 10,000 synthetic incidents
    python bench/render.py --sizes 100,1000 --no-browser

Synthetic incidents are spread over a few countries of Central Asia, with every type, a
quarter placed only to the country, one in fifty a movement, evidence of ~200 characters,
dates over two months.  The seed is fixed, so runs are comparable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from incidentmap.model import Actor, Count, Evidence, Incident, Place, Source  # noqa: E402

TYPES = ["protest", "riot", "arson", "fire", "property_destruction", "looting", "armed_clash",
         "attack", "explosion", "seizure", "deployment", "arrest", "emergency_measure",
         "comms_shutdown", "casualty_report"]
COUNTRIES = {"KZ": (48.0, 68.0), "KG": (41.5, 74.8), "UZ": (41.7, 63.8), "TJ": (38.8, 71.2)}
WORDS = ("the crowd police city square building officials reported witnesses near central "
         "district on Thursday after protesters gathered outside government offices").split()


def synthetic(n: int, seed: int = 7) -> list[Incident]:
    rnd = random.Random(seed)
    towns = [Place(f"geonames:{i}", f"Town {i}", "city", round(rnd.uniform(38, 54), 4),
                   round(rnd.uniform(52, 82), 4), rnd.choice(list(COUNTRIES)), f"Region {i % 17}")
             for i in range(max(20, n // 15))]
    countries = {cc: Place(f"country:{cc}", cc, "country", lat, lon, cc)
                 for cc, (lat, lon) in COUNTRIES.items()}
    origin = Place("country:RU", "Russia", "country", 60.0, 100.0, "RU")
    out = []
    for i in range(n):
        vague = rnd.random() < 0.25
        place = countries[rnd.choice(list(COUNTRIES))] if vague else rnd.choice(towns)
        src = Source(f"doc-{i % max(1, n // 5)}", "A report", f"Publisher {i % 13}",
                     f"https://example.org/{i % max(1, n // 5)}", dt.date(2022, 3, 1))
        out.append(Incident(
            id=f"s{i}", type=rnd.choice(TYPES), subtype=None, event_type="E", sub_event_type="S",
            date=dt.date(2022, 1, 1) + dt.timedelta(days=rnd.randrange(60)),
            date_precision="day", place=place, geo_precision="country" if vague else "town",
            source=src,
            evidence=(Evidence(0, 200, " ".join(rnd.choice(WORDS) for _ in range(30)) + "."),),
            origin=origin if rnd.random() < 0.02 else None,
            fatalities=Count(rnd.randrange(1, 30), rnd.random() < 0.7, "people killed")
            if rnd.random() < 0.3 else None,
            actors=(Actor("protesters", "protesters"),)))
    return out


def browser_figures(path: Path) -> tuple[float, float, float, float] | None:
    """(seconds to open and draw; median, 95th-percentile and longest frame ms while
    panning)."""
    if not Path("/usr/bin/chromium").exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with tempfile.TemporaryDirectory() as ud, sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(ud, executable_path="/usr/bin/chromium",
                                                    args=args, headless=True,
                                                    viewport={"width": 1280, "height": 800})
        page = ctx.new_page()
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        # Drawn: the script ran and the cluster group finished its chunked loading.
        page.wait_for_function("() => window.incidentmap && incidentmap.maps.length === 1 && "
                               "document.querySelectorAll('.im-cluster, .im-marker').length > 0",
                               timeout=120_000)
        opened = time.perf_counter() - t0
        frames = page.evaluate("""() => new Promise(done => {
            const m = incidentmap.maps[0].map, ts = [];
            let steps = 0;
            function frame(t) { ts.push(t); if (ts.length < 150) requestAnimationFrame(frame);
                                 else done(ts.slice(1).map((x, i) => x - ts[i])); }
            requestAnimationFrame(frame);
            const iv = setInterval(() => { m.panBy([steps % 2 ? -300 : 300, 120]);
                                           if (++steps >= 8) clearInterval(iv); }, 280);
        })""")
        ctx.close()
    frames = sorted(frames)
    return opened, statistics.median(frames), frames[int(len(frames) * 0.95) - 1], frames[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    from incidentmap.gazetteer import load_gazetteer
    from incidentmap.render import render_map, save_map

    gaz = load_gazetteer()
    render_map(synthetic(5), gazetteer=gaz)  # warm imports and caches: time the work, not import
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            incs = synthetic(n)
            t0 = time.perf_counter()
            m = render_map(incs, gazetteer=gaz)
            t1 = time.perf_counter()
            p = save_map(m, Path(tmp) / f"m{n}.html")
            t2 = time.perf_counter()
            off = save_map(render_map(incs, gazetteer=gaz, tiles="none"), Path(tmp) / f"o{n}.html")
            b = None if args.no_browser else browser_figures(off)
            rows.append((n, t1 - t0, t2 - t1, p.stat().st_size / 1e6, off.stat().st_size / 1e6, b))
    print("| incidents | render_map s | save_map s | HTML MB | HTML MB (--tiles none) | "
          "open in chromium s | pan frame ms (median / p95 / max) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, r, s, size, size_off, b in rows:
        bt = f"{b[0]:.2f} | {b[1]:.0f} / {b[2]:.0f} / {b[3]:.0f}" if b else "n/a | n/a"
        print(f"| {n:,} | {r:.2f} | {s:.2f} | {size:.2f} | {size_off:.2f} | {bt} |")


if __name__ == "__main__":
    main()
