"""Incidents -> a self-contained, embeddable incident map (folium + Leaflet).

    render_map(incidents) -> folium.Map      (shows inline in Jupyter)
    save_map(m, "maps/story.html")           (atomic, byte-identical for the same input)
    embed_snippet("story.html")              (the <iframe> for a CMS)

What the map shows follows ``/work/shared/design/map-style.md``: a layer per incident type,
colour by family and pictogram by type (:mod:`incidentmap.render.style`), a legend that is also
the layer control, clusters that open onto every incident at one spot, popups with date,
place, casualties, actors, evidence and source, hollow symbols and shaded country areas for
incidents placed only to a region or country, arrows for movements, an optional time slider
and heat map.  Every script and stylesheet is inlined from ``incidentmap/assets`` (fetched
from npm by ``scripts/fetch_assets.py``), so the file asks no CDN for anything.

This module imports nothing heavy: folium is imported when a map is drawn.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import IncidentmapError, InputError, OutputError
from ..model import Article, Incident, Source

if TYPE_CHECKING:  # pragma: no cover
    import folium

__all__ = ["render_map", "save_map", "embed_snippet", "TILES_CHOICES"]

TILES_CHOICES = ("cartodbpositron", "openstreetmap", "none")
_SIZE = re.compile(r"^\d+(\.\d+)?(px|%|vh|vw|em|rem)?$")


def _css_size(value: Any, what: str) -> str | None:
    if value is None or value == "":
        return None
    s = str(value).strip()
    if not _SIZE.match(s):
        raise InputError(f"{what} {value!r}: give pixels (800 or 800px) or a percentage (100%).")
    return s + "px" if re.match(r"^\d+(\.\d+)?$", s) else s


def _default_gazetteer() -> Any:
    """The bundled gazetteer for country names and shapes, or None where it cannot load
    (the map then draws hollow symbols instead of areas and uses country codes)."""
    try:
        from ..gazetteer import load_gazetteer

        return load_gazetteer()
    except (ImportError, IncidentmapError, OSError):
        return None


def render_map(
    incidents: Iterable[Incident],
    *,
    title: str | None = None,
    caption: str | None = None,
    tiles: str = "cartodbpositron",
    width: int | str | None = None,
    height: int | str | None = None,
    timeline: bool = False,
    heatmap: bool = False,
    sources: Iterable[Source | Article] | None = None,
    gazetteer: Any = None,
) -> "folium.Map":
    """Draw incidents on a map and return the ``folium.Map`` (it shows inline in Jupyter).

    Parameters
    ----------
    incidents : the incidents to draw; those without a place are counted in a note.
    title, caption : text above the map; by default "Incidents in <country>, <dates>" and a
        one-line summary.  Plain text: it is escaped.
    tiles : ``"cartodbpositron"`` (quiet light basemap), ``"openstreetmap"`` or ``"none"``
        (no network at all: a plain background with country outlines from the gazetteer).
    width, height : size of the page (pixels or CSS lengths); by default it fills its frame.
    timeline : add a slider over the incident dates that plays day by day.
    heatmap : add a density layer (for dense data), switchable in the legend.
    sources : the articles read, for the credit line (by default the incidents' sources).
    gazetteer : a loaded gazetteer (by default the bundled one) for country names and shapes.

    Example
    -------
    >>> m = render_map(incidents, title="Unrest in Kazakhstan")   # doctest: +SKIP
    >>> save_map(m, "maps/kazakhstan.html")                      # doctest: +SKIP
    """
    import folium

    from ._data import TILES, build_data, credits, default_caption, default_title
    from ._elements import IncidentLayer, InlineAssets, PageFrame, assign_stable_ids

    key = str(tiles or "none").lower().replace(" ", "").replace("_", "")
    if key not in TILES:
        raise InputError(f"unknown basemap {tiles!r}; choose one of {', '.join(TILES_CHOICES)}.")
    w_css, h_css = _css_size(width, "width"), _css_size(height, "height")
    incs = list(incidents)
    gaz = gazetteer if gazetteer is not None else _default_gazetteer()
    data = build_data(incs, gazetteer=gaz, tiles=key, sources=sources, timeline=timeline,
                      heatmap=heatmap)

    if title is None:
        title = default_title(incs, gaz) if incs else "No incidents"
    if caption is None:
        caption = default_caption(incs) if incs else "No incident matched."
    center = [20.0, 0.0]
    if data["bounds"]:
        (s, w), (n, e) = data["bounds"]
        center = [round((s + n) / 2, 5), round((w + e) / 2, 5)]

    base = TILES[key]
    m = folium.Map(location=center, zoom_start=4, tiles=None, width="100%", height="100%",
                   attribution_control=False, control_scale=False, min_zoom=1,
                   max_zoom=base["max_zoom"])
    # Folium would put <script src="https://cdn..."> for Leaflet, jQuery, Bootstrap and
    # Font Awesome in the page; the map needs only Leaflet, which InlineAssets inlines.
    m.default_js = []
    m.default_css = []
    m.add_child(InlineAssets(heatmap=heatmap))
    if base["url"]:
        folium.TileLayer(
            tiles=base["url"], attr=" ".join(t for t, _ in base["credit"]), name=key,
            subdomains=base["subdomains"], max_zoom=base["max_zoom"], overlay=False,
            control=False,
        ).add_to(m)
    m.add_child(IncidentLayer(data))
    note = None
    if data["undrawn"]:
        n_ = data["undrawn"]
        note = f"{n_} incident{'s' if n_ != 1 else ''} without a known place not shown."
    size_css = None
    if w_css or h_css:
        size_css = "body {" + (f" width: {w_css};" if w_css else "") + (
            f" height: {h_css};" if h_css else "") + " }"
    m.add_child(PageFrame(title, caption, credits(data, key), note=note, size_css=size_css))
    fig = m.get_root()
    fig.title = html.escape(title) if title else None
    assign_stable_ids(fig)
    return m


def map_html(m: "folium.Map") -> str:
    """The complete HTML page of a map (deterministic ids assigned first)."""
    from ._elements import assign_stable_ids

    fig = m.get_root()
    assign_stable_ids(fig)
    return fig.render()


def save_map(m: "folium.Map", path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write the map as one self-contained HTML file; returns the path.

    Written through a temporary file and renamed, so a reader never sees half a map; refuses
    to replace an existing file unless ``overwrite``.  The same map gives the same bytes.
    """
    from .._io import atomic_path, check_writable

    p = Path(path)
    if p.suffix.lower() not in (".html", ".htm"):
        raise OutputError(f"{p}: a map is an HTML page; give a name ending in .html.")
    check_writable(p, overwrite)
    text = map_html(m)
    with atomic_path(p, overwrite) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return p


def embed_snippet(path_or_url: str | os.PathLike[str], *, width: str = "100%",
                  height: str = "560px", title: str = "Incident map") -> str:
    """The ``<iframe>`` that puts a saved map into a page or CMS.

    ``path_or_url`` is where the map will be served from (a URL, or a path relative to the
    page).  The map fills the frame, so ``width``/``height`` are all it needs.
    """
    src = os.fspath(path_or_url)
    w = _css_size(width, "width") or "100%"
    h = _css_size(height, "height") or "560px"
    return (f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
            f'style="width: {w}; height: {h}; border: 0;" loading="lazy" '
            f'allowfullscreen></iframe>')
