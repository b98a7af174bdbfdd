"""`svcmap init`: a new catalog that validates at once, with its config, pre-commit hooks, CI file and README.

The catalog holds two units, one product and its process, every key explained in a comment, so that a
quality officer starts from something that passes `svcmap validate` and `svcmap fmt --check` and shows
what each key does. svcmap's JSON Schemas are copied into `schemas/`, where the files' schema lines
(`# yaml-language-server: $schema=...`) point, so that editors complete keys without a network.
"""

from __future__ import annotations

from pathlib import Path

from svcmap import __version__
from svcmap.catalog.schemafiles import schema_dir
from svcmap.catalog.source import FolderSource, listing
from svcmap.errors import SvcmapError
from svcmap.files import FILE, FOLDER, usable_kind
from svcmap.i18n import _
from svcmap.scaffold.newfiles import NewFile, Scaffolded, existing, write_new
from svcmap.scaffold.templates import catalog_text, fill, id_from, scalar
from svcmap.text import one_line

DEFAULT_NAME = "Gemeente Voorbeeld"
DEFAULT_CI = "github"
CI_FILES: dict[str, tuple[str, str] | None] = {
    "github": (".github/workflows/svcmap.yml", "github-workflow.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml"),
    "none": None,
}
"""Per CI host: where its CI file goes and the template it comes from."""
EXAMPLE = "uittreksel-strafregister"
"""The id of the example product and of its process."""
_SHOWN = 4
"""The files a refusal names; the rest are counted."""


def plan_catalog(name: str, ci: str) -> list[NewFile]:
    """Every file of a new catalog for the organisation `name`, with a CI file for `ci` (a key of CI_FILES)."""
    name = one_line(name)
    if not name:
        raise SvcmapError(_("--name: give the organisation's name, e.g. --name 'Gemeente Zottegem'"))
    values = {"organisation_id": scalar(id_from(name) or "organisatie"), "organisation_name": scalar(name)}
    files = [
        NewFile(
            "catalog/organisation.yaml",
            catalog_text("organisation", "organisation.yaml", values),
            _("the organisation, two units, a life event, data items: replace them with your own"),
        ),
        NewFile(
            f"catalog/products/{EXAMPLE}.yaml", catalog_text("product", "product.yaml", {}), _("an example product")
        ),
        NewFile(f"processes/{EXAMPLE}.yaml", catalog_text("process", "process.yaml", {}), _("its process")),
        NewFile(".svcmap.yaml", fill("svcmap.yaml", {}), _("the rules in force, their severities and thresholds")),
        NewFile(
            ".pre-commit-config.yaml", fill("pre-commit-config.yaml", {}), _("the svcmap-validate and svcmap-fmt hooks")
        ),
    ]
    ci_file = CI_FILES[ci]
    if ci_file is not None:
        path, template = ci_file
        files.append(
            NewFile(
                path, fill(template, {"version": __version__}), _("{ci} CI: validate and fmt --check").format(ci=ci)
            )
        )
    files.append(NewFile("README.md", fill("README.md", {"organisation_name": name}), _("what this repository holds")))
    files.extend(
        NewFile(f"schemas/{schema.name}", schema.read_text(encoding="utf-8"), _("a JSON Schema for editors"))
        for schema in sorted(schema_dir().glob("*.schema.json"))
    )
    return files


def init_catalog(folder: Path, name: str = DEFAULT_NAME, ci: str = DEFAULT_CI) -> Scaffolded:
    """Write a new catalog into `folder` (made if missing); refused when the folder holds a catalog file or
    any file init would write, so that nothing is ever overwritten."""
    kind = usable_kind(folder)
    if kind == FILE:
        raise SvcmapError(_("{path}: not a folder").format(path=folder))
    files = plan_catalog(name, ci)
    if kind == FOLDER:
        catalog_files = [path for path, _ in listing(FolderSource(folder))]
        taken = sorted(set(catalog_files) | set(existing(folder, (file.path for file in files))))
        if taken:
            more = _(" and {count} more").format(count=len(taken) - _SHOWN) if len(taken) > _SHOWN else ""
            raise SvcmapError(
                _(
                    "{folder} holds {files}: svcmap init writes a new catalog only where it overwrites nothing"
                    " (add to a catalog with `svcmap new product|process ID`)"
                ).format(folder=folder.resolve(), files=", ".join(taken[:_SHOWN]) + more)
            )
    folder.mkdir(parents=True, exist_ok=True)
    write_new(folder, files)
    return Scaffolded(folder, tuple(files), _next_steps(folder))


def _next_steps(folder: Path) -> tuple[str, ...]:
    steps = [] if folder.resolve() == Path.cwd().resolve() else [f"cd {folder}"]
    pairs = (
        ("svcmap validate", _("0 errors, 0 warnings")),
        (_("edit catalog/organisation.yaml"), _("your own organisation and units")),
        ("svcmap new product ID --owner UNIT", _("a product of yours, and its process")),
        ("pre-commit install", _("validate and fmt on every commit")),
    )
    width = max(len(step) for step, _why in pairs) + 7
    steps += [f"{step:<{width}}{why}" for step, why in pairs]
    return tuple(steps)
