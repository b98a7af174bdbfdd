"""SVC501–SVC506: publication readiness — what LPDC would refuse of the catalog, found before publishing.

LPDC harvests a municipality's products as instance snapshots and refuses a snapshot it cannot accept
(shared/LPDC.md §3 and §6): after 10 tries it is marked failed and never tried again, so the error
surfaces weeks later in somebody else's tool. These rules say it in the pull request instead, at the
key to fix. They are active only when `organisation.lpdc` is present: a catalog that does not publish
is not held to LPDC's requirements. A code outside a small codelist (`product_type`, `themes`, the
levels, `language`) is refused by the schema already (SVC002, with a did-you-mean); these rules check
what a schema cannot: the NUTS/LAU 2024 list, the forms of IRIs, texts, and what must be there.
Every product that would be published counts, retired ones too (they go out as archived snapshots,
which LPDC validates like any other); planned ones do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from svcmap.analysis.figures import Analysis
from svcmap.catalog import lpdc
from svcmap.catalog.model import Catalog, Product, Publication
from svcmap.findings import Problem, Severity
from svcmap.i18n import _, ngettext
from svcmap.rules.registry import catalog_rule

ORGANISATION = "organisation"


def _published(catalog: Catalog) -> Iterator[Product]:
    """The products a publication would carry: every product that is not planned."""
    return (product for product in catalog.products.values() if product.status != "planned")


def _missing(publication: Publication, key: str, consequence: str, fix: str) -> Problem:
    """A setting LPDC needs that `organisation.lpdc` lacks, reported at the `lpdc` key."""
    message = _("organisation.lpdc has no {key}, so {consequence}; add {fix}").format(
        key=key, consequence=consequence, fix=fix
    )
    return Problem(message, publication.location(), ORGANISATION)


def _lpdc_block(product: Product) -> Mapping[str, Any]:
    block = product.fields.get("lpdc")
    return block if isinstance(block, dict) else {}


@catalog_rule("SVC501", "lpdc-administrative-unit", Severity.ERROR)
def administrative_unit(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    `organisation.lpdc` names no administrative unit, or one that is not an LBLOD bestuurseenheid.

    ## What it does
    Checks that `organisation.lpdc.administrative_unit` is present and has the form of an LBLOD
    bestuurseenheid, `http://data.lblod.info/id/bestuurseenheden/<id>` with an id of at least 12
    characters, as the Organisatieportaal (data.lblod.info) gives it.

    ## Why is this bad?
    Every snapshot names its creator (`aangemaaktDoor`), and LPDC accepts only a bestuurseenheid it
    knows and that ABB authorised for the feed: without it, or with a Flemish organisation's OVO code
    or a website address in its place, LPDC refuses every product of the catalog.

    ## Example
    ```yaml
    organisation:
      id: gemeente-voorbeeld
      name: Gemeente Voorbeeld
      lpdc:
        administrative_unit: https://www.voorbeeld.be
        spatial: [BE23646029]
    ```

    ## Use instead
    ```yaml
    organisation:
      id: gemeente-voorbeeld
      name: Gemeente Voorbeeld
      lpdc:
        administrative_unit: http://data.lblod.info/id/bestuurseenheden/0e2613a7ed3f45e97b3527e7e465da69
        spatial: [BE23646029]
    ```
    """
    publication = catalog.publication
    if publication is None:
        return
    unit = publication.settings.get("administrative_unit")
    if unit is None:
        yield _missing(
            publication,
            "administrative_unit",
            _("LPDC cannot accept a single product"),
            _(
                "the bestuurseenheid IRI of the municipality (http://data.lblod.info/id/bestuurseenheden/<id>, "
                "from the Organisatieportaal)"
            ),
        )
    elif not lpdc.BESTUURSEENHEID.match(unit):
        hint = (
            _("an OVO code names a Flemish organisation, which may be a competent authority but not the creator")
            if lpdc.FLEMISH_ORGANISATION.match(unit)
            else _("look the municipality up in the Organisatieportaal (data.lblod.info)")
        )
        yield Problem(
            _(
                "administrative_unit {unit!r} is not a bestuurseenheid IRI "
                "(http://data.lblod.info/id/bestuurseenheden/<id of 12 or more characters>); {hint}"
            ).format(unit=unit, hint=hint),
            publication.location("lpdc.administrative_unit"),
            ORGANISATION,
        )


