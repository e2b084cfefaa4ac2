"""Knowledge-base lines of national public bodies, built from published lists: Indonesia's
central institutions as the government procurement agency (LKPP) codes them, Malaysia's
federal agencies as the national data portal (data.gov.my) names them, and Singapore's
statutory boards as the titles of the Acts that establish them name them.

Indonesia: LKPP gives every ministry (``K..``) and non-ministerial institution (``L..``,
``I..``) of the central government a code, with its name in capitals. A name is written
in title case with the particles in lower case ("Kementerian Energi dan Sumber Daya
Mineral"); a trailing number is a code, not part of the name; "RI" stands for "Republik
Indonesia" and "LPP" for "Lembaga Penyiaran Publik". A body named with or without
"Republik Indonesia" is the same body, so both forms are kept where the shorter one has
two words or more ("Arsip Nasional", not "Kejaksaan"). A ministry joined by a slash to a
body it absorbed ("KEMENTERIAN EKONOMI KREATIF/BADAN EKONOMI KREATIF") has both names; a
slash followed by one word of capitals there is its acronym ("/BKKBN"). In other names a
slash belongs to the name ("BARANG/JASA"). A bracket of capitals is an acronym ("(OIKN)"),
any other bracket a note. A name of one word of capitals ("PPATK") is an acronym only.

Malaysia: the portal names each agency in English and Malay with its abbreviation. Bodies
with a company's legal form ("Berhad", "Sdn Bhd", "Limited") are companies, not agencies,
and the United Nations' bodies are international (their list is ``intl_orgs.jsonl``), so
both are left out. An abbreviation is kept as an acronym when it is three or more capitals
or digits and not a word of the body's name ("AUDIT", "PARLIMEN", "Penjara" are words).

Singapore: a statutory board is established by an Act that bears its name ("Land
Transport Authority of Singapore Act 1995", "Enterprise Singapore Board Act 2018"). An Act
in force whose title, less " Act" and its year, ends with a body's head word (Authority,
Board, Agency, Council, Corporation, Commission, Office, Centre, Institute, Foundation),
optionally followed by "of Singapore", names a board. Funds, universities and polytechnics
are no agencies (the annotation schema), nor is an Act about an international body
("International Finance Corporation Act"). The form without "of Singapore" is kept when it
has three words or more ("Land Transport Authority"), and a board named "X Singapore
Board/Agency" is also "X Singapore" ("Enterprise Singapore", "SkillsFuture Singapore").

A body that a hand-written line of the same country already names becomes an ``extends``
line of it, as :mod:`pipeline.extract.kb_orgs` does for international bodies: the forms and
acronyms the hand-written line lacks, and under ``listed`` / ``listed_acronyms`` every
form and acronym the list gives, which an evaluation that hides the hand-written line keeps.
Pure functions: ``scripts/kb/build_id_central.py`` and ``build_my_agencies.py`` read the
lists and write ``pipeline/data/kb/lists/``.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.extract.kb_orgs import name_key
from pipeline.extract.text import slugify

ID_MAPS = ("KEMENTERIAN_MAP", "LEMBAGA_MAP")  # the dictionaries of LKPP codes in the list's module
ID_PARTICLES = frozenset({"dan", "atau", "dari", "di", "ke", "untuk", "yang", "serta", "pada"})
ID_SHORT_FORMS = {"RI": "Republik Indonesia", "LPP": "Lembaga Penyiaran Publik"}
REPUBLIC_SUFFIX = " Republik Indonesia"
MINISTRY = "KEMENTERIAN"
COMPANY = re.compile(r"\b(?:Berhad|Bhd|Sdn|Limited)\b\.?", re.IGNORECASE)
INTERNATIONAL = re.compile(r"^United Nations\b")
NOT_ACRONYMS = frozenset({"GOVT"})  # an abbreviation of a common noun, not a body's acronym
MIN_ACRONYM = 3
SG_HEADS = frozenset(
    {"Authority", "Board", "Agency", "Council", "Corporation", "Commission", "Office", "Centre", "Institute"}
    | {"Foundation"}
)
_SG_ACT = re.compile(r"^(?P<body>.+?) Act (?:19|20)\d\d$")
_OF_SINGAPORE = " of Singapore"
_CAPS_TOKEN = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*")
_TRAILING_CODE = re.compile(r"\s+\d+$")

# the United States: a body's head word, last ("Federal Aviation Administration") or first
# ("Library of Congress"); a serial list in a name ("Bureau of Alcohol, Tobacco, Firearms
# and Explosives") is no index entry
US_LAST_HEADS = frozenset(
    {"Administration", "Agency", "Authority", "Board", "Bureau", "Center", "Commission", "Committee"}
    | {"Corporation", "Council", "Court", "Department", "Foundation", "Institute", "Institutes"}
    | {"Office", "Service", "Survey"}
)
US_FIRST_HEADS = frozenset(
    {"Administrative", "Board", "Bureau", "Centers", "Commission", "Committee", "Council", "Court"}
    | {"Department", "Library", "Office"}
)
_US_PREFIX = "U.S. "
_US_ROW = re.compile(r"^(?P<code>\d+)\t(?P<name>[^\t]+)\t(?P<acronym>[^\t]*)\t")
_US_SERIAL = re.compile(r"^[^,]+(?:, [A-Z][\w-]*)+,? and ")

Known = dict[str, set[str]]  # name key -> ids of hand-written agencies of one country


@dataclass(frozen=True)
class Body:
    """One body of a list: its code, country, canonical name, other forms by language,
    and acronyms."""

    code: str
    country: str
    name: str  # empty for a body the list names by its acronym only
    language: str
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    acronyms: tuple[str, ...] = ()

    def forms(self) -> list[str]:
        """Every name form, canonical first."""
        return list(dict.fromkeys(form for _, form in self.forms_by_language()))

    def forms_by_language(self) -> list[tuple[str, str]]:
        """(language, form) of every name form, canonical first, each form once."""
        others = [(lang, form) for lang, forms in self.names.items() for form in forms]
        pairs = [(self.language, self.name), *others]
        seen: set[str] = set()
        out = []
        for language, form in pairs:
            if form and form not in seen:
                seen.add(form)
                out.append((language, form))
        return out


def title_case_id(caps: str) -> str:
    """An Indonesian name in capitals in title case: particles lower case, short forms
    of two letters ("RI") and known acronyms kept."""
    words = []
    for i, word in enumerate(caps.split()):
        low = word.lower()
        if i and low in ID_PARTICLES:
            words.append(low)
        elif (len(word) <= 2 and word.isupper()) or word in ID_SHORT_FORMS:
            words.append(word)
        else:
            words.append(re.sub(r"[^\W\d_]+", lambda m: m.group()[:1].upper() + m.group()[1:].lower(), word))
    return " ".join(words)


def _expand_short_forms(name: str) -> str:
    """``name`` with "RI" and "LPP" written out."""
    return " ".join(ID_SHORT_FORMS.get(word, word) for word in name.split())


def id_body_forms(raw: str) -> tuple[list[str], list[str]]:
    """(name forms, acronyms) of one LKPP name (see the module's rules)."""
    text = _TRAILING_CODE.sub("", " ".join(raw.split()))
    acronyms: list[str] = []
    for bracket in _BRACKET.findall(text):
        if _CAPS_TOKEN.match(bracket.strip()):
            acronyms.append(bracket.strip())
    text = _BRACKET.sub(" ", text).strip()
    parts = [text]
    if text.startswith(MINISTRY) and "/" in text:
        head, *rest = [p.strip() for p in text.split("/")]
        parts = [head]
        for part in rest:
            (acronyms if _CAPS_TOKEN.match(part) else parts).append(part)
    if len(parts) == 1 and _CAPS_TOKEN.match(parts[0]):
        return [], [*acronyms, parts[0]]
    forms: list[str] = []
    for part in parts:
        written = title_case_id(part)
        expanded = _expand_short_forms(written)
        forms += [expanded, written]
        if expanded.endswith(REPUBLIC_SUFFIX):
            bare = expanded[: -len(REPUBLIC_SUFFIX)].strip()
            if len(bare.split()) >= 2:
                forms.append(bare)
    return list(dict.fromkeys(forms)), list(dict.fromkeys(acronyms))


def parse_lkpp_maps(module_text: str) -> dict[str, str]:
    """Code -> name of the ``KEMENTERIAN_MAP`` / ``LEMBAGA_MAP`` dictionaries of a Python
    module (read with :func:`ast.literal_eval`, never run)."""
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(module_text)):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in ID_MAPS for t in node.targets
        ):
            found.update({str(k): str(v) for k, v in ast.literal_eval(node.value).items()})
    return found


