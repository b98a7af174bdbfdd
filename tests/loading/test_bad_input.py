"""Every kind of bad input gives a finding with a position (or a usage error), never a traceback or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import check, codes

PRODUCT = "catalog/products/adreswijziging.yaml"
PROCESS = "processes/adreswijziging.yaml"


def only(root: Path) -> list[tuple[str, str, int, str]]:
    """Findings other than the cascade SVC105 (a process whose product file broke is still 'used')."""
    return [entry for entry in codes(root) if entry[0] != "SVC105"]


def test_empty_file_is_a_schema_violation(catalog) -> None:
    root = catalog({PRODUCT: ""})
    assert only(root) == [("SVC002", PRODUCT, 1, f"file:{PRODUCT}")]


def test_file_not_utf8_points_at_the_byte(catalog) -> None:
    root = catalog({PRODUCT: b"id: adreswijziging\nname: Caf\xe9 Adres\n"})
    assert only(root) == [("SVC001", PRODUCT, 2, f"file:{PRODUCT}")]


def test_binary_file(catalog) -> None:
    root = catalog({PROCESS: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    assert [entry[:3] for entry in codes(root) if entry[1] == PROCESS] == [("SVC001", PROCESS, 3)]


def test_utf8_byte_order_mark_is_accepted_and_positions_stay_right(catalog) -> None:
    text = "\ufeffid: adreswijziging\nname: Adreswijziging\nowner: onbekend\nprocess: adreswijziging\nchannels: [web]\n"
    root = catalog({PRODUCT: text.encode("utf-8")})
    assert only(root) == [("SVC101", PRODUCT, 3, "product:adreswijziging")]


def test_utf16_file_is_refused(catalog) -> None:
    root = catalog({PRODUCT: "id: adreswijziging\n".encode("utf-16")})
    assert only(root) == [("SVC001", PRODUCT, 1, f"file:{PRODUCT}")]


def test_tab_indentation(catalog) -> None:
    root = catalog({PRODUCT: "id: adreswijziging\nname: x\ncost:\n\tamount: 3\n"})
    assert only(root) == [("SVC001", PRODUCT, 4, f"file:{PRODUCT}")]


def test_syntax_error(catalog) -> None:
    root = catalog({PRODUCT: "id: adreswijziging\nchannels: [web, counter\nowner: x\n"})
    [(code, file, line, _)] = only(root)
    assert (code, file) == ("SVC001", PRODUCT) and line in (2, 3)


def test_duplicate_key_points_at_the_second(catalog) -> None:
    root = catalog(
        {
            PRODUCT: "id: adreswijziging\nname: A\nowner: burgerzaken\nname: B\n"
            "process: adreswijziging\nchannels: [web]\n"
        }
    )
    assert only(root) == [("SVC001", PRODUCT, 4, f"file:{PRODUCT}")]


def test_alias_bomb_is_refused_quickly(catalog) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    root = catalog({PRODUCT: "\n".join(levels) + "\n"})
    assert [entry[:2] for entry in only(root)] == [("SVC001", PRODUCT)]


def test_recursive_alias(catalog) -> None:
    root = catalog({PRODUCT: "id: &x [*x]\n"})
    assert only(root) == [("SVC001", PRODUCT, 1, f"file:{PRODUCT}")]


def test_deep_nesting(catalog) -> None:
    root = catalog({PRODUCT: "x: " + "[" * 10_000 + "]" * 10_000 + "\n"})
    assert [entry[:3] for entry in only(root)] == [("SVC001", PRODUCT, 1)]


def test_twenty_megabyte_file_is_refused_unread(catalog) -> None:
    root = catalog({PRODUCT: b"id: adreswijziging\n" + b"# " + b"x" * (20 * 1024 * 1024) + b"\n"})
    assert only(root) == [("SVC001", PRODUCT, 1, f"file:{PRODUCT}")]


def test_wrong_types_everywhere(catalog) -> None:
    root = catalog(
        {
            PRODUCT: """
            id: 12
            name: [Adreswijziging]
            owner: {unit: burgerzaken}
            process: adreswijziging
            channels: web
            lead_time_days: veertien
            status: yes
            """,
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - id: aangifte
                name: 3
                unit: onthaal
                office: frontoffice
                asks: identity
                next: [{to: 4}]
            """,
        }
    )
    found = [(code, file, line) for code, file, line, _ in codes(root)]
    assert found == [
        ("SVC002", PRODUCT, 1),
        ("SVC002", PRODUCT, 2),
        ("SVC002", PRODUCT, 3),
        ("SVC002", PRODUCT, 5),
        ("SVC002", PRODUCT, 6),
        ("SVC002", PRODUCT, 7),
        ("SVC002", PROCESS, 5),
        ("SVC002", PROCESS, 7),
        ("SVC002", PROCESS, 8),
        ("SVC002", PROCESS, 9),
    ]


