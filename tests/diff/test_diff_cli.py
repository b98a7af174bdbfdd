"""`svcmap diff` end to end on real git repositories: revisions, folders, formats, gates and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.diff.catalog_texts import ORGANISATION, ORGANISATION_TEXT, PROCESS, PROCESS_TEXT, PRODUCT, PRODUCT_TEXT
from tests.diff.gitrepo import Repo

MERGED_ORGANISATION = ORGANISATION_TEXT.replace(
    "  - id: onthaal\n    name: Onthaal\n    office: front\n    domain: dienstverlening\n", ""
)
MERGED_PROCESS = PROCESS_TEXT.replace("unit: onthaal", "unit: burgerzaken")
WORSE_PROCESS = PROCESS_TEXT.replace(
    "    name: Bevestiging\n    unit: burgerzaken\n", "    name: Bevestiging\n    unit: onthaal\n"
)
PARKING = "id: parkeerkaart\nname: Parkeerkaart\nowner: onthaal\nstatus: planned\nchannels: [web]\n"


@pytest.fixture
def history(repo, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """main: the minimal catalog (tag v1), then a product added; branch reorg: onthaal merged into burgerzaken."""
    made: Repo = repo()
    made.git("tag", "v1")
    made.commit("parking permit", {"catalog/products/parkeerkaart.yaml": PARKING})
    made.git("branch", "reorg")
    made.git("checkout", "-q", "reorg")
    made.commit(
        "merge onthaal into burgerzaken",
        {
            ORGANISATION: MERGED_ORGANISATION,
            PROCESS: MERGED_PROCESS,
            "catalog/products/parkeerkaart.yaml": PARKING.replace("onthaal", "burgerzaken"),
        },
    )
    made.git("checkout", "-q", "main")
    monkeypatch.chdir(made.root)
    return made


def as_json(result) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(result.stdout)


def test_a_branch_against_main_in_spec_json(cli, history: Repo) -> None:
    result = cli("diff", "main", "reorg", "--format", "json")
    assert result.exit_code == 0, result.output
    document = as_json(result)
    for kind in ("products", "processes", "units"):
        assert {"added", "removed", "changed"} <= set(document[kind])
    assert document["units"]["removed"] == ["onthaal"]
    assert document["units"]["merged"] == [{"id": "onthaal", "into": "burgerzaken"}]
    assert document["products"]["changed"] == [
        {"id": "parkeerkaart", "fields": ["owner"], "values": {"owner": ["onthaal", "burgerzaken"]}}
    ]
    [process] = document["processes"]["changed"]
    assert {"id", "steps_added", "steps_removed", "steps_changed", "metrics"} <= set(process)
    assert process["id"] == "adreswijziging"
    assert process["steps_added"] == process["steps_removed"] == []
    assert process["steps_changed"] == [
        {"id": "aangifte", "fields": ["unit"], "values": {"unit": ["onthaal", "burgerzaken"]}}
    ]
    assert process["metrics"]["contact_moments"] == [1, 0]
    assert document["totals"]["contact_moments"] == [1, 0]
    assert document["old"]["commit"] == history.git("rev-parse", "main")
    assert document["new"]["commit"] == history.git("rev-parse", "reorg")


def test_a_tag_against_the_working_tree_by_default(cli, history: Repo) -> None:
    history.write({PROCESS: WORSE_PROCESS})
    document = as_json(cli("diff", "v1", "--format", "json"))
    assert document["products"]["added"] == ["parkeerkaart"]
    assert document["processes"]["changed"][0]["metrics"]["handoffs"] == [2, 3]
    assert document["new"]["label"].startswith("working tree") and document["new"]["commit"] is None


def test_relative_revisions_and_a_rename(cli, history: Repo) -> None:
    history.commit(
        "rename the product",
        {
            PRODUCT: None,
            "catalog/products/verhuizing.yaml": PRODUCT_TEXT.replace("id: adreswijziging", "id: verhuizing"),
        },
    )
    document = as_json(cli("diff", "HEAD~1", "HEAD", "--format", "json"))
    assert document["products"]["renamed"] == [{"from": "adreswijziging", "to": "verhuizing"}]
    assert document["products"]["added"] == document["products"]["removed"] == []
    assert as_json(cli("diff", "HEAD~2", "HEAD~1", "--format", "json"))["products"]["added"] == ["parkeerkaart"]


def test_root_in_a_subfolder_of_the_repository_found_upwards(cli, repo, monkeypatch: pytest.MonkeyPatch) -> None:
    made: Repo = repo("docs/catalogus")
    made.commit("worse", {PROCESS: WORSE_PROCESS})
    monkeypatch.chdir(made.root / "processes")
    document = as_json(cli("diff", "HEAD~1", "--format", "json"))
    assert document["processes"]["changed"][0]["metrics"]["handoffs"] == [2, 3]
    monkeypatch.chdir(made.top)
    document = as_json(cli("diff", "--root", str(made.root), "HEAD~1", "HEAD", "--format", "json"))
    assert document["processes"]["changed"][0]["id"] == "adreswijziging"


def test_two_folders_need_no_git(cli, folder) -> None:
    old, new = folder("old"), folder("new", {PROCESS: WORSE_PROCESS})
    result = cli("diff", "--root", str(new), str(old), str(new), "--format", "json")
    assert result.exit_code == 0
    assert as_json(result)["processes"]["changed"][0]["metrics"]["handoffs"] == [2, 3]


def test_fail_on_gates(cli, history: Repo) -> None:
    history.write({PROCESS: WORSE_PROCESS, "catalog/products/parkeerkaart.yaml": None})
    assert cli("diff", "main").exit_code == 0
    result = cli("diff", "main", "--fail-on", "removed")
    assert result.exit_code == 1
    assert "removed: product parkeerkaart" in result.stderr
    assert cli("diff", "main", "--fail-on", "handoffs-up").exit_code == 1
    result = cli("diff", "main", "--fail-on", "contacts-up", "--fail-on", "handoffs-up", "--format", "json")
    assert result.exit_code == 1
    assert "contacts-up: process adreswijziging" in result.stderr and "handoffs-up" in result.stderr
    json.loads(result.stdout)  # the report is still whole JSON on stdout
    history.write({PROCESS: PROCESS_TEXT, "catalog/products/parkeerkaart.yaml": PARKING})
    assert (
        cli("diff", "main", "--fail-on", "removed", "--fail-on", "handoffs-up", "--fail-on", "contacts-up").exit_code
        == 0
    )
    assert cli("diff", "main", "--fail-on", "everything").exit_code == 2


def test_a_broken_new_side_is_reported_and_exits_1(cli, history: Repo) -> None:
    history.write({PROCESS: PROCESS_TEXT.replace("    next: registratie\n", "    next: [registratie\n")})
    result = cli("diff", "main")
    assert result.exit_code == 1
    assert f"{PROCESS}:14:7: SVC001 " in result.stdout
    assert "not compared" in result.stdout
    assert "loading problem" in result.stderr
    document = as_json(cli("diff", "main", "--format", "json"))
    assert [(p["side"], p["code"], p["file"], p["line"]) for p in document["problems"]] == [
        ("new", "SVC001", PROCESS, 14)
    ]
    assert document["processes"]["unreadable"] == ["adreswijziging"]
    assert document["processes"]["removed"] == []
    assert document["new"]["complete"] is False


def test_a_broken_old_side_is_reported_but_does_not_fail(cli, history: Repo) -> None:
    history.commit("break it", {PRODUCT: PRODUCT_TEXT.replace("[web, counter]", "[fax]")})
    history.write({PRODUCT: PRODUCT_TEXT})
    result = cli("diff", "HEAD", "--fail-on", "removed")
    assert result.exit_code == 0
    assert f"{PRODUCT}:5:" in result.stdout and "SVC002" in result.stdout
    assert "the old version" in result.stderr


def test_an_unknown_revision_is_exit_2_without_traceback(cli, history: Repo) -> None:
    result = cli("diff", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr.startswith("svcmap: 'no-such-branch': no such revision")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("argv", [["--", "-x"], ["main", "--", "--output=x"], ["--", "-"]])
def test_a_revision_starting_with_a_dash_is_exit_2(cli, history: Repo, argv: list[str]) -> None:
    result = cli("diff", *argv)
    assert result.exit_code == 2
    assert "may not be empty or start with '-'" in result.stderr


def test_a_revision_outside_a_repository_is_exit_2(cli, folder, monkeypatch: pytest.MonkeyPatch) -> None:
    root = folder("plain")
    monkeypatch.chdir(root)
    result = cli("diff", "main")
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr


def test_a_root_that_does_not_exist_is_exit_2(cli, tmp_path: Path) -> None:
    assert cli("diff", "--root", str(tmp_path / "nowhere"), "main").exit_code == 2


def test_a_revision_before_the_catalog_existed(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = Repo(tmp_path / "fresh")
    made.commit("empty start", {"README.md": "hello\n"})
    import shutil

    from tests.conftest import FIXTURES

    shutil.copytree(FIXTURES / "minimal", made.root, dirs_exist_ok=True)
    monkeypatch.chdir(made.root)
    result = cli("diff", "HEAD", "--format", "json")
    assert result.exit_code == 0
    document = as_json(result)
    assert document["old"]["has_catalog"] is False and document["products"]["added"] == ["adreswijziging"]


def test_text_is_plain_when_not_a_terminal(cli, history: Repo) -> None:
    history.write({PROCESS: WORSE_PROCESS})
    result = cli("diff", "main")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].startswith("svcmap diff: main (")
    assert "  ~ adreswijziging" in lines
    assert any(line.strip().startswith("handoffs") and "2 → 3" in line for line in lines)


def test_markdown_is_a_pull_request_comment(cli, history: Repo) -> None:
    history.write({PROCESS: WORSE_PROCESS})
    result = cli("diff", "main", "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("### svcmap diff: main (")
    assert "| Processes | 0 | 0 | 0 | 1 |" in text
    assert "| handoffs | 2 | 3 | +1 🔴 |" in text
    assert "**`adreswijziging` Adreswijziging doorgeven** — its process changed" in text


def test_the_cache_answers_the_second_run_and_stays_out_of_git(cli, history: Repo) -> None:
    history.write({PROCESS: WORSE_PROCESS})
    first = cli("diff", "main", "--format", "json").stdout
    cached = sorted((history.root / ".svcmap-cache" / "diff").glob("*.json"))
    assert len(cached) == 2
    assert cli("diff", "main", "--format", "json").stdout == first
    assert sorted((history.root / ".svcmap-cache" / "diff").glob("*.json")) == cached
    assert history.git("status", "--porcelain") == f"M {PROCESS}"
    assert cli("diff", "main", "--format", "json", "--no-cache").stdout == first


def test_a_new_version_without_catalog_exits_1(cli, folder, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("diff", "--root", str(folder("old")), str(folder("old")), str(tmp_path / "empty"))
    assert result.exit_code == 1
    assert "holds no catalog/organisation.yaml" in result.stderr
    assert "every object counts as removed" in result.stdout


LONG_NAME = "x" * 300
"""Longer than one file name may be (255 bytes): asking whether such a folder exists raises ENAMETOOLONG."""


@pytest.mark.parametrize("argv", [(LONG_NAME,), ("main", LONG_NAME)])
def test_a_revision_too_long_for_a_file_name_is_no_such_revision(cli, history: Repo, argv: tuple[str, ...]) -> None:
    result = cli("diff", *argv)
    assert result.exit_code == 2
    assert f"{LONG_NAME!r}: no such revision" in result.stderr and "internal error" not in result.stderr


def test_a_folder_name_too_long_outside_a_repository_is_exit_2(cli, folder, tmp_path: Path) -> None:
    new = folder("new")
    result = cli("diff", "--root", str(new), str(tmp_path / LONG_NAME), str(new))
    assert result.exit_code == 2
    assert "is not a folder, and it cannot be a revision" in result.stderr and "internal error" not in result.stderr


def test_a_long_path_of_short_folder_names_is_compared(cli, folder, tmp_path: Path) -> None:
    old = folder("old")
    deep = tmp_path / ("d" * 120) / ("e" * 120) / ("f" * 120)
    deep.parent.mkdir(parents=True)
    old.rename(deep)
    new = folder("new", {PRODUCT: PRODUCT_TEXT.replace("name: Adreswijziging doorgeven", "name: Verhuizen")})
    result = cli("diff", str(deep), str(new), "--format", "json")
    assert result.exit_code == 0, result.output
    assert as_json(result)["products"]["changed"][0]["id"] == "adreswijziging"
