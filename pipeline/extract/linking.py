"""Link acronyms a document defines to the entities their long forms name."""

from __future__ import annotations

from pipeline.extract.acronyms import AcronymDef, find_uses
from pipeline.extract.candidates import Candidate, unknown_id
from pipeline.extract.kb import KnowledgeBase
from pipeline.extract.patterns import (
    AGENCY_PREFIX,
    AGENCY_PREFIX_EN,
    AGENCY_SUFFIX,
    FACILITY_HEADS,
    NOT_A_BODY,
    PROGRAMME_PREFIX,
    PROGRAMME_SUFFIX,
    technology_term,
)
from pipeline.lang_data import word_set
from pipeline.records import EntityLabel

# not "Pejabat": an office in Malay, which its pattern finds in Malay text, but an official's
# post in Indonesian ("Pejabat Pegawai Negeri Sipil (PPNS)")
_AGENCY_FIRST = {h.split()[0].lower() for h in AGENCY_PREFIX + AGENCY_PREFIX_EN} - {"pejabat"}
_AGENCY_LAST = {h.split()[-1].lower() for h in AGENCY_SUFFIX}
_PROGRAMME_FIRST = {h.split()[0].lower() for h in PROGRAMME_PREFIX}
# a facility's last word ("Centre") alone says nothing: "Pusat Data (Data Center)"
_PROGRAMME_LAST = {h.split()[-1].lower() for h in PROGRAMME_SUFFIX if h not in FACILITY_HEADS}
# a defined long form that is the nation's ("Standar Nasional QR Code Pembayaran (QRIS)",
# "Strategic National Projects (SNPs)", "Jaminan Kesehatan Nasional (JKN)") and no body is a
# national programme, standard or plan; a university is neither ("Seoul National University")
_NATIONAL = {"nasional", "national"}
# kinds of plan and system every agency has: lang/{id,en}/programme_kind_names.txt
PROGRAMME_KINDS = word_set("programme_kind_names", ("id", "en"))
_SCHOOLS = {"university", "universitas", "universiti", "institute", "institut", "college", "school"}


def classify_long_form(long_form: str) -> EntityLabel | None:
    """AGENCY or PROGRAMME when the long form has the head word of one, else None (also
    when the word after the head makes it no body: ``lang/*/name_not_a_body_after.txt``,
    and for a list of things in lower case)."""
    words = [w.lower().strip(",.") for w in long_form.split()]
    if len(words) < 2 or (long_form[:1].islower() and "," in long_form):
        return None  # one word, or a list of things in lower case ("sistem, dan komponen (SSK)")
    if words[1] in NOT_A_BODY.get((words[0], "after"), frozenset()):
        return None  # "Jabatan Pimpinan Tinggi Madya (JPT Madya)": a post, not a department
    if words[-1] in _AGENCY_LAST or words[0] in _AGENCY_FIRST:
        return "AGENCY"
    if words[-1] in _PROGRAMME_LAST or words[0] in _PROGRAMME_FIRST:
        # a kind of system or plan ("Sistem Informasi Geografis (SIG)"), a technology
        # ("Convolutional Neural Network (CNN)"): no programme
        kind = " ".join(words) in PROGRAMME_KINDS
        return None if kind or technology_term(long_form) else "PROGRAMME"
    if any(w in _NATIONAL for w in words[1:]) and words[-1] not in _SCHOOLS:
        return "PROGRAMME"
    return None


_NOT_PROGRAMMES = _SCHOOLS | {"airport", "station", "port", "hospital", "district", "area", "region", "zone"}


def placed_programme(long_form: str, kb: KnowledgeBase) -> EntityLabel | None:
    """PROGRAMME for a defined long form without a head word that begins with a place the
    knowledge base knows and goes on with two words or more ("Manila Residents
    Identification (MRID)", "Riverton Smart City (RSC)"): a city's named scheme. A school,
    an airport or a district there is none, nor is a place's own longer name."""
    words = long_form.split()
    for n in (3, 2, 1):
        if len(words) - n >= 2 and kb.lookup_name(" ".join(words[:n]), "place"):
            if words[-1].lower() in _NOT_PROGRAMMES or kb.lookup_name(long_form, "place"):
                return None
            return "PROGRAMME"
    return None


def _target(d: AcronymDef, kept: list[Candidate]) -> Candidate | None:
    """The kept candidate that best covers the long form (at least half of it).

    A law's title does not count: an acronym defined inside "Perpres ... tentang Sistem
    Pemerintahan Berbasis Elektronik (SPBE)" names the system, not the regulation.
    """
    best, best_overlap = None, 0
    for c in kept:
        if c.label == "PLACE":
            continue
        overlap = min(c.end, d.long_end) - max(c.start, d.long_start)
        if overlap > best_overlap:
            best, best_overlap = c, overlap
    if best is None or best_overlap * 2 < (d.long_end - d.long_start):
        return None
    return best


def _known(d: AcronymDef, kb: KnowledgeBase) -> Candidate | None:
    """A KB entity named by the long form, else the KB entity the acronym itself stands for
    (not one used only where its country is named: "ASEAN Member States (AMS)" is no
    American marketing service)."""
    for name in (d.long_form, d.acronym):
        found = [
            e
            for e in kb.lookup_name(name)
            if e.kind in ("agency", "programme") and (name == d.long_form or not e.needs_country)
        ]
        if found:
            e = found[0]
            return Candidate(
                d.long_start,
                d.long_end,
                e.label,
                e.id,
                e.name,
                e.country,
                "kb",
                0.85,
                entries=tuple(found),
                source="kb",
                rule="acronym.kb",
            )
    return None


def link_acronyms(
    defs: list[AcronymDef], kept: list[Candidate], text: str, kb: KnowledgeBase
) -> tuple[dict[str, Candidate], list[Candidate]]:
    """Acronym -> entity links, and new candidates: untyped long forms and every acronym use."""
    links: dict[str, Candidate] = {}
    new: list[Candidate] = []
    for d in defs:
        if d.acronym in links:
            continue
        target = _target(d, kept)
        if target is None:
            target = _known(d, kb)
            if target is not None:
                new.append(target)
        if target is None:
            label = classify_long_form(d.long_form) or placed_programme(d.long_form, kb)
            if label is None:
                continue
            target = Candidate(
                d.long_start,
                d.long_end,
                label,
                unknown_id(label, d.long_form),
                d.long_form,
                None,
                "rule",
                0.6,
                source="acronym",
                rule="acronym.long",
            )
            new.append(target)
        links[d.acronym] = target
    for start, end, acronym in find_uses(text, list(links)):
        t = links[acronym]
        new.append(
            Candidate(
                start,
                end,
                t.label,
                t.canonical_id,
                t.canonical_name,
                t.country,
                "rule",
                round(t.confidence - 0.05, 2),
                law=t.law,
                entries=t.entries,
                source="acronym",
                rule="acronym.use",
            )
        )
    return links, new