def test_unknown_key_points_at_the_key_and_suggests(catalog, cli) -> None:
    root = catalog(
        {PRODUCT: "id: adreswijziging\nname: A\nowner: burgerzaken\nprocess: adreswijziging\nchanels: [web]\n"}
    )
    result = cli("validate", str(root))
    assert result.exit_code == 1
    assert f"{PRODUCT}:5:1: SVC002" in result.output
    assert "did you mean 'channels'" in result.output


def test_missing_organisation(catalog, cli) -> None:
    root = catalog({"catalog/organisation.yaml": None})
    result = cli("validate", str(root))
    assert result.exit_code == 1
    assert "catalog/organisation.yaml:1:1: SVC004" in result.output


def test_root_that_does_not_exist(tmp_path: Path, cli) -> None:
    result = cli("validate", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such folder" in result.stderr


def test_root_that_is_a_file(tmp_path: Path, cli) -> None:
    (tmp_path / "file.yaml").write_text("a: 1\n")
    result = cli("validate", str(tmp_path / "file.yaml"))
    assert result.exit_code == 2
    assert "not a folder" in result.stderr


def test_symlink_loop(catalog) -> None:
    root = catalog()
    loop = root / "catalog/products/lus.yaml"
    os.symlink(loop, loop)
    assert ("SVC001", "catalog/products/lus.yaml", 1, "file:catalog/products/lus.yaml") in codes(root)


def test_broken_symlink(catalog) -> None:
    root = catalog()
    os.symlink(root / "nowhere.yaml", root / "processes/weg.yaml")
    assert ("SVC001", "processes/weg.yaml", 1, "file:processes/weg.yaml") in codes(root)


def test_directory_named_like_a_yaml_file(catalog) -> None:
    root = catalog()
    (root / "processes/map.yaml").mkdir()
    assert ("SVC001", "processes/map.yaml", 1, "file:processes/map.yaml") in codes(root)


def test_unreadable_file(catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads any file, so permission is simulated where the tests run as root."""
    root = catalog()
    target = root / PROCESS
    if os.geteuid() != 0:
        target.chmod(0)
    else:
        real_open = os.open

        def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
            if Path(file) == target:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
    assert ("SVC001", PROCESS, 1, f"file:{PROCESS}") in codes(root)


def test_multiple_documents_in_one_file(catalog) -> None:
    root = catalog({PRODUCT: "id: a\n---\nid: b\n"})
    assert only(root) == [("SVC001", PRODUCT, 2, f"file:{PRODUCT}")]


def test_unsafe_tag_is_refused_not_constructed(catalog) -> None:
    root = catalog({PRODUCT: "id: !!python/object/apply:os.system ['echo pwned']\n"})
    assert only(root) == [("SVC001", PRODUCT, 1, f"file:{PRODUCT}")]


def test_top_level_list_instead_of_mapping(catalog) -> None:
    root = catalog({PRODUCT: "- id: adreswijziging\n"})
    assert only(root) == [("SVC002", PRODUCT, 1, f"file:{PRODUCT}")]


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00", b"a: [\n", b"a: *nope\n", b"\x00" * 10])
def test_cli_never_tracebacks_on_a_broken_organisation(catalog, cli, content: bytes) -> None:
    root = catalog({"catalog/organisation.yaml": content})
    result = cli("validate", str(root), "--format", "json")
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_an_absurdly_long_name_is_a_schema_violation(catalog) -> None:
    """Names end up in diagrams; Graphviz refuses strings over 16 KiB, so the schema stops them first."""
    root = catalog(
        {
            PRODUCT: f"id: adreswijziging\nname: {'x' * 2001}\nowner: burgerzaken\n"
            "process: adreswijziging\nchannels: [web]\n"
        }
    )
    assert only(root) == [("SVC002", PRODUCT, 2, "product:adreswijziging")]


@pytest.mark.parametrize("code", [0x01, 0x08, 0x0C, 0x1B, 0x7F, 0x9F, 0xFFFE, 0xFFFF])
def test_a_character_yaml_refuses_is_svc001_at_its_position(catalog, cli, code: int) -> None:
    """It used to end every command in `internal error: TypeError: ord()`."""
    text = f"id: adreswijziging\nname: Adreswijziging dóórgeven {chr(code)}\nowner: burgerzaken\n"
    root = catalog({PRODUCT: text})
    [finding] = [f for f in check(root).findings if f.code != "SVC105"]
    assert (finding.code, finding.file, finding.line, finding.column) == ("SVC001", PRODUCT, 2, 32)
    result = cli("validate", str(root), "--format", "json")
    assert result.exit_code == 1 and "internal error" not in result.output


@pytest.mark.parametrize("key", ["1", "true", "1.5", ".nan", "0x10", "~", "null"])
def test_a_key_that_is_not_text_is_svc002_at_the_key(catalog, key: str) -> None:
    """Not a crash (`Dict key must be str`), and a null key no longer shifts the keys after it."""
    text = f"id: adreswijziging\nname: A\n{key}: x\nowner: burgerzaken\nprocess: adreswijziging\nchannels: [web]\n"
    root = catalog({PRODUCT: text})
    assert only(root) == [("SVC002", PRODUCT, 3, "product:adreswijziging")]


def test_keys_that_are_not_text_inside_identifiers_and_a_step(catalog) -> None:
    root = catalog(
        {
            PRODUCT: "id: adreswijziging\nname: A\nowner: burgerzaken\nprocess: adreswijziging\n"
            "channels: [web]\nidentifiers:\n  ipdc: '1234'\n  1: x\n",
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - id: aangifte
                name: Aangifte
                ~: x
                unit: onthaal
            """,
        }
    )
    found = [(code, file, line) for code, file, line, _ in codes(root) if code == "SVC002"]
    assert found == [("SVC002", PRODUCT, 8), ("SVC002", PROCESS, 6)]


