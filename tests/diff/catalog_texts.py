"""The minimal fixture catalog's files as text, for tests that change one thing in them."""

from __future__ import annotations

ORGANISATION = "catalog/organisation.yaml"
PRODUCT = "catalog/products/adreswijziging.yaml"
PROCESS = "processes/adreswijziging.yaml"

PRODUCT_TEXT = """
id: adreswijziging
name: Adreswijziging doorgeven
owner: burgerzaken
process: adreswijziging
channels: [web, counter]
"""

PROCESS_TEXT = """
id: adreswijziging
name: Adreswijziging behandelen
steps:
  - id: aangifte
    name: Aangifte
    unit: onthaal
    channel: web
    asks: [new-address]
    next: woonstcontrole
  - id: woonstcontrole
    name: Woonstcontrole
    unit: politie
    next: registratie
  - id: registratie
    name: Registratie
    unit: burgerzaken
    next:
      - to: bevestiging
        when: woonstcontrole positief
      - to: weigering
        when: woonstcontrole negatief
  - id: bevestiging
    name: Bevestiging
    unit: burgerzaken
  - id: weigering
    name: Kennisgeving van weigering
    unit: burgerzaken
"""

ORGANISATION_TEXT = """
organisation:
  id: gemeente-test
  name: Gemeente Test
units:
  - id: onthaal
    name: Onthaal
    office: front
    domain: dienstverlening
  - id: burgerzaken
    name: Burgerzaken
    office: back
    domain: dienstverlening
  - id: politie
    name: Lokale politie
    office: back
    external: true
life_events:
  - id: verhuizen
    name: Verhuizen
    products: [adreswijziging]
data_items:
  - id: identity
    name: Identiteit
    held_by: rijksregister
  - id: new-address
    name: Nieuw adres
"""
