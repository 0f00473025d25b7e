#!/usr/bin/env python3
"""Fetch the Leaflet files the maps inline, from the npm registry, at pinned versions.

Rendered maps are self-contained: every script and stylesheet is copied into the HTML, so a
newsroom can upload one file and no reader's browser calls a CDN.  The files come from here:
``npm pack`` of exact versions, each tarball checked against the registry integrity pinned
below (so a re-run gives the same bytes or fails loudly), then the few files the map needs,
and each package's licence, are copied to ``src/incidentmap/assets/vendor/<package>/``.
``vendor/MANIFEST.json`` records versions, integrities and file hashes.

Run from anywhere (needs ``npm`` on PATH, and the registry)::

    python scripts/fetch_assets.py          # fetch and copy
    python scripts/fetch_assets.py --check  # verify committed files against the manifest

To upgrade a package: change its version, set its integrity to the value ``npm view
NAME@VERSION dist.integrity`` prints, run the script, look at the diff, run the browser test.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src" / "incidentmap" / "assets" / "vendor"

#: name, exact version, registry integrity (sha512), {file in the tarball: name in vendor/<name>/}
PACKAGES = [
    (
        "leaflet",
        "1.9.4",
        "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        {
            "package/dist/leaflet.js": "leaflet.js",
            "package/dist/leaflet.css": "leaflet.css",
            "package/dist/images/layers.png": "images/layers.png",
            "package/dist/images/layers-2x.png": "images/layers-2x.png",
            "package/dist/images/marker-icon.png": "images/marker-icon.png",
            "package/LICENSE": "LICENSE",
        },
    ),
    (
        "leaflet.markercluster",
        "1.5.3",
        "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==",
        {
            "package/dist/leaflet.markercluster.js": "leaflet.markercluster.js",
            "package/dist/MarkerCluster.css": "MarkerCluster.css",
            "package/MIT-LICENCE.txt": "LICENSE",
        },
    ),
    (
        "leaflet.heat",
        "0.2.0",
        "sha512-Cd5PbAA/rX3X3XKxfDoUGi9qp78FyhWYurFg3nsfhntcM/MCNK08pRkf4iEenO1KNqwVPKCmkyktjW3UD+h9bQ==",
        {
            "package/dist/leaflet-heat.js": "leaflet-heat.js",
            "package/LICENSE": "LICENSE",
        },
    ),
]


def _sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch(dest: Path = VENDOR) -> dict:
    """Pack, verify and copy every package; returns the manifest written."""
    if shutil.which("npm") is None:
        sys.exit("npm is not on PATH; install Node.js (apt-get install npm) and run again.")
    manifest: dict = {"packages": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for name, version, integrity, files in PACKAGES:
            out = subprocess.run(
                ["npm", "pack", f"{name}@{version}", "--json", "--silent"],
                cwd=tmp, check=True, capture_output=True, text=True,
            )
            info = json.loads(out.stdout)[0]
            tgz = Path(tmp) / info["filename"]
            got = _sri(tgz.read_bytes())
            if got != integrity:
                sys.exit(f"{name}@{version}: integrity {got} does not match the pinned {integrity}")
            pkg_dir = dest / name
            if pkg_dir.exists():
                shutil.rmtree(pkg_dir)
            hashes = {}
            with tarfile.open(tgz) as tar:
                for member, target in sorted(files.items()):
                    data = tar.extractfile(member).read()  # type: ignore[union-attr]
                    path = pkg_dir / target
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                    hashes[target] = hashlib.sha256(data).hexdigest()
            manifest["packages"][name] = {
                "version": version,
                "integrity": integrity,
                "source": f"https://registry.npmjs.org/{name}/-/{info['filename']}",
                "files": hashes,
            }
            print(f"{name}@{version}: {len(files)} files")
    (dest / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def check(dest: Path = VENDOR) -> int:
    """Compare the committed files with the manifest; returns the number of mismatches."""
    manifest = json.loads((dest / "MANIFEST.json").read_text())
    bad = 0
    for name, version, _integrity, _files in PACKAGES:
        entry = manifest["packages"].get(name)
        if not entry or entry["version"] != version:
            print(f"{name}: manifest has {entry and entry['version']}, script pins {version}")
            bad += 1
            continue
        for target, digest in entry["files"].items():
            path = dest / name / target
            if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                print(f"{name}/{target}: missing or changed")
                bad += 1
    print("assets OK" if not bad else f"{bad} problem(s); run scripts/fetch_assets.py")
    return bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="verify, do not fetch")
    args = ap.parse_args()
    sys.exit(1 if check() else 0) if args.check else fetch()


if __name__ == "__main__":
    main()