@pytest.mark.parametrize("amount", [".inf", "-.inf", ".nan"])
def test_an_amount_that_is_not_finite_is_svc002(catalog, amount: str) -> None:
    text = "id: adreswijziging\nname: A\nowner: burgerzaken\nprocess: adreswijziging\nchannels: [web]\n"
    text += f"cost:\n  amount: {amount}\n  currency: EUR\n"
    root = catalog({PRODUCT: text})
    assert only(root) == [("SVC002", PRODUCT, 7, "product:adreswijziging")]


def test_nine_hundred_thousand_aliases_of_a_step_are_svc001(catalog) -> None:
    """3.6 MB within the former budget took validate 12 s and 770 MB; the reader now refuses it early."""
    text = (
        "id: adreswijziging\nname: A\nsteps: [&s {id: aangifte, name: Aangifte, unit: onthaal}"
        + ", *s" * 900_000
        + "]\n"
    )
    root = catalog({PROCESS: text})
    assert [entry[:3] for entry in codes(root) if entry[1] == PROCESS] == [("SVC001", PROCESS, 3)]


def test_a_schema_violation_names_the_smallest_subject(catalog) -> None:
    """A wrong channel is the step's, a wrong office the unit's: not the whole process or organisation."""
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - id: aangifte
                name: Aangifte
                unit: onthaal
                channel: fax
            """,
            "catalog/organisation.yaml": """
            organisation: {id: t, name: T}
            units:
              - {id: onthaal, name: Onthaal, office: front}
              - {id: burgerzaken, name: Burgerzaken, office: middle}
              - {id: politie, name: Politie, office: back}
            """,
        }
    )
    found = [entry for entry in codes(root) if entry[0] == "SVC002"]
    assert found == [
        ("SVC002", "catalog/organisation.yaml", 4, "unit:burgerzaken"),
        ("SVC002", PROCESS, 7, "process:adreswijziging/step:aangifte"),
    ]