@catalog_rule("SVC502", "lpdc-missing-description", Severity.ERROR)
def missing_description(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    A product to publish has neither a `description` nor a `summary`.

    ## What it does
    For every product that is not `planned`, checks that it has a `description` (the longer text
    for publication) or, failing that, a `summary`, which then becomes LPDC's `beschrijving`.

    ## Why is this bad?
    LPDC requires a description (`beschrijving`) in the same language as the title: a snapshot
    without one is refused, and the product never reaches IPDC, the Flemish and the EU portals,
    where citizens look for it.

    ## Example
    ```yaml
    id: bewonerskaart
    name: Bewonerskaart
    owner: mobiliteit
    ```

    ## Use instead
    ```yaml
    id: bewonerskaart
    name: Bewonerskaart
    description: Je woont in een zone met betalend parkeren en vraagt een digitale bewonerskaart aan.
    owner: mobiliteit
    ```
    """
    if catalog.publication is None:
        return
    for product in _published(catalog):
        fields = product.fields
        if not fields.get("description") and not fields.get("summary"):
            yield Problem(
                _(
                    "product {product!r} has no description and no summary, and LPDC refuses a product without "
                    "a description; add `description:` (or `summary:`) with what the citizen gets and how"
                ).format(product=product.id),
                product.location,
                f"product:{product.id}",
            )


def _spatial_problem(value: str) -> str | None:
    """Why LPDC would refuse this spatial entry, or None when it is a current NUTS/LAU 2024 concept."""
    found = lpdc.spatial(value)
    if found is not None and not found.ends:
        return None
    if found is not None:
        return _(
            "spatial {value!r} is {name}, which ended on {ended} (merged municipalities are refused "
            "after that date); use the code of the merged municipality"
        ).format(value=value, name=found.name, ended=found.ends)
    named = lpdc.spatial_by_name(value)
    if named is not None:
        return _("spatial {value!r} is a name, not a code; use {code!r} ({name}, NIS {nis})").format(
            value=value, code=named.code, name=named.name, nis=named.nis
        )
    if re.fullmatch(r"BE2\d{2}", value.upper()):
        return _(
            "spatial {value!r} is a NUTS-3 arrondissement, which NUTS/LAU 2024 does not list; use the province "
            "({province}) or the municipalities' codes"
        ).format(value=value, province=value[:4].upper())
    if lpdc.NIS_CODE.match(value):
        message = _(
            "spatial {value!r} is no NIS code of NUTS/LAU 2024 (the Flemish provinces BE21..BE25 and "
            "municipalities such as BE23444021, or their 5-digit NIS codes such as 44021)"
        )
    else:
        message = _(
            "spatial {value!r} is no code of NUTS/LAU 2024 (the Flemish provinces BE21..BE25 and "
            "municipalities such as BE23444021, or their 5-digit NIS codes such as 44021)"
        )
    return message.format(value=value)


@catalog_rule("SVC503", "lpdc-spatial", Severity.ERROR)
def spatial(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    A spatial code is not in NUTS/LAU 2024, or no spatial code applies at all.

    ## What it does
    Checks every entry of `organisation.lpdc.spatial` and of a product's `lpdc.spatial` against the
    NUTS/LAU 2024 list LPDC uses (shipped with svcmap): a code such as `BE23444021` or a
    municipality's 5-digit NIS code such as `44021` (resolved through that list) is accepted, a
    municipality that ended in a merger, a NUTS-3 arrondissement (`BE234`), a name or an unknown code
    is not. It also reports an organisation that gives no spatial code, when a product relies on it.

    ## Why is this bad?
    Every snapshot needs at least one geographic scope from that list (`geografischToepassingsgebied`);
    a code outside it makes LPDC refuse the product, and the merged municipalities of 2025 are easy to
    miss.

    ## Example
    ```yaml
    lpdc:
      administrative_unit: http://data.lblod.info/id/bestuurseenheden/0e2613a7ed3f45e97b3527e7e465da69
      spatial: [BE234]
    ```

    ## Use instead
    ```yaml
    lpdc:
      administrative_unit: http://data.lblod.info/id/bestuurseenheden/0e2613a7ed3f45e97b3527e7e465da69
      spatial: [BE23444021]   # or the NIS code: ["44021"]
    ```
    """
    publication = catalog.publication
    if publication is None:
        return
    own = publication.settings.get("spatial") or []
    for index, value in enumerate(own):
        problem = _spatial_problem(value)
        if problem:
            yield Problem(problem, publication.location(f"lpdc.spatial[{index}]"), ORGANISATION)
    relying = []
    for product in _published(catalog):
        given = _lpdc_block(product).get("spatial")
        if not given:
            relying.append(product.id)
        for index, value in enumerate(given or []):
            problem = _spatial_problem(value)
            if problem:
                yield Problem(problem, product.key_location(f"lpdc.spatial[{index}]"), f"product:{product.id}")
    if not own and relying:
        yield Problem(
            ngettext(
                "organisation.lpdc gives no spatial code, and {count} product relies on it ({products}); "
                "add `spatial:` with the municipality's NUTS/LAU 2024 code (or NIS code)",
                "organisation.lpdc gives no spatial code, and {count} products rely on it ({products}); "
                "add `spatial:` with the municipality's NUTS/LAU 2024 code (or NIS code)",
                len(relying),
            ).format(count=len(relying), products=", ".join(relying[:3]) + (", ..." if len(relying) > 3 else "")),
            publication.location("lpdc.spatial"),
            ORGANISATION,
        )


INFORMAL_WORDS = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)
FORMAL_WORDS = re.compile(r"\b(u|uw)\b", re.IGNORECASE)
TEXTS = ("name", "summary", "description")


