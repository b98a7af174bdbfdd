"""Deterministic generator of large, valid svcmap catalogs for benchmarks (SPEC §2).

``generate_catalog(root, products, seed)`` writes a catalog folder::

    ROOT/catalog/organisation.yaml      ~44 units over 8 domains (6 external), life events, data items
    ROOT/catalog/products/<id>.yaml     one file per product
    ROOT/processes/<id>.yaml            one process per product, 8-14 steps over 8-12 distinct units

Every process is valid per SPEC §4 errors: all references resolve, every step is reachable from the
start (the first step) and every step can reach an end step.  Processes are a backbone (each step leads
to the next one, the last one is an end) decorated with conditional branches (``next`` as a list of
``{to, when}``), plain fan-outs (a list of ids), loops (a back-edge to an earlier step next to the
forward edge: the way out) and sometimes an extra end step (a refusal) reached through a branch.
Warnings (silo handoffs, ping-pong, repeated asks, once-only, channel mismatches...) occur on purpose.

``mutate_catalog(src, dst, seed)`` copies a catalog and applies the kind of changes a later
``svcmap diff`` benchmark has to report: products removed and added, owners and channels changed,
steps added, removed or moved to another unit, and two units merged into one.

The output depends only on the arguments: a seeded ``random.Random`` is the only source of randomness,
nothing iterates over a ``set`` and no timestamp is written.  Files are UTF-8 with ``\\n`` line ends.

Each product and its process are written as soon as they are drawn, so memory stays flat with the size:
100,000 products (``make bench-large``) take about two minutes on one core and under 50 MB, and make
200 MB of YAML in 200,001 files (about 800 MB on disk in 4 KB blocks).  Most of that time is spent
drawing fresh product ids once the ~9,400 names of kind, topic and qualifier are used up; the draws are
kept as they are so that a catalog of a given size and seed stays the same catalog.

Command line::

    python -m bench.generate OUT_DIR [--products N] [--seed S] [--mutate-from SRC]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from collections import deque
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "check_catalog",
    "dump_yaml",
    "generate_catalog",
    "main",
    "mutate_catalog",
]

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

CHANNELS = ("counter", "appointment", "phone", "web", "email", "mail", "home-visit", "chat")

# ---------------------------------------------------------------------------------------------------
# Vocabulary: the organisation
# ---------------------------------------------------------------------------------------------------

# (id, name, office, domain or None, external)
UNITS: tuple[tuple[str, str, str, str | None, bool], ...] = (
    ("onthaal", "Algemeen onthaal", "front", "dienstverlening", False),
    ("contactcenter", "Contactcenter", "front", "dienstverlening", False),
    ("e-loket", "Digitaal loket", "front", "dienstverlening", False),
    ("communicatie", "Communicatie", "back", "dienstverlening", False),
    ("klachtenbehandeling", "Klachtenbehandeling", "back", "dienstverlening", False),
    ("loket-burgerzaken", "Loket burgerzaken", "front", "burgerzaken", False),
    ("bevolking", "Bevolking", "back", "burgerzaken", False),
    ("burgerlijke-stand", "Burgerlijke stand", "back", "burgerzaken", False),
    ("verkiezingen", "Verkiezingen", "back", "burgerzaken", False),
    ("vreemdelingenzaken", "Vreemdelingenzaken", "back", "burgerzaken", False),
    ("sociaal-huis", "Sociaal huis — onthaal", "front", "welzijn", False),
    ("sociale-dienst", "Sociale dienst", "back", "welzijn", False),
    ("kinderopvang", "Kinderopvang", "back", "welzijn", False),
    ("seniorenzorg", "Seniorenzorg", "back", "welzijn", False),
    ("huisvesting", "Huisvesting", "back", "welzijn", False),
    ("omgevingsloket", "Omgevingsloket", "front", "omgeving", False),
    ("stedenbouw", "Stedenbouw", "back", "omgeving", False),
    ("milieu", "Milieu", "back", "omgeving", False),
    ("mobiliteit", "Mobiliteit", "back", "omgeving", False),
    ("openbaar-domein", "Openbaar domein", "back", "omgeving", False),
    ("wonen", "Woonbeleid", "back", "omgeving", False),
    ("financiele-dienst", "Financiële dienst", "back", "financien", False),
    ("belastingen", "Belastingen", "back", "financien", False),
    ("ontvangsten", "Ontvangsten", "back", "financien", False),
    ("aankoop", "Aankoopdienst", "back", "financien", False),
    ("vrijetijdsloket", "Vrijetijdsloket", "front", "vrije-tijd", False),
    ("cultuur", "Cultuur", "back", "vrije-tijd", False),
    ("sport", "Sport", "back", "vrije-tijd", False),
    ("jeugd", "Jeugd", "back", "vrije-tijd", False),
    ("bibliotheek", "Bibliotheek", "front", "vrije-tijd", False),
    ("noodplanning", "Noodplanning", "back", "veiligheid", False),
    ("gas-cel", "GAS-cel (administratieve sancties)", "back", "veiligheid", False),
    ("evenementen", "Evenementenloket", "back", "veiligheid", False),
    ("juridische-dienst", "Juridische dienst", "back", "bedrijfsvoering", False),
    ("secretariaat", "Secretariaat", "back", "bedrijfsvoering", False),
    ("ict", "ICT", "back", "bedrijfsvoering", False),
    ("archief", "Archief", "back", "bedrijfsvoering", False),
    ("college", "College van burgemeester en schepenen", "back", "bedrijfsvoering", False),
    ("politie", "Lokale politie", "back", None, True),
    ("brandweer", "Hulpverleningszone brandweer", "back", None, True),
    ("rijksregister", "Rijksregister", "back", None, True),
    ("kadaster", "Kadaster", "back", None, True),
    ("kbo", "Kruispuntbank van Ondernemingen", "back", None, True),
    ("vdab", "VDAB", "back", None, True),
)

# (id, name, held_by or None)
DATA_ITEMS: tuple[tuple[str, str, str | None], ...] = (
    ("identity", "Identiteit", "rijksregister"),
    ("address", "Adres", "rijksregister"),
    ("date-of-birth", "Geboortedatum", "rijksregister"),
    ("nationality", "Nationaliteit", "rijksregister"),
    ("civil-status", "Burgerlijke staat", "rijksregister"),
    ("family-composition", "Gezinssamenstelling", "rijksregister"),
    ("enterprise-number", "Ondernemingsnummer", "kbo"),
    ("cadastral-parcel", "Kadastraal perceel", "kadaster"),
    ("new-address", "Nieuw adres", None),
    ("email", "E-mailadres", None),
    ("phone", "Telefoonnummer", None),
    ("bank-account", "Rekeningnummer", None),
    ("income", "Inkomen", None),
    ("tax-assessment", "Aanslagbiljet personenbelasting", None),
    ("photo", "Pasfoto", None),
    ("signature", "Handtekening", None),
    ("building-plans", "Bouwplannen", None),
    ("invoice", "Factuur van de werken", None),
    ("license-plate", "Nummerplaat", None),
    ("vehicle-registration", "Inschrijvingsbewijs voertuig", None),
    ("medical-certificate", "Medisch attest", None),
    ("rental-contract", "Huurcontract", None),
    ("employer-certificate", "Attest van de werkgever", None),
    ("event-date", "Datum van het evenement", None),
    ("event-location", "Locatie van het evenement", None),
    ("participants", "Aantal deelnemers", None),
    ("insurance-certificate", "Verzekeringsattest", None),
    ("child-identity", "Identiteit van het kind", None),
    ("membership-number", "Lidnummer", None),
    ("motivation", "Motivering", None),
)

# Data items a citizen typically gives, per domain (always from DATA_ITEMS).
DOMAIN_ITEMS: dict[str, tuple[str, ...]] = {
    "dienstverlening": ("email", "phone", "motivation", "address"),
    "burgerzaken": (
        "identity",
        "address",
        "date-of-birth",
        "nationality",
        "civil-status",
        "photo",
        "new-address",
        "family-composition",
        "signature",
    ),
    "welzijn": (
        "income",
        "family-composition",
        "bank-account",
        "rental-contract",
        "medical-certificate",
        "tax-assessment",
        "employer-certificate",
        "child-identity",
    ),
    "omgeving": (
        "cadastral-parcel",
        "building-plans",
        "invoice",
        "bank-account",
        "license-plate",
        "vehicle-registration",
        "address",
    ),
    "financien": ("bank-account", "tax-assessment", "enterprise-number", "invoice", "address"),
    "vrije-tijd": ("child-identity", "membership-number", "event-date", "participants", "bank-account", "email"),
    "veiligheid": (
        "event-date",
        "event-location",
        "participants",
        "insurance-certificate",
        "enterprise-number",
        "license-plate",
    ),
    "bedrijfsvoering": ("motivation", "email", "enterprise-number"),
}

# (id, name, topics whose products the life event prefers)
LIFE_EVENT_THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("verhuizen", "Verhuizen naar de gemeente", ("adres", "parkeren", "afval", "identiteitskaart")),
    ("geboorte", "Een kind krijgen", ("geboorte", "kids-id", "kinderopvang", "naamswijziging")),
    ("trouwen", "Trouwen of samenwonen", ("huwelijk", "samenwoning", "adres", "zaalhuur")),
    ("overlijden", "Overlijden van een naaste", ("overlijden", "orgaandonatie", "thuiszorg")),
    (
        "bouwen",
        "Bouwen of verbouwen",
        ("verbouwing", "renovatie", "zonnepanelen", "regenwaterput", "inname-openbaar-domein", "riolering", "gevel"),
    ),
    ("onderneming-starten", "Een onderneming starten", ("reclame", "terras", "camera", "inname-openbaar-domein")),
    (
        "evenement-organiseren",
        "Een evenement organiseren",
        ("evenement", "fuif", "signalisatie", "uitleendienst", "brandveiligheid"),
    ),
    ("met-pensioen", "Met pensioen gaan", ("maaltijden", "thuiszorg", "mantelzorg", "bibliotheek")),
    ("werk-zoeken", "Werk zoeken", ("leefloon", "sollicitatie", "kinderopvang")),
    (
        "financiele-problemen",
        "Financiële problemen",
        ("schuldhulp", "energie", "afbetalingsplan", "leefloon", "huurtoelage"),
    ),
    (
        "vereniging-oprichten",
        "Een vereniging oprichten",
        ("jeugdvereniging", "sportclub", "cultuurproject", "zaalhuur"),
    ),
    ("zorg-nodig", "Zorg nodig thuis", ("thuiszorg", "mantelzorg", "maaltijden", "sociale-woning")),
)

# ---------------------------------------------------------------------------------------------------
# Vocabulary: products
# ---------------------------------------------------------------------------------------------------

KINDS: tuple[tuple[str, str], ...] = (
    ("aanvraag", "Aanvraag"),
    ("attest", "Attest"),
    ("uittreksel", "Uittreksel"),
    ("vergunning", "Vergunning"),
    ("premie", "Premie"),
    ("subsidie", "Subsidie"),
    ("melding", "Melding"),
    ("inschrijving", "Inschrijving"),
    ("registratie", "Registratie"),
    ("reservatie", "Reservatie"),
    ("toelage", "Toelage"),
    ("tussenkomst", "Tussenkomst"),
    ("verlenging", "Verlenging"),
    ("wijziging", "Wijziging"),
    ("afwijking", "Afwijking"),
    ("erkenning", "Erkenning"),
    ("aangifte", "Aangifte"),
    ("advies", "Advies"),
)

# (id, label, domain)
TOPICS: tuple[tuple[str, str, str], ...] = (
    ("klacht", "klacht", "dienstverlening"),
    ("openbaarheid", "openbaarheid van bestuur", "dienstverlening"),
    ("afspraak", "afspraak", "dienstverlening"),
    ("vertaling", "vertaling van documenten", "dienstverlening"),
    ("nieuwsbrief", "nieuwsbrief", "dienstverlening"),
    ("identiteitskaart", "identiteitskaart", "burgerzaken"),
    ("kids-id", "Kids-ID", "burgerzaken"),
    ("reispas", "reispas", "burgerzaken"),
    ("rijbewijs", "rijbewijs", "burgerzaken"),
    ("adres", "adres", "burgerzaken"),
    ("geboorte", "geboorte", "burgerzaken"),
    ("huwelijk", "huwelijk", "burgerzaken"),
    ("samenwoning", "wettelijke samenwoning", "burgerzaken"),
    ("overlijden", "overlijden", "burgerzaken"),
    ("naamswijziging", "naamswijziging", "burgerzaken"),
    ("nationaliteit", "nationaliteit", "burgerzaken"),
    ("verblijf", "verblijfsrecht", "burgerzaken"),
    ("orgaandonatie", "orgaandonatie", "burgerzaken"),
    ("leefloon", "leefloon", "welzijn"),
    ("huurtoelage", "huurtoelage", "welzijn"),
    ("kinderopvang", "kinderopvang", "welzijn"),
    ("thuiszorg", "thuiszorg", "welzijn"),
    ("maaltijden", "maaltijden aan huis", "welzijn"),
    ("mantelzorg", "mantelzorg", "welzijn"),
    ("energie", "energiearmoede", "welzijn"),
    ("schuldhulp", "schuldhulpverlening", "welzijn"),
    ("sociale-woning", "sociale woning", "welzijn"),
    ("renovatie", "renovatie", "omgeving"),
    ("zonnepanelen", "zonnepanelen", "omgeving"),
    ("regenwaterput", "regenwaterput", "omgeving"),
    ("groendak", "groendak", "omgeving"),
    ("boomkap", "boomkap", "omgeving"),
    ("verbouwing", "verbouwing", "omgeving"),
    ("afval", "afvalophaling", "omgeving"),
    ("containerpark", "recyclagepark", "omgeving"),
    ("parkeren", "parkeerkaart", "omgeving"),
    ("inname-openbaar-domein", "inname openbaar domein", "omgeving"),
    ("signalisatie", "signalisatie", "omgeving"),
    ("fietsbox", "fietsbox", "omgeving"),
    ("laadpaal", "laadpaal", "omgeving"),
    ("gevel", "gevelrenovatie", "omgeving"),
    ("riolering", "riolering", "omgeving"),
    ("tweede-verblijf", "belasting op tweede verblijven", "financien"),
    ("leegstand", "leegstandsheffing", "financien"),
    ("reclame", "reclamebelasting", "financien"),
    ("terugbetaling", "terugbetaling", "financien"),
    ("afbetalingsplan", "afbetalingsplan", "financien"),
    ("factuur", "factuur", "financien"),
    ("sportkamp", "sportkamp", "vrije-tijd"),
    ("speelplein", "speelpleinwerking", "vrije-tijd"),
    ("zaalhuur", "zaalhuur", "vrije-tijd"),
    ("uitleendienst", "uitleendienst", "vrije-tijd"),
    ("bibliotheek", "bibliotheeklidmaatschap", "vrije-tijd"),
    ("cultuurproject", "cultuurproject", "vrije-tijd"),
    ("jeugdvereniging", "jeugdvereniging", "vrije-tijd"),
    ("sportclub", "sportclub", "vrije-tijd"),
    ("evenement", "evenement", "veiligheid"),
    ("fuif", "fuif", "veiligheid"),
    ("terras", "terras", "veiligheid"),
    ("camera", "bewakingscamera", "veiligheid"),
    ("brandveiligheid", "brandveiligheid", "veiligheid"),
    ("gas-overtreding", "GAS-overtreding", "veiligheid"),
    ("archiefinzage", "archiefinzage", "bedrijfsvoering"),
    ("logo", "gebruik van het gemeentelogo", "bedrijfsvoering"),
    ("sollicitatie", "sollicitatie", "bedrijfsvoering"),
)

QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("bewoners", "bewoners"),
    ("ondernemers", "ondernemers"),
    ("verenigingen", "verenigingen"),
    ("senioren", "senioren"),
    ("jongeren", "jongeren"),
    ("gezinnen", "gezinnen"),
    ("scholen", "scholen"),
)

DOMAIN_CHANNELS: dict[str, tuple[str, ...]] = {
    "dienstverlening": ("web", "phone", "counter", "email", "chat"),
    "burgerzaken": ("counter", "appointment", "web"),
    "welzijn": ("appointment", "counter", "phone", "home-visit"),
    "omgeving": ("web", "counter", "appointment", "email"),
    "financien": ("web", "mail", "email", "counter"),
    "vrije-tijd": ("web", "counter", "email", "phone"),
    "veiligheid": ("web", "email", "counter"),
    "bedrijfsvoering": ("web", "email", "mail"),
}

# Step templates: (id, name).  Front steps meet the citizen, back steps do not.
FRONT_STEPS: tuple[tuple[str, str], ...] = (
    ("intake", "Intakegesprek"),
    ("afspraak", "Afspraak inplannen"),
    ("identificatie", "Identiteit controleren"),
    ("aanvulling", "Ontbrekende stukken opvragen"),
    ("huisbezoek", "Huisbezoek"),
    ("betaling", "Betaling aan het loket"),
    ("afhaling", "Document afhalen"),
    ("toelichting", "Toelichting aan de aanvrager"),
    ("ondertekening", "Ondertekening door de aanvrager"),
    ("hoorzitting", "Hoorzitting"),
)
START_STEPS: tuple[tuple[str, str], ...] = (
    ("aanvraag", "Aanvraag indienen"),
    ("aangifte", "Aangifte doen"),
    ("melding", "Melding ontvangen"),
    ("intake", "Intakegesprek"),
    ("inschrijving", "Inschrijving"),
)
BACK_STEPS: tuple[tuple[str, str], ...] = (
    ("registratie", "Dossier registreren"),
    ("ontvankelijkheid", "Ontvankelijkheid onderzoeken"),
    ("controle", "Gegevens controleren"),
    ("advies", "Advies verlenen"),
    ("plaatsbezoek", "Onderzoek ter plaatse"),
    ("berekening", "Bedrag berekenen"),
    ("voorstel", "Voorstel van beslissing opmaken"),
    ("beslissing", "Beslissing nemen"),
    ("goedkeuring", "Goedkeuring"),
    ("vastlegging", "Vastlegging in het register"),
    ("facturatie", "Factuur opmaken"),
    ("uitbetaling", "Uitbetaling"),
    ("juridische-toets", "Juridische toetsing"),
    ("budgetcontrole", "Budgetcontrole"),
    ("aanmaak", "Document aanmaken"),
    ("opvolging", "Opvolging van het dossier"),
    ("verificatie", "Verificatie bij een partner"),
    ("dispatch", "Dossier doorsturen"),
)
EXTERNAL_STEPS: tuple[tuple[str, str], ...] = (
    ("advies", "Advies verlenen"),
    ("verificatie", "Verificatie bij een partner"),
    ("plaatsbezoek", "Onderzoek ter plaatse"),
    ("consultatie", "Gegevens consulteren"),
)
END_STEPS: tuple[tuple[str, str], ...] = (
    ("bevestiging", "Bevestiging aan de burger"),
    ("kennisgeving", "Beslissing meedelen"),
    ("aflevering", "Afleveren aan de aanvrager"),
    ("afsluiting", "Dossier afsluiten"),
)
REFUSAL_STEP = ("weigering", "Weigering meedelen")

BRANCH_CONDITIONS: tuple[tuple[str, str], ...] = (
    ("dossier volledig", "dossier onvolledig"),
    ("positief advies", "negatief advies"),
    ("bedrag tot 2.500 euro", "bedrag boven 2.500 euro"),
    ("aanvrager is een burger", "aanvrager is een onderneming"),
    ("geen bezwaar", "bezwaar ingediend"),
    ("standaardaanvraag", "uitzonderlijke aanvraag"),
)
LOOP_CONDITIONS: tuple[tuple[str, str], ...] = (
    ("goedgekeurd", "aanpassing nodig"),
    ("in orde", "stukken ontbreken"),
    ("akkoord", "herwerken"),
    ("volledig", "terug naar de aanvrager"),
)
REFUSAL_CONDITIONS = ("niet ontvankelijk", "negatieve beslissing", "voorwaarden niet vervuld")

LEGAL_BASES: tuple[str, ...] = (
    "Decreet lokaal bestuur, art. 2",
    "Gemeentelijk subsidiereglement",
    "Gemeenteraadsbesluit van 14 maart 2022",
    "Omgevingsvergunningsdecreet",
    "Wet van 19 juli 1991 betreffende de bevolkingsregisters",
    "Organieke wet van 8 juli 1976 betreffende de OCMW's",
    "Politiereglement: hoofdstuk 3",
    "Belastingreglement 2020–2025",
)

COMMENTS: tuple[str, ...] = (
    "beheerd door de dienst kwaliteit",
    "nagekeken bij de laatste audit",
    "TODO: wachttijden opnieuw meten",
    "herwerkt na de reorganisatie",
)


# ---------------------------------------------------------------------------------------------------
# YAML emitter (small, deterministic, matches the style of SPEC §2)
# ---------------------------------------------------------------------------------------------------

_PLAIN_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 .'()/–—-]*[A-Za-zÀ-ÖØ-öø-ÿ0-9.)]|[A-Za-z]")
_RESERVED = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "~"])

Scalar = str | int | float | bool | None


def _scalar(value: Scalar) -> str:
    """One scalar in YAML (plain when that is unambiguous in block and flow context, else quoted)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if _PLAIN_RE.fullmatch(value) and value.lower() not in _RESERVED:
        return value  # starts with a letter: never a number, date or indicator in YAML 1.1 or 1.2
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _flow_seq(items: Sequence[Scalar]) -> str:
    return "[" + ", ".join(_scalar(v) for v in items) + "]"


