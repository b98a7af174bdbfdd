"""scaffold: `svcmap init` and `svcmap new`: a new catalog, or a new file in one, from templates.

Templates are package data (`templates/`), filled in `templates`, laid out by fmt's canonical layout and
checked against their schema before anything is written; `newfiles` writes them, never over a file that
is there. `init` plans a whole new catalog, `new` a new product or process in an existing one.
"""
