"""Template loaders that trim the project's templates as they are read (once, then cached).

Indentation and the line breaks of lines holding only a template tag make up about 6 % of a
role page and carry nothing: HTML collapses that whitespace anyway. Trimming the *source*
costs nothing per request (the cached loader keeps the compiled result), unlike minifying
every response. Only ``templates/`` is trimmed — it has no ``<pre>`` or ``<textarea>``, and
its ``blocktranslate`` texts sit on one line — never the admin's or other apps' templates.
"""

import re

from django.template.loaders.filesystem import Loader as FilesystemLoader

TAG_LINE = re.compile(r"^[ \t]*(\{%(?:(?!%\}).)*%\})[ \t]*\n", re.MULTILINE)
INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def trim(source: str) -> str:
    return TAG_LINE.sub(r"\1", INDENT.sub("", source))


class TrimmedFilesystemLoader(FilesystemLoader):
    def get_contents(self, origin):  # type: ignore[no-untyped-def]
        return trim(super().get_contents(origin))