def _flow_map(mapping: dict[str, Scalar]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in mapping.items()) + "}"


def _emit_mapping(
    mapping: dict[str, Any],
    indent: int,
    out: list[str],
    first_prefix: str | None = None,
    comments: dict[str, str] | None = None,
) -> None:
    pad = " " * indent
    for n, (key, value) in enumerate(mapping.items()):
        prefix = first_prefix if (n == 0 and first_prefix is not None) else pad
        comment = f"  # {comments[key]}" if comments and key in comments else ""
        if _is_scalar(value):
            out.append(f"{prefix}{key}: {_scalar(value)}{comment}")
        elif isinstance(value, dict):
            if all(_is_scalar(v) for v in value.values()) and value:
                out.append(f"{prefix}{key}: {_flow_map(value)}{comment}")
            else:
                out.append(f"{prefix}{key}:{comment}")
                _emit_mapping(value, indent + 2, out)
        elif isinstance(value, list):
            if (
                value
                and all(_is_scalar(v) for v in value)
                and all(isinstance(v, str) and ID_RE.fullmatch(v) for v in value)
            ):
                out.append(f"{prefix}{key}: {_flow_seq(value)}{comment}")
            elif not value:
                out.append(f"{prefix}{key}: []{comment}")
            else:
                out.append(f"{prefix}{key}:{comment}")
                _emit_sequence(value, indent + 2, out, flow_items=(key == "next"))
        else:  # pragma: no cover - the generator only builds the types above
            raise TypeError(f"cannot emit {type(value).__name__}")


