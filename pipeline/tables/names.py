"""Readable names of tables, columns and labels, shared by the exports and the review page."""

from __future__ import annotations

TABLE_TITLES: dict[str, str] = {
    "dimension_by_country": "Smart-city dimensions by country",
    "instruments_by_country": "Instruments by country",
    "documents": "Documents",
    "policy_stage_by_country": "Policy-cycle stage by country",
    "diffusion_by_country": "Diffusion mechanism by country",
    "law_citations": "Law citations",
}
HEADERS: dict[str, str] = {
    "dimension": "Dimension",
    "policy_stage": "Policy-cycle stage",
    "diffusion": "Diffusion mechanism",
    "country": "Country",
    "passages": "Passages",
    "documents": "Documents",
    "top_evidence": "Top evidence (quote, document, page)",
    "type": "Type",
    "canonical_id": "Canonical id",
    "name": "Name",
    "mentions": "Mentions",
    "reviewed": "Reviewed mentions",
    "first_evidence": "First evidence (quote, document, page)",
    "document_id": "Document id",
    "file": "File",
    "title": "Title",
    "year": "Year",
    "language": "Language",
    "language_profile": "Language profile",
    "pages": "Pages",
    "status": "Status",
    "quality": "Text quality",
    "laws": "Laws",
    "agencies": "Agencies",
    "programmes": "Programmes",
    "places": "Places",
    "dimensions": "Dimension mentions",
    "countries": "Countries mentioned",
    "law_id": "Law id",
    "law": "Law",
    "jurisdiction": "Jurisdiction",
    "number": "Number",
    "document": "Document",
}
LABEL_NAMES: dict[str, str] = {
    "governance": "Smart governance",
    "economy": "Smart economy",
    "mobility": "Smart mobility",
    "environment": "Smart environment",
    "people": "Smart people",
    "living": "Smart living",
    "agenda_setting": "Agenda setting",
    "formulation": "Formulation",
    "decision_making": "Decision-making",
    "implementation": "Implementation",
    "evaluation": "Evaluation",
    "coercion": "Coercion",
    "competition": "Competition",
    "learning": "Learning",
    "emulation": "Emulation",
    "LAW": "Law",
    "AGENCY": "Agency",
    "PROGRAMME": "Programme",
    "PLACE": "Place",
    "DIMENSION": "Dimension",
}


def header(column: str) -> str:
    """The readable header of a table column."""
    return HEADERS.get(column, column.replace("_", " ").capitalize())


def label_name(label: str) -> str:
    """The readable name of a dimension, stage, mechanism or entity label."""
    return LABEL_NAMES.get(label, str(label).replace("_", " ").capitalize())