def indonesian_bodies(codes: dict[str, str]) -> list[Body]:
    """The bodies of LKPP's codes, one per name (the first code of a name wins), by code."""
    seen: dict[str, Body] = {}
    for code, raw in sorted(codes.items(), key=lambda item: _code_order(item[0])):
        forms, acronyms = id_body_forms(raw)
        key = name_key(forms[0]) if forms else name_key(acronyms[-1])
        if key in seen:
            continue
        name = forms[0] if forms else ""  # an acronym only: a name only a hand-written line gives
        seen[key] = Body(code, "ID", name, "id", {"id": tuple(forms[1:])}, tuple(acronyms))
    return list(seen.values())


def _code_order(code: str) -> tuple[str, int]:
    """Sort key of an LKPP code ("K2" before "K10")."""
    digits = "".join(c for c in code if c.isdigit())
    return (code.rstrip("0123456789"), int(digits or 0))


def is_acronym(abbreviation: str, names: Iterable[str]) -> bool:
    """True when a listed abbreviation is a body's acronym: three or more capitals or
    digits, not a word of its names, not an abbreviation of a common noun."""
    short = abbreviation.strip()
    if len(short) < MIN_ACRONYM or short in NOT_ACRONYMS or not re.fullmatch(r"[A-Z][A-Z0-9]+", short):
        return False
    words = {w.lower() for name in names for w in re.findall(r"\w+", name)}
    return short.lower() not in words


