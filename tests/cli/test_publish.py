"""`svcmap publish lpdc` as a user runs it, on a git repository holding the example catalog: the feed written
(pages and contexts), valid against LPDC's shape, byte-identical twice; refused while an SVC5xx error stands;
a clear error outside git or without a URL to serve at."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.diff.gitrepo import Repo
from tests.exports.lpdc_support import EXAMPLE, isolated_git, violations

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

UNIT = "http://data.lblod.info/id/bestuurseenheden/0e2613a7ed3f45e97b3527e7e465da69b46c85e3086f57169030674503231a15"


@pytest.fixture
def example_repo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Repo:
    isolated_git(monkeypatch, tmp_path / "home")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2024-02-14T13:42:12Z")
    repo = Repo(tmp_path / "repo")
    for folder in ("catalog", "processes"):
        shutil.copytree(EXAMPLE / folder, repo.root / folder)
    repo.commit("the example catalog")
    return repo


def test_the_example_feed_is_written_valid_and_the_same_twice(cli, example_repo: Repo, tmp_path: Path) -> None:
    out = tmp_path / "feed"
    result = cli("publish", "lpdc", "--root", str(example_repo.root), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}: 1 page, 25 snapshots of 25 instances")
    assert sorted(path.name for path in out.iterdir()) == ["ipdc-lpdc-im.jsonld", "ldes.jsonld", "page-0.json"]
    page = json.loads((out / "page-0.json").read_text(encoding="utf-8"))
    assert page["@id"] == "https://www.voorbeeld.be/lpdc/page-0.json"
    assert {m["generatedAtTime"] for m in page["member"]} == {"2024-02-14T13:42:12.000Z"}
    assert violations([page], [UNIT]) == ""
    first = (out / "page-0.json").read_bytes()
    assert cli("publish", "lpdc", "--root", str(example_repo.root), "--out", str(out)).exit_code == 0
    assert (out / "page-0.json").read_bytes() == first


def test_base_url_gives_the_page_iris(cli, example_repo: Repo, tmp_path: Path) -> None:
    out = tmp_path / "feed"
    result = cli("publish", "lpdc", "--root", str(example_repo.root), "--out", str(out), "--base-url", "https://x.be/f")
    assert result.exit_code == 0, result.output
    assert '"@id": "https://x.be/f/page-0.json"' in (out / "page-0.json").read_text(encoding="utf-8")


def test_an_svc5xx_error_refuses_to_publish(cli, example_repo: Repo, tmp_path: Path) -> None:
    product = example_repo.root / "catalog" / "products" / "eid.yaml"
    product.write_text(
        "\n".join(
            line
            for line in product.read_text(encoding="utf-8").splitlines()
            if not line.startswith(("summary:", "description:"))
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "feed"
    result = cli("publish", "lpdc", "--root", str(example_repo.root), "--out", str(out))
    assert result.exit_code == 1
    assert any(
        line.startswith("catalog/products/eid.yaml:") and " SVC502 " in line for line in result.stderr.splitlines()
    ), result.stderr
    assert not out.exists()


def test_outside_git_is_a_clear_error(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolated_git(monkeypatch, tmp_path / "home")
    root = tmp_path / "plain"
    for folder in ("catalog", "processes"):
        shutil.copytree(EXAMPLE / folder, root / folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = cli("publish", "lpdc", "--root", str(root), "--out", str(tmp_path / "feed"))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("svcmap: ") and "is not inside a git repository" in result.stderr
    assert not (tmp_path / "feed").exists() or not any((tmp_path / "feed").iterdir())


def test_uncommitted_changes_are_named_and_left_out_unless_asked(cli, example_repo: Repo, tmp_path: Path) -> None:
    product = example_repo.root / "catalog" / "products" / "eid.yaml"
    product.write_text(product.read_text(encoding="utf-8").replace("name: ", "name: Vernieuwd ", 1), encoding="utf-8")
    out = tmp_path / "feed"
    result = cli("publish", "lpdc", "--root", str(example_repo.root), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "1 uncommitted change not published (catalog/products/eid.yaml): commit it" in result.stderr
    assert "Vernieuwd " not in (out / "page-0.json").read_text(encoding="utf-8")
    asked = cli("publish", "lpdc", "--root", str(example_repo.root), "--out", str(out), "--uncommitted")
    assert asked.exit_code == 0, asked.output
    assert asked.stdout.startswith(f"wrote {out}: 1 page, 26 snapshots of 25 instances")
    page = json.loads((out / "page-0.json").read_text(encoding="utf-8"))
    latest = max(page["member"], key=lambda member: member["generatedAtTime"])
    assert (
        "Vernieuwd " in json.dumps(latest, ensure_ascii=False)
        and latest["generatedAtTime"] > "2024-02-14T13:42:12.000Z"
    )
    assert violations([page], [UNIT]) == ""
