"""Compiles svcmap's translations (svcmap/locale/*/LC_MESSAGES/*.po) to .mo when the package is built or installed.

The .po files are the source, kept in git; the .mo files are build output (ignored by git), written beside
them so an editable install and a checkout (`make setup` runs this file) read the same ones as a wheel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

LOCALE = Path(__file__).parent / "svcmap" / "locale"


def compile_catalogs(locale: Path = LOCALE) -> list[Path]:
    """Every .po under `locale` compiled to the .mo beside it; returns the .mo files written. A fuzzy
    entry is left out (gettext then shows the English), as msgfmt does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for source in sorted(locale.glob("*/LC_MESSAGES/*.po")):
        with source.open("rb") as file:
            catalog = read_po(file, locale=source.parts[-3])
        target = source.with_suffix(".mo")
        partial = target.with_suffix(".mo.tmp")
        with partial.open("wb") as file:
            write_mo(file, catalog, use_fuzzy=False)
        partial.replace(target)
        written.append(target)
    return written


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script (`make setup`), where only Babel is needed
    pass
else:

    class CompileTranslations(BuildHookInterface):  # type: ignore[misc]
        """hatchling's custom build hook: the .mo files go into the wheel, for every build target."""

        def initialize(self, version: str, build_data: dict[str, Any]) -> None:
            for target in compile_catalogs(Path(self.root) / "svcmap" / "locale"):
                build_data.setdefault("artifacts", []).append(str(target.relative_to(self.root)))


if __name__ == "__main__":
    for written in compile_catalogs():
        print(f"compiled {written.relative_to(Path(__file__).parent)}")