def _other_variant(language: str, text: str) -> str | None:
    """The word in `text` that belongs to the other Dutch variant than `language`, if any."""
    wrong = FORMAL_WORDS if language == "informal" else INFORMAL_WORDS if language == "formal" else None
    found = wrong.search(text) if wrong else None
    return found.group(0) if found else None


@catalog_rule("SVC504", "lpdc-language", Severity.ERROR)
def language(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    The Dutch variant is not declared, or a product's text mixes the formal and the informal variant.

    ## What it does
    Checks that `organisation.lpdc.language` says which Dutch variant the catalog writes
    (`informal`: je, `formal`: u, or `nl`), and that the `name`, `summary` and `description` of every
    product to publish keep to it: with `informal`, no `u` or `uw`; with `formal`, no `je`, `jij`,
    `jou` or `jouw`. One finding per text, at its key, naming the first word that does not fit.

    ## Why is this bad?
    LPDC requires every text of a snapshot in exactly one Dutch variant, tagged as such
    (`nl-BE-x-informal`, `nl-BE-x-formal` or `nl`): without a declared variant svcmap cannot tag the
    texts, and a product that says "je" in one sentence and "u" in the next is published under a tag
    that half of it contradicts, on portals that promise the citizen one tone.

    ## Example
    ```yaml
    # organisation.lpdc.language: informal
    summary: Je verhuist en geeft uw nieuwe adres door.
    ```

    ## Use instead
    ```yaml
    # organisation.lpdc.language: informal
    summary: Je verhuist en geeft je nieuwe adres door.
    ```
    """
    publication = catalog.publication
    if publication is None:
        return
    declared = publication.settings.get("language")
    if declared is None:
        yield _missing(
            publication,
            "language",
            _("the texts cannot be tagged as LPDC requires"),
            _("`language: informal` (je), `formal` (u) or `nl`"),
        )
        return
    for product in _published(catalog):
        for key in TEXTS:
            text = product.fields.get(key)
            word = _other_variant(declared, text) if isinstance(text, str) else None
            if word:
                where = {"summary": product.summary_location, "description": product.description_location}
                yield Problem(
                    _(
                        "product {product!r} says {word!r} in its {key}, but the catalog writes {variant} Dutch "
                        "(organisation.lpdc.language); LPDC takes one variant per product: rewrite it"
                    ).format(product=product.id, word=word, key=key, variant=declared),
                    where.get(key, product.location),
                    f"product:{product.id}",
                )


@catalog_rule("SVC505", "lpdc-email", Severity.ERROR)
def email(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    The contact e-mail address does not match the pattern LPDC's shape requires.

    ## What it does
    Checks `organisation.lpdc.contact.email` against LPDC's pattern
    `^[\\w.-]+@[\\w.-]+\\.[a-zA-Z]{2,}$`: one address, letters, digits, dots and hyphens around the
    `@`, and a domain ending in two or more letters.

    ## Why is this bad?
    The contact point goes out with every product, and LPDC's SHACL shape refuses an address outside
    the pattern: a `mailto:` prefix, two addresses, a name in angle brackets or a `+` in the local
    part make every product of the catalog fail at once.

    ## Example
    ```yaml
    contact:
      email: "Onthaal <info@voorbeeld.be>"
    ```

    ## Use instead
    ```yaml
    contact:
      email: info@voorbeeld.be
    ```
    """
    publication = catalog.publication
    if publication is None:
        return
    contact = publication.settings.get("contact") or {}
    address = contact.get("email")
    if isinstance(address, str) and not lpdc.EMAIL.match(address):
        yield Problem(
            _(
                "contact e-mail {address!r} does not match LPDC's pattern {pattern}; "
                "give one plain address, like 'info@voorbeeld.be'"
            ).format(address=address, pattern=r"^[\w.-]+@[\w.-]+\.[a-zA-Z]{2,}$"),
            publication.location("lpdc.contact.email"),
            ORGANISATION,
        )


def _authority_problem(iri: str) -> str | None:
    if lpdc.BESTUURSEENHEID.match(iri) or lpdc.FLEMISH_ORGANISATION.match(iri):
        return None
    return _(
        "authority {iri!r} is neither a bestuurseenheid (http://data.lblod.info/id/bestuurseenheden/<id>) nor a "
        "Flemish organisation (https://data.vlaanderen.be/id/organisatie/OVO<6 digits>), the only forms LPDC "
        "accepts; leave it out to default to organisation.lpdc.administrative_unit"
    ).format(iri=iri)


@catalog_rule("SVC506", "lpdc-authority", Severity.ERROR)
def authority(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    A product's competent or executing authority, or its IPDC concept, is not an IRI LPDC accepts.

    ## What it does
    Checks every entry of a product's `lpdc.competent_authorities` and `lpdc.executing_authorities`:
    an LBLOD bestuurseenheid (`http://data.lblod.info/id/bestuurseenheden/<id>`) or a Flemish
    organisation (`https://data.vlaanderen.be/id/organisatie/OVO` and 6 digits); and `lpdc.concept`:
    an IPDC concept, `https://ipdc.vlaanderen.be/id/concept/<uuid>`.

    ## Why is this bad?
    LPDC resolves each authority in its own registers (or through Wegwijs, for an OVO code) and the
    concept among the IPDC concepts it holds: any other address, such as a website or a concept's
    product number, fails the snapshot.

    ## Example
    ```yaml
    lpdc:
      competent_authorities: [https://www.vlaanderen.be/omgevingsloket]
      concept: https://ipdc.vlaanderen.be/1860
    ```

    ## Use instead
    ```yaml
    lpdc:
      competent_authorities: [https://data.vlaanderen.be/id/organisatie/OVO000104]
      concept: https://ipdc.vlaanderen.be/id/concept/2bbd6e5a-5b9b-4e5c-8c3b-1e7f6c6d8b2a
    ```
    """
    if catalog.publication is None:
        return
    for product in _published(catalog):
        block = _lpdc_block(product)
        subject = f"product:{product.id}"
        for key in ("competent_authorities", "executing_authorities"):
            for index, iri in enumerate(block.get(key) or []):
                problem = _authority_problem(iri)
                if problem:
                    yield Problem(problem, product.key_location(f"lpdc.{key}[{index}]"), subject)
        concept = block.get("concept")
        if isinstance(concept, str) and not lpdc.IPDC_CONCEPT.match(concept):
            yield Problem(
                _(
                    "concept {concept!r} is not an IPDC concept IRI (https://ipdc.vlaanderen.be/id/concept/<uuid>); "
                    "copy the concept's IRI from IPDC, not its product number or web page"
                ).format(concept=concept),
                product.key_location("lpdc.concept"),
                subject,
            )


RULES = (administrative_unit, missing_description, spatial, language, email, authority)
