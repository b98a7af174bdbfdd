"""click's own messages ("No such option", "Missing argument", "Usage:") in the language svcmap speaks.

click looks every message up through the stdlib's GNU gettext API (`from gettext import gettext as _` in
each of its modules, since click 8.0), which an application translates by binding a text domain
(`gettext.bindtextdomain`, `gettext.textdomain`, as the stdlib documents for that API). That API finds
the catalog as `<localedir>/<language>/LC_MESSAGES/<domain>.mo`, the language read from the `LANGUAGE`
environment variable. So for Dutch the `cli` area's catalog — which carries click's
message ids beside svcmap's — is bound as the current domain and `LANGUAGE` names the language; for
English the default domain comes back and nothing is translated, whatever the user's locale says (svcmap
speaks only what `--lang` or the catalog chose). click itself is not touched.

`LANGUAGE` is inherited by child processes: git, the only one whose words svcmap reads, runs with
`LC_ALL=C` (svcmap.catalog.gitsource), which GNU gettext lets win over `LANGUAGE`.
"""

from __future__ import annotations

import gettext
import os

from svcmap import i18n

DOMAIN = "cli"
"""The area whose catalog holds click's message ids (svcmap/locale/<language>/LC_MESSAGES/cli.po)."""
_DEFAULT_DOMAIN = gettext.textdomain()
_LANGUAGE = "LANGUAGE"
_inherited = os.environ.get(_LANGUAGE)


def follow_svcmap() -> None:
    """click speaks the language svcmap speaks now (svcmap.i18n.language())."""
    language = i18n.language()
    if language == i18n.DEFAULT_LANGUAGE:
        gettext.textdomain(_DEFAULT_DOMAIN)
        if _inherited is None:
            os.environ.pop(_LANGUAGE, None)
        else:
            os.environ[_LANGUAGE] = _inherited
        return
    gettext.bindtextdomain(DOMAIN, str(i18n.LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ[_LANGUAGE] = language
