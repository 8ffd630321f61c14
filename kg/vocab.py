"""Namespaces and the one function that turns an entity id into an IRI.

The ontology in ontology/kg.ttl defines every term used here; keep the two in step.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/cn-gwr/"
KG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATTR = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")

PREFIXES = {
    "kg": KG,
    "kgid": ID,
    "qb": QB,
    "sdmx-measure": SDMX_MEASURE,
    "sdmx-dimension": SDMX_DIM,
    "sdmx-attribute": SDMX_ATTR,
    "prov": PROV,
    "dcterms": DCT,
}

# The same table as plain strings, for serialisers, SPARQL and JSON-LD contexts.
PREFIX_IRIS: dict[str, str] = {
    **{p: str(ns) for p, ns in PREFIXES.items()},
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}

# Characters kept as they are in an id: letters/digits of any script and a few safe marks.
_UNSAFE = re.compile(r"[^\w\-.~]", re.UNICODE)


def slug(text: str) -> str:
    """A readable, IRI-safe path segment: CJK stays as it is, everything else unsafe is %-encoded."""
    text = text.strip() or "_"
    return "".join(quote(c, safe="") if _UNSAFE.match(c) else c for c in text)


def iri(entity_id: str) -> URIRef:
    return ID[entity_id]


def shipped(folder: str) -> Path:
    """A data folder of the project (``queries``, ``ontology``): kg/<folder> in an installed wheel,
    else <folder> at the top of the checkout (an editable install or a plain checkout), so that
    `kg query NAME` behaves alike wherever kg was installed from."""
    here = Path(__file__).resolve().parent
    inside = here / folder
    return inside if inside.is_dir() else here.parent / folder
