"""SVC001–SVC004: the findings of reading a catalog; the loader reports them, their documentation is here."""

from __future__ import annotations

from svcmap.findings import Severity
from svcmap.rules.registry import documented

UNREADABLE_FILE = documented(
    "SVC001",
    "unreadable-file",
    Severity.ERROR,
    """
    A catalog file cannot be read as YAML.

    ## What it does
    Reports a file under `catalog/` or `processes/` that is not readable YAML: a syntax error, text that
    is not UTF-8, a binary file, a duplicate key, an unknown tag, anchors and aliases that expand far
    beyond the file's own size or refer to themselves, nesting deeper than 64 levels, a file over 4 MiB,
    a folder or a broken symbolic link where a file should be, or a file without read permission.

    ## Why is this bad?
    Nothing in the file can be checked, analysed or drawn; the products and processes it holds are
    missing from every report. A duplicate key is worse: YAML readers silently keep one of the values.

    ## Example
    ```yaml
    id: adreswijziging
    name: Adreswijziging
    name: Adreswijziging doorgeven   # duplicate key
    ```

    ## Use instead
    ```yaml
    id: adreswijziging
    name: Adreswijziging doorgeven
    ```
    """,
)

SCHEMA_VIOLATION = documented(
    "SVC002",
    "schema-violation",
    Severity.ERROR,
    """
    A file does not follow the catalog schema.

    ## What it does
    Checks every file against its JSON Schema (`schemas/organisation.schema.json`,
    `product.schema.json`, `process.schema.json`): required keys, unknown keys, types, the controlled
    vocabularies (office, channel, audience, status) and the id pattern `^[a-z0-9]+(-[a-z0-9]+)*$`.
    An empty file is reported here too.

    ## Why is this bad?
    A misspelt key (`chanels`) or a value outside the vocabulary (`channel: loket`) is silently
    meaningless to every figure svcmap computes; the product or process is left out of the analysis.

    ## Example
    ```yaml
    id: Parkeerkaart_Bewoner
    name: Bewonerskaart
    owner: mobiliteit
    chanels: [web]
    ```

    ## Use instead
    ```yaml
    id: parkeerkaart-bewoner
    name: Bewonerskaart
    owner: mobiliteit
    process: parkeerkaart-bewoner
    channels: [web]
    ```
    """,
)

DUPLICATE_ID = documented(
    "SVC003",
    "duplicate-id",
    Severity.ERROR,
    """
    An id is used twice, or a file's name differs from its id.

    ## What it does
    Reports a unit, product, process, life event or data item whose id is already taken, a step id used
    twice in one process, a product listed twice in one life event, and a product or process file whose
    name is not `<id>.yaml`.

    ## Why is this bad?
    References go by id: with two objects under one id, svcmap (and a reader) cannot tell which one a
    reference means. A file named after another id hides the object from whoever looks for it.

    ## Example
    ```yaml
    # processes/eid.yaml
    id: eid-aanvraag
    ```

    ## Use instead
    ```yaml
    # processes/eid-aanvraag.yaml
    id: eid-aanvraag
    ```
    """,
)

NO_CATALOG = documented(
    "SVC004",
    "no-catalog",
    Severity.ERROR,
    """
    The ROOT holds no catalog: `catalog/organisation.yaml` is missing.

    ## What it does
    Reports a ROOT folder without `catalog/organisation.yaml`, the one file every catalog has.

    ## Why is this bad?
    Without the organisation there are no units, life events or data items: nothing can be checked.
    Usually svcmap was run in the wrong folder, or the file was renamed or deleted.

    ## Example
    ```text
    catalog/organization.yml
    ```

    ## Use instead
    ```text
    catalog/organisation.yaml
    ```
    """,
)

RULES = (UNREADABLE_FILE, SCHEMA_VIOLATION, DUPLICATE_ID, NO_CATALOG)