def malaysian_bodies(english_json: str, malay_json: str) -> list[Body]:
    """The agencies of data.gov.my's ``agencies.json`` in English and Malay (same keys),
    companies and United Nations bodies left out; canonical name in Malay."""
    english = json.loads(english_json)["translation"]
    malay = json.loads(malay_json).get("translation", {})
    bodies: list[Body] = []
    for key in sorted(english):
        en = " ".join(english[key]["full"].split())
        ms = " ".join(malay.get(key, {}).get("full", en).split())
        if COMPANY.search(en) or COMPANY.search(ms) or INTERNATIONAL.match(en):
            continue
        abbreviations = [english[key].get("abbr", ""), malay.get(key, {}).get("abbr", "")]
        acronyms = [a.strip() for a in abbreviations if is_acronym(a, (en, ms))]
        others: dict[str, tuple[str, ...]] = {"en": (en,)} if en != ms else {}
        bodies.append(Body(key, "MY", ms, "ms", others, tuple(dict.fromkeys(acronyms))))
    return bodies


def singapore_boards(census_json: str) -> list[Body]:
    """The statutory boards named by the titles of the Acts in force of an SSO census
    (``{"laws": [{"title", "status", "identifier"}]}``), by name (see the module's rules)."""
    bodies: dict[str, Body] = {}
    for law in json.loads(census_json)["laws"]:
        act = _SG_ACT.match(" ".join(str(law.get("title", "")).split()))
        if law.get("status") != "in_force" or act is None:
            continue
        name = act.group("body")
        bare = name[: -len(_OF_SINGAPORE)] if name.endswith(_OF_SINGAPORE) else name
        words = bare.split()
        if len(words) < 2 or words[-1] not in SG_HEADS or words[0] == "International":
            continue
        forms = [name]
        if bare != name and len(words) >= 3:
            forms.append(bare)
        if words[-1] in ("Board", "Agency") and words[-2] == "Singapore" and len(words) >= 3:
            forms.append(" ".join(words[:-1]))
        code = str(law.get("identifier", ""))
        bodies.setdefault(name_key(name), Body(code, "SG", name, "en", {"en": tuple(forms[1:])}))
    return sorted(bodies.values(), key=lambda b: b.name)


def united_states_agencies(sql_text: str) -> list[Body]:
    """The federal bodies of the USA.gov A-Z index of agencies as a ``COPY ... "Agencies"
    (id, agency, acronym, ...)`` block lists them (rows of tab-separated fields), by the
    module's rules for the United States; rows that share an acronym are one body."""
    rows: dict[str, list[tuple[str, str, str]]] = {}
    for line in sql_text.splitlines():
        row = _US_ROW.match(line)
        if row is None:
            continue
        name = " ".join(row.group("name").split())
        forms = us_body_forms(name)
        if not forms:
            continue
        acronym = row.group("acronym").strip()
        acronym = acronym if is_acronym(acronym, forms) else ""
        rows.setdefault(acronym or _us_key(forms[0]), []).append((row.group("code"), acronym, name))
    bodies: dict[str, Body] = {}
    for group in rows.values():
        forms = list(dict.fromkeys(f for _, _, name in group for f in us_body_forms(name)))
        canonical = max(forms, key=lambda f: (not f.startswith(_US_PREFIX), " of " in f, len(f)))
        others = tuple(f for f in forms if f != canonical)
        acronyms = tuple(dict.fromkeys(a for _, a, _ in group if a))
        body = Body(group[0][0], "US", canonical, "en", {"en": others} if others else {}, acronyms)
        bodies.setdefault(name_key(canonical), body)
    return sorted(bodies.values(), key=lambda b: b.name)


