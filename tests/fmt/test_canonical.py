"""The canonical layout of one file: key order, flow lists, quoting, and comments that stay with their key."""

from __future__ import annotations

import textwrap

import pytest
import yaml

from svcmap.catalog import reader
from svcmap.fmt import writer
from svcmap.fmt.canonical import LayoutError, format_text


def fmt(text: str, kind: str = "process") -> str:
    return format_text(textwrap.dedent(text).lstrip("\n"), kind)


def same(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def test_product_keys_in_spec_order_and_lists_of_ids_in_flow_style() -> None:
    result = fmt(
        """
        status: active
        channels:
        - web
        - counter
        identifiers:
          ipdc: "1476"
        cost:
          currency: EUR
          amount: 0
        owner: burgerzaken
        name: Adreswijziging doorgeven
        id: adreswijziging
        process: adreswijziging
        audience: ['citizen']
        legal_basis: [Wet van 19 juli 1991]
        """,
        "product",
    )
    assert result == same(
        """
        id: adreswijziging
        name: Adreswijziging doorgeven
        owner: burgerzaken
        process: adreswijziging
        channels: [web, counter]
        audience: [citizen]
        cost: {amount: 0, currency: EUR}
        legal_basis:
          - Wet van 19 juli 1991
        identifiers: {ipdc: "1476"}
        status: active
        """
    )


def test_organisation_keys_units_events_and_data_items_in_order() -> None:
    result = fmt(
        """
        data_items:
        - name: Identiteit
          held_by: rijksregister
          id: identity
        life_events:
        - products:
          - adreswijziging
          name: Verhuizen
          id: verhuizen
        units:
        - external: true
          domain: veiligheid
          office: back
          name: Lokale politie
          id: politie
        organisation:
          name: Gemeente Voorbeeld
          id: gemeente-voorbeeld
        """,
        "organisation",
    )
    assert result == same(
        """
        organisation:
          id: gemeente-voorbeeld
          name: Gemeente Voorbeeld
        units:
          - id: politie
            name: Lokale politie
            office: back
            domain: veiligheid
            external: true
        life_events:
          - id: verhuizen
            name: Verhuizen
            products: [adreswijziging]
        data_items:
          - id: identity
            name: Identiteit
            held_by: rijksregister
        """
    )


def test_process_steps_and_next_targets_in_order() -> None:
    result = fmt(
        """
        steps:
        - next:
          - when: positief
            to: b
          - c
          asks: [identity, new-address]
          channel: web
          office: front
          unit: onthaal
          name: Aanvraag
          id: a
        - {id: b, name: B, unit: onthaal, next: [c, a]}
        - id: c
          name: C
          unit: onthaal
        start: a
        name: Proces
        id: proces
        """
    )
    assert result == same(
        """
        id: proces
        name: Proces
        start: a
        steps:
          - id: a
            name: Aanvraag
            unit: onthaal
            office: front
            channel: web
            asks: [identity, new-address]
            next:
              - to: b
                when: positief
              - c
          - id: b
            name: B
            unit: onthaal
            next: [c, a]
          - id: c
            name: C
            unit: onthaal
        """
    )


def test_comments_stay_with_their_key_when_keys_move() -> None:
    result = fmt(
        """
        # yaml-language-server: $schema=../schemas/process.schema.json
        name: Adreswijziging behandelen   # de naam
        # het id is de bestandsnaam
        id: adreswijziging
        steps:
          - name: Aangifte
            # wie doet het
            unit: burgerzaken  # svcmap: ignore[SVC402]
            id: aangifte
        # einde
        """
    )
    assert result == same(
        """
        # yaml-language-server: $schema=../schemas/process.schema.json
        # het id is de bestandsnaam
        id: adreswijziging
        name: Adreswijziging behandelen   # de naam
        steps:
          - id: aangifte
            name: Aangifte
            # wie doet het
            unit: burgerzaken  # svcmap: ignore[SVC402]
        # einde
        """
    )


def test_the_schema_header_stays_first_when_the_first_key_moves() -> None:
    result = fmt(
        """
        # yaml-language-server: $schema=../schemas/organisation.schema.json
        units: []
        organisation: {id: g, name: G}
        """,
        "organisation",
    )
    assert result.splitlines()[:2] == [
        "# yaml-language-server: $schema=../schemas/organisation.schema.json",
        "organisation:",
    ]


def test_blank_line_groups_and_section_comments_are_kept_and_reindented() -> None:
    result = fmt(
        """
        organisation: {id: g, name: G}

        units:
        # Dienstverlening
        - id: onthaal
          name: Onthaal
          office: front

        # Omgeving
        - id: omgeving
          name: Omgeving
          office: back
        """,
        "organisation",
    )
    assert result == same(
        """
        organisation:
          id: g
          name: G

        units:
          # Dienstverlening
          - id: onthaal
            name: Onthaal
            office: front

          # Omgeving
          - id: omgeving
            name: Omgeving
            office: back
        """
    )


def test_a_list_whose_items_carry_comments_stays_in_block_style() -> None:
    result = fmt(
        """
        id: p
        name: P
        steps:
          - id: a
            name: A
            unit: u
            asks:
              - identity     # wie
              - new-address
            next: [b, c]  # beide
        """
    )
    assert "      - identity     # wie\n      - new-address\n" in result
    assert "    next: [b, c]  # beide\n" in result


def test_a_comment_inside_a_flow_list_keeps_it_in_block_style() -> None:
    result = fmt(
        """
        id: p
        name: P
        owner: u
        process: p
        channels: [web,     # vooral
                   counter]
        """,
        "product",
    )
    assert "channels:\n  - web             # vooral\n  - counter\n" in result  # the comment keeps its column


def test_end_of_line_comments_keep_their_column_with_two_spaces_at_least() -> None:
    result = fmt(
        """
        id: p                      # aligned
        name: P # tight
        steps: [{id: a, name: A, unit: u}]
        """
    )
    assert result.splitlines()[:2] == ["id: p                      # aligned", "name: P  # tight"]


def test_long_sentences_are_never_wrapped_and_quotes_only_where_needed() -> None:
    sentence = "Een heel lange Nederlandse zin " * 8
    result = fmt(
        f"""
        id: 'p'
        name: "{sentence.strip()}"
        owner: "u"
        process: p
        channels: ['web']
        identifiers: {{ipdc: '1476', upl: "yes"}}
        summary: 'it''s: fine'
        """,
        "product",
    )
    assert f"name: {sentence.strip()}\n" in result
    assert "id: p\n" in result and "owner: u\n" in result and "channels: [web]\n" in result
    assert 'identifiers: {ipdc: "1476", upl: "yes"}\n' in result
    assert 'summary: "it\'s: fine"\n' in result


@pytest.mark.parametrize("word", ["yes", "No", "on", "OFF", "<<", "=", "2024-01-01", "1_000"])
def test_words_a_yaml_11_reader_would_not_read_as_text_keep_their_quotes(word: str) -> None:
    """svcmap reads YAML 1.2, but PyYAML and much of the tooling around a catalog read YAML 1.1."""
    result = fmt(f'id: p\nname: "{word}"\nowner: u\nprocess: p\nchannels: [web]\n', "product")
    assert f'name: "{word}"\n' in result
    assert yaml.safe_load(result)["name"] == word


def test_block_scalars_with_several_lines_are_kept() -> None:
    text = same(
        """
        id: p
        name: P
        summary: |  # tekst
          Eerste regel.
          Tweede regel.
        owner: u
        process: p
        channels: [web]
        """
    )
    assert format_text(text, "product") == text


def test_windows_line_ends_and_a_missing_final_newline_are_normalised() -> None:
    assert format_text("id: p\r\nname: P\r\nsteps: [{id: a, name: A, unit: u}]", "process") == (
        "id: p\nname: P\nsteps:\n  - id: a\n    name: A\n    unit: u\n"
    )


def test_anchors_and_aliases_are_kept() -> None:
    text = same(
        """
        id: p
        name: P
        owner: u
        process: p
        channels: &kanalen [web, counter]
        audience: [citizen]
        legal_basis: *kanalen
        """
    )
    result = format_text(text, "product")
    assert "channels: &kanalen [web, counter]\n" in result and "legal_basis: *kanalen\n" in result


@pytest.mark.parametrize("kind", ["product", "process", "organisation"])
def test_fmt_of_the_fixture_files_is_idempotent(kind: str, catalog) -> None:
    root = catalog()
    path = {
        "product": "catalog/products/adreswijziging.yaml",
        "process": "processes/adreswijziging.yaml",
        "organisation": "catalog/organisation.yaml",
    }[kind]
    once = format_text((root / path).read_text(encoding="utf-8"), kind)
    assert format_text(once, kind) == once
    assert reader.load(once) == reader.load((root / path).read_text(encoding="utf-8"))


def test_an_empty_document_cannot_be_laid_out() -> None:
    with pytest.raises(LayoutError):
        format_text("# only a comment\n", "product")


def test_comments_finds_comments_but_not_hashes_in_text() -> None:
    found, blanks = writer.comments(
        "# kop\na: 'x # geen'  # wel\nb: |  # kop van blok\n  # tekst, geen commentaar\n\nc: d\n"
    )
    assert [(c.line, c.column, c.text, c.own_line) for c in found] == [
        (1, 1, "# kop", True),
        (2, 16, "# wel", False),
        (3, 7, "# kop van blok", False),
    ]
    assert blanks == [5]


def test_directives_and_document_markers_go_their_comments_stay() -> None:
    result = format_text(
        "%YAML 1.2\n--- # start\n# head\nid: p\nname: P\nsteps: [{id: a, name: A, unit: u}]\n... # end\n", "process"
    )
    assert result == "# start\n# head\nid: p\nname: P\nsteps:\n  - id: a\n    name: A\n    unit: u\n# end\n"


def test_tabs_before_comments_are_read() -> None:
    lines = format_text("id: p\t# tab\nname: P\nsteps: [{id: a, name: A, unit: u}]\t# steps\n", "process").splitlines()
    assert lines[0] == "id: p  # tab"
    assert lines[2].index("#") == 35 and lines[2].split() == ["steps:", "#", "steps"]  # the comment's column is kept


def test_a_tab_after_a_colon_is_read_as_libyaml_reads_it() -> None:
    assert format_text("id:\tp\nname: P\nsteps: [{id: a, name: A, unit: u}]\n", "process").startswith("id: p\n")


def test_numbers_keep_their_spelling_and_booleans_become_lowercase() -> None:
    result = format_text(
        "id: p\nname: P\nowner: u\nprocess: p\nchannels: [web]\ncost: {amount: 25.00, currency: EUR}\n"
        "lead_time_days: 007\n",
        "product",
    )
    assert "cost: {amount: 25.00, currency: EUR}\nlead_time_days: 007\n" in result
    assert "    external: true\n" in format_text(
        "organisation: {id: g, name: G}\nunits:\n  - {id: u, name: U, office: back, external: True}\n", "organisation"
    )


def test_a_value_of_unicode_spaces_is_not_taken_for_blank() -> None:
    text = "id: p\nname: \u00a0\nsteps:\n  - id: a\n    name: \u2003\n    unit: u\n"
    assert format_text(text, "process") == text