def _emit_sequence(items: list[Any], indent: int, out: list[str], flow_items: bool = False) -> None:
    pad = " " * indent
    for item in items:
        if _is_scalar(item):
            out.append(f"{pad}- {_scalar(item)}")
        elif isinstance(item, dict):
            if flow_items and all(_is_scalar(v) for v in item.values()):
                out.append(f"{pad}- {_flow_map(item)}")
            else:
                _emit_mapping(item, indent + 2, out, first_prefix=f"{pad}- ")
        else:  # pragma: no cover
            raise TypeError(f"cannot emit {type(item).__name__}")


def dump_yaml(document: dict[str, Any], header: Sequence[str] = ()) -> str:
    """Render a document (dicts, lists, scalars) as block YAML; ``header`` lines become comments."""
    out: list[str] = [f"# {line}" for line in header]
    for key, value in document.items():
        if key == "organisation" and isinstance(value, dict):
            out.append(f"{key}:")
            _emit_mapping(value, 2, out)
        elif isinstance(value, list) and value and not all(_is_scalar(v) for v in value):
            out.append(f"{key}:")
            _emit_sequence(value, 2, out)
        else:
            _emit_mapping({key: value}, 0, out)
    return "\n".join(out) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _write_new(path: Path, text: str) -> None:
    """Write a file into a folder known to exist (no ``mkdir`` per file: 200,000 files at N=100,000)."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


# ---------------------------------------------------------------------------------------------------
# Organisation view (shared by the generator and the mutator)
# ---------------------------------------------------------------------------------------------------


class _Org:
    """Lookup tables over an organisation document's units and data items."""

    def __init__(self, organisation: dict[str, Any]) -> None:
        self.units: list[dict[str, Any]] = list(organisation.get("units") or [])
        self.by_id: dict[str, dict[str, Any]] = {u["id"]: u for u in self.units}
        self.unit_ids: list[str] = [u["id"] for u in self.units]
        self.front: list[str] = [u["id"] for u in self.units if u.get("office") == "front"]
        self.external: list[str] = [u["id"] for u in self.units if u.get("external")]
        self.internal_back: list[str] = [
            u["id"] for u in self.units if u.get("office") == "back" and not u.get("external")
        ]
        self.domains: list[str] = []
        for u in self.units:
            d = self.domain(u["id"])
            if not u.get("external") and d not in self.domains:
                self.domains.append(d)
        self.items: list[str] = [d["id"] for d in organisation.get("data_items") or []]

    def domain(self, unit: str) -> str:
        return self.by_id[unit].get("domain") or unit

    def office(self, unit: str) -> str:
        return self.by_id[unit]["office"]

    def of_domain(self, domain: str) -> list[str]:
        return [u for u in self.unit_ids if self.domain(u) == domain and not self.by_id[u].get("external")]


