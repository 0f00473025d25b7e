"""incidentmap: turn news text into maps of what happened where.

Everything the command line does is one import away::

    import incidentmap

    arts = list(incidentmap.read_articles(["seeds/"]))
    incidents = incidentmap.extract(arts[0])          # list[Incident]
    df = incidentmap.to_dataframe(incidents)          # pandas DataFrame, ACLED columns first
    gj = incidentmap.to_geojson(incidents)            # RFC 7946 FeatureCollection (dict)
    m = incidentmap.render_map(incidents)             # folium.Map, shows inline in Jupyter
    incidentmap.save_map(m, "maps/seed.html")

Names are resolved lazily (PEP 562), so ``import incidentmap`` costs milliseconds and loads
neither folium nor pandas nor the gazetteer until a function that needs them is called.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    # model
    "Article": "model", "Place": "model", "Mention": "model", "Toponym": "model",
    "Incident": "model", "Count": "model", "Actor": "model", "Evidence": "model",
    "Source": "model",
    # errors
    "IncidentmapError": "errors", "InputError": "errors", "OutputError": "errors",
    "GazetteerError": "errors", "GeocodingError": "errors",
    # stages
    "read_articles": "read", "article_from_text": "read", "Skipped": "read",
    "load_gazetteer": "gazetteer",
    "recognize": "recognize",
    "resolve": "resolve", "resolve_spans": "resolve",
    "find_incidents": "incidents",
    "places": "pipeline", "extract": "pipeline", "process_article": "pipeline",
    "load_incidents": "pipeline",
    "filter_incidents": "filters",
    "make_geocoder": "geocode",
    # outputs
    "write_incidents": "export", "read_incidents": "export", "to_dataframe": "export",
    "to_geojson": "export",
    "render_map": "render", "save_map": "render", "embed_snippet": "render",
    "build_dataset": "dataset", "read_dataset": "dataset",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'incidentmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
