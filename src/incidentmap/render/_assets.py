"""The scripts and stylesheets a map inlines, read from the package (never from a CDN).

The vendor files are fetched from npm by ``scripts/fetch_assets.py``; ``incidentmap.js`` and
``incidentmap.css`` are ours.  Images a stylesheet points at become ``data:`` URIs, and source
map comments are dropped, so the page asks for nothing from anywhere.
"""

from __future__ import annotations

import base64
import functools
import re
from importlib import resources

__all__ = ["inline_css", "inline_js", "asset_text"]


def _root():  # type: ignore[no-untyped-def]
    return resources.files("incidentmap") / "assets"


@functools.lru_cache(maxsize=None)
def asset_text(name: str) -> str:
    """The text of ``assets/<name>`` (e.g. ``vendor/leaflet/leaflet.js``)."""
    node = _root()
    for part in name.split("/"):
        node = node / part
    return node.read_text(encoding="utf-8")


def _asset_bytes(name: str) -> bytes:
    node = _root()
    for part in name.split("/"):
        node = node / part
    return node.read_bytes()


def _licence_comment(name: str) -> str:
    """For a vendor file, its package, version and LICENSE text as a leading comment: the
    licences (BSD-2-Clause, MIT) ask that the notice travel with every copy, and a map is one."""
    if not name.startswith("vendor/"):
        return ""
    import json

    package = name.split("/")[1]
    version = json.loads(asset_text("vendor/MANIFEST.json"))["packages"][package]["version"]
    notice = asset_text(f"vendor/{package}/LICENSE").replace("*/", "* /").strip()
    return f"/*! {package} {version} (npm)\n{notice}\n*/\n"


@functools.lru_cache(maxsize=None)
def inline_js(name: str) -> str:
    """A script ready to sit inside ``<script>``: its licence notice first, no source-map
    comment, and checked not to contain ``</script`` (which would end the element early)."""
    text = _licence_comment(name) + re.sub(r"//# sourceMappingURL=\S+", "", asset_text(name))
    if "</script" in text.lower():
        raise ValueError(f"{name} contains '</script' and cannot be inlined as is")
    return text.strip() + "\n"


@functools.lru_cache(maxsize=None)
def inline_css(name: str) -> str:
    """A stylesheet whose relative ``url(...)`` images are turned into ``data:`` URIs."""
    base = name.rsplit("/", 1)[0] + "/" if "/" in name else ""

    def repl(m: re.Match[str]) -> str:
        ref = m.group(1).strip("'\"")
        if ref.startswith(("#", "data:")):
            return m.group(0)
        mime = "image/png" if ref.endswith(".png") else "image/svg+xml"
        data = base64.b64encode(_asset_bytes(base + ref)).decode()
        return f"url(data:{mime};base64,{data})"

    text = _licence_comment(name) + re.sub(r"url\(([^)]+)\)", repl, asset_text(name))
    text = re.sub(r"/\*# sourceMappingURL=\S+ \*/", "", text)
    if "</style" in text.lower():
        raise ValueError(f"{name} contains '</style' and cannot be inlined as is")
    return text.strip() + "\n"
