"""The folium/branca elements of an incident map (imported only when a map is drawn).

Folium's own ``Marker``/``Popup`` are not used: one Python object per incident does not scale
to 10,000, and ``Popup`` inserts raw HTML.  Instead one element carries all incidents as
escaped JSON and ``assets/incidentmap.js`` draws them (GeoJSON points, marker clusters, a
legend that is also the layer control, popups built with ``textContent``).
"""

from __future__ import annotations

import html
from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.template import Template

from ._assets import inline_css, inline_js
from ._data import script_json

__all__ = ["InlineAssets", "IncidentLayer", "PageFrame", "assign_stable_ids"]

_CSS = ("vendor/leaflet/leaflet.css", "vendor/leaflet.markercluster/MarkerCluster.css",
        "incidentmap.css")
_JS = ("vendor/leaflet/leaflet.js", "vendor/leaflet.markercluster/leaflet.markercluster.js")
_HEAT_JS = "vendor/leaflet.heat/leaflet-heat.js"
_OUR_JS = "incidentmap.js"


class InlineAssets(MacroElement):
    """Leaflet, its plugins and our script/stylesheet, inlined in the page header."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        {%- for css in this.css %}
        <style>{{ css }}</style>
        {%- endfor %}
        {%- for js in this.js %}
        <script>{{ js }}</script>
        {%- endfor %}
        {% endmacro %}
    """)

    def __init__(self, *, heatmap: bool = False) -> None:
        super().__init__()
        self._name = "InlineAssets"
        self.css = [inline_css(n) for n in _CSS]
        names = list(_JS) + ([_HEAT_JS] if heatmap else []) + [_OUR_JS]
        self.js = [inline_js(n) for n in names]


class IncidentLayer(MacroElement):
    """All incidents of the map, drawn by ``incidentmap.draw`` from escaped JSON."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = incidentmap.draw({{ this._parent.get_name() }}, {{ this.json }});
        {% endmacro %}
    """)

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "IncidentLayer"
        self.data = data
        self.json = script_json(data)


def _pieces(groups: list[list[tuple[str, str | None]]]) -> str:
    out = []
    for group in groups:
        parts = []
        for text, url in group:
            t = html.escape(text)
            if url:
                parts.append(f'<a href="{html.escape(url, quote=True)}" target="_blank" '
                             f'rel="noopener noreferrer">{t}</a>')
            else:
                parts.append(t)
        out.append('<span class="im-credit">' + " ".join(parts).replace(" ;", ";") + "</span>")
    return " · ".join(out)


class PageFrame(MacroElement):
    """Title and caption above the map, credits below it (flex order puts them there)."""

    _template = Template("""
        {% macro html(this, kwargs) %}
        {%- if this.title_html or this.caption_html %}
        <header class="im-header">
          {%- if this.title_html %}<h1 class="im-title">{{ this.title_html }}</h1>{% endif %}
          {%- if this.caption_html %}<p class="im-caption">{{ this.caption_html }}</p>{% endif %}
        </header>
        {%- endif %}
        <footer class="im-footer">{{ this.credits_html }}{% if this.note_html %}
          <span class="im-note">{{ this.note_html }}</span>{% endif %}</footer>
        {% endmacro %}
        {% macro header(this, kwargs) %}
        {%- if this.size_css %}<style>{{ this.size_css }}</style>{% endif %}
        {% endmacro %}
    """)

    def __init__(self, title: str | None, caption: str | None,
                 credit_groups: list[list[tuple[str, str | None]]], note: str | None = None,
                 size_css: str | None = None) -> None:
        super().__init__()
        self._name = "PageFrame"
        self.title_html = html.escape(title) if title else ""
        self.caption_html = html.escape(caption) if caption else ""
        self.credits_html = _pieces(credit_groups)
        self.note_html = html.escape(note) if note else ""
        self.size_css = size_css


def assign_stable_ids(root: Element) -> None:
    """Replace branca's random element ids (``urandom``) with a counter in tree order, so the
    same input gives byte-identical HTML.

    What an earlier render left in the figure's header/html/script under the old names is
    dropped first (it would otherwise stay beside the re-rendered copy); anything a user
    added there under a name of their own is kept.
    """
    figure = root.get_root()
    tree: list[tuple[Element, str]] = []
    seen: set[int] = set()

    # Ids follow the path in the tree ("1_2_3"), not a running count: folium adds children
    # while rendering (a layer's "addTo" call), and a count would shift on a second save.
    def walk(el: Element, path: str) -> None:
        if id(el) in seen:
            return
        seen.add(id(el))
        tree.append((el, path))
        for i, child in enumerate(list(el._children.values()), start=1):
            walk(child, f"{path}_{i}")

    walk(figure, "1")
    old_names = {el.get_name() for el, _ in tree}
    if isinstance(figure, Figure):
        for part in (figure.header, figure.html, figure.script):
            for key in [k for k in part._children if k in old_names]:
                del part._children[key]
    for el, path in tree:
        el._id = path
