"""SVC501–SVC506: publication readiness, each with a catalog LPDC would refuse and one it would take.

The minimal fixture gains an `organisation.lpdc` block (ORGANISATION below); each test breaks one thing
in it or in the product and asserts the finding's (code, file, line, subject).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svcmap.catalog import lpdc
from tests.conftest import FIXTURES, check, codes

ORG = "catalog/organisation.yaml"
PRODUCT = "catalog/products/adreswijziging.yaml"
UNIT = "http://data.lblod.info/id/bestuurseenheden/0e2613a7ed3f45e97b3527e7e465da69"
LPDC = f"""  lpdc:
    administrative_unit: {UNIT}
    spatial: [BE23646029]
    language: informal
    contact:
      email: info@voorbeeld.be
"""
_MINIMAL_ORG = (FIXTURES / "minimal" / ORG).read_text(encoding="utf-8")
ORGANISATION = _MINIMAL_ORG.replace("  name: Gemeente Test\n", "  name: Gemeente Test\n" + LPDC, 1)
PRODUCT_TEXT = """id: adreswijziging
name: Adreswijziging doorgeven
summary: Je verhuist en geeft je nieuwe adres door.
owner: burgerzaken
process: adreswijziging
channels: [web, counter]
"""


def svc5xx(root: Path) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0].startswith("SVC5")]


def publishing(catalog, organisation: str = ORGANISATION, product: str = PRODUCT_TEXT) -> Path:
    return catalog({ORG: organisation, PRODUCT: product})


def test_a_ready_catalog_has_no_finding(catalog) -> None:
    assert svc5xx(publishing(catalog)) == []


def test_a_catalog_that_does_not_publish_is_not_checked(catalog) -> None:
    # no organisation.lpdc: no description, no language, nothing of LPDC is required
    assert svc5xx(catalog()) == []


def test_the_example_catalog_is_ready() -> None:
    root = Path(__file__).resolve().parents[2]
    assert svc5xx(root) == []


# --- SVC501 ---------------------------------------------------------------------------------------


def test_svc501_missing_administrative_unit_is_reported_at_lpdc(catalog) -> None:
    organisation = ORGANISATION.replace(f"    administrative_unit: {UNIT}\n", "")
    assert svc5xx(publishing(catalog, organisation)) == [("SVC501", ORG, 4, "organisation")]


@pytest.mark.parametrize(
    "unit",
    [
        "https://www.voorbeeld.be",
        "https://data.vlaanderen.be/id/organisatie/OVO002949",
        "http://data.lblod.info/id/bestuurseenheden/short",
    ],
)
def test_svc501_an_iri_that_is_no_bestuurseenheid_is_reported_at_the_key(catalog, unit: str) -> None:
    organisation = ORGANISATION.replace(UNIT, unit)
    assert svc5xx(publishing(catalog, organisation)) == [("SVC501", ORG, 5, "organisation")]


# --- SVC502 ---------------------------------------------------------------------------------------


def test_svc502_a_product_without_description_or_summary(catalog) -> None:
    product = PRODUCT_TEXT.replace("summary: Je verhuist en geeft je nieuwe adres door.\n", "")
    assert svc5xx(publishing(catalog, product=product)) == [("SVC502", PRODUCT, 1, "product:adreswijziging")]


def test_svc502_a_description_alone_is_enough_and_a_planned_product_is_not_published(catalog) -> None:
    described = PRODUCT_TEXT.replace("summary:", "description:")
    assert svc5xx(publishing(catalog, product=described)) == []
    planned = PRODUCT_TEXT.replace("summary: Je verhuist en geeft je nieuwe adres door.\n", "status: planned\n")
    assert svc5xx(publishing(catalog, product=planned)) == []


# --- SVC503 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["BE234", "BE21111007", "BE99999999", "Gent", "99999"])
def test_svc503_a_code_outside_nuts_lau_2024_is_reported_at_its_item(catalog, code: str) -> None:
    # a NUTS-3 arrondissement, Borsbeek (merged into Antwerpen on 2025-01-01), unknown, a name, an unknown NIS
    organisation = ORGANISATION.replace("spatial: [BE23646029]", f'spatial: [BE23646029, "{code}"]')
    assert svc5xx(publishing(catalog, organisation)) == [("SVC503", ORG, 6, "organisation")]


def test_svc503_a_nis_code_resolves_through_the_list(catalog) -> None:
    organisation = ORGANISATION.replace("spatial: [BE23646029]", 'spatial: ["44021", BE23]')
    assert svc5xx(publishing(catalog, organisation)) == []
    assert lpdc.spatial("44021").code == "BE23444021"


def test_svc503_a_product_code_is_reported_in_the_product(catalog) -> None:
    product = PRODUCT_TEXT + "lpdc:\n  themes: [BurgerOverheid]\n  spatial:\n    - BE23646029\n    - BE234\n"
    assert svc5xx(publishing(catalog, product=product)) == [("SVC503", PRODUCT, 11, "product:adreswijziging")]


def test_svc503_no_spatial_for_a_product_that_relies_on_the_organisation(catalog) -> None:
    organisation = ORGANISATION.replace("    spatial: [BE23646029]\n", "")
    assert svc5xx(publishing(catalog, organisation)) == [("SVC503", ORG, 4, "organisation")]
    product = PRODUCT_TEXT + "lpdc:\n  spatial: [BE23646029]\n"
    assert svc5xx(publishing(catalog, organisation, product)) == []


@given(st.sampled_from(sorted(lpdc.spatials().values(), key=lambda found: found.code)))
def test_every_current_concept_is_accepted_by_code_and_nis_and_every_ended_one_refused(found) -> None:
    from svcmap.rules.publication import _spatial_problem

    assert (_spatial_problem(found.code) is None) == (found.ends is None)
    if found.ends is None and found.nis.isdigit():
        assert _spatial_problem(found.nis) is None


# --- SVC504 ---------------------------------------------------------------------------------------


def test_svc504_no_language_is_reported_at_lpdc(catalog) -> None:
    organisation = ORGANISATION.replace("    language: informal\n", "")
    assert svc5xx(publishing(catalog, organisation)) == [("SVC504", ORG, 4, "organisation")]


def test_svc504_a_formal_word_in_an_informal_catalog_is_reported_at_the_text(catalog) -> None:
    product = PRODUCT_TEXT.replace("geeft je nieuwe", "geeft uw nieuwe")
    assert svc5xx(publishing(catalog, product=product)) == [("SVC504", PRODUCT, 3, "product:adreswijziging")]


def test_svc504_an_informal_word_in_a_formal_catalog_and_nl_takes_either(catalog) -> None:
    formal = ORGANISATION.replace("language: informal", "language: formal")
    assert svc5xx(publishing(catalog, formal)) == [("SVC504", PRODUCT, 3, "product:adreswijziging")]
    plain = ORGANISATION.replace("language: informal", "language: nl")
    assert svc5xx(publishing(catalog, plain)) == []


def test_svc504_words_that_merely_contain_u_or_je_are_fine(catalog) -> None:
    product = PRODUCT_TEXT.replace(
        "summary: Je verhuist en geeft je nieuwe adres door.", "summary: Je meldt je adres; uur, jeugd en uwe."
    )
    assert svc5xx(publishing(catalog, product=product)) == []


# --- SVC505 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("address", ["mailto:info@voorbeeld.be", "info@gent.be1", "Onthaal <info@voorbeeld.be>"])
def test_svc505_an_email_the_shape_refuses_is_reported_at_the_key(catalog, address: str) -> None:
    organisation = ORGANISATION.replace("email: info@voorbeeld.be", f'email: "{address}"')
    assert svc5xx(publishing(catalog, organisation)) == [("SVC505", ORG, 9, "organisation")]


def test_svc505_a_plain_address_passes(catalog) -> None:
    organisation = ORGANISATION.replace("email: info@voorbeeld.be", "email: burgerzaken.loket@stad-voorbeeld.be")
    assert svc5xx(publishing(catalog, organisation)) == []


# --- SVC506 ---------------------------------------------------------------------------------------


def test_svc506_an_authority_and_a_concept_of_the_wrong_form_are_reported_at_their_keys(catalog) -> None:
    product = PRODUCT_TEXT + (
        "lpdc:\n"
        "  competent_authorities:\n"
        "    - https://data.vlaanderen.be/id/organisatie/OVO000104\n"
        "    - https://www.vlaanderen.be/omgevingsloket\n"
        f"  executing_authorities: [{UNIT}]\n"
        "  concept: https://ipdc.vlaanderen.be/1860\n"
    )
    assert svc5xx(publishing(catalog, product=product)) == [
        ("SVC506", PRODUCT, 10, "product:adreswijziging"),
        ("SVC506", PRODUCT, 12, "product:adreswijziging"),
    ]


def test_svc506_lblod_and_ovo_authorities_and_a_concept_iri_pass(catalog) -> None:
    product = PRODUCT_TEXT + (
        "lpdc:\n"
        "  competent_authorities: [https://data.vlaanderen.be/id/organisatie/OVO000104]\n"
        f"  executing_authorities: [{UNIT}]\n"
        "  concept: https://ipdc.vlaanderen.be/id/concept/2bbd6e5a-5b9b-4e5c-8c3b-1e7f6c6d8b2a\n"
    )
    assert svc5xx(publishing(catalog, product=product)) == []


# --- codelists: the schema (SVC002) ---------------------------------------------------------------


def test_a_code_outside_a_small_codelist_is_a_schema_error_with_a_did_you_mean(catalog) -> None:
    product = PRODUCT_TEXT + "lpdc:\n  product_type: Toelatin\n  themes: [BurgerOverheid, burgeroverheid]\n"
    findings = [f for f in check(publishing(catalog, product=product)).findings if f.code == "SVC002"]
    assert [(f.file, f.line, f.column) for f in findings] == [(PRODUCT, 8, 17), (PRODUCT, 9, 28)]
    assert [f.message.rsplit("; ", 1)[1] for f in findings] == [
        "did you mean 'Toelating'?",
        "did you mean 'BurgerOverheid'?",
    ]
