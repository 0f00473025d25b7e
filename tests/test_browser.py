"""The rendered map in a real browser: Debian's chromium driven by Playwright for Python.

Never a downloaded browser: the test uses /usr/bin/chromium (``apt-get install chromium``) and
skips with a reason where it or the ``playwright`` package is missing.  Maps are rendered with
``tiles="none"``, so the page needs no network at all; any request that is not ``file:`` or
``data:`` fails the test.

Set INCIDENTMAP_SCREENSHOTS=DIR to keep the phone and desktop screenshots for a look.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from _map_incidents import ALMATY, HOSTILE, FakeGazetteer, hostile, inc, sample

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright for Python is not installed (pip install playwright)")

# Every incident drawn: loose markers, badges in small cluster stacks, counts of big clusters.
DRAWN = """() => {
  let n = document.querySelectorAll('.leaflet-marker-pane .im-marker').length;
  document.querySelectorAll('.leaflet-marker-pane .im-cluster').forEach(c => {
    const s = c.querySelector('.im-cluster-ring span');
    n += s ? +s.textContent.replace(/,/g, '') : c.querySelectorAll('.im-stack svg').length;
  });
  return n;
}"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    user_dir = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(user_dir), executable_path=CHROMIUM, args=ARGS, headless=True,
            viewport={"width": 1280, "height": 800})
        yield ctx
        ctx.close()


class Page:
    """A page with its JavaScript errors, console errors, dialogs and network requests."""

    def __init__(self, ctx, path: Path, size=(1280, 800)):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page = ctx.new_page()
        self.page.set_viewport_size({"width": size[0], "height": size[1]})
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}")
                     if m.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url)
                     if not r.url.startswith(("file:", "data:")) else None)
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => window.incidentmap && incidentmap.maps.length === 1")
        self.settle()

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def settle(self, ms: int = 450) -> None:
        self.page.wait_for_timeout(ms)  # cluster animations and chunked loading

    def drawn(self) -> int:
        return self.page.evaluate(DRAWN)

    def expect_drawn(self, n: int) -> None:
        """Wait (up to 5 s) for ``n`` incidents on screen; clusters animate."""
        try:
            self.page.wait_for_function(f"() => ({DRAWN})() === {n}", timeout=5000)
        except sync_api.TimeoutError:
            pass
        assert self.drawn() == n

    def expect_count(self, selector: str, n: int) -> None:
        try:
            self.page.wait_for_function(
                f"() => document.querySelectorAll({selector!r}).length === {n}", timeout=5000)
        except sync_api.TimeoutError:
            pass
        assert self.page.locator(selector).count() == n

    def close(self) -> None:
        assert self.errors == []
        assert self.requests == []
        self.page.close()


def _save(incidents, tmp_path, name="map.html", **kw):
    from incidentmap.render import render_map, save_map

    kw.setdefault("gazetteer", FakeGazetteer())
    return save_map(render_map(incidents, tiles="none", **kw), tmp_path / name)


def test_map_opens_without_errors_and_draws_every_incident(browser, tmp_path):
    p = Page(browser, _save(sample(), tmp_path))
    p.expect_drawn(10)
    assert p.page.locator("path.im-area").count() == 1      # Kazakhstan, for country-level ones
    assert p.page.locator("path.im-move").count() == 1      # Russia -> Kazakhstan
    assert p.page.locator(".im-arrow").count() == 2     # at the end and halfway
    assert p.page.locator(".im-legend .im-row input").count() == 8
    assert p.page.locator("h1.im-title").inner_text() == "Incidents in Kazakhstan, 2–6 January 2022"
    p.close()


def test_layer_control_turns_a_type_off_and_on(browser, tmp_path):
    p = Page(browser, _save(sample(), tmp_path))
    box = p.page.locator('.im-legend input[data-type="arson"]')
    box.uncheck()
    p.expect_drawn(8)
    assert p.page.locator(".im-marker.im-t-arson").count() == 0
    p.page.locator('.im-legend input[data-type="deployment"]').uncheck()
    p.expect_drawn(7)
    assert p.page.locator("path.im-move").count() == 0       # its movement line goes too
    box.check()
    p.expect_drawn(9)
    p.close()


def test_popup_and_tooltip_read_as_plain_words(browser, tmp_path):
    p = Page(browser, _save(sample(), tmp_path))
    marker = p.page.locator(".im-marker.im-t-protest")     # Astana stands alone
    assert marker.count() == 1
    marker.hover()
    assert p.page.locator(".im-tooltip").inner_text() == "Protest · Astana"
    marker.click()
    text = p.page.locator(".leaflet-popup-content").inner_text()
    for part in ("Protest", "2 January 2022 (exact day)", "Astana, Kazakhstan · town",
                 "Source: Daily Example, 8 Jan 2022"):
        assert part in text
    link = p.page.locator(".leaflet-popup-content a")
    assert link.get_attribute("href") == "https://example.net/report"
    assert link.get_attribute("rel") == "noopener noreferrer"
    p.close()


def test_incidents_at_one_spot_open_up_when_their_cluster_is_clicked(browser, tmp_path):
    same = [inc(i, t, ALMATY, 5) for i, t in enumerate(["arson", "riot", "protest"])]
    p = Page(browser, _save(same, tmp_path))
    assert p.page.locator(".im-marker").count() == 0
    p.page.locator(".im-cluster").hover()
    assert p.page.locator(".im-tooltip").inner_text() == (
        "3 incidents: Arson 1, Protest 1, Riot 1 — click to open")
    p.page.locator(".im-cluster").click()
    p.expect_count(".im-marker", 3)
    p.page.locator(".im-marker.im-t-riot").click()
    assert "Riot" in p.page.locator(".leaflet-popup-content").inner_text()
    p.close()


