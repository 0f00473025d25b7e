"""How incidents look on the map: a colour per family of events, a pictogram per type.

Colour says the family (Okabe–Ito palette, readable for colour-blind readers); the white
pictogram inside the badge says the type, so two types of one family, or the same map printed
in grey, stay apart.  A badge drawn hollow (white, dashed outline, pictogram in colour) means
the incident is placed only to a region or a country: "somewhere in Kazakhstan", not a street.

Everything here is pure Python (no folium), so tests and other tools can read the palette.
The SVG strings are ours, never built from article text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["Family", "TypeStyle", "FAMILIES", "type_style", "badge_svg", "type_slug",
           "PRECISE", "VAGUE"]


@dataclass(frozen=True)
class Family:
    key: str
    label: str
    color: str


#: Okabe–Ito colours; "other" (a type the taxonomy does not know) is a neutral grey.
FAMILIES: dict[str, Family] = {f.key: f for f in (
    Family("violence", "Violence against people", "#D55E00"),
    Family("destruction", "Fire and destruction", "#E69F00"),
    Family("protest", "Protest and riot", "#CC79A7"),
    Family("state", "State action", "#0072B2"),
    Family("communications", "Communications", "#009E73"),
    Family("casualties", "Casualty reports", "#000000"),
    Family("other", "Other", "#7A7A7A"),
)}

# Pictograms drawn in a 24×24 box centred on (12, 12), inside a badge of radius 11.  ``G`` is
# replaced by the glyph colour (white on a filled badge, the family colour on a hollow one).
_S = 'fill="none" stroke="G" stroke-linecap="round" stroke-linejoin="round"'


def _star(points: int, r_out: float, r_in: float) -> str:
    pts = []
    for i in range(points * 2):
        r = r_out if i % 2 == 0 else r_in
        a = math.pi * i / points - math.pi / 2
        pts.append(f"{12 + r * math.cos(a):.1f} {12 + r * math.sin(a):.1f}")
    return "M" + " L".join(pts) + "Z"


_FLAME = ("M12 4.2c.7 2.7 5 4.7 5 9.1a5 5 0 0 1-10 0c0-2.4 1.3-3.8 2.3-4.7.2 1.6.9 2.5 "
          "1.8 2.8-.4-2.7.1-5.2.9-7.2z")

_GLYPHS: dict[str, str] = {
    # protest: a placard on a stick
    "protest": f'<rect x="6.5" y="5.5" width="11" height="7" rx="1" fill="G"/>'
               f'<path d="M12 12.5V19" {_S} stroke-width="2"/>',
    # riot: a lightning bolt
    "riot": '<path d="M13.6 4 7.4 13.2h4.2L10.4 20l6.2-9.6h-4.2z" fill="G"/>',
    # fire: a flame
    "fire": f'<path d="{_FLAME}" fill="G"/>',
    # arson: a flame set by a hand-held torch
    "arson": f'<path d="{_FLAME}" transform="translate(1.6 -1) scale(.9)" fill="G"/>'
             f'<path d="M5.6 19.2 9.4 15.4" {_S} stroke-width="2.2"/>',
    # property destruction: a house with a crack
    "property_destruction": f'<path d="M5.5 11.5 12 6l6.5 5.5V18.5h-13z" {_S} stroke-width="1.8"/>'
                            f'<path d="m12.6 9-1.8 3.4 2.6 1.5-1.6 4.6" {_S} stroke-width="1.6"/>',
    # looting: a bag
    "looting": f'<path d="M6.5 9.5h11l-1 9.5h-9z" fill="G"/>'
               f'<path d="M9.5 9.5V8a2.5 2.5 0 0 1 5 0v1.5" {_S} stroke-width="1.6"/>',
    # armed clash: crossed blades
    "armed_clash": f'<path d="M6.5 6.5l11 11M17.5 6.5l-11 11M5.5 14.5l4 4M14.5 18.5l4-4" '
                   f'{_S} stroke-width="2"/>',
    # attack: a target
    "attack": f'<circle cx="12" cy="12" r="4.6" {_S} stroke-width="1.8"/>'
              f'<path d="M12 4.5v4M12 15.5v4M4.5 12h4M15.5 12h4" {_S} stroke-width="1.8"/>'
              '<circle cx="12" cy="12" r="1.3" fill="G"/>',
    # explosion or remote violence: a burst
    "explosion": f'<path d="{_star(8, 8, 3.6)}" fill="G"/>',
    # seizure of a site: a flag planted
    "seizure": f'<path d="M7.5 5v14.5" {_S} stroke-width="1.8"/>'
               '<path d="M8.2 5.5H17l-2 3 2 3H8.2z" fill="G"/>',
    # deployment of troops or police: rank chevrons
    "deployment": f'<path d="M6.5 12 12 7l5.5 5M6.5 17 12 12l5.5 5" {_S} stroke-width="2.2"/>',
    # arrest or detention: handcuffs
    "arrest": f'<circle cx="8" cy="14" r="3.3" {_S} stroke-width="1.8"/>'
              f'<circle cx="16" cy="14" r="3.3" {_S} stroke-width="1.8"/>'
              f'<path d="M10 10.2q2-2.6 4 0" {_S} stroke-width="1.6"/>',
    # emergency measure: a warning sign
    "emergency_measure": f'<path d="M12 5.2 19.3 18.3H4.7z" {_S} stroke-width="1.7"/>'
                         f'<path d="M12 10.2v3.8" {_S} stroke-width="1.8"/>'
                         '<circle cx="12" cy="16.2" r="1" fill="G"/>',
    # communications shutdown: a signal struck through
    "comms_shutdown": f'<path d="M5.5 10.5a9.2 9.2 0 0 1 13 0M8.2 13.4a5.4 5.4 0 0 1 7.6 0" '
                               f'{_S} stroke-width="1.7"/><circle cx="12" cy="16.6" r="1.3" fill="G"/>'
                               f'<path d="M6.3 5.8 17.7 18.4" {_S} stroke-width="1.9"/>',
    # casualty report: a medical cross
    "casualty_report": '<path d="M10.1 5.8h3.8v4.3h4.3v3.8h-4.3v4.3h-3.8v-4.3H5.8v-3.8h4.3z" fill="G"/>',
    # a type we do not know: a plain dot
    "other": '<circle cx="12" cy="12" r="3.6" fill="G"/>',
}

#: Taxonomy type -> (family, plain-words label), in the legend's order.
_TYPES: dict[str, tuple[str, str]] = {
    "attack": ("violence", "Attack"),
    "armed_clash": ("violence", "Armed clash"),
    "explosion": ("violence", "Explosion or air strike"),
    "arson": ("destruction", "Arson"),
    "fire": ("destruction", "Fire"),
    "property_destruction": ("destruction", "Property destroyed"),
    "looting": ("destruction", "Looting"),
    "protest": ("protest", "Protest"),
    "riot": ("protest", "Riot"),
    "deployment": ("state", "Troops or police deployed"),
    "seizure": ("state", "Site or territory seized"),
    "arrest": ("state", "Arrests"),
    "emergency_measure": ("state", "Emergency measure"),
    "comms_shutdown": ("communications", "Communications shut down"),
    "casualty_report": ("casualties", "Deaths or injuries reported"),
}

# Spellings other tools (or a hand-edited CSV) may use for the same types.
_ALIASES = {
    "clash": "armed_clash", "battle": "armed_clash", "battles": "armed_clash",
    "remote_violence": "explosion", "explosion_remote_violence": "explosion",
    "explosions_remote_violence": "explosion", "bombing": "explosion", "airstrike": "explosion",
    "destruction": "property_destruction", "vandalism": "property_destruction",
    "protests": "protest", "riots": "riot", "arrests": "arrest", "detention": "arrest",
    "emergency": "emergency_measure", "curfew": "emergency_measure",
    "state_of_emergency": "emergency_measure", "internet_shutdown": "comms_shutdown",
    "communications": "comms_shutdown", "shutdown": "comms_shutdown",
    "communications_shutdown": "comms_shutdown",
    "casualties": "casualty_report", "casualty": "casualty_report",
    "troop_deployment": "deployment", "deployments": "deployment",
    "violence_against_civilians": "attack",
}

#: Precision classes of a drawn incident.
PRECISE, VAGUE = "precise", "vague"


def type_slug(t: str) -> str:
    """A type name as a safe CSS class / key: lower case, ``[a-z0-9_]`` only."""
    s = re.sub(r"[^a-z0-9]+", "_", (t or "").strip().lower()).strip("_")
    return s or "unknown"


@dataclass(frozen=True)
class TypeStyle:
    key: str        # the type as the incidents carry it (slugged)
    label: str      # plain words for the legend and popups
    family: Family
    glyph: str      # key into the pictogram table
    order: int      # legend order


_FAMILY_ORDER = list(FAMILIES)
_TYPE_ORDER = list(_TYPES)


def type_style(t: str) -> TypeStyle:
    """The style of incident type ``t`` (taxonomy name, alias, or anything else)."""
    slug = type_slug(t)
    canon = slug if slug in _TYPES else _ALIASES.get(slug)
    if canon:
        fam, label = _TYPES[canon]
        order = _FAMILY_ORDER.index(fam) * 100 + _TYPE_ORDER.index(canon)
        return TypeStyle(canon, label, FAMILIES[fam], canon, order)
    fam, label = _from_taxonomy(slug)
    return TypeStyle(slug, label or slug.replace("_", " ").capitalize(), FAMILIES[fam], "other",
                     10_000 + _FAMILY_ORDER.index(fam))


_TAXONOMY_FAMILY = {"violence against people": "violence", "fire and destruction": "destruction",
                    "protest and riot": "protest", "state action": "state",
                    "communications": "communications", "casualty reports": "casualties"}


def _from_taxonomy(slug: str) -> tuple[str, str | None]:
    """Family and label of a type the taxonomy knows and this table does not (yet)."""
    try:
        from ..incidents.taxonomy import TYPES
    except ImportError:
        return "other", None
    t = TYPES.get(slug)
    if t is None:
        return "other", None
    return _TAXONOMY_FAMILY.get(t.family, "other"), t.label


def badge_svg(style: TypeStyle, *, hollow: bool = False, size: int = 26) -> str:
    """The badge of a type as an inline ``<svg>``: filled for a placed incident, hollow with a
    dashed ring for one known only to a region or country."""
    c = style.family.color
    if hollow:
        ring = (f'<circle cx="12" cy="12" r="10.4" fill="#fff" fill-opacity=".92" stroke="{c}" '
                f'stroke-width="2" stroke-dasharray="3.2 2.2"/>')
        glyph = _GLYPHS[style.glyph].replace('"G"', f'"{c}"')
    else:
        ring = f'<circle cx="12" cy="12" r="10.6" fill="{c}" stroke="#fff" stroke-width="1.4"/>'
        glyph = _GLYPHS[style.glyph].replace('"G"', '"#fff"')
    return (f'<svg viewBox="0 0 24 24" width="{size}" '
            f'height="{size}" aria-hidden="true">{ring}{glyph}</svg>')
