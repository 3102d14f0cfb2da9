"""Notes as a nurse reads them, whichever system wrote them (stdlib only, never raises).

Pleiepunkt's own notes are DocumentReferences with a ``text/plain`` attachment
(``clinical.records.nursing_note``). Other systems write differently, and every variant is read
as plain text:

- DocumentReference with ``text/plain`` (any charset named in ``contentType``; UTF-8 when none),
  ``text/html`` or XHTML (reduced to its text, never rendered), several attachments (joined),
  or a document that is not text at all (a PDF, an image, or only a ``url`` to a Binary), which
  is listed as an attachment to open in the source system rather than shown as garbage.
- Composition (journal notes through NHN's Journalføringstjenesten and welfare-technology events
  through VKP, research note §1.3): the ``title``, then each section's title and its narrative
  text, nested sections indented by their titles.

Times: when it happened is ``context.period.start`` (a DocumentReference) or ``event.period.start``
(a Composition), else when it was written (``date``). The author is the ``author`` reference's
display, or the name of a contained PractitionerRole's practitioner.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from clinical.fhir_read import concept_text, dicts, parse_datetime, reference_display, text
from clinical.narrative import markup_to_text
from clinical.records.nursing_note import NOTE_CATEGORY_SYSTEM

_MARKUP: Final = ("text/html", "application/xhtml+xml", "text/xml", "application/xml")


@dataclass(frozen=True)
class Attachment:
    """A part of a note that is not text: what it is called and its media type."""

    title: str
    content_type: str


@dataclass(frozen=True)
class ReadNote:
    """One note as plain values; ``text`` is plain text whatever the source wrote."""

    id: str
    resource_type: str
    status: str
    category: str
    category_text: str
    title: str
    text: str
    written_at: datetime | None
    observed_at: datetime | None
    author: str
    replaces: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    amended: bool = False

    @property
    def withdrawn(self) -> bool:
        """Marked entered-in-error (or superseded) by its author: shown, never as current."""
        return self.status in ("entered-in-error", "superseded")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return "utf-8"


def _decoded(attachment: Mapping[str, Any]) -> str | None:
    data = attachment.get("data")
    if not isinstance(data, str):
        return None
    try:
        raw = base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return None
    content_type = text(attachment.get("contentType")).lower()
    try:
        return raw.decode(_charset(content_type), errors="replace")
    except LookupError:  # a charset Python does not know
        return raw.decode("utf-8", errors="replace")


def _attachment_text(attachment: Mapping[str, Any]) -> tuple[str | None, Attachment | None]:
    content_type = text(attachment.get("contentType")).lower()
    media = content_type.split(";")[0].strip()
    decoded = _decoded(attachment)
    if decoded is not None and media in ("text/plain", ""):
        return decoded.strip(), None
    if decoded is not None and media in _MARKUP:
        return markup_to_text(decoded), None
    title = text(attachment.get("title")) or text(attachment.get("url"))
    return None, Attachment(title=title, content_type=media or "application/octet-stream")


def _author(resource: Mapping[str, Any]) -> str:
    authors = dicts(resource.get("author"))
    if not authors:
        return ""
    first = authors[0]
    if name := reference_display(first):
        return name
    target = text(first.get("reference"))
    if target.startswith("#"):
        for contained in dicts(resource.get("contained")):
            if contained.get("id") == target[1:]:
                return reference_display(contained.get("practitioner"))
    return ""


def _category(resource: Mapping[str, Any]) -> tuple[str, str]:
    for concept in dicts(resource.get("category")):
        for coding in dicts(concept.get("coding")):
            if coding.get("system") == NOTE_CATEGORY_SYSTEM and isinstance(coding.get("code"), str):
                return str(coding["code"]), concept_text(concept)
        if words := concept_text(concept):
            return "", words
    return "", ""


def _replaces(resource: Mapping[str, Any]) -> tuple[str, ...]:
    found = []
    for relation in dicts(resource.get("relatesTo")):
        target = relation.get("target")
        ref = text(target.get("reference")) if isinstance(target, Mapping) else ""
        if relation.get("code") == "replaces" and "/" in ref:
            found.append(ref.split("/_history/")[0].split("/")[-1])
    return tuple(found)


def _document_reference(resource: Mapping[str, Any]) -> ReadNote:
    texts: list[str] = []
    attachments: list[Attachment] = []
    for content in dicts(resource.get("content")):
        attachment = content.get("attachment")
        if not isinstance(attachment, Mapping):
            continue
        words, other = _attachment_text(attachment)
        if words:
            texts.append(words)
        if other is not None:
            attachments.append(other)
    context = resource.get("context")
    context_period = context.get("period") if isinstance(context, Mapping) else None
    observed = (
        parse_datetime(context_period.get("start")) if isinstance(context_period, Mapping) else None
    )
    written = parse_datetime(resource.get("date"))
    code, category_text = _category(resource)
    return ReadNote(
        id=text(resource.get("id")),
        resource_type="DocumentReference",
        status=text(resource.get("status")),
        category=code,
        category_text=category_text,
        title=text(resource.get("description")) or concept_text(resource.get("type")),
        text="\n\n".join(texts),
        written_at=written,
        observed_at=observed or written,
        author=_author(resource),
        replaces=_replaces(resource),
        attachments=tuple(attachments),
        amended=resource.get("docStatus") == "amended",
    )


def _section_lines(sections: Sequence[Mapping[str, Any]], lines: list[str]) -> None:
    for section in sections:
        title = text(section.get("title")) or concept_text(section.get("code"))
        narrative = section.get("text")
        div = narrative.get("div") if isinstance(narrative, Mapping) else None
        body = markup_to_text(div) if isinstance(div, str) else ""
        if title:
            lines.append(title)
        if body:
            lines.append(body)
        _section_lines(dicts(section.get("section")), lines)


def _composition(resource: Mapping[str, Any]) -> ReadNote:
    lines: list[str] = []
    _section_lines(dicts(resource.get("section")), lines)
    observed = None
    for event in dicts(resource.get("event")):
        event_period = event.get("period")
        if isinstance(event_period, Mapping):
            observed = parse_datetime(event_period.get("start"))
            break
    written = parse_datetime(resource.get("date"))
    code, category_text = _category(resource)
    return ReadNote(
        id=text(resource.get("id")),
        resource_type="Composition",
        status=text(resource.get("status")),
        category=code,
        category_text=category_text or concept_text(resource.get("type")),
        title=text(resource.get("title")),
        text="\n".join(lines),
        written_at=written,
        observed_at=observed or written,
        author=_author(resource),
        replaces=_replaces(resource),
        amended=resource.get("status") == "amended",
    )


def read_note(resource: Mapping[str, Any]) -> ReadNote | None:
    """The note ``resource`` holds, or None when it is neither a DocumentReference nor a
    Composition (or has no id)."""
    if not text(resource.get("id")):
        return None
    kind = resource.get("resourceType")
    if kind == "DocumentReference":
        return _document_reference(resource)
    if kind == "Composition":
        return _composition(resource)
    return None