def test_timeline_slider_shows_incidents_as_time_passes(browser, tmp_path):
    p = Page(browser, _save(sample(), tmp_path, timeline=True))
    slider = p.page.locator(".im-timeline input[type=range]")
    p.expect_drawn(10)
    assert p.page.locator(".im-time-label").inner_text() == "All dates, and undated"
    for value, label, drawn in (("0", "Up to 2 Jan 2022", 1), ("3", "Up to 5 Jan 2022", 6),
                                ("4", "Up to 6 Jan 2022", 9)):
        slider.fill(value)
        assert p.page.locator(".im-time-label").inner_text() == label
        p.expect_drawn(drawn)
    p.close()


def test_injected_markup_shows_as_text_and_runs_nothing(browser, tmp_path):
    p = Page(browser, _save(hostile(), tmp_path, title=HOSTILE, caption=HOSTILE))
    assert p.page.locator("h1.im-title").inner_text() == HOSTILE
    p.expect_drawn(2)
    for marker in (".im-marker.im-t-arson", ".im-marker.im-vague, .im-marker.im-precise >> nth=1"):
        p.page.locator(marker).first.click()
        text = p.page.locator(".leaflet-popup-content").inner_text()
        assert "<script>alert(1)</script>" in text and "onerror=alert(1)" in text
    assert p.page.locator(".leaflet-popup-content a").count() == 0  # javascript: link dropped
    assert p.page.locator(".im-origin-label").inner_text() == HOSTILE  # a movement's origin
    assert p.page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
    legend = p.page.locator(".im-legend").inner_text()
    # a type name is reduced to words before it is used anywhere (legend, CSS class)
    assert "Script alert 1 script img src x onerror alert 1" in legend
    p.settle(300)
    assert p.dialogs == []
    p.close()


@pytest.mark.parametrize("size, collapsed", [((375, 667), True), ((1280, 800), False)])
def test_screenshots_at_phone_and_desktop_size(browser, tmp_path, size, collapsed):
    path = _save(sample(), tmp_path, timeline=True)
    p = Page(browser, path, size=size)
    legend = p.page.locator(".im-legend")
    assert ("im-collapsed" in (legend.get_attribute("class") or "")) is collapsed
    box = p.page.locator(".folium-map").bounding_box()
    assert box["width"] == size[0] and box["height"] > size[1] * 0.5   # the map fills its frame
    footer = p.page.locator(".im-footer").bounding_box()
    assert footer["y"] + footer["height"] <= size[1] + 1                 # credits stay in view
    shot = tmp_path / f"map-{size[0]}x{size[1]}.png"
    p.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if collapsed:  # on a phone the legend opens with a tap and nothing needs a hover
        p.page.locator(".im-legend-toggle").click()
        assert p.page.locator(".im-legend-body").is_visible()
    keep = os.environ.get("INCIDENTMAP_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
    p.close()


def test_heat_map_draws_and_switches_off(browser, tmp_path):
    p = Page(browser, _save(sample(), tmp_path, heatmap=True))
    p.expect_count("canvas.leaflet-heatmap-layer", 1)
    p.page.locator('.im-legend input[data-type="_heat"]').uncheck()
    p.expect_count("canvas.leaflet-heatmap-layer", 0)
    p.expect_drawn(10)                     # the markers stay
    p.close()


def test_map_fills_the_iframe_of_its_embed_snippet(browser, tmp_path):
    from incidentmap.render import embed_snippet

    path = _save(sample(), tmp_path)
    parent = tmp_path / "story.html"
    parent.write_text("<!DOCTYPE html><html><body><p>Story text.</p><div style='width:420px'>"
                      + embed_snippet(path.name, height="360px") + "</div></body></html>",
                      encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(parent.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator(".im-marker, .im-cluster").first.wait_for()
    box = frame.locator(".folium-map").bounding_box()
    iframe = page.locator("iframe").bounding_box()
    assert iframe["width"] == 420 and iframe["height"] == 360
    assert box["width"] == 420 and 180 < box["height"] < 360     # title and credits fit too
    assert "im-collapsed" in frame.locator(".im-legend").get_attribute("class")  # narrow frame
    assert errors == []
    page.close()


@pytest.mark.slow
def test_ten_thousand_incidents_open_and_are_all_reachable(browser, tmp_path):
    import random

    from incidentmap.model import Place

    rnd = random.Random(3)
    towns = [Place(f"p{k}", f"Town {k}", "city", 40 + k % 26 * 0.5, 50 + k // 26 * 1.2, "KZ")
             for k in range(700)]
    types = ["protest", "riot", "arson", "attack", "arrest", "deployment"]
    many = [inc(i, rnd.choice(types), towns[i % 700], 1 + i % 28) for i in range(10_000)]
    p = Page(browser, _save(many, tmp_path))
    p.expect_drawn(10_000)
    p.page.locator('.im-legend input[data-type="riot"]').uncheck()
    p.expect_drawn(10_000 - sum(1 for i in many if i.type == "riot"))
    # (return nothing: a returned Leaflet map would be serialised, all 10,000 markers of it)
    p.page.evaluate("() => { incidentmap.maps[0].map.panBy([400, 200], {animate: false}); }")
    p.expect_drawn(10_000 - sum(1 for i in many if i.type == "riot"))
    p.close()
