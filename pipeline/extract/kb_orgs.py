"""Knowledge-base lines of international organisations, built from the OECD's list of
multilateral channels (the DAC/CRS "channel codes", as IATI publishes them).

The list names the bodies that development funding goes through: the UN's funds,
programmes and specialised agencies, the World Bank Group, the regional development banks
and some hundred other intergovernmental bodies. Its headings ("Multilateral
Organisations", "Regional Development Banks") are not bodies; many items name a funding
window of a body ("World Health Organisation - core voluntary contributions account"), so
a name is cut at " - " and ":", and a trailing note in brackets is dropped, unless it is
an acronym ("World Trade Organisation (WTO)"). Each body is matched in its British and its
American spelling ("Organisation" / "Organization", "Centre" / "Center").

A body that a hand-written line already names becomes an ``extends`` line of it: the forms
the hand-written line lacks, and under ``listed`` every form the list gives, which an
evaluation that hides the hand-written line keeps (:mod:`pipeline.evaluate.entities`).
Pure functions: ``scripts/kb/build_intl_orgs.py`` reads the list and writes
``pipeline/data/kb/lists/intl_orgs.jsonl``.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.extract.text import normalize_name, slugify

MULTILATERAL = "4"  # first digit of the codes of multilateral channels
# the list's headings (groups of bodies, not bodies)
HEADINGS = frozenset({"40000", "42000", "46000", "47000", *(f"41{i}00" for i in range(8))})
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,9})\)\s*$")
_NOTE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_CUT = re.compile(r"\s+-\s+|:\s")
SPELLINGS = (
    ("Organisation", "Organization"),
    ("Co-operation", "Cooperation"),
    ("Centre", "Center"),
    ("Labour", "Labor"),
    ("Programme", "Program"),
)
MIN_ACRONYM = 3  # two-letter acronyms ("WB") are too often something else

Known = dict[str, set[str]]  # name key -> ids of hand-written agencies with that name or acronym


@dataclass(frozen=True)
class Organisation:
    """One body of the list: its channel code, cleaned English name and acronyms."""

    code: str
    name: str
    acronyms: tuple[str, ...] = ()


def clean_name(raw: str) -> tuple[str, tuple[str, ...]]:
    """(body name, acronyms) of a list item's English name: funding windows cut off
    (" - ...", ": ..."), a trailing acronym in brackets kept as an acronym, any other
    trailing note in brackets dropped."""
    name = " ".join(raw.replace("\xa0", " ").split())
    acronyms: list[str] = []
    while True:
        acronym = _ACRONYM.search(name)
        if acronym is not None:
            acronyms.append(acronym.group(1))
            name = name[: acronym.start()]
            continue
        note = _NOTE.search(name)
        if note is None:
            break
        name = name[: note.start()]
    name = _CUT.split(name, maxsplit=1)[0].strip(" ,;")
    return name, tuple(reversed(acronyms))


def parse_crs_channels(xml_text: str) -> list[Organisation]:
    """The active multilateral bodies of a ``CRSChannelCode.xml`` codelist, one per name
    (the first code of a name wins), headings left out."""
    root = ET.fromstring(xml_text)
    seen: dict[str, Organisation] = {}
    for item in root.iter("codelist-item"):
        code = (item.findtext("code") or "").strip()
        if item.get("status") != "active" or not code.startswith(MULTILATERAL) or code in HEADINGS:
            continue
        narratives = item.find("name")
        english = [n.text for n in narratives.findall("narrative") if not n.attrib] if narratives else []
        if not english or not english[0]:
            continue
        name, acronyms = clean_name(english[0])
        if len(name.split()) < 2:
            continue
        key = normalize_name(name)
        if key in seen:
            merged = tuple(dict.fromkeys([*seen[key].acronyms, *acronyms]))
            seen[key] = Organisation(seen[key].code, seen[key].name, merged)
        else:
            seen[key] = Organisation(code, name, acronyms)
    return sorted(seen.values(), key=lambda o: o.code)


# The UN System Chart (the UN's own list of its entities, with their acronyms): the bodies a
# policy text names as actors. Peacekeeping operations, political missions, special envoys,
# the General Assembly's committees and boards and the Secretariat's internal offices are
# left out (their generic names, "Office of Legal Affairs", read as any government's).
UN_ORGANS = frozenset({"Specialized Agencies", "Related Organizations"})
UN_CATEGORIES = frozenset(
    {"Funds and Programmes", "Regional Commissions", "Research and Training", "Other Entities"}
)
_UN_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)?$")
# Three letters stand for too much in these texts ("ICC" is also an Integrated Command
# Centre, "ITC" ICT, "ISA" Malaysia's Internal Security Act) to be matched on the list's word.
MIN_UN_ACRONYM = 4
GROUP_CORE = re.compile(r"^(?P<core>.+\bBank) Group$")  # "World Bank Group" is the World Bank


def parse_un_system(csv_text: str) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """(code, name, other names, acronyms) of the UN System Chart's entities that are actors:
    the specialised agencies and related organisations, the funds and programmes, the regional
    commissions, the research and training institutes, the other entities (UNCTAD, UNHCR,
    UN-Women), and the Secretariat's offices named as the UN's ("United Nations Office for
    Disaster Risk Reduction"). The short name is an acronym when it is one word of two
    capitals or more ("WIPO", "UN-Habitat"), kept from four characters on; a short name of
    several words that names the UN is another name ("UN Tourism"); "X Bank Group" is also
    "X Bank"."""
    out = []
    for row in csv.DictReader(io.StringIO(csv_text)):
        name = " ".join((row.get("entity_long") or "").split())
        short = " ".join((row.get("entity") or "").split())
        organ, category = row.get("un_principal_organ") or "", row.get("category") or ""
        actor = organ in UN_ORGANS or category in UN_CATEGORIES
        if not actor and not (organ == "Secretariat" and name.startswith("United Nations ")):
            continue
        if len(name.split()) < 2:
            continue
        others: list[str] = []
        core = GROUP_CORE.match(name)
        if core:
            others.append(core.group("core"))
        acronyms: tuple[str, ...] = ()
        if _UN_ACRONYM.match(short):
            acronyms = (short,) if len(short) >= MIN_UN_ACRONYM else ()
        elif short.startswith("UN ") and normalize_name(short) != normalize_name(name):
            others.append(short)
        out.append((short, name, tuple(others), acronyms))
    return out


def spelling_variants(name: str) -> list[str]:
    """``name`` in British and American spelling (every combination), ``name`` first."""
    forms = [name]
    for british, american in SPELLINGS:
        for form in list(forms):
            for a, b in ((british, american), (american, british)):
                forms.append(re.sub(rf"\b{a}\b", b, form))
    return list(dict.fromkeys(forms))


def name_key(name: str) -> str:
    """A stricter comparison key: :func:`normalize_name` without spaces ("South East Asian"
    is "Southeast Asian")."""
    return normalize_name(name).replace(" ", "")


def organisation_lines(orgs: Iterable[Organisation], known: Known, source: str) -> list[dict]:
    """KB lines of the bodies: a new ``agency/int/...`` line, or an ``extends`` line of the
    one hand-written agency that already names it (a body that several name is left out)."""
    lines: list[dict] = []
    ids: set[str] = set()
    for org in orgs:
        forms = spelling_variants(org.name)
        acronyms = [a for a in org.acronyms if len(a) >= MIN_ACRONYM]
        # "Economic and Social Commission for Asia and the Pacific" is the hand-written
        # "United Nations Economic and Social Commission for Asia and the Pacific"
        keys = [*forms, *acronyms, *(f"United Nations {f}" for f in forms)]
        owners = set().union(*(known.get(name_key(k), set()) for k in keys))
        if len(owners) > 1:
            continue
        if owners:
            owner = owners.pop()
            missing = [f for f in forms if owner not in known.get(name_key(f), set())]
            lines.append(
                {"extends": owner, "kind": "agency", "names": {"en": missing}, "listed": forms}
                | {"code": org.code, "source": source}
            )
            continue
        entity_id = f"agency/int/{slugify(org.name)}"
        if entity_id in ids:
            continue
        ids.add(entity_id)
        lines.append(
            {
                "id": entity_id,
                "kind": "agency",
                "country": "INT",
                "name": org.name,
                "names": {"en": forms[1:]},
                "acronyms": acronyms,
                "code": org.code,
                "source": source,
            }
        )
    return lines


def known_agencies(entries: Iterable) -> Known:
    """Name key -> ids of the agencies among ``entries`` with that name or acronym."""
    known: Known = {}
    for e in entries:
        if e.kind == "agency":
            for name in (*e.all_names(), *e.acronyms):
                known.setdefault(name_key(name), set()).add(e.id)
    return known


__all__ = [
    "Organisation",
    "clean_name",
    "known_agencies",
    "organisation_lines",
    "parse_crs_channels",
    "parse_un_system",
    "spelling_variants",
]
