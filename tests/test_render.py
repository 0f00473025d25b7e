"""The map library: render_map / save_map / embed_snippet (no browser; see test_browser.py)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from _map_incidents import (HOSTILE, KZ, FakeGazetteer, NoShapes, hostile, inc, map_data,
                            sample)
from incidentmap.errors import InputError, OutputError
from incidentmap.render import embed_snippet, render_map, save_map
from incidentmap.render._data import script_json
from incidentmap.render.style import FAMILIES, badge_svg, type_style

GAZ = FakeGazetteer()


def _html(incidents, tmp_path, name="m.html", **kw):
    kw.setdefault("gazetteer", GAZ)
    path = save_map(render_map(incidents, **kw), tmp_path / name)
    return path.read_text(encoding="utf-8")


def test_render_map_returns_a_folium_map_that_shows_in_jupyter():
    import folium

    m = render_map(sample(), gazetteer=GAZ)
    assert isinstance(m, folium.Map)
    assert "<iframe" in m._repr_html_()


@pytest.mark.parametrize("tiles", ["cartodbpositron", "openstreetmap", "none"])
def test_render_page_loads_nothing_from_the_network_but_tiles(tmp_path, tiles):
    html = _html(sample(), tmp_path, tiles=tiles)
    assert not re.search(r"<script[^>]*\bsrc=", html), "every script must be inline"
    assert not re.search(r"<link[^>]*\bhref=", html), "every stylesheet must be inline"
    assert not re.search(r"url\((?!data:|#)", html.replace(" ", "")), "CSS images must be data: URIs"
    for cdn in ("cdn.jsdelivr", "cdnjs", "unpkg", "code.jquery", "bootstrapcdn", "fontawesome"):
        assert cdn not in html
    assert "L.markerClusterGroup" in html or "markerClusterGroup" in html
    tile_urls = re.findall(r"https?://[^\"'\s]*\{z\}", html)
    if tiles == "none":
        assert tile_urls == []
    else:
        assert len(tile_urls) == 1


def test_same_input_gives_byte_identical_html(tmp_path):
    a = _html(sample(), tmp_path, "a.html", timeline=True, heatmap=True)
    b = _html(list(reversed(sample())), tmp_path, "b.html", timeline=True, heatmap=True)
    assert a == b
    assert not re.search(r"[0-9a-f]{32}", a), "a random branca id is left in the page"


def test_saving_one_map_twice_gives_the_same_bytes(tmp_path):
    m = render_map(sample(), gazetteer=GAZ)
    a = save_map(m, tmp_path / "a.html").read_bytes()
    b = save_map(m, tmp_path / "b.html").read_bytes()
    assert a == b


def test_hostile_text_never_reaches_the_page_as_markup(tmp_path):
    html = _html(hostile(), tmp_path, title=HOSTILE, caption=HOSTILE)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html
    assert "javascript:alert" not in html
    # exactly our own script elements: no article text opened or closed one
    assert html.count("<script") == html.count("</script>")
    data = map_data(html)
    props = [f["properties"] for f in data["features"]["features"]]
    assert HOSTILE in props[0]["e"] and HOSTILE in props[0]["pl"]  # kept as text, intact
    assert data["sources"][0]["u"] is None  # the javascript: link is dropped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # title shown as text


def test_script_json_cannot_end_its_script_element():
    s = script_json({"a": "</script><!-- \u2028 \u2029 & `x`"})
    assert "</" not in s and "<!--" not in s and "\u2028" not in s and "\u2029" not in s
    assert "\\u003c/script\\u003e" in s


def test_one_layer_per_type_in_legend_order_with_counts(tmp_path):
    data = map_data(_html(sample(), tmp_path))
    types = [(t["k"], t["n"]) for t in data["types"]]
    assert dict(types) == {"arson": 2, "protest": 2, "riot": 1, "seizure": 1, "deployment": 1,
                           "emergency_measure": 1, "comms_shutdown": 1, "casualty_report": 1}
    families = [t["f"] for t in data["types"]]
    assert families == sorted(families, key=list(FAMILIES).index), "grouped by family"
    assert all(t["l"][0].isupper() and "_" not in t["l"] for t in data["types"])


def test_country_level_incidents_are_hollow_and_drawn_as_the_country(tmp_path):
    data = map_data(_html(sample(), tmp_path))
    by_id = {f["properties"]["id"]: f["properties"] for f in data["features"]["features"]}
    assert by_id["i5"]["v"] == 1 and by_id["i5"]["pl"] == "somewhere in Kazakhstan"
    assert by_id["i1"]["v"] == 0 and by_id["i1"]["pl"] == "Almaty, Kazakhstan"
    assert [a["cc"] for a in data["areas"]] == ["KZ"]
    assert by_id["i5"]["ar"] == 0 and "ar" not in by_id["i1"]


def test_without_a_country_shape_the_incident_stays_hollow(tmp_path):
    data = map_data(_html(sample(), tmp_path, gazetteer=NoShapes()))
    assert data["areas"] == []
    vague = [f["properties"]["v"] for f in data["features"]["features"]
             if f["properties"]["id"] in ("i4", "i5", "i6")]
    assert vague == [1, 1, 1]


def test_movement_keeps_its_origin_and_the_view_fits_both_ends(tmp_path):
    data = map_data(_html(sample(), tmp_path))
    dep = next(f["properties"] for f in data["features"]["features"]
               if f["properties"]["t"] == "deployment")
    assert dep["o"] == [60.0, 100.0, "Russia"]
    (s, w), (n, e) = data["bounds"]
    assert s <= 43.25 and n >= 60.0 and w <= 46.5 and e >= 100.0


def test_single_country_story_fits_the_country(tmp_path):
    incs = [inc(1, "riot", KZ.__class__("geonames:1", "Almaty", "city", 43.25, 76.93, "KZ"), 5)]
    (s, w), (n, e) = map_data(_html(incs, tmp_path))["bounds"]
    assert (s, w, n, e) == (40.5, 46.5, 55.4, 87.3)


def test_popup_fields_say_date_precision_casualties_actors_source(tmp_path):
    data = map_data(_html(sample(), tmp_path))
    by_id = {f["properties"]["id"]: f["properties"] for f in data["features"]["features"]}
    assert by_id["i8"]["dl"] == "6 January 2022 (exact day)"
    assert by_id["i8"]["c"] == ["Killed: 13", "Injured: 353"]
    assert by_id["i9"]["c"] == ["Killed: at least 24 (“dozens”)"]
    assert by_id["i3"]["a"] == "security forces (state forces)"
    assert by_id["i10"]["d"] is None and by_id["i10"]["dl"] == "Date unknown"
    src = data["sources"][by_id["i1"]["s"]]
    assert src == {"p": "Example Post", "t": "Unrest in the capital", "d": "7 Jan 2022",
                   "u": "https://example.org/story", "k": "doc-1"}


def test_default_title_caption_and_credits(tmp_path):
    html = _html(sample(), tmp_path)
    assert '<h1 class="im-title">Incidents in Kazakhstan, 2–6 January 2022</h1>' in html
    assert "10 incidents of 8 types reported in 2 articles." in html
    for credit in ("Example Post, 7 Jan 2022", "Daily Example, 8 Jan 2022", "Map: incidentmap",
                   "© OpenStreetMap contributors", "© CARTO", "Places: GeoNames (CC BY 4.0)"):
        assert credit in html
    assert 'href="https://example.org/story"' in html


def test_incidents_without_a_place_are_counted_not_drawn(tmp_path):
    html = _html(sample() + [inc(99, "riot", None, 3)], tmp_path)
    assert len(map_data(html)["features"]["features"]) == 10
    assert "1 incident without a known place not shown." in html


def test_map_does_not_grow_one_element_per_incident():
    small = render_map(sample()[:2], gazetteer=GAZ)
    big = render_map([inc(i, "riot", KZ, 5) for i in range(500)], gazetteer=GAZ)
    assert len(small._children) == len(big._children)


def test_unknown_type_still_drawn_in_neutral_style():
    st = type_style("Cattle Raid")
    assert st.key == "cattle_raid" and st.family.key == "other" and st.label == "Cattle raid"
    assert type_style("communications-shutdown").key == "comms_shutdown"


def test_every_known_type_has_its_own_badge():
    from incidentmap.filters import _known_types

    badges = {badge_svg(type_style(t)) for t in _known_types()}
    assert len(badges) == len(_known_types())
    assert all(type_style(t).family.key != "other" for t in _known_types())


def test_options_are_checked():
    with pytest.raises(InputError, match="basemap"):
        render_map(sample(), tiles="satellite", gazetteer=GAZ)
    with pytest.raises(InputError, match="width"):
        render_map(sample(), width="wide", gazetteer=GAZ)


def test_size_applies_to_the_page(tmp_path):
    html = _html(sample(), tmp_path, width=800, height="600px")
    assert "body { width: 800px; height: 600px; }" in html


def test_save_map_refuses_to_overwrite_and_wants_html(tmp_path):
    m = render_map(sample(), gazetteer=GAZ)
    save_map(m, tmp_path / "m.html")
    with pytest.raises(OutputError, match="--overwrite"):
        save_map(m, tmp_path / "m.html")
    save_map(m, tmp_path / "m.html", overwrite=True)
    with pytest.raises(OutputError, match=".html"):
        save_map(m, tmp_path / "m.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.html"]  # no temp file left


def test_embed_snippet_is_an_escaped_iframe():
    s = embed_snippet('maps/a"b.html', height=500, title="A <b> map")
    assert s.startswith('<iframe src="maps/a&quot;b.html" title="A &lt;b&gt; map"')
    assert "height: 500px" in s and "width: 100%" in s


def test_timeline_and_heatmap_options_reach_the_page(tmp_path):
    html = _html(sample(), tmp_path, timeline=True, heatmap=True)
    data = map_data(html)
    assert data["options"]["timeline"] and data["options"]["heatmap"]
    assert data["dates"] == ["2022-01-02", "2022-01-04", "2022-01-05", "2022-01-06"]
    assert "L.heatLayer" in html or "heatLayer" in html
    plain = _html(sample(), tmp_path, "plain.html")
    assert "simpleheat" not in plain  # the heat plugin is only inlined when asked for


def test_importing_render_does_not_load_folium():
    code = "import sys, incidentmap.render, incidentmap.cli; print('folium' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_vendor_files_match_their_manifest_and_carry_their_licences(tmp_path):
    import importlib.util

    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("fetch_assets", root / "scripts" / "fetch_assets.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.check() == 0, "assets differ from vendor/MANIFEST.json: run scripts/fetch_assets.py"
    html = _html(sample(), tmp_path, heatmap=True)
    for notice in ("/*! leaflet 1.9.4 (npm)", "/*! leaflet.markercluster 1.5.3 (npm)",
                   "/*! leaflet.heat 0.2.0 (npm)", "Copyright (c) 2010-2023, Volodymyr Agafonkin"):
        assert notice in html


def test_credit_line_names_a_few_sources_and_counts_the_rest(tmp_path):
    from incidentmap.model import Source

    many = [inc(i, "riot", KZ, 5, source=Source(f"d{i}", None, f"Paper {i:02d}", None, None))
            for i in range(20)]
    html = _html(many, tmp_path)
    footer = html[html.index('<footer class="im-footer">'):html.index("</footer>")]
    assert footer.count("Paper ") == 6 and "and 14 more articles" in footer
    assert len(map_data(html)["sources"]) == 20          # popups still cite every one


@pytest.mark.parametrize("precision, label", [
    ("day", "5 January 2022 (exact day)"), ("week", "Week of 5 January 2022"),
    ("month", "January 2022 (month only)"), ("unknown", "Date unknown")])
def test_popup_date_says_how_precise_it_is(tmp_path, precision, label):
    data = map_data(_html([inc(1, "riot", KZ, 5, dp=precision)], tmp_path))
    props = data["features"]["features"][0]["properties"]
    assert props["dl"] == label
    assert props["d"] == (None if precision == "unknown" else "2022-01-05")