def _us_key(form: str) -> str:
    """One key for a department named either way ("Treasury Department", "Department of
    the Treasury")."""
    words = form.split()
    if words[-1] == "Department" and len(words) > 1:
        form = "Department of " + " ".join(words[:-1])
    return name_key(form.replace("Department of the ", "Department of "))


def us_body_forms(name: str) -> list[str]:
    """The forms a row of the United States' index names a body by: none for a state, a
    programme, an index entry ("Archives, National Archives and Records Administration",
    "Congress—U.S. Senate") or a name without a body's head word; the name, and without
    "U.S." when three words or more are left ("U.S. Geological Survey", "Geological
    Survey"); a name of fewer than three words only with "U.S." ("U.S. Mint")."""
    if "—" in name or "–" in name or ("," in name and not _US_SERIAL.match(name)):
        return []
    bare = name[len(_US_PREFIX) :] if name.startswith(_US_PREFIX) else name
    words = bare.split()
    if not words or words[-1] in ("Program", "Programs"):
        return []
    joint = next((i for i, w in enumerate(words) if w in ("of", "for", "on")), len(words))
    if (
        words[-1] not in US_LAST_HEADS
        and words[0] not in US_FIRST_HEADS
        and words[joint - 1] not in US_LAST_HEADS
    ):
        return []
    forms = [bare] if len(words) >= 3 else []
    if bare != name:
        forms.append(name)
    return forms


def known_agencies_of(entries: Iterable, country: str) -> Known:
    """Name key -> ids of the hand-written agencies of ``country`` with that name or acronym."""
    known: Known = {}
    for e in entries:
        if e.kind == "agency" and e.country == country:
            for name in (*e.all_names(), *e.acronyms):
                known.setdefault(name_key(name), set()).add(e.id)
    return known


def body_lines(bodies: Iterable[Body], known: Known, known_acronyms: Known, source: str) -> list[dict]:
    """KB lines of the bodies: a new ``agency/<country>/...`` line, or an ``extends`` line of
    the one hand-written agency that already names it (a body that several name is left
    out). ``known_acronyms`` holds, per id, the name keys of its acronyms, so an extension
    adds only acronyms its entry lacks."""
    lines: list[dict] = []
    ids: set[str] = set()
    for body in bodies:
        forms = body.forms()
        owners = set().union(*(known.get(name_key(k), set()) for k in (*forms, *body.acronyms)))
        if len(owners) > 1:
            continue
        if owners:
            owner = owners.pop()
            missing: dict[str, list[str]] = {}
            for language, form in body.forms_by_language():
                if owner not in known.get(name_key(form), set()):
                    missing.setdefault(language, []).append(form)
            new_acronyms = [a for a in body.acronyms if name_key(a) not in known_acronyms.get(owner, set())]
            line = {"extends": owner, "kind": "agency", "names": missing}
            if new_acronyms:
                line["acronyms"] = new_acronyms
            line |= {"listed": forms, "listed_acronyms": list(body.acronyms)}
            lines.append(line | {"code": body.code, "source": source})
            continue
        if not forms:
            continue  # an acronym only, and no hand-written line to give it a name
        entity_id = f"agency/{body.country.lower()}/{slugify(body.name)}"
        if entity_id in ids:
            continue
        ids.add(entity_id)
        names = {lang: list(values) for lang, values in body.names.items() if values}
        lines.append(
            {
                "id": entity_id,
                "kind": "agency",
                "country": body.country,
                "name": body.name,
                "names": names,
                "acronyms": list(body.acronyms),
                "code": body.code,
                "source": source,
            }
        )
    return lines


def lines_against(bodies: Iterable[Body], written: list, country: str, source: str) -> list[dict]:
    """:func:`body_lines` of ``country``'s bodies against the hand-written entries ``written``."""
    return body_lines(bodies, known_agencies_of(written, country), acronym_keys(written), source)


def acronym_keys(entries: Iterable) -> Known:
    """Id -> name keys of its acronyms, for the agencies among ``entries``."""
    return {e.id: {name_key(a) for a in e.acronyms} for e in entries if e.kind == "agency"}


__all__ = [
    "Body",
    "acronym_keys",
    "body_lines",
    "id_body_forms",
    "indonesian_bodies",
    "is_acronym",
    "known_agencies_of",
    "lines_against",
    "malaysian_bodies",
    "parse_lkpp_maps",
    "singapore_boards",
    "title_case_id",
    "united_states_agencies",
    "us_body_forms",
]
