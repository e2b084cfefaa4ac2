"""Knowledge-base lines built from authoritative lists (not from any document).

Indonesia's regions: the Ministry of Home Affairs' code list (Kepmendagri, "kode wilayah")
gives the 38 provinces and 514 regencies (kabupaten) and cities (kota). Each region becomes a
place (matched by its full forms, "Kabupaten Sleman", "Kab. Sleman", "Sleman Regency", and
by a bare name only when it has two words or more: "Kulon Progo", never "Batu" or "Bone")
and two agencies: its government ("Pemerintah Kabupaten Sleman", "Pemkab Sleman",
"Sleman Regency Government") and its parliament ("DPRD Kabupaten Sleman"). The agencies are
``lookup_only``: the local-government patterns find them in text (any spelling of the
place the pattern reads) and the knowledge base gives them their identity, so 1,100 names
do not slow the text matcher. Entries whose
names the hand-written knowledge base already has are left out: the hand-written line,
with its aliases, wins. Every line records its source.

Pure functions: the build script ``scripts/kb/build_id_regions.py`` reads the list and
writes ``pipeline/data/kb/lists/id_regions.jsonl``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.extract.text import normalize_name, slugify

_ROW = re.compile(r"\('(?P<code>\d{2}(?:\.\d{2})?)'\s*,\s*'(?P<name>(?:[^']|'')*)'\)")
_KIND = re.compile(r"^(?P<kind>Kabupaten|Kota|Kab\.)\s+(?P<bare>.+)$")


@dataclass(frozen=True)
class Region:
    """One province, regency or city of the list: its code, kind and name without the kind."""

    code: str
    kind: str  # provinsi | kabupaten | kota
    name: str


def parse_wilayah_sql(text: str) -> list[Region]:
    """Provinces (code ``NN``) and regencies and cities (``NN.NN``) of a ``wilayah`` SQL dump
    (rows ``('34.04','Kabupaten Sleman')``); districts and villages are skipped."""
    regions: dict[str, Region] = {}
    for m in _ROW.finditer(text):
        code, name = m.group("code"), " ".join(m.group("name").replace("''", "'").split())
        if len(code) == 2:
            regions[code] = Region(code, "provinsi", name)
            continue
        kind = _KIND.match(name)
        if kind is None:
            raise ValueError(f"region {code} {name!r}: neither Kabupaten nor Kota")
        regions[code] = Region(
            code, "kota" if kind.group("kind") == "Kota" else "kabupaten", kind.group("bare")
        )
    return sorted(regions.values(), key=lambda r: r.code)


_TITLE = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}
_SHORT = {"provinsi": "Pemprov", "kabupaten": "Pemkab", "kota": "Pemkot"}
_EN = {"provinsi": "Province", "kabupaten": "Regency", "kota": "City"}
_EN_GOVERNMENT = {"provinsi": "Provincial", "kabupaten": "Regency", "kota": "City"}
_PLACE_TYPE = {"provinsi": "province", "kabupaten": "regency", "kota": "city"}
_ID_KIND = {"provinsi": "prov", "kabupaten": "kab", "kota": "kota"}


def region_place(region: Region, source: str) -> dict:
    """The place line of a region: full forms always, the bare name only with two words or
    more (single words are too often common words: "Batu", "Bone", "Agam")."""
    title = _TITLE[region.kind]
    id_names = [f"{title} {region.name}"]
    if region.kind == "kabupaten":
        id_names.append(f"Kab. {region.name}")
    if len(region.name.split()) >= 2:
        id_names.append(region.name)
    return {
        "id": f"place/id/{_ID_KIND[region.kind]}-{slugify(region.name)}",
        "kind": "place",
        "country": "ID",
        "name": f"{title} {region.name}",
        "names": {"id": id_names, "en": [f"{region.name} {_EN[region.kind]}"]},
        "type": _PLACE_TYPE[region.kind],
        "case_sensitive": True,
        "code": region.code,
        "source": source,
    }


def region_agencies(region: Region, source: str) -> list[dict]:
    """The government and the parliament (DPRD) of a region, in their standard forms."""
    title, slug = _TITLE[region.kind], slugify(region.name)
    government = {
        "id": f"agency/id/{_SHORT[region.kind].lower()}-{slug}",
        "kind": "agency",
        "country": "ID",
        "name": f"Pemerintah {title} {region.name}",
        "names": {
            "id": [
                f"Pemerintah {title} {region.name}",
                f"Pemerintah Daerah {title} {region.name}",
                f"{_SHORT[region.kind]} {region.name}",
            ],
            "en": [
                f"{region.name} {_EN_GOVERNMENT[region.kind]} Government",
                f"{_EN_GOVERNMENT[region.kind]} Government of {region.name}",
            ],
        },
        "lookup_only": True,
        "code": region.code,
        "source": source,
    }
    parliament = {
        "id": f"agency/id/dprd-{_ID_KIND[region.kind]}-{slug}",
        "kind": "agency",
        "country": "ID",
        "name": f"Dewan Perwakilan Rakyat Daerah {title} {region.name}",
        "names": {"id": [f"DPRD {title} {region.name}"]},
        "lookup_only": True,
        "code": region.code,
        "source": source,
    }
    return [government, parliament]


def _names(line: dict) -> list[str]:
    return [line.get("name", ""), *(n for values in line.get("names", {}).values() for n in values)]


Known = dict[tuple[str, str], set[str]]  # (kind, name key) -> ids of hand-written entries


def region_lines(regions: Iterable[Region], known: Known, source: str) -> list[dict]:
    """KB lines of the regions. ``known`` maps (kind, name key) to the ids of hand-written
    entries with that name. A region that one hand-written entry already names becomes an
    ``extends`` line of that entry, with only the forms it lacks ("Kabupaten Konawe Selatan"
    added to a hand-written "Konawe Selatan", so that "Kabupaten Konawe" never matches inside
    it); one that several name is left out. Names two built lines share are dropped from
    both ("Kabupaten Malang" and "Kota Malang" keep their full forms)."""
    lines = []
    for region in regions:
        for line in (region_place(region, source), *region_agencies(region, source)):
            keys = {normalize_name(n) for n in _names(line)}
            owners = set().union(*(known.get((line["kind"], k), set()) for k in keys))
            if not owners:
                lines.append(line)
            elif len(owners) == 1:
                lines.append(_extension(line, owners.pop(), known))
    counts: dict[tuple[str, str], int] = {}
    for line in lines:
        for name in {normalize_name(n) for n in _names(line) if n}:
            counts[(line["kind"], name)] = counts.get((line["kind"], name), 0) + 1
    for line in lines:
        line["names"] = {
            lang: [n for n in values if counts[(line["kind"], normalize_name(n))] == 1]
            for lang, values in line["names"].items()
        }
    return [line for line in lines if "extends" not in line or any(line["names"].values())]


def _extension(line: dict, owner: str, known: Known) -> dict:
    """An ``extends`` line: the forms of ``line`` the hand-written entry ``owner`` lacks."""
    missing = [n for n in _names(line) if owner not in known.get((line["kind"], normalize_name(n)), set())]
    by_lang: dict[str, list[str]] = {}
    for lang, values in line["names"].items():
        by_lang[lang] = [n for n in values if n in missing]
    if line["name"] in missing:
        by_lang.setdefault("id", []).insert(0, line["name"])
    by_lang = {lang: list(dict.fromkeys(values)) for lang, values in by_lang.items()}
    return {
        "extends": owner,
        "kind": line["kind"],
        "names": by_lang,
        "code": line["code"],
        "source": line["source"],
    }
