"""Why fmt leaves a file alone: the one error the layout raises, and the check that every key is text."""

from __future__ import annotations

import yaml

from svcmap.catalog.reader import STR_TAG
from svcmap.i18n import _

SCHEMA = "SVC002"


class LayoutError(Exception):
    """The file cannot be given its canonical layout without changing its data or losing a comment.

    `code` is the rule the file breaks, where it breaks one (a non-text key is SVC002); "" otherwise.
    """

    def __init__(self, message: str, line: int = 1, column: int = 1, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.code = code


def text_key(key: yaml.Node) -> str:
    """A mapping key's text, or LayoutError where the key is not a string.

    A null, number or boolean key (`~: x`, `1: x`) fails the schema (SVC002), and no canonical text
    keeps it: ruamel.yaml would write `~` as `!!null ""`. fmt checks this itself, so that it never
    depends on the reader reporting such keys.
    """
    if isinstance(key, yaml.ScalarNode) and key.tag == STR_TAG:
        return str(key.value)
    if isinstance(key, yaml.ScalarNode):
        what = _("`{key}`, read as {tag}").format(key=key.value or "~", tag=key.tag.rpartition(":")[2])
    else:
        what = _("a list or mapping")
    raise LayoutError(
        _("a key must be text, not {what}: quote it or remove it").format(what=what),
        key.start_mark.line + 1,
        key.start_mark.column + 1,
        SCHEMA,
    )
