"""incidentmap's incident types, their families (map colours) and their ACLED mapping.

The taxonomy is the filterable vocabulary a reader understands ("arson", "deployment"); each
type maps to ACLED's ``event_type``/``sub_event_type`` so that exports line up with the dataset
conflict analysts use.  Where the ACLED category depends on who acted (a seizure by state forces
is "Government regains territory", by rioters a "Violent demonstration"), :func:`acled_category`
takes the actor categories into account.  docs/taxonomy.md explains every choice.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IncidentType", "TYPES", "FAMILIES", "acled_category", "family_of", "describe"]


@dataclass(frozen=True)
class IncidentType:
    name: str
    label: str
    family: str
    event_type: str
    sub_event_type: str
    meaning: str


#: Families group types for map colours (map-style.md): one hue per family.
FAMILIES = (
    "violence against people",
    "fire and destruction",
    "protest and riot",
    "state action",
    "communications",
    "casualty reports",
)

_T = IncidentType
TYPES: dict[str, IncidentType] = {t.name: t for t in (
    _T("protest", "Protest", "protest and riot", "Protests", "Peaceful protest",
       "A demonstration, rally, march, strike or crowd taking to the streets, without reported "
       "violence by the participants."),
    _T("riot", "Riot", "protest and riot", "Riots", "Violent demonstration",
       "A violent demonstration or clashes between crowds and police; mob violence."),
    _T("arson", "Arson", "fire and destruction", "Riots", "Violent demonstration",
       "A fire the text says was set on purpose (set on fire, torched, firebombed, arson)."),
    _T("fire", "Fire", "fire and destruction", "Strategic developments", "Other",
       "A blaze, accidental or of unstated cause: buildings, vehicles, wildfires."),
    _T("property_destruction", "Property destruction", "fire and destruction",
       "Strategic developments", "Looting/property destruction",
       "Vandalism, smashed or destroyed property, without looting or fire."),
    _T("looting", "Looting", "fire and destruction", "Strategic developments",
       "Looting/property destruction", "Shops, homes or offices looted or ransacked."),
    _T("armed_clash", "Armed clash", "violence against people", "Battles", "Armed clash",
       "Armed, organised groups fighting each other (gun battle, exchange of fire)."),
    _T("attack", "Attack", "violence against people", "Violence against civilians", "Attack",
       "A shooting, stabbing, killing, violent assault or armed robbery."),
    _T("explosion", "Explosion / remote violence", "violence against people",
       "Explosions/Remote violence", "Remote explosive/landmine/IED",
       "A bombing, explosion, air or drone strike, shelling or missile attack."),
    _T("seizure", "Seizure of a site or territory", "state action", "Battles",
       "Non-state actor overtakes territory",
       "A site or territory taken (stormed, seized, captured) or taken back."),
    _T("deployment", "Deployment", "state action", "Strategic developments", "Other",
       "Troops, police or foreign forces sent to or seen in a place."),
    _T("arrest", "Arrest", "state action", "Strategic developments", "Arrests",
       "People arrested, detained or taken into custody."),
    _T("emergency_measure", "Emergency measure", "state action", "Strategic developments",
       "Other", "A state of emergency, curfew, ban on gatherings or evacuation order."),
    _T("comms_shutdown", "Communications shutdown", "communications", "Strategic developments",
       "Other", "Internet or phone service cut, blocked, down or disrupted."),
    _T("casualty_report", "Casualty report", "casualty reports", "Strategic developments",
       "Other", "Deaths or injuries stated without a specific event that caused them."),
)}

_EXPLOSION_SUBTYPES = {
    "air strike": "Air/drone strike",
    "drone strike": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "missile": "Shelling/artillery/missile attack",
    "grenade": "Grenade",
    "suicide bombing": "Suicide bomb",
    "bombing": "Remote explosive/landmine/IED",
    "explosion": "Remote explosive/landmine/IED",
}


def acled_category(type_: str, subtype: str | None = None,
                   actor_categories: tuple[str, ...] = ()) -> tuple[str, str]:
    """The ACLED ``(event_type, sub_event_type)`` for one of our types.

    ``actor_categories`` are the coarse categories of the actors found with the incident, in
    order (the first is the one that acted): they decide between ACLED categories that depend
    on who did it.
    """
    t = TYPES[type_]
    first = actor_categories[0] if actor_categories else None
    cats = set(actor_categories)
    if type_ == "seizure":
        if first in ("state forces", "external forces"):
            return "Battles", "Government regains territory"
        if first in ("protesters", "rioters"):
            return "Riots", "Violent demonstration"
        return t.event_type, t.sub_event_type
    if type_ == "explosion" and subtype:
        return t.event_type, _EXPLOSION_SUBTYPES.get(subtype, t.sub_event_type)
    if type_ == "attack" and first in ("rioters", "protesters"):
        return "Riots", "Mob violence"
    if type_ == "protest" and "state forces" in cats and subtype == "intervention":
        return "Protests", "Protest with intervention"
    if type_ == "riot" and subtype == "mob violence":
        return "Riots", "Mob violence"
    if type_ == "armed_clash" and not cats & {"state forces", "external forces",
                                              "unidentified armed group"}:
        # Fighting between crowds without armed organised groups is a riot in ACLED's terms.
        return "Riots", "Violent demonstration"
    return t.event_type, t.sub_event_type


def family_of(type_: str) -> str:
    """The family (one map colour) a type belongs to."""
    return TYPES[type_].family


def describe() -> list[dict[str, str]]:
    """Every type with its label, family, meaning and default ACLED mapping (for docs, CLI)."""
    return [
        {"type": t.name, "label": t.label, "family": t.family, "event_type": t.event_type,
         "sub_event_type": t.sub_event_type, "meaning": t.meaning}
        for t in TYPES.values()
    ]