def _organisation_skeleton() -> dict[str, Any]:
    """The organisation document without life events (they need the product ids)."""
    units: list[dict[str, Any]] = []
    for uid, name, office, domain, external in UNITS:
        unit: dict[str, Any] = {"id": uid, "name": name, "office": office}
        if domain is not None:
            unit["domain"] = domain
        if external:
            unit["external"] = True
        units.append(unit)
    data_items: list[dict[str, Any]] = []
    for did, name, held_by in DATA_ITEMS:
        item: dict[str, Any] = {"id": did, "name": name}
        if held_by is not None:
            item["held_by"] = held_by
        data_items.append(item)
    return {
        "organisation": {"id": "gemeente-benchmark", "name": "Gemeente Benchmark"},
        "units": units,
        "life_events": [],
        "data_items": data_items,
    }


def _life_events(rng: random.Random, product_ids: Sequence[str]) -> list[dict[str, Any]]:
    """About one life event per 40 products (3 to 60), each listing 3 to 6 distinct existing products."""
    life_events: list[dict[str, Any]] = []
    pool = sorted(product_ids)
    padded = [f"{p}-" for p in pool]  # made once: 60 events scan every product id
    for n in range(max(3, min(60, len(pool) // 40))):
        theme_id, theme_name, topics = LIFE_EVENT_THEMES[n % len(LIFE_EVENT_THEMES)]
        round_ = n // len(LIFE_EVENT_THEMES)
        le_id = theme_id if round_ == 0 else f"{theme_id}-{round_ + 1}"
        le_name = theme_name if round_ == 0 else f"{theme_name} ({round_ + 1})"
        k = rng.randint(3, min(6, len(pool)))
        needles = [f"-{t}-" for t in topics]
        fitting = [p for p, text in zip(pool, padded) if any(needle in text for needle in needles)]
        chosen = rng.sample(fitting, min(k, len(fitting)))
        chosen += rng.sample([p for p in pool if p not in chosen], k - len(chosen))
        life_events.append({"id": le_id, "name": le_name, "products": chosen})
    return life_events


# ---------------------------------------------------------------------------------------------------
# Products and processes
# ---------------------------------------------------------------------------------------------------


def _new_product_id(rng: random.Random, used: set[str]) -> tuple[str, str, str]:
    """A fresh product id, its name and its domain (``used`` is only tested for membership)."""
    for attempt in range(200):
        kind_id, kind_label = rng.choice(KINDS)
        topic_id, topic_label, domain = rng.choice(TOPICS)
        pid, name = f"{kind_id}-{topic_id}", f"{kind_label} {topic_label}"
        if attempt >= 3 or rng.random() < 0.35:
            q_id, q_label = rng.choice(QUALIFIERS)
            pid, name = f"{pid}-{q_id}", f"{name} voor {q_label}"
        if pid not in used:
            used.add(pid)
            return pid, name, domain
    n = 2
    while f"{pid}-{n}" in used:
        n += 1
    used.add(f"{pid}-{n}")
    return f"{pid}-{n}", f"{name} ({n})", domain


def _weighted_sample(rng: random.Random, population: list[str], weights: list[float], k: int) -> list[str]:
    pop, w = list(population), list(weights)
    chosen: list[str] = []
    for _ in range(min(k, len(pop))):
        i = rng.choices(range(len(pop)), weights=w)[0]
        chosen.append(pop.pop(i))
        w.pop(i)
    return chosen


def _unique_step_id(base: str, unit: str, used: list[str]) -> str:
    for candidate in (base, f"{base}-{unit}"):
        if candidate not in used:
            used.append(candidate)
            return candidate
    n = 2
    while f"{base}-{unit}-{n}" in used:
        n += 1
    used.append(f"{base}-{unit}-{n}")
    return used[-1]


def _pick_units(rng: random.Random, org: _Org, domain: str, owner: str, count: int) -> tuple[str, list[str]]:
    """The entry unit (front office) and ``count`` distinct units in all, entry and owner included."""
    entry_pool = [u for u in org.front if org.domain(u) == domain] or org.front
    entry = rng.choice(entry_pool + org.front[:2])  # the own front desk, or the general ones
    others = [u for u in org.unit_ids if u not in (entry, owner)]
    weights = []
    for u in others:
        d = org.domain(u)
        if d == domain:
            weights.append(6.0)
        elif org.by_id[u].get("external"):
            weights.append(1.5)
        elif org.office(u) == "front":
            weights.append(0.3)  # a second front desk in one process is the exception
        elif d in ("bedrijfsvoering", "financien"):
            weights.append(3.0)
        else:
            weights.append(1.0)
    rest = _weighted_sample(rng, others, weights, count - (1 if entry == owner else 2))
    units = [entry] + ([] if entry == owner else [owner]) + rest
    return entry, units


def _build_process(
    rng: random.Random, org: _Org, pid: str, name: str, domain: str, owner: str, start_channel: str
) -> dict[str, Any]:
    """A valid process of 8-14 steps over 8-12 distinct units (see the module docstring)."""
    n_units = rng.randint(8, 12)
    n_steps = rng.randint(n_units, 14)
    entry, units = _pick_units(rng, org, domain, owner, n_units)
    # step units: the entry first, then every chosen unit at least once, then repeats
    middle = units[1:] + [rng.choice(units[:3] + units) for _ in range(n_steps - len(units))]
    rng.shuffle(middle)
    step_units = [entry] + middle
    has_refusal = rng.random() < 0.4
    backbone_len = n_steps - (1 if has_refusal else 0)
    domain_items = [i for i in DOMAIN_ITEMS.get(domain, ()) if i in org.items] or org.items[:4]
    asked: list[str] = []
    used_ids: list[str] = []
    steps: list[dict[str, Any]] = []
    for i, unit in enumerate(step_units):
        unit_office = org.office(unit)
        is_start, is_end = i == 0, i == backbone_len - 1
        is_refusal = has_refusal and i == n_steps - 1
        office = unit_office
        if not is_start and unit_office == "back" and rng.random() < 0.08:
            office = "front"  # e.g. the social worker's home visit
        if is_end or is_refusal:
            office = "front" if rng.random() < 0.7 else unit_office
        if is_start:
            office = "front"
        if is_start:
            base, sname = rng.choice(START_STEPS)
        elif is_refusal:
            base, sname = REFUSAL_STEP
        elif is_end:
            base, sname = rng.choice(END_STEPS)
        elif office == "front":
            base, sname = rng.choice(FRONT_STEPS)
        elif org.by_id[unit].get("external"):
            base, sname = rng.choice(EXTERNAL_STEPS)
        else:
            base, sname = rng.choice(BACK_STEPS)
        step: dict[str, Any] = {"id": _unique_step_id(base, unit, used_ids), "name": sname, "unit": unit}
        if office != unit_office or rng.random() < 0.1:
            step["office"] = office
        if office == "front":
            if is_start:
                channel: str | None = start_channel
            elif is_end or is_refusal:
                channel = rng.choice(("mail", "email", "web", "counter"))
            else:
                channel = rng.choice(("phone", "email", "counter", "appointment", "home-visit"))
            if not is_start and rng.random() < 0.03:
                channel = None  # SVC402
            if channel is not None:
                step["channel"] = channel
        elif rng.random() < 0.02:
            step["channel"] = rng.choice(("email", "phone"))  # SVC401
        if office == "front" and not (is_end or is_refusal):
            k = rng.randint(2, 4) if is_start else rng.randint(1, 2)
            pool = (["identity"] if "identity" in org.items else []) + domain_items
            items: list[str] = []
            for item in rng.sample(pool, min(k, len(pool))):
                if item not in items:
                    items.append(item)
            if asked and rng.random() < 0.3:  # SVC304: the citizen tells it again
                again = rng.choice(asked)
                if again not in items:
                    items.append(again)
            if items:
                step["asks"] = items
                asked.extend(x for x in items if x not in asked)
        steps.append(step)

    ids = [s["id"] for s in steps]
    targets: list[list[tuple[str, str | None]]] = [[] for _ in steps]
    for i in range(backbone_len - 1):
        targets[i].append((ids[i + 1], None))
    decorated: list[int] = []
    if has_refusal:
        src = rng.randint(1, backbone_len - 2)
        ok, _ = rng.choice(BRANCH_CONDITIONS)
        targets[src] = [(ids[src + 1], ok), (ids[-1], rng.choice(REFUSAL_CONDITIONS))]
        decorated.append(src)
    for _ in range(rng.randint(0, 2)):  # loops: back-edge next to the way out
        i = rng.randint(1, backbone_len - 2)
        if i in decorated:
            continue
        k = rng.randint(max(0, i - 4), i - 1)
        ok, redo = rng.choice(LOOP_CONDITIONS)
        targets[i] = [(ids[i + 1], ok), (ids[k], redo)]
        decorated.append(i)
    for _ in range(rng.randint(0, 2)):  # branches: skip ahead
        i = rng.randint(0, backbone_len - 3)
        if i in decorated:
            continue
        j = rng.randint(i + 2, backbone_len - 1)
        if rng.random() < 0.3:
            targets[i] = [(ids[i + 1], None), (ids[j], None)]  # plain list of ids
        else:
            a, b = rng.choice(BRANCH_CONDITIONS)
            targets[i] = [(ids[i + 1], a), (ids[j], b)]
        decorated.append(i)
    for step, tgt in zip(steps, targets):
        if not tgt:
            continue
        if len(tgt) == 1:
            step["next"] = tgt[0][0] if rng.random() < 0.9 else [tgt[0][0]]
        elif all(when is None for _, when in tgt):
            step["next"] = [to for to, _ in tgt]
        else:
            step["next"] = [{"to": to, "when": when} if when else {"to": to} for to, when in tgt]
    process: dict[str, Any] = {"id": pid, "name": f"{name} behandelen"}
    if rng.random() < 0.15:
        process["start"] = ids[0]
    process["steps"] = steps
    return process


def _build_product(
    rng: random.Random,
    org: _Org,
    pid: str,
    name: str,
    domain: str,
) -> tuple[dict[str, Any], dict[str, Any]]:
    owners = [u for u in org.of_domain(domain) if org.office(u) == "back"] or org.internal_back
    owner = rng.choice(owners)
    dom_channels = list(DOMAIN_CHANNELS.get(domain, ("web", "counter")))
    channels = rng.sample(dom_channels, rng.randint(1, min(3, len(dom_channels))))
    start_channel = channels[0] if rng.random() < 0.97 else rng.choice(CHANNELS)  # else SVC403
    process = _build_process(rng, org, pid, name, domain, owner, start_channel)
    product: dict[str, Any] = {"id": pid, "name": name}
    if rng.random() < 0.7:
        product["summary"] = f"Je vraagt een {name.lower()} aan bij de gemeente."
    product["owner"] = owner
    product["process"] = pid
    product["channels"] = channels
    if rng.random() < 0.8:
        product["audience"] = rng.sample(["citizen", "business", "organisation"], rng.randint(1, 2))
    if rng.random() < 0.5:
        product["cost"] = {"amount": rng.choice([0, 0, 5, 10, 15, 25, 50, 120]), "currency": "EUR"}
    if rng.random() < 0.6:
        product["lead_time_days"] = rng.choice([0, 1, 5, 10, 14, 30, 60, 90])
    if rng.random() < 0.3:
        product["legal_basis"] = rng.sample(list(LEGAL_BASES), rng.randint(1, 2))
    if rng.random() < 0.4:
        ident: dict[str, str] = {"ipdc": str(rng.randint(1000, 99999))}
        if rng.random() < 0.3:
            ident["upl"] = name.split()[0]
        product["identifiers"] = ident
    r = rng.random()
    if r < 0.04:
        product["status"] = "planned"
    elif r < 0.08:
        product["status"] = "retired"
    elif r < 0.3:
        product["status"] = "active"
    return product, process


def _header(rng: random.Random) -> list[str]:
    return [rng.choice(COMMENTS)] if rng.random() < 0.05 else []


def generate_catalog(root: Path, products: int = 2000, seed: int = 1) -> None:
    """Write a valid catalog of ``products`` products (each with its own process) under ``root``.

    ``root`` may exist but must not already hold ``catalog/`` or ``processes/`` with files in them.
    """
    root = Path(root)
    if products < 3:
        raise ValueError("products must be at least 3 (life events list 3 to 6 products)")
    for sub in ("catalog", "processes"):
        if (root / sub).exists() and any((root / sub).iterdir()):
            raise FileExistsError(f"{root / sub} already exists and is not empty")
    rng = random.Random(seed)
    organisation = _organisation_skeleton()
    org = _Org(organisation)
    used: set[str] = set()
    product_ids: list[str] = []
    (root / "catalog" / "products").mkdir(parents=True, exist_ok=True)
    (root / "processes").mkdir(parents=True, exist_ok=True)
    # Each product and its process are written as soon as they are drawn and then dropped: only the ids
    # stay, so 100,000 products need tens of MB instead of every document at once.  The random draws
    # happen in the same order as when the documents were kept, so the files are the same byte for byte.
    for _ in range(products):
        pid, name, domain = _new_product_id(rng, used)
        product, process = _build_product(rng, org, pid, name, domain)
        product_header, process_header = _header(rng), _header(rng)
        _write_new(root / "catalog" / "products" / f"{product['id']}.yaml", dump_yaml(product, header=product_header))
        _write_new(root / "processes" / f"{process['id']}.yaml", dump_yaml(process, header=process_header))
        product_ids.append(pid)
    organisation["life_events"] = _life_events(rng, product_ids)
    # written last: a folder that holds organisation.yaml holds every other file too
    _write(
        root / "catalog" / "organisation.yaml",
        dump_yaml(organisation, header=["Organisatie, diensten en levensgebeurtenissen (gegenereerd)"]),
    )


# ---------------------------------------------------------------------------------------------------
# Checking (plain Python, used after mutation and by the CLI's --check)
# ---------------------------------------------------------------------------------------------------


def _targets(step: dict[str, Any]) -> list[str]:
    nxt = step.get("next")
    if nxt is None:
        return []
    if isinstance(nxt, str):
        return [nxt]
    out: list[str] = []
    for item in nxt:
        to = item if isinstance(item, str) else item["to"]
        if to not in out:
            out.append(to)
    return out


def _process_problems(process: dict[str, Any], unit_ids: Iterable[str], item_ids: Iterable[str]) -> list[str]:
    units, items = set(unit_ids), set(item_ids)
    steps = process.get("steps") or []
    ids = [s["id"] for s in steps]
    pid = process.get("id")
    problems: list[str] = []
    if not steps:
        return [f"process {pid}: no steps"]
    if len(set(ids)) != len(ids):
        problems.append(f"process {pid}: duplicate step ids")
    start = process.get("start", ids[0])
    if start not in ids:
        problems.append(f"process {pid}: unknown start {start}")
    graph = {s["id"]: _targets(s) for s in steps}
    for s in steps:
        if not ID_RE.fullmatch(s["id"]):
            problems.append(f"process {pid}: bad step id {s['id']}")
        if s.get("unit") not in units:
            problems.append(f"process {pid}/{s['id']}: unknown unit {s.get('unit')}")
        for item in s.get("asks") or []:
            if item not in items:
                problems.append(f"process {pid}/{s['id']}: unknown data item {item}")
        for t in graph[s["id"]]:
            if t not in graph:
                problems.append(f"process {pid}/{s['id']}: unknown next {t}")
    if problems:
        return problems
    seen, queue = {start}, deque([start])
    while queue:
        for t in graph[queue.popleft()]:
            if t not in seen:
                seen.add(t)
                queue.append(t)
    problems += [f"process {pid}/{i}: unreachable" for i in ids if i not in seen]
    reverse: dict[str, list[str]] = {i: [] for i in ids}
    for u, ts in graph.items():
        for t in ts:
            reverse[t].append(u)
    ends = [i for i in ids if not graph[i]]
    alive, queue = set(ends), deque(ends)
    while queue:
        for u in reverse[queue.popleft()]:
            if u not in alive:
                alive.add(u)
                queue.append(u)
    problems += [f"process {pid}/{i}: cannot reach an end" for i in ids if i not in alive]
    return problems


def _load(path: Path) -> Any:
    import yaml  # PyYAML: a dependency of the benchmark only

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # a safe loader: CSafeLoader or SafeLoader


def _load_catalog(root: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    organisation = _load(root / "catalog" / "organisation.yaml")
    products = {p.stem: _load(p) for p in sorted((root / "catalog" / "products").glob("*.yaml"))}
    processes = {p.stem: _load(p) for p in sorted((root / "processes").glob("*.yaml"))}
    return organisation, products, processes


def check_catalog(root: Path) -> list[str]:
    """The SPEC §4 errors this generator must never produce, as messages (empty: the catalog is valid)."""
    organisation, products, processes = _load_catalog(Path(root))
    org = _Org(organisation)
    problems: list[str] = []
    for kind, ids in (
        ("unit", org.unit_ids),
        ("data item", org.items),
        ("life event", [e["id"] for e in organisation.get("life_events") or []]),
    ):
        if len(set(ids)) != len(ids):
            problems.append(f"duplicate {kind} ids")
    for stem, product in products.items():
        if product.get("id") != stem:
            problems.append(f"product file {stem}.yaml holds id {product.get('id')}")
        if product.get("owner") not in org.by_id:
            problems.append(f"product {stem}: unknown owner {product.get('owner')}")
        if "process" in product and product["process"] not in processes:
            problems.append(f"product {stem}: unknown process {product['process']}")
        if "process" not in product and product.get("status") != "planned":
            problems.append(f"product {stem}: no process")
        if not product.get("channels"):
            problems.append(f"product {stem}: no channels")
    for event in organisation.get("life_events") or []:
        listed = event.get("products") or []
        if len(set(listed)) != len(listed):
            problems.append(f"life event {event['id']}: a product listed twice")
        for p in listed:
            if p not in products:
                problems.append(f"life event {event['id']}: unknown product {p}")
    for item in organisation.get("data_items") or []:
        if item.get("held_by") is not None and item["held_by"] not in org.by_id:
            problems.append(f"data item {item['id']}: held_by {item['held_by']} is not a unit")
    for stem, process in processes.items():
        if process.get("id") != stem:
            problems.append(f"process file {stem}.yaml holds id {process.get('id')}")
        problems += _process_problems(process, org.unit_ids, org.items)
    return problems


# ---------------------------------------------------------------------------------------------------
# Mutation (a second version of a catalog, for `svcmap diff`)
# ---------------------------------------------------------------------------------------------------


def _replace_target(step: dict[str, Any], old: str, new_targets: list[str]) -> None:
    """Replace the edge ``step -> old`` by edges to ``new_targets`` (keeping the edge's condition)."""
    nxt = step["next"]
    if isinstance(nxt, str):
        step["next"] = new_targets[0] if len(new_targets) == 1 else list(new_targets)
        return
    result: list[Any] = []
    present = [(x if isinstance(x, str) else x["to"]) for x in nxt]
    for item in nxt:
        to = item if isinstance(item, str) else item["to"]
        if to != old:
            result.append(item)
            continue
        for new in new_targets:
            if new in present:
                continue
            present.append(new)
            result.append(new if isinstance(item, str) else {**item, "to": new})
    step["next"] = result if len(result) != 1 or not isinstance(result[0], str) else result[0]


def _add_step(rng: random.Random, org: _Org, process: dict[str, Any]) -> bool:
    steps = process["steps"]
    sources = [i for i, s in enumerate(steps) if _targets(s)]
    if not sources:
        return False
    i = rng.choice(sources)
    target = rng.choice(_targets(steps[i]))
    unit = rng.choice(org.internal_back)
    base, name = rng.choice(BACK_STEPS)
    new = {"id": _unique_step_id(base, unit, [s["id"] for s in steps]), "name": name, "unit": unit, "next": target}
    _replace_target(steps[i], target, [new["id"]])
    steps.insert(i + 1, new)
    return True


def _remove_step(rng: random.Random, process: dict[str, Any]) -> bool:
    steps = process["steps"]
    start = process.get("start", steps[0]["id"])
    candidates = []
    for s in steps:
        tg = _targets(s)
        if s["id"] == start or len(tg) != 1 or tg[0] == s["id"]:
            continue
        preds = [p for p in steps if s["id"] in _targets(p)]
        if any(p["id"] == tg[0] for p in preds):
            continue
        candidates.append(s)
    if not candidates:
        return False
    victim = rng.choice(candidates)
    successor = _targets(victim)[0]
    for p in steps:
        if victim["id"] in _targets(p):
            _replace_target(p, victim["id"], [successor])
    steps.remove(victim)
    return True


def _reunit_step(rng: random.Random, org: _Org, process: dict[str, Any]) -> bool:
    steps = process["steps"][1:]
    if not steps:
        return False
    step = rng.choice(steps)
    choices = [u for u in org.unit_ids if u != step["unit"] and org.office(u) == org.office(step["unit"])]
    step["unit"] = rng.choice(choices)
    return True


def mutate_catalog(src: Path, dst: Path, seed: int = 2) -> None:
    """Copy the catalog at ``src`` to ``dst`` (which must not hold a catalog) and change it realistically.

    Changes: two units of one domain merged into one (every reference rewritten); ~2 % of the products
    removed with their processes (and from the life events); ~2 % new products with new processes;
    owner and/or channels changed on ~5 % of the products; a step added, removed or moved to another
    unit in ~5 % of the processes.  Unchanged files are copied byte for byte.  The result passes
    :func:`check_catalog`.
    """
    src, dst = Path(src), Path(dst)
    for sub in ("catalog", "processes"):
        if (dst / sub).exists() and any((dst / sub).iterdir()):
            raise FileExistsError(f"{dst / sub} already exists and is not empty")
    rng = random.Random(seed)
    organisation, products, processes = _load_catalog(src)
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src / "catalog", dst / "catalog", dirs_exist_ok=True)
    shutil.copytree(src / "processes", dst / "processes", dirs_exist_ok=True)
    dirty_products: list[str] = []
    dirty_processes: list[str] = []

    def touch(lst: list[str], key: str) -> None:
        if key not in lst:
            lst.append(key)

    # 1. merge two units of one domain: `drop` is absorbed by `keep`
    org = _Org(organisation)
    pairs = [d for d in org.domains if len([u for u in org.of_domain(d) if org.office(u) == "back"]) >= 2]
    domain = rng.choice(pairs)
    keep, drop = rng.sample([u for u in org.of_domain(domain) if org.office(u) == "back"], 2)
    for unit in organisation["units"]:
        if unit["id"] == keep:
            unit["name"] = f"{unit['name']} en {org.by_id[drop]['name'].lower()}"
    organisation["units"] = [u for u in organisation["units"] if u["id"] != drop]
    for item in organisation.get("data_items") or []:
        if item.get("held_by") == drop:
            item["held_by"] = keep
    for pid, product in products.items():
        if product.get("owner") == drop:
            product["owner"] = keep
            touch(dirty_products, pid)
    for pid, process in processes.items():
        for step in process["steps"]:
            if step["unit"] == drop:
                step["unit"] = keep
                touch(dirty_processes, pid)
    org = _Org(organisation)

    # 2. remove ~2 % of the products with their processes
    n = len(products)
    original = sorted(products)
    removed = rng.sample(original, max(1, round(n * 0.02)))
    for pid in removed:
        proc = products.pop(pid).get("process")
        if proc is not None and proc in processes and not any(p.get("process") == proc for p in products.values()):
            processes.pop(proc)
            (dst / "processes" / f"{proc}.yaml").unlink()
        (dst / "catalog" / "products" / f"{pid}.yaml").unlink()
    for event in organisation.get("life_events") or []:
        event["products"] = [p for p in event["products"] if p in products]
        while len(event["products"]) < 3:
            extra = rng.choice(sorted(products))
            if extra not in event["products"]:
                event["products"].append(extra)

    # 3. add ~2 % new products, each with its own process
    used = set(products) | set(processes) | set(removed)
    added: list[str] = []
    for _ in range(max(1, round(n * 0.02))):
        pid, name, dom = _new_product_id(rng, used)
        product, process = _build_product(rng, org, pid, name, dom)
        products[pid], processes[pid] = product, process
        touch(dirty_products, pid)
        touch(dirty_processes, pid)
        added.append(pid)
    events = organisation.get("life_events") or []
    if events and added:
        event = rng.choice(events)
        if len(event["products"]) < 6 and added[0] not in event["products"]:
            event["products"].append(added[0])

    # 4. owner and/or channels of ~5 % of the (remaining, original) products
    kept = [p for p in original if p in products]
    for pid in rng.sample(kept, max(1, round(n * 0.05))):
        product = products[pid]
        what = rng.choice(("owner", "channels", "both"))
        if what in ("owner", "both"):
            product["owner"] = rng.choice([u for u in org.internal_back if u != product["owner"]])
        if what in ("channels", "both"):
            channels = list(product["channels"])
            if len(channels) > 1 and rng.random() < 0.5:
                channels.pop(rng.randrange(len(channels)))
            else:
                channels.append(rng.choice([c for c in CHANNELS if c not in channels]))
            product["channels"] = channels
        touch(dirty_products, pid)

    # 5. add / remove / re-unit a step in ~5 % of the (original) processes
    kept_proc = [p for p in sorted(processes) if p not in added]
    for pid in rng.sample(kept_proc, max(1, round(len(kept_proc) * 0.05))):
        process = processes[pid]
        op = rng.choice(("add", "remove", "reunit"))
        done = (
            _add_step(rng, org, process)
            if op == "add"
            else _remove_step(rng, process)
            if op == "remove"
            else _reunit_step(rng, org, process)
        )
        if not done:
            done = _reunit_step(rng, org, process)
        if done:
            touch(dirty_processes, pid)

    _write(
        dst / "catalog" / "organisation.yaml",
        dump_yaml(organisation, header=["Organisatie, diensten en levensgebeurtenissen (gegenereerd)"]),
    )
    for pid in [p for p in dirty_products if p in products]:
        _write(dst / "catalog" / "products" / f"{pid}.yaml", dump_yaml(products[pid]))
    for pid in [p for p in dirty_processes if p in processes]:
        _write(dst / "processes" / f"{pid}.yaml", dump_yaml(processes[pid]))
    problems = check_catalog(dst)
    if problems:  # pragma: no cover - a bug in the mutator
        raise AssertionError("mutated catalog is invalid: " + "; ".join(problems[:5]))


# ---------------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Write a deterministic benchmark catalog (or a mutated copy of one) to OUT_DIR.",
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path)
    parser.add_argument("--products", type=int, default=2000, help="number of products (default 2000)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default 1; 2 with --mutate-from)")
    parser.add_argument(
        "--mutate-from",
        metavar="SRC",
        type=Path,
        default=None,
        help="copy the catalog at SRC into OUT_DIR and mutate it (--products is ignored)",
    )
    parser.add_argument("--check", action="store_true", help="check the result with plain Python afterwards")
    args = parser.parse_args(argv)
    try:
        if args.mutate_from is not None:
            if not (args.mutate_from / "catalog" / "organisation.yaml").is_file():
                parser.error(f"{args.mutate_from} holds no catalog/organisation.yaml")
            mutate_catalog(args.mutate_from, args.out_dir, seed=2 if args.seed is None else args.seed)
        else:
            generate_catalog(args.out_dir, products=args.products, seed=1 if args.seed is None else args.seed)
    except (FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.check:
        problems = check_catalog(args.out_dir)
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
