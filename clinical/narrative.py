"""Plain text in and out of FHIR narrative XHTML, never rendered (stdlib only).

A nurse's text goes into ``Narrative.div`` escaped, one ``<p>`` per line, so a "<b>" she typed
stays those three characters for every reader. Text read back from a narrative or from an HTML
note another system wrote is extracted with ``html.parser``: tags are dropped, block elements
become line breaks, entities are decoded, and scripts and styles are skipped. Nothing here
interprets markup as formatting (the architecture's invariant: patient text is plain text).

FHIR R4 Narrative: ``div`` is XHTML in the ``http://www.w3.org/1999/xhtml`` namespace, a single
``<div>`` element (https://hl7.org/fhir/R4/narrative.html#Narrative).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import Final

XHTML_NS: Final = "http://www.w3.org/1999/xhtml"
_BLOCKS: Final = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul", "ol"}
)
_SKIPPED: Final = frozenset({"script", "style", "head", "title"})


def text_to_xhtml(text: str) -> str:
    """``text`` as a narrative ``div``: each line an escaped paragraph (an empty text gives an
    empty paragraph, since a narrative div may not be empty)."""
    lines = text.strip("\n").split("\n") if text.strip() else [""]
    body = "".join(f"<p>{html.escape(line.rstrip())}</p>" for line in lines)
    return f'<div xmlns="{XHTML_NS}">{body}</div>'


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def _line_start(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._line_start()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def markup_to_text(markup: str) -> str:
    """The readable text of XHTML or HTML: tags gone, blocks as lines, blank runs collapsed."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")
